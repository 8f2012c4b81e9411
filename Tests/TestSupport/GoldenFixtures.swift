import Foundation
import LossAtlasCore
import LossAtlasVerification

/// The two public golden-vector files of the oracle, copied unmodified into
/// `data/oracle` (the product reads them too: GoldenVectors.shippedFiles):
/// `public.jsonl` (catalog part 1, 41 ids, 4,279 lines) and `public-2.jsonl`
/// (catalog part 2, 29 ids, 2,752 lines). Parsed once per test process.
public enum GoldenFixtures {
  /// The folder, `data/oracle` in the repository.
  public static let directory: URL = Fixtures.repositoryRoot.appendingPathComponent("data/oracle")

  /// The file names, part 1 first.
  public static let files = ["public.jsonl", "public-2.jsonl"]

  public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  public static func text(_ name: String) throws -> String {
    try String(contentsOf: url(name), encoding: .utf8)
  }

  /// Every line of both files, in file order.
  public static let lines: [GoldenLine] = part1 + part2

  /// The lines of `public.jsonl`.
  public static let part1: [GoldenLine] = load(files[0])
  /// The lines of `public-2.jsonl`.
  public static let part2: [GoldenLine] = load(files[1])

  private static func load(_ name: String) -> [GoldenLine] {
    do {
      return try GoldenVectors.parse(text(name))
    } catch {
      fatalError("cannot read the golden vectors \(name): \(error)")
    }
  }
}
