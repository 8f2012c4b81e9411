import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Issue 11's done-when: the properties of a user-written copy of catalog
/// functions against the catalog's own results, "same numbers, up to the
/// formula's own rounding". Each copy is the catalog's documented formula
/// (/work/shared/CATALOG.md, the catalog's `formula`) written in the
/// grammar, viewed exactly as the catalog's primary view (same argument,
/// plot range and fixed arguments), and analysed by the same engine
/// (`PropertyEngine.analyze`). Words and booleans must be equal; numbers
/// equal to 1e-9 relative (the two implementations round differently:
/// the catalog's stable kernels against the formula op by op).
@Suite struct CatalogCopyPropertyTests {
  /// (catalog id, family, arguments, formula, parameter declarations)
  static let copies: [(id: String, family: String, arguments: [String], formula: String, parameters: String)] = [
    ("relu", "activation", ["x"], "max(x, 0)", ""),
    ("softplus", "activation", ["x"], "max(x, 0) + log1p(exp(-abs(x)))", ""),
    ("softsign", "activation", ["x"], "x / (1 + abs(x))", ""),
    ("mse", "regression-loss", ["yhat", "y"], "(yhat - y)^2", ""),
    (
      "huber", "regression-loss", ["yhat", "y"],
      "where(abs(yhat - y) <= delta, 0.5 * (yhat - y)^2, delta * (abs(yhat - y) - 0.5 * delta))",
      "{delta: {default: 1, range: \"(0, inf)\"}}"
    ),
    ("hinge", "margin-loss", ["s", "y"], "max(0, 1 - y * s)", ""),
  ]

  static func pair(_ index: Int) throws -> (catalog: ViewProperties, user: ViewProperties) {
    let c = copies[index]
    let spec = try Catalog.function(named: c.id)
    let view = spec.primaryView
    var at: [String] = []
    for (name, value) in view.fixed {
      if case .real(let v) = value { at.append("\(name): \(v)") }
    }
    let yaml = """
      functions:
        - id: copy-of-\(c.id)
          family: \(c.family)
          arguments: [\(c.arguments.joined(separator: ", "))]
          value: "\(c.formula)"
      \(c.parameters.isEmpty ? "" : "    parameters: \(c.parameters)\n")\
          view: {over: \(view.argument), from: \(view.plotRange.lowerBound), to: \(view.plotRange.upperBound), at: {\(at.joined(separator: ", "))}}

      """
    let definition = try UserFunctionFile.parse(yaml, file: "copy.yaml")[0]
    let user = definition.spec
    let catalog = PropertyEngine.analyze(spec, parameters: spec.defaultParameters, viewIndex: 0)
    let copy = PropertyEngine.analyze(user, parameters: user.defaultParameters, viewIndex: 0)
    return (catalog, copy)
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    if a == b || (a.isNaN && b.isNaN) { return true }
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
  }

  static func close(_ a: Extremum, _ b: Extremum) -> Bool {
    close(a.value, b.value) && a.attained == b.attained
  }

  @Test func atLeastFiveCopies() { #expect(Self.copies.count >= 5) }

  @Test(arguments: 0..<copies.count)
  func copyHasTheCatalogsProperties(_ index: Int) throws {
    let id = Self.copies[index].id
    let (c, u) = try Self.pair(index)
    #expect(Self.close(c.infimum, u.infimum), "\(id) infimum \(c.infimum) vs \(u.infimum)")
    #expect(Self.close(c.supremum, u.supremum), "\(id) supremum \(c.supremum) vs \(u.supremum)")
    #expect(Self.close(c.maxAbsDerivative, u.maxAbsDerivative), "\(id) max |f'| \(c.maxAbsDerivative) vs \(u.maxAbsDerivative)")
    #expect(c.monotonic == u.monotonic, "\(id) monotonic")
    #expect(c.derivativeMonotonic == u.derivativeMonotonic, "\(id) f' monotonic")
    #expect(c.continuity == u.continuity, "\(id) continuity \(c.continuity) vs \(u.continuity)")
    #expect(c.convex == u.convex && c.concave == u.concave, "\(id) convexity")
    #expect(c.nonNegative == u.nonNegative, "\(id) non-negative")
    #expect(c.zeroAtCorrect == u.zeroAtCorrect, "\(id) zero at correct")
    #expect(c.gradientGrowth == u.gradientGrowth, "\(id) gradient growth")
    #expect(c.saturatesLeft == u.saturatesLeft && c.saturatesRight == u.saturatesRight, "\(id) saturation")
    #expect(c.deadRegions.map(\.interval.description) == u.deadRegions.map(\.interval.description), "\(id) dead regions")
    #expect(c.passesThroughOrigin == u.passesThroughOrigin, "\(id) origin")
    #expect(c.zeroCentered == u.zeroCentered, "\(id) zero-centred")
    if let a = c.meanOutput, let b = u.meanOutput {
      #expect(Self.close(a, b), "\(id) mean output \(a) vs \(b)")
    } else {
      #expect(c.meanOutput == nil && u.meanOutput == nil, "\(id) mean output")
    }
    #expect(c.extremes.map(\.x) == u.extremes.map(\.x), "\(id) extreme inputs")
    for (a, b) in zip(c.extremes, u.extremes) {
      #expect(Self.close(a.jet.value, b.jet.value) && Self.close(a.jet.d1, b.jet.d1), "\(id) at \(a.x): \(a.jet) vs \(b.jet)")
    }
  }
}
