@testable import LossAtlasCore
import TestSupport
import Testing

/// Checks that hold for every function of the catalog: the views agree with
/// the general evaluator, derivatives agree with finite differences, no NaN
/// anywhere in the domain, and the metadata is complete.
@Suite struct CatalogConsistencyTests {
  static let specs = Catalog.all.map(\.id)

  /// Points in a view's plot range, plus far-out points, avoiding breakpoints
  /// by at least `margin`.
  static func samplePoints(_ view: ScalarView, margin: Double) -> [Double] {
    let lo = view.plotRange.lowerBound
    let hi = view.plotRange.upperBound
    var xs = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
    xs = xs.filter { x in view.domain.contains(x) && view.breakpoints.allSatisfy { abs(x - $0) > margin } }
    return xs
  }

  /// Extreme inputs that must never produce NaN.
  static func extremePoints(_ view: ScalarView) -> [Double] {
    let candidates: [Double] = [
      0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 1, -1, 36, -36, 40, -40, 709.78, -709.78, 745.2, -745.2,
      1e3, -1e3, 1e10, -1e10, 1e154, -1e154, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ] + view.breakpoints + view.breakpoints.map { $0.nextUp } + view.breakpoints.map { $0.nextDown }
    var xs = candidates.filter { view.domain.contains($0) }
    if view.domain.lower.isFinite && view.domain.lowerClosed { xs.append(view.domain.lower) }
    if view.domain.upper.isFinite && view.domain.upperClosed { xs.append(view.domain.upper) }
    return xs
  }

  @Test("each view agrees with the general evaluator", arguments: specs)
  func viewsMatchEvaluate(id: String) throws {
    let spec = try Catalog.function(named: id)
    for params in parameterSettings(spec) {
      for view in spec.views(params) {
        for x in Self.samplePoints(view, margin: 0) + Self.extremePoints(view) {
          var args = Dictionary(uniqueKeysWithValues: view.fixed.map { ($0.name, $0.value) })
          guard let arg = spec.arguments.first(where: { $0.name == view.argument }), arg.kind == .real else {
            continue  // 1-D slices of vector functions are checked by their family's tests
          }
          args[view.argument] = .real(x)
          let e = try spec.evaluate(parameters: params.values, arguments: args)
          let j = view.evaluate(x)
          #expect(
            e.value.scalarValue.map { $0 == j.value || ($0.isNaN && j.value.isNaN) } == true,
            "\(id) \(params) \(view.label) x = \(x): evaluate \(e.value) vs view \(j.value)")
          #expect(
            e.gradient(view.argument)?.scalarValue == j.d1,
            "\(id) \(params) \(view.label) x = \(x): evaluate grad \(String(describing: e.gradient(view.argument))) vs view \(j.d1)")
        }
      }
    }
  }

  @Test("gelu's wide jet times an infinite or NaN factor (geglu's a) is the plain jet times it, without a trap")
  func geluWideInfiniteFactor() {
    for x in [-30.0, -7, 7, 30] {
      let plain = GELU.jetWide(x)
      for c in [Double.infinity, -.infinity] {
        let j = GELU.jetWide(x, times: c)
        #expect(j.value == c * plain.value && j.d1 == c * plain.d1, "x = \(x), c = \(c)")
      }
      #expect(GELU.jetWide(x, times: .nan).value.isNaN)
    }
    #expect(GELU.jet(.nan).value.isNaN && GELU.jet(.nan).d1.isNaN && GELU.jet(.nan).d2.isNaN)
  }

  @Test("no NaN in any view, at any point of its domain", arguments: specs)
  func noNaN(id: String) throws {
    let spec = try Catalog.function(named: id)
    for params in parameterSettings(spec) {
      for view in spec.views(params) {
        for x in Self.samplePoints(view, margin: 0) + Self.extremePoints(view) {
          let j = view.evaluate(x)
          #expect(
            !j.value.isNaN && !j.d1.isNaN && !j.d2.isNaN,
            "\(id) \(params) \(view.label) x = \(x): \(j)")
        }
      }
    }
  }

  @Test("f' and f'' agree with Richardson central differences away from breakpoints", arguments: specs)
  func derivativesMatchFiniteDifferences(id: String) throws {
    let spec = try Catalog.function(named: id)
    for params in parameterSettings(spec) {
      for view in spec.views(params) {
        let width = view.plotRange.upperBound - view.plotRange.lowerBound
        let h = 1e-3 * width / 20
        for x in Self.samplePoints(view, margin: 8 * h) where view.domain.contains(x - 4 * h) && view.domain.contains(x + 4 * h) {
          let j = view.evaluate(x)
          let d1 = NumericalDerivative.richardson({ view.evaluate($0).value }, at: x, step: h)
          let d2 = NumericalDerivative.richardson({ view.evaluate($0).d1 }, at: x, step: h)
          // Tolerances: the extrapolated difference is accurate to about
          // 1e-9 relative for these step sizes; the value's own rounding
          // (~1e-16 * |f| / h) sets the absolute floor.
          let floor1 = 1e-7 * max(1, abs(j.value))
          let floor2 = 1e-6 * max(1, abs(j.d1))
          #expect(
            NumericalDerivative.agree(j.d1, d1, relative: 1e-6, absolute: floor1),
            "\(id) \(params) \(view.label) x = \(x): f' = \(j.d1), numeric \(d1)")
          #expect(
            NumericalDerivative.agree(j.d2, d2, relative: 1e-5, absolute: floor2),
            "\(id) \(params) \(view.label) x = \(x): f'' = \(j.d2), numeric \(d2)")
        }
      }
    }
  }

  @Test("metadata is complete", arguments: specs)
  func metadata(id: String) throws {
    let spec = try Catalog.function(named: id)
    #expect(!spec.name.isEmpty && !spec.summary.isEmpty && !spec.implementationNote.isEmpty)
    #expect(Set(spec.conventions.map(\.framework)) == Set(Framework.allCases), "\(id): one convention line per framework")
    #expect(!spec.references.isEmpty, "\(id): at least one reference")
    #expect(!spec.views(spec.defaultParameters).isEmpty, "\(id): at least one view")
    for p in spec.parameters {
      #expect(p.range.contains(p.defaultValue), "\(id).\(p.name): default inside range")
      #expect(p.grid.allSatisfy(p.range.contains), "\(id).\(p.name): grid inside range")
      #expect(p.grid.contains(p.defaultValue), "\(id).\(p.name): grid holds the default")
    }
  }

  @Test("figure hints name the function's own parameters, values in their ranges, and catalog functions", arguments: specs)
  func figureHints(id: String) throws {
    let spec = try Catalog.function(named: id)
    if let family = spec.figures.family {
      let p = try #require(spec.parameters.first { $0.name == family.parameter }, "\(id): no parameter \(family.parameter)")
      #expect((family.values ?? p.grid).allSatisfy(p.range.contains), "\(id): a family value outside \(p.range)")
      if let limit = family.limit { #expect(throws: Never.self) { try Catalog.function(named: limit.id) } }
    }
    if let figure = spec.figures.trueClassProbability {
      let p = try #require(spec.parameters.first { $0.name == figure.parameter })
      #expect(figure.values.allSatisfy(p.range.contains))
      for v in figure.values {
        let params = try spec.validateParameters(figure.fixed.merging([figure.parameter: v]) { $1 })
        // The figure draws the view with y = 1 along the logit.
        #expect(spec.views(params).contains { $0.fixed.contains { $0.name == "y" && $0.value == .real(1) } })
      }
    }
  }

  @Test func idsAreUniqueAndAliasesResolve() throws {
    #expect(Set(Catalog.ids).count == Catalog.ids.count)
    #expect(Catalog.nameClashes(in: Catalog.all).isEmpty, "\(Catalog.nameClashes(in: Catalog.all))")
    for spec in Catalog.all {
      for alias in spec.aliases {
        #expect(try Catalog.function(named: alias).id == spec.id)
      }
    }
  }
}

extension CatalogConsistencyTests {
  /// A copy of `spec` under another id with the given aliases.
  static func renamed(_ spec: FunctionSpec, id: String, aliases: [String]) -> FunctionSpec {
    FunctionSpec(
      id: id, name: spec.name, family: spec.family, aliases: aliases, summary: spec.summary,
      parameters: spec.parameters, arguments: spec.arguments, differentiable: spec.differentiable,
      evaluate: { p, a throws(CatalogError) in try spec.evaluate(p, a) }, views: spec.views, formula: spec.formula,
      naive: spec.naive, implementationNote: spec.implementationNote, conventions: spec.conventions,
      references: spec.references)
  }

  /// The registry check catches what would make a function unreachable by
  /// one of its names: a function registered twice, an alias equal to
  /// another id (compared as user input is: case-folded, `_` as `-`), an
  /// alias shared by two functions.
  @Test func theRegistryCheckCatchesNamesUsedTwice() throws {
    let relu = try Catalog.function(named: "relu")
    let gelu = try Catalog.function(named: "gelu")
    #expect(Catalog.nameClashes(in: Catalog.all + [relu]).contains("'relu' is a name of relu and relu"))
    let shadow = Self.renamed(gelu, id: "gelu-copy", aliases: ["Leaky_ReLU"])
    #expect(Catalog.nameClashes(in: Catalog.all + [shadow]) == ["'leaky-relu' is a name of leaky-relu and gelu-copy"])
    let sharedAlias = Self.renamed(gelu, id: "gelu-copy", aliases: ["gelu-erf"])
    #expect(Catalog.nameClashes(in: Catalog.all + [sharedAlias]) == ["'gelu-erf' is a name of gelu and gelu-copy"])
  }
}

/// Every parameter setting of a spec's grid (the cartesian product).
func parameterSettings(_ spec: FunctionSpec) -> [ParameterValues] {
  var settings: [[String: Double]] = [[:]]
  for p in spec.parameters {
    settings = settings.flatMap { s in p.grid.map { v in s.merging([p.name: v]) { $1 } } }
  }
  return settings.map(ParameterValues.init)
}
