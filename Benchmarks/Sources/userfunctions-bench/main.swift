// User functions (issue 11): the compiled Double program against the same
// function hand-written in the catalog, and the numerical-safety analysis.
//
//   swift run -c release userfunctions-bench [points] [repeats]
//
// Sweep: value, derivative and second derivative (the Jet) of a user
// formula's view at 1,000,000 points over [-8, 8], against the catalog
// function it copies, one thread, min and median of `repeats` sweeps, both
// summed the same way so the work cannot be elided.
// Safety: wall time of SafetyAnalysis.analyze for a few formulas (one
// thread), and the inputs it checked.
import Foundation
import LossAtlasAnalysis
import LossAtlasCore

let points = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let repeats = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 7 : 7

func threadTime() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func measure(_ xs: [Double], _ f: (Double) -> Jet) -> (min: Double, median: Double, sum: Double) {
  var times: [Double] = []
  var sink = 0.0
  for _ in 0..<repeats {
    let start = threadTime()
    var acc = 0.0
    for x in xs {
      let j = f(x)
      acc += j.value + j.d1 + j.d2
    }
    times.append(Double(threadTime() - start) / Double(xs.count))
    sink += acc
  }
  times.sort()
  return (times[0], times[times.count / 2], sink)
}

/// (catalog id, the catalog's parameters, the user's copy, its arguments)
let copies: [(id: String, params: [String: Double], formula: String, arguments: [String])] = [
  ("softplus", [:], "max(x, 0) + log1p(exp(-abs(x)))", ["x"]),
  ("silu", [:], "x * sigmoid(x)", ["x"]),
  ("silu", ["beta": 1.702], "x * sigmoid(1.702 * x)", ["x"]),
  ("softsign", [:], "x / (1 + abs(x))", ["x"]),
  ("relu", [:], "max(x, 0)", ["x"]),
  ("tanh", [:], "tanh(x)", ["x"]),
  ("mse", [:], "(yhat - y)^2", ["yhat", "y"]),
  (
    "huber", [:], "where(abs(yhat - y) <= delta, 0.5 * (yhat - y)^2, delta * (abs(yhat - y) - 0.5 * delta))",
    ["yhat", "y", "delta"]
  ),
  ("log-cosh", [:], "abs(yhat - y) + log1p(exp(-2 * abs(yhat - y))) - log(2)", ["yhat", "y"]),
  ("gelu-tanh", [:], "gelu_tanh(x)", ["x"]),
  ("mish", [:], "x * tanh(softplus(x))", ["x"]),
]

var total = 0.0
print("| catalog id | user formula | catalog ns/point (min, median) | user ns/point (min, median) | ratio (min) | instructions, registers |")
print("| --- | --- | --- | --- | --- | --- |")
for copy in copies {
  let spec = try! Catalog.function(named: copy.id)
  let view = spec.views(try! spec.validateParameters(copy.params))[0]
  let step = 16.0 / Double(points - 1)
  let xs = (0..<points).map { -8 + Double($0) * step }
  let expression = try! UserExpression(ExpressionSource(copy.formula, file: "bench"), arguments: copy.arguments)
  var fixed = [Double](repeating: 0, count: copy.arguments.count)
  for (name, value) in view.fixed {
    if let i = copy.arguments.firstIndex(of: name), case .real(let v) = value { fixed[i] = v }
  }
  // huber's delta is written as an argument held at the catalog's default 1.
  if let i = copy.arguments.firstIndex(of: "delta") { fixed[i] = 1 }
  let program = expression.viewProgram(parameters: [], arguments: fixed, differentiatedIndex: 0)
  let catalog = measure(xs, view.evaluate)
  let user = measure(xs, { program.jet($0) })
  total += catalog.sum + user.sum
  print(
    "| \(copy.id)\(copy.params.isEmpty ? "" : " (" + copy.params.map { "\($0.key) = \($0.value)" }.joined() + ")") | `\(copy.formula)` | \(String(format: "%.1f, %.1f", catalog.min, catalog.median)) | "
      + "\(String(format: "%.1f, %.1f", user.min, user.median)) | \(String(format: "%.2fx", user.min / catalog.min)) | \(program.instructionCount), \(program.registerCount)\(program.isAllocationFree ? "" : " (allocates)") |")
}

print("")
print("| formula | safety analysis wall time (s) | inputs checked | stable |")
print("| --- | --- | --- | --- |")
for text in ["log(1 + exp(x))", "max(x, 0) + log1p(exp(-abs(x)))", "(exp(x) - 1) / x", "sqrt(x^2 + 1) - x", "x * sigmoid(1.702 * x)"] {
  let e = try! UserExpression(ExpressionSource(text, file: "bench"), arguments: ["x"])
  let start = Date()
  let report = SafetyAnalysis.analyze(e, parameters: [], arguments: [0], differentiatedIndex: 0, plotRange: -5...5)
  let seconds = Date().timeIntervalSince(start)
  print("| `\(text)` | \(String(format: "%.2f", seconds)) | \(report.checkedInputs) | \(report.stable) |")
}
if total == 42 { print("") }
