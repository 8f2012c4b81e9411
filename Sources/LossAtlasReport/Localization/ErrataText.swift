import LossAtlasResources

/// The manual's words on each entry of the seed article's errata, as
/// strings-table entries: the English from the `errata:` section of
/// `claims/article.yaml` (its single source), the Chinese from
/// `templates/strings/zh/errata.yaml`, under the same keys.
///
/// The keys of an entry `<id>` (A01 ... A27):
///
/// | key                       | English source |
/// |---------------------------|----------------|
/// | `errata.<id>.section`     | `section`: the article's section the quote is from |
/// | `errata.<id>.gloss`       | `gloss`: what the quote says (in English, a translation) |
/// | `errata.<id>.verdict`     | `verdict`: the errata's verdict on it, e.g. `misleading` |
/// | `errata.<id>.correction`  | `correction`: what is right, in the manual's own words |
///
/// The `quote` is never in the table: it is the article's own words, printed
/// as they are in both editions. Evidence, figures and links are not text.
public enum ErrataText {
  /// The file the English comes from.
  public static let sourceFile = "claims/article.yaml"

  /// The translated fields of an entry, in table order.
  public static let fields = ["section", "gloss", "verdict", "correction"]

  /// `errata.<id>.<field>`.
  public static func key(_ id: String, _ field: String) -> String { "errata.\(id).\(field)" }

  /// Every entry's English fields with their keys, in the file's order.
  public static func english() throws -> [(key: String, text: String)] {
    guard let yaml = ProjectFiles.text(sourceFile) else {
      throw StringsError(description: "\(sourceFile) is not embedded in this build")
    }
    return try english(yaml: yaml, file: sourceFile)
  }

  /// ``english()`` of the given claims file text.
  static func english(yaml: String, file: String) throws -> [(key: String, text: String)] {
    try ErrataBuilder.parse(yaml, file: file).flatMap { entry -> [(key: String, text: String)] in
      [
        (key(entry.id, "section"), entry.section),
        (key(entry.id, "gloss"), entry.gloss),
        (key(entry.id, "verdict"), entry.verdict),
        (key(entry.id, "correction"), entry.correction),
      ]
    }
  }
}
