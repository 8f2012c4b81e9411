import Foundation
import TestSupport
import Testing

/// A user function with no real value or an exact infinity at a point
/// inside its declared domain (the real line when none is given) is a
/// definition error: `properties`, `check` and `chart` refuse it before
/// any analysis with one line naming FILE:LINE, the point, the cause and a
/// fix, and write nothing to stdout. Functions defined on their whole
/// domain still analyse, and the gain model says it does not apply off the
/// real line.
///
/// Mutations tried: `definitionProblem` returning nil (the probe disabled)
/// fails every refusal test below but `engineMetProblem`; `MetProblems.record`
/// doing nothing fails `engineMetProblem`; `GradientGain.applies` returning
/// true fails `gainOffTheRealLine`.
@Suite struct UserFunctionDefinednessTests {
  static let functions = """
    functions:
      - id: lg
        arguments: [x]
        value: "log(x)"
      - id: lgd
        arguments: [x]
        value: "log(x)"
        domain: {x: '(0, inf)'}
      - id: inv
        arguments: [x]
        value: "1/x"
      - id: sgn
        arguments: [x]
        value: "abs(x)/x"
      - id: lll
        arguments: [x]
        value: "log(log(log(x)))"
      - id: cauchy
        arguments: [x]
        value: "1/(1 + x^2)"
      - id: naive-softplus
        arguments: [x]
        value: "log(1 + exp(x))"
      - id: xlogx
        arguments: [x]
        value: "x*log(x)"
        domain: {x: '(0, inf)'}
      - id: root
        arguments: [x]
        value: "sqrt(x)"
        domain: {x: '[0, inf)'}
      - id: step-log
        arguments: [x]
        value: "where(x >= 0.3125, log(x - 0.3125), 0)"
      - id: pole-in-domain
        arguments: [x]
        value: "1/(x^2 - 1)"
        domain: {x: '[-2, 2]'}
      - id: pole-outside
        arguments: [x]
        value: "1/(x^2 - 1)"
        domain: {x: '(-1, 1)'}

    """

  /// The line of `id:` in `functions` above (the definition's FILE:LINE).
  static func line(_ id: String) -> Int {
    functions.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("- id: \(id)") }! + 1
  }

  static func expectRefused(_ id: String, _ message: String, in file: String) throws {
    let expected = "error: \(file):\(line(id)): \(id): \(message)\n"
    for (command, status) in [(["properties", id], Int32(64)), (["chart", id, "--out", file + ".\(id).svg"], 64)] {
      let r = try BoundedRun.run(command + ["--functions", file], timeout: 60)
      #expect(!r.timedOut, "\(command) timed out")
      #expect(r.status == status, "\(command): \(r.summary)")
      #expect(r.stdout.isEmpty, "\(command)")
      #expect(r.stderr == expected, "\(command)")
      #expect(!FileManager.default.fileExists(atPath: file + ".\(id).svg"))
    }
  }

  @Test("log(x) on the real line: no real value at x = -1, refused before any analysis")
  func logOnRealLine() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    try Self.expectRefused(
      "lg",
      "log(x) has no real value at x = -1.0 (inside its domain, the real line): `log(x)` is log of -1.0; declare where it is defined, e.g. domain: {x: '(0, inf)'}",
      in: file)
  }

  @Test("1/x on the real line: a pole at 0; abs(x)/x: 0/0 at 0")
  func poles() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    try Self.expectRefused(
      "inv",
      "1/x is infinite at x = 0.0 (inside its domain, the real line): `1/x` divides by 0; declare where it is defined, e.g. domain: {x: '(0, inf)'}",
      in: file)
    try Self.expectRefused(
      "sgn",
      "abs(x)/x has no real value at x = 0.0 (inside its domain, the real line): `abs(x)/x` is 0/0; declare where it is defined, e.g. domain: {x: '(0, inf)'}",
      in: file)
    // A pole inside a declared domain: no interval suggested (the cause is
    // not the argument alone).
    try Self.expectRefused(
      "pole-in-domain",
      "1/(x^2 - 1) is infinite at x = -1.0 (inside its domain, [-2, 2]): `1/(x^2 - 1)` divides by 0; declare where it is defined: domain: {x: '(a, b)'} with an interval on which it has a real, finite value",
      in: file)
  }

  @Test("log(log(log(x))) without a domain is refused at once, not after minutes of exact re-evaluation")
  func nestedLogs() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    try Self.expectRefused(
      "lll",
      // The cause is log(x), but (0, inf) is not suggested: log(log(log(x)))
      // has no real value there either (it needs x > e).
      "log(log(log(x))) has no real value at x = -1.0 (inside its domain, the real line): `log(x)` is log of -1.0; declare where it is defined: domain: {x: '(a, b)'} with an interval on which it has a real, finite value",
      in: file)
  }

  @Test("check refuses a claim on a function not defined on its domain: exit 2, one line")
  func checkRefuses() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "claims.yaml",
      Self.functions + """
        claims:
          - id: inv-decreasing
            function: inv
            property: monotonic
            expect: decreasing

        """)
    let r = try BoundedRun.run(["check", file], timeout: 60)
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "error: \(file):\(Self.line("inv")): inv: 1/x is infinite at x = 0.0 (inside its domain, the real line): `1/x` divides by 0; declare where it is defined, e.g. domain: {x: '(0, inf)'}\n"
    )
  }

  /// A point the probe does not try (0.3125 is not on its grid of step
  /// 0.025, nor one of its fixed points) but the engine meets (the
  /// breakpoint of where()): the command refuses after the analysis with
  /// the same message instead of printing facts computed from -inf.
  @Test("A problem only the engine meets (a breakpoint) refuses the function after the analysis")
  func engineMetProblem() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    let r = try BoundedRun.run(["properties", "step-log", "--functions", file], timeout: 120)
    #expect(r.status == 64, "\(r.summary)")
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "error: \(file):\(Self.line("step-log")): step-log: where(x >= 0.3125, log(x - 0.3125), 0) is infinite at x = 0.3125 (inside its domain, the real line): `log(x - 0.3125)` is log of 0.0; declare where it is defined: domain: {x: '(a, b)'} with an interval on which it has a real, finite value\n"
    )
  }

  @Test("log(x) on (0, inf): the gain model and the depth study do not apply; no nan anywhere")
  func gainOffTheRealLine() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    let r = try BoundedRun.run(["properties", "lgd", "--functions", file], timeout: 120)
    #expect(r.status == 0, "\(r.summary)")
    let text = r.stdoutText
    #expect(
      text.contains(
        "  gradient gain    does not apply: the mean-field model draws h ~ N(0, q) on the whole real line; the function is defined on (0, inf)\n"
      ))
    #expect(
      text.contains(
        "  depth to vanish  does not apply: the study draws x ~ N(0, 1) on the whole real line; the function is defined on (0, inf)\n"))
    #expect(!text.contains("he: "))
    #expect(!text.contains("nan"))
    let json = try BoundedRun.run(["properties", "lgd", "--functions", file, "--json"], timeout: 120)
    #expect(json.status == 0)
    #expect(json.stdoutText.contains("\"applies\": false"))
    #expect(!json.stdoutText.contains("\"gain\":"))
    // check: a gain claim on it is a claim the engine cannot decide.
    let claims = try folder.write(
      "claims.yaml",
      Self.functions + """
        claims:
          - id: lgd-gain
            function: lgd
            property: gradient-gain
            expect: "< 1"

        """)
    let c = try BoundedRun.run(["check", claims], timeout: 60)
    #expect(c.status == 2, "\(c.summary)")
    #expect(c.stderr.contains("gradient-gain is defined for activations on the whole real line"), "\(c.stderr)")
  }

  /// The first number after `prefix` on the line that starts with it.
  static func number(after prefix: String, in text: String) -> Double? {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
    let rest = line.dropFirst(prefix.count).drop { $0 == " " }
    return Double(rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ")" })
  }

  @Test("Functions defined on their whole domain still analyse; one fact each against an independent calculation")
  func definedFunctionsAnalyse() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("f.yaml", Self.functions)
    func properties(_ id: String) throws -> String {
      let r = try BoundedRun.run(["properties", id, "--functions", file], timeout: 300)
      #expect(r.status == 0, "\(id): \(r.summary)")
      // No fact about the function is nan. (The formula-as-written table
      // and the safety report may say that Double gives nan: that is a fact
      // about the formula, with its exact value beside it.)
      for line in r.stdoutText.split(separator: "\n")
      where ["  range", "  mean output", "  gradient gain", "  extremes  "].contains(where: { line.hasPrefix($0) }) {
        #expect(!line.contains("nan"), "\(id): \(line)")
      }
      return r.stdoutText
    }
    // E[1/(1 + X^2)], X ~ N(0, 1) = sqrt(pi/2) e^(1/2) erfc(1/sqrt(2)).
    let cauchy = try properties("cauchy")
    let mean = (Double.pi / 2).squareRoot() * exp(0.5) * erfc(1 / 2.0.squareRoot())
    let printed = try #require(Self.number(after: "  mean output", in: cauchy))
    #expect(abs(printed - mean) <= 1e-12 * mean, "\(printed) vs \(mean)")
    // log(1 + exp(x)) at x = 1000 is 1000 + log1p(e^-1000) = 1000 in Double
    // (an overflow of exp, not a pole: no refusal).
    let softplus = try properties("naive-softplus")
    #expect(softplus.contains("1000.0: 1000.0"), "\(softplus)")
    // x log x on (0, inf): f'' = 1/x > 0, convex. (Its range is still
    // printed wrong, -inf toward 0 where the limit is 0: an open-end limit
    // bug of the engine that predates this suite, reported, not pinned.)
    let xlogx = try properties("xlogx")
    #expect(xlogx.contains("  convex/concave   true/false"), "\(xlogx)")
    // sqrt on [0, inf): f' is infinite at the closed end 0 (allowed), f(0) = 0.
    let root = try properties("root")
    #expect(root.contains("  range            0.0 (attained, at x = 0.0)"), "\(root)")
    // 1/(x^2 - 1) on (-1, 1): its poles are the open ends, not refused;
    // f'' = (6x^2 + 2)/(x^2 - 1)^3 < 0 there: concave. (Its range is still
    // printed wrong, the open-end limit bug above.)
    let inside = try properties("pole-outside")
    #expect(inside.contains("  convex/concave   false/true"), "\(inside)")
  }
}
