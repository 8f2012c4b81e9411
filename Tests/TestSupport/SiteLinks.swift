import Foundation

/// The relative links of a manual written to disk: every page (`.md`,
/// `.html`) under a folder, both editions, read back and parsed; each
/// relative link and image must name a file that exists in the folder.
/// HTML: `href`, `src` and `srcset` (one URL each in the manual); Markdown:
/// the target of `[text](target)` and `![alt](target)`. Fragments are cut
/// off; links with a scheme (`https:`, `mailto:`, `data:`) are skipped.
public struct SiteLinks {
  /// How many relative links were checked.
  public var checked = 0
  /// "page -> target" for each link that names no file.
  public var broken: [String] = []
  /// The pages read, relative to the folder.
  public var pages: [String] = []

  /// Checks every page under `root`, except those `skipping` names
  /// (relative paths: a page the user edited is theirs).
  public init(_ root: String, skipping: Set<String> = []) throws {
    let html = try NSRegularExpression(pattern: ##"(?:href|src|srcset)="([^"]*)""##)
    let markdown = try NSRegularExpression(pattern: #"\]\(([^)<>\s]+)\)"#)
    guard let walk = FileManager.default.enumerator(atPath: root) else { return }
    for case let relative as String in walk where relative.hasSuffix(".md") || relative.hasSuffix(".html") {
      guard !skipping.contains(relative) else { continue }
      pages.append(relative)
      let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
      let regex = relative.hasSuffix(".html") ? html : markdown
      let folder = (relative as NSString).deletingLastPathComponent
      for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let target = String(text[Range(m.range(at: 1), in: text)!])
        let file = String(target.prefix { $0 != "#" })
        if file.isEmpty || file.contains(":") { continue }
        checked += 1
        var isFolder: ObjCBool = false
        guard let path = Self.resolve(file, in: folder),
          FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue
        else {
          broken.append("\(relative) -> \(target)")
          continue
        }
      }
    }
    pages.sort()
  }

  /// `target` relative to `folder` as a path inside the manual's folder
  /// (`..` taken off component by component), or nil if it leaves it.
  static func resolve(_ target: String, in folder: String) -> String? {
    var parts = folder.split(separator: "/").map(String.init)
    for part in target.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
      switch part {
      case "..":
        guard parts.popLast() != nil else { return nil }
      case ".", "": continue
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
