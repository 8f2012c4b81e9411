import LossAtlasCore
import LossAtlasIO
import LossAtlasParallel

/// The analysis of one view a caller chose (`lossatlas properties huber
/// --param delta=0.3 --arg y=5`): the same engine as the catalog's, on a
/// catalog view or on a view built on request.
public struct ChosenViewAnalysis: Sendable {
  public let parameters: ParameterValues
  public let resolved: ResolvedView
  public let properties: ViewProperties
  /// The catalog's declared properties checked against the computation;
  /// nil for a view built on request, which declares nothing.
  public let declared: [PropertyOutcome]?
  /// The floating-point facts of this view: everything for a function's
  /// primary view; for any other view the precision study alone (the
  /// naive formula, the depth simulation and the minimiser are defined on
  /// the primary view).
  public let facts: FunctionFacts
}

extension CatalogAnalysis {
  /// Analyses the chosen views, each at its parameter setting, on
  /// `threads` threads; results in input order. A function's primary view
  /// at its default parameters gets `primarySamples` samples, as in the
  /// catalog's run, so that the numbers agree with `properties` without
  /// options and with the manual.
  public static func run(
    _ spec: FunctionSpec, chosen: [(parameters: ParameterValues, view: ResolvedView)],
    options: AnalysisOptions = AnalysisOptions(), primarySamples: Int = 1_000_001, threads: Int = 2
  ) -> [ChosenViewAnalysis] {
    let slots = Slots<ChosenViewAnalysis>(count: chosen.count)
    parallelFor(chosen.count, threads: threads) { k in
      let (p, resolved) = chosen[k]
      let primary = resolved.catalogIndex == 0
      var o = options
      if primary && p == spec.defaultParameters { o.samples = max(o.samples, primarySamples) }
      let samples = ViewSamples(resolved.view, count: o.samples)
      let props = PropertyEngine.analyze(
        samples, functionID: spec.id, isLoss: spec.family.isLoss, parameters: p,
        viewIndex: resolved.catalogIndex ?? -1, options: o)
      let declared = resolved.catalogIndex.map { _ in DeclaredCheck.compare(resolved.view.declared, props) }
      let facts: FunctionFacts
      if primary {
        facts = Self.facts(spec, p)
      } else {
        let study = FloatingPointStudy.precisionFacts(ViewSamples(resolved.view, count: 4001))
        facts = FunctionFacts(
          depth: nil, gains: [], gainSimulations: [], precision: study.thresholds, exactTails: study.exact,
          naiveFailures: [], minimiser: nil)
      }
      slots[k] = ChosenViewAnalysis(parameters: p, resolved: resolved, properties: props, declared: declared, facts: facts)
    }
    return chosen.indices.map { slots[$0] }
  }
}

extension ChosenViewAnalysis {
  /// `{"params", "view", "catalog_view", "breakpoints_from", "properties",
  /// "declared", "facts"}`: `catalog_view` is the view's index among the
  /// catalog's, or null for a view built on request, whose `declared` is
  /// null (it declares nothing).
  public var json: JSONValue {
    .object([
      ("params", .object(parameters.values.keys.sorted().map { ($0, JSONValue.double(parameters[$0])) })),
      ("view", .string(resolved.view.label)),
      ("catalog_view", resolved.catalogIndex.map(JSONValue.integer) ?? .null),
      ("breakpoints_from", .string(resolved.breakpoints.rawValue)),
      ("properties", properties.json),
      (
        "declared",
        declared.map { outcomes in
          .array(
            outcomes.map { o in
              .object([
                ("property", .string(o.property)), ("declared", .string(o.declared)),
                ("computed", .string(o.computed)), ("passes", .bool(o.passes)),
              ])
            })
        } ?? .null
      ),
      ("facts", facts.json),
    ])
  }
}
