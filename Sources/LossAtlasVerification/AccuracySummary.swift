import LossAtlasCore

/// How one function fares on the golden vectors under the accuracy rule.
public struct AccuracySummary: Sendable {
  public var id: String
  public var lines = 0
  public var components = 0
  /// The worst error in ulp among components that pass by the 4-ulp clause.
  public var worstUlp = 0.0
  /// Where the worst error is (coordinates and component path).
  public var worstAt = ""
  /// Components that pass only through the backward-stable `2 sens` clause.
  public var neededSens = 0
  /// Every failing component, with its coordinates.
  public var failures: [String] = []

  public init(id: String) { self.id = id }
}

extension GoldenVectors {
  /// Evaluates every golden line of `id` with the catalog and decides every
  /// component with the accuracy rule.
  public static func summarize(_ lines: [GoldenLine], id: String) -> AccuracySummary {
    var summary = AccuracySummary(id: id)
    // Every line looked at has this id: one look-up, not one per line.
    let spec = Result { () throws(CatalogError) in try Catalog.function(named: id) }
    // The worst component's place, spelled out once at the end.
    var worst: (line: GoldenLine, path: String)?
    for line in lines where line.id == id {
      summary.lines += 1
      let evaluation: Evaluation
      do {
        evaluation = try spec.get().evaluate(parameters: line.parameters, arguments: line.arguments)
      } catch {
        summary.failures.append("line \(line.lineNumber) \(line.coordinates): threw \(error)")
        continue
      }
      for c in line.components {
        summary.components += 1
        guard let computed = component(c.path, of: evaluation) else {
          summary.failures.append("line \(line.lineNumber) \(line.coordinates): no component \(c.path)")
          continue
        }
        let outcome = AccuracyRule.check(computed: computed, exactText: c.exact, sensText: c.sens)
        if outcome.neededSens { summary.neededSens += 1 }
        if !outcome.neededSens && outcome.passes && outcome.ulpError > summary.worstUlp {
          summary.worstUlp = outcome.ulpError
          worst = (line, c.path)
        }
        if !outcome.passes {
          summary.failures.append(
            "line \(line.lineNumber) \(line.coordinates) \(c.path): computed \(formatValue(computed)), exact \(c.exact), "
              + "\(outcome.ulpError) ulp, sens \(c.sens)")
        }
      }
    }
    if let worst { summary.worstAt = "\(worst.line.coordinates) \(worst.path)" }
    return summary
  }

  /// The ids of `lines`, in first-appearance order.
  public static func ids(_ lines: [GoldenLine]) -> [String] {
    var seen: [String] = []
    var set = Set<String>()
    for line in lines where set.insert(line.id).inserted { seen.append(line.id) }
    return seen
  }
}
