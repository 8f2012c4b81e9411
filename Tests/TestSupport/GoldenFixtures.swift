import LossAtlasCore
import LossAtlasVerification

/// The two public golden-vector files of the oracle, copied unmodified into
/// `Tests/TestSupport/Fixtures`: `oracle-public.jsonl` (catalog part 1, 41
/// ids, 4,279 lines) and `oracle-public-2.jsonl` (catalog part 2, 29 ids,
/// 2,752 lines). Parsed once per test process.
public enum GoldenFixtures {
  /// The file names, part 1 first.
  public static let files = ["oracle-public.jsonl", "oracle-public-2.jsonl"]

  /// Every line of both files, in file order.
  public static let lines: [GoldenLine] = part1 + part2

  /// The lines of `oracle-public.jsonl`.
  public static let part1: [GoldenLine] = load(files[0])
  /// The lines of `oracle-public-2.jsonl`.
  public static let part2: [GoldenLine] = load(files[1])

  private static func load(_ name: String) -> [GoldenLine] {
    do {
      return try GoldenVectors.parse(Fixtures.text(name))
    } catch {
      fatalError("cannot read the golden vectors \(name): \(error)")
    }
  }
}
