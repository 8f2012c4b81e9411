import LossAtlasCore
import TestSupport
import Testing

/// Holds every value and derivative component of the catalog against the
/// 50-digit golden vectors (`oracle-public.jsonl`, copied unmodified from
/// the project's oracle) under the accuracy rule of CATALOG.md.
@Suite struct GoldenVectorTests {
  static let lines: [GoldenLine] = {
    do {
      return try GoldenVectors.parse(Fixtures.text("oracle-public.jsonl"))
    } catch {
      fatalError("cannot read the golden vectors: \(error)")
    }
  }()

  static let ids: [String] = {
    var seen: [String] = []
    for line in lines where !seen.contains(line.id) { seen.append(line.id) }
    return seen
  }()

  /// Per-id summary: lines, components, worst ulp, components that needed
  /// the sens clause, failures (with their coordinates).
  struct Summary {
    var lines = 0
    var components = 0
    var worstUlp = 0.0
    var worstAt = ""
    var neededSens = 0
    var failures: [String] = []
  }

  static func check(_ id: String) -> Summary {
    var summary = Summary()
    for line in lines where line.id == id {
      summary.lines += 1
      let evaluation: Evaluation
      do {
        let spec = try Catalog.function(named: line.id)
        evaluation = try spec.evaluate(parameters: line.parameters, arguments: line.arguments)
      } catch {
        summary.failures.append("line \(line.lineNumber) \(line.coordinates): threw \(error)")
        continue
      }
      for c in line.components {
        summary.components += 1
        guard let computed = GoldenVectors.component(c.path, of: evaluation) else {
          summary.failures.append("line \(line.lineNumber) \(line.coordinates): no component \(c.path)")
          continue
        }
        let outcome = AccuracyRule.check(computed: computed, exactText: c.exact, sensText: c.sens)
        if outcome.neededSens { summary.neededSens += 1 }
        if !outcome.neededSens && outcome.ulpError > summary.worstUlp {
          summary.worstUlp = outcome.ulpError
          summary.worstAt = "\(line.coordinates) \(c.path)"
        }
        if !outcome.passes {
          summary.failures.append(
            "line \(line.lineNumber) \(line.coordinates) \(c.path): computed \(formatValue(computed)), exact \(c.exact), "
              + "\(outcome.ulpError) ulp, sens \(c.sens)")
        }
      }
    }
    return summary
  }

  @Test("every catalog id has golden vectors, and every golden id is in the catalog")
  func coverage() {
    #expect(Set(Self.ids) == Set(Catalog.ids), "golden ids and catalog ids differ")
    #expect(Self.lines.count == 4279, "the fixture is the unmodified public oracle (4279 lines)")
  }

  @Test("accuracy rule on every golden line", arguments: ids)
  func accuracy(id: String) {
    let s = Self.check(id)
    print(
      "golden \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) lines \(s.lines) components \(s.components) "
        + "worst \(s.worstUlp) ulp (\(s.worstAt)); sens clause \(s.neededSens); failures \(s.failures.count)")
    #expect(s.lines > 0)
    #expect(s.failures.count == 0, Comment(rawValue: "\(s.failures.count) failures:\n" + s.failures.prefix(25).joined(separator: "\n")))
  }
}
