import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The `functions:` section of claim files (issue 11's schema), with every
/// error at FILE:LINE:COLUMN.
@Suite struct DefinitionFileTests {
  static let example = """
    functions:
      - id: my-cauchy                 # must not clash with a catalog id or alias
        name: "Cauchy loss"           # optional display name
        family: regression-loss
        arguments: [yhat, y]          # scalar arguments, in order
        differentiate: [yhat]         # optional; default: the first argument
        domain: {y: "(-inf, inf)"}    # optional intervals per argument; default all reals
        parameters: {c: {default: 1, range: "(0, inf)"}}
        value: "log(1 + ((yhat - y) / c)^2)"
        view: {over: yhat, from: -5, to: 5, at: {y: 0}}
    claims:
      - id: cauchy-bounded
        function: my-cauchy
        property: gradient-bounded
        expect: true
    """

  @Test func theIssuesExampleReads() throws {
    let defs = try UserFunctionFile.parse(Self.example, file: "ex.yaml")
    #expect(defs.count == 1)
    let d = defs[0]
    #expect(d.id == "my-cauchy" && d.name == "Cauchy loss" && d.family == .regressionLoss)
    #expect(d.arguments == ["yhat", "y"] && d.differentiate == ["yhat"])
    #expect(d.domain["y"] == .realLine)
    #expect(d.parameters == [UserParameter(name: "c", defaultValue: 1, range: RealInterval(0, .infinity, lowerClosed: false))])
    #expect(d.view == UserView(over: "yhat", from: -5, to: 5, at: ["y": 0]))
    #expect(d.line == 2)
    // The formula is differentiated: at yhat = 1, y = 0, c = 1, f' = 2r/(c^2 + r^2) = 1.
    let t = DoubleTrace(d.value, arguments: [1, 0], parameters: [1]).values
    #expect(t[d.value.gradient[0]] == 1)
  }

  @Test func defaultsApply() throws {
    let defs = try UserFunctionFile.parse("functions:\n  - id: sq\n    arguments: [x]\n    value: x^2\n", file: "f")
    #expect(defs[0].family == .other && defs[0].differentiate == ["x"] && defs[0].name == "sq")
    #expect(defs[0].view == UserView(over: "x", from: -5, to: 5, at: [:]))
  }

  static func error(_ yaml: String) -> ExpressionError? {
    do {
      _ = try UserFunctionFile.parse(yaml, file: "f.yaml")
      return nil
    } catch {
      return error
    }
  }

  @Test func errorsCarryLineAndColumn() {
    // An expression error points inside the quotes: column 13 is 'e' of expp.
    let e = Self.error("functions:\n  - id: f\n    arguments: [x]\n    value: \"log(expp(x))\"\n")!
    #expect(e.headline == "f.yaml:4:17: unknown function 'expp'; did you mean 'exp' or 'expit' or 'expm1'?")
    #expect(e.sourceLine == "    value: \"log(expp(x))\"")
    // A plain scalar: no quote to skip.
    let p = Self.error("functions:\n  - id: f\n    arguments: [x]\n    value: log(x) + zz\n")!
    #expect(p.line == 4 && p.column == 21)  // "    value: log(x) + " is 20 columns
  }

  @Test func idsMustNotClash() {
    #expect(Self.error("functions:\n  - id: softplus\n    arguments: [x]\n    value: x\n")!.headline
      == "f.yaml:2:9: the id 'softplus' is the catalog function softplus; choose another id")
    #expect(Self.error("functions:\n  - id: swish\n    arguments: [x]\n    value: x\n")!.message
      == "the id 'swish' is an alias of the catalog function silu; choose another id")
    #expect(Self.error("functions:\n  - id: a\n    arguments: [x]\n    value: x\n  - id: a\n    arguments: [x]\n    value: x\n")!.headline
      == "f.yaml:5:9: the id 'a' is defined twice")
  }

  @Test func schemaErrors() {
    #expect(Self.error("functions:\n  - id: f\n    argument: [x]\n    value: x\n")!.message
      == "unknown key 'argument'; allowed: id, name, family, arguments, differentiate, domain, parameters, value, view")
    #expect(Self.error("functions:\n  - id: f\n    family: loss\n    arguments: [x]\n    value: x\n")!.message
      == "unknown family 'loss'; allowed: activation, regression-loss, margin-loss, probabilistic-loss, other")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [x]\n    differentiate: [y]\n    value: x\n")!.message
      == "'y' in 'differentiate' is not an argument (x)")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [x]\n")!.message == "function 'f' needs a 'value' (the formula, as a string)")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [x, pi]\n    value: x\n")!.message
      == "'pi' is the constant pi and cannot name an argument or a parameter")
  }

  @Test func emptyDomainAndRanges() {
    let e = Self.error("functions:\n  - id: f\n    arguments: [x]\n    domain: {x: \"(1, 1)\"}\n    value: x\n")!
    #expect(e.headline == "f.yaml:4:18: the interval (1, 1) is empty: it holds no number")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [x]\n    parameters: {c: {default: -1, range: \"(0, inf)\"}}\n    value: x * c\n")!.message
      == "the default -1.0 of c is outside its range (0, inf)")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [p]\n    domain: {p: \"(0, 1)\"}\n    view: {from: 2, to: 3}\n    value: log(p)\n")!.message
      == "the view [2.0, 3.0] of p lies outside its domain (0, 1)")
    #expect(Self.error("functions:\n  - id: f\n    arguments: [s, y]\n    domain: {y: \"[1, 2]\"}\n    value: s * y\n")!.message
      == "the view holds y at 0.0, outside its domain [1, 2]; give view.at.y")
  }

  /// A view beyond ±1e300 (or infinite) is refused where it is read: the
  /// analysis samples a width beyond each end, which overflowed to NaN and
  /// crashed `check` (session 24: `from: -inf` and `from: -1e308, to: 1e308`).
  @Test func viewEndsStayWithinTheAnalysedRange() throws {
    func view(_ from: String, _ to: String) -> String {
      "functions:\n  - id: f\n    arguments: [x]\n    view: {from: \(from), to: \(to)}\n    value: x\n"
    }
    #expect(Self.error(view("-inf", "0"))!.message == "view.from must be a finite number between -1e300 and 1e300, not -inf")
    #expect(Self.error(view("-1e308", "1e308"))!.headline
      == "f.yaml:4:18: view.from must be a finite number between -1e300 and 1e300, not -1e+308")
    #expect(Self.error(view("0", "2e300"))!.message
      == "view.to must be a finite number between -1e300 and 1e300, not 2e+300")
    let widest = try UserFunctionFile.parse(view("-1e300", "1e300"), file: "f")
    #expect(widest[0].view == UserView(over: "x", from: -1e300, to: 1e300, at: [:]))
  }

  /// The issue's Cauchy loss as written is not evaluation-stable: near r = 0,
  /// 1 + r^2 rounds (log of a rounded 1: log1p would not), and beyond
  /// |r| = 1.3407807929942597e154 r^2 overflows (derive.py, the x^2 edge:
  /// (yhat - 0) / 1 is yhat exactly).
  @Test func definitionViewIsAnalysed() throws {
    let d = try UserFunctionFile.parse(Self.example, file: "ex.yaml")[0]
    let program = d.viewProgram()
    #expect(program.jet(1) == Jet(value: log(2), d1: 1, d2: 0))
    let report = d.safetyReport()
    #expect(!report.stable)
    let value = report.findings.filter { $0.component == .value }
    #expect(value.contains { $0.cause == .logOfRoundedOne && $0.start > 0 && $0.end < 1e-3 })
    #expect(value.contains { $0.firstFailure == 1.3407807929942597e+154 && $0.cause == .overflow })
  }
}
