// Prints the jets of one catalog function at the points read from stdin,
// for accuracy checks of a tuned kernel against an independent reference
// (Benchmarks/kernels/check.py runs it and compares with mpmath).
//
//   jet-dump view <id> [view-index] [name=value ...]   # stdin: x per line
//       prints: x value f' f''          (the view's Jet)
//   jet-dump eval <id> <arg> [name=value ...]          # stdin: the arguments of one
//       point per line, e.g. `yhat=0.5 y=2` (a vector as s=1,2,3); prints:
//       value gradient... (the gradient of <arg>, in order)
//
// Numbers are printed with 17 significant digits (they read back exactly);
// parameters `name=value` override the defaults.
import Foundation
import LossAtlasCore

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("jet-dump: \(message)\n".utf8))
  exit(2)
}

func show(_ x: Double) -> String { String(format: "%.17g", x) }

let args = CommandLine.arguments
guard args.count >= 3, ["view", "eval"].contains(args[1]) else {
  fail("usage: jet-dump view <id> [view-index] [name=value ...] | jet-dump eval <id> <arg> [name=value ...]")
}
let spec: FunctionSpec
do { spec = try Catalog.function(named: args[2]) } catch { fail(error.message) }
var rest = Array(args.dropFirst(3))
var index = 0
var argument = ""
if args[1] == "view", let first = rest.first, let i = Int(first) {
  index = i
  rest.removeFirst()
} else if args[1] == "eval" {
  guard let first = rest.first else { fail("eval needs the argument whose gradient to print") }
  argument = first
  rest.removeFirst()
}
var given: [String: Double] = [:]
for pair in rest {
  let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
  guard parts.count == 2, let v = Double(parts[1]) else { fail("bad parameter \(pair): expected name=value") }
  given[parts[0]] = v
}
let parameters: ParameterValues
do { parameters = try spec.validateParameters(given) } catch { fail(error.message) }

if args[1] == "view" {
  let views = spec.views(parameters)
  guard index >= 0 && index < views.count else { fail("\(spec.id) has \(views.count) views") }
  let f = views[index].evaluate
  while let line = readLine() {
    guard let x = Double(line.trimmingCharacters(in: .whitespaces)) else {
      print("error unreadable line")
      continue
    }
    let j = f(x)
    print("\(show(x)) \(show(j.value)) \(show(j.d1)) \(show(j.d2))")
  }
} else {
  while let line = readLine() {
    // One output line per input line (an unreadable one prints `error`), so
    // that the caller can pair them. Numbers go through Double(String),
    // which rounds correctly (Foundation's JSON reader does not always).
    var values: [String: ArgumentValue] = [:]
    var readable = true
    for token in line.split(separator: " ") {
      let parts = token.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { readable = false; break }
      let numbers = parts[1].split(separator: ",").map { Double(String($0)) }
      guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { readable = false; break }
      values[parts[0]] = numbers.count == 1 ? .real(numbers[0]!) : .vector(numbers.map { $0! })
    }
    guard readable else {
      print("error unreadable line")
      continue
    }
    do {
      let e = try spec.evaluate(parameters: given, arguments: values)
      var out = [String]()
      if case .scalar(let v) = e.value { out.append(show(v)) }
      for g in e.gradient where g.name == argument {
        switch g.tensor {
        case .scalar(let v): out.append(show(v))
        case .vector(let v): out += v.map(show)
        case .matrix(let m): out += m.flatMap { $0.map(show) }
        }
      }
      print(out.joined(separator: " "))
    } catch {
      print("error \(error.message)")
    }
  }
}
