import LossAtlasResources
import Yams

/// The statements of the seed article's claims (the errata's evidence) as
/// strings-table entries: the English is each claim's `text` in
/// `claims/article.yaml` (its single source, which `lossatlas check` prints
/// too), the Chinese is in `templates/strings/zh/errata-claims.yaml`, under
/// `claim.<claim id>.text`.
public enum ClaimText {
  /// The file the English comes from.
  public static let sourceFile = "claims/article.yaml"

  /// `claim.<id>.text`.
  public static func key(_ id: String) -> String { "claim.\(id).text" }

  /// Every claim's English statement with its key, in the file's order.
  public static func english() throws -> [(key: String, text: String)] {
    guard let yaml = ProjectFiles.text(sourceFile) else {
      throw StringsError(description: "\(sourceFile) is not embedded in this build")
    }
    return try english(yaml: yaml, file: sourceFile)
  }

  /// ``english()`` of the given claims file text: each claim of its
  /// `claims:` list that has an id and a statement.
  static func english(yaml: String, file: String) throws -> [(key: String, text: String)] {
    guard let root = try Yams.compose(yaml: yaml), case .mapping(let top) = root, case .sequence(let items)? = top["claims"] else {
      throw StringsError(description: "\(file): expected a 'claims:' list")
    }
    return items.compactMap { node -> (key: String, text: String)? in
      guard case .mapping(let m) = node, let id = m["id"]?.string, let text = m["text"]?.string, !text.isEmpty else { return nil }
      return (key(id), text)
    }
  }
}
