import LossAtlasCore
import TestSupport
import Testing

/// Holds every value and derivative component of the catalog against the
/// 50-digit golden vectors (`oracle-public.jsonl`, copied unmodified from
/// the project's oracle) under the catalog's accuracy rule (see AccuracyRule).
@Suite struct GoldenVectorTests {
  static let lines: [GoldenLine] = {
    do {
      return try GoldenVectors.parse(Fixtures.text("oracle-public.jsonl"))
    } catch {
      fatalError("cannot read the golden vectors: \(error)")
    }
  }()

  static let ids: [String] = GoldenVectors.ids(lines)

  @Test("every catalog id has golden vectors, and every golden id is in the catalog")
  func coverage() {
    #expect(Set(Self.ids) == Set(Catalog.ids), "golden ids and catalog ids differ")
    #expect(Self.lines.count == 4279, "the fixture is the unmodified public oracle (4279 lines)")
  }

  @Test("accuracy rule on every golden line", arguments: ids)
  func accuracy(id: String) {
    let s = GoldenVectors.summarize(Self.lines, id: id)
    print(
      "golden \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) lines \(s.lines) components \(s.components) "
        + "worst \(s.worstUlp) ulp (\(s.worstAt)); sens clause \(s.neededSens); failures \(s.failures.count)")
    #expect(s.lines > 0)
    #expect(s.failures.count == 0, Comment(rawValue: "\(s.failures.count) failures:\n" + s.failures.prefix(25).joined(separator: "\n")))
  }
}
