import LossAtlasResources
import Yams

/// A problem with a strings table: names the file and, when known, the key.
public struct StringsError: Error, Sendable, CustomStringConvertible {
  public let description: String
}

/// The words of one edition: every sentence, heading, label and caption
/// the manual prints around its computed facts, looked up by a dotted key
/// (`function.row.range`), never written in Swift.
///
/// The tables are YAML files under `templates/strings/`: `<lang>.yaml` and
/// any `<lang>/**/*.yaml` (e.g. `zh/functions/gelu.yaml`), merged. Nested
/// mappings become dotted keys (`a: {b: x}` is `a.b`), list items get their
/// index (`a.0`). A key defined twice is an error naming both files.
///
/// Facts are filled into a sentence by name: `text("range.sentence",
/// ["range": "(0, 1)"])` replaces `{range}` in the table's sentence, so the
/// same fact, computed once, reads naturally in either language. Braces
/// naming no given value are left as they are (framework conventions carry
/// `{measurement.key}` placeholders resolved later).
public struct Strings: Sendable {
  public let language: Language
  /// Every entry, by dotted key.
  public let table: [String: String]
  /// The file each key came from, for error messages and the completeness tests.
  public let origin: [String: String]

  public init(language: Language, table: [String: String], origin: [String: String] = [:]) {
    self.language = language
    self.table = table
    self.origin = origin
  }

  /// The tables compiled into the binary (built from templates/strings/).
  public static func embedded(_ language: Language) throws -> Strings {
    let root = "templates/strings/"
    let paths = ProjectFiles.paths(under: root).filter {
      let rest = $0.dropFirst(root.count)
      return rest == "\(language.rawValue).yaml" || (rest.hasPrefix("\(language.rawValue)/") && rest.hasSuffix(".yaml"))
    }
    var table: [String: String] = [:]
    var origin: [String: String] = [:]
    for path in paths {
      guard let text = ProjectFiles.text(path) else { continue }
      for (key, value) in try flatten(yaml: text, file: path) {
        if let first = origin[key] {
          throw StringsError(description: "\(path): key '\(key)' is already defined in \(first)")
        }
        table[key] = value
        origin[key] = path
      }
    }
    return Strings(language: language, table: table, origin: origin)
  }

  /// The entries of one YAML strings file, flattened to dotted keys.
  public static func flatten(yaml: String, file: String) throws -> [(String, String)] {
    let node: Node?
    // The parser is kept until the walk ends: a node's anchor is a weak
    // reference that only the parser holds (after `Yams.compose` returns,
    // every anchor reads nil).
    let parser: Yams.Parser
    do {
      parser = try Yams.Parser(yaml: yaml)
      node = try parser.singleRoot()
    } catch {
      throw StringsError(description: "\(file): not valid YAML (\(error))")
    }
    guard let node else { return [] }
    var out: [(String, String)] = []
    func walk(_ n: Node, _ prefix: String) throws {
      // Yams resolves an alias to the node it names (its anchor kept), so
      // `.alias` below never occurs: an anchor is what shows either. Refused
      // at the first one, a "billion laughs" file costs one parse, not its
      // expansion.
      if let anchor = n.anchor {
        throw StringsError(
          description: "\(file):\(n.mark?.line ?? 0): YAML anchors and aliases are not allowed in strings tables (&\(anchor.rawValue)): write each entry out")
      }
      switch n {
      case .scalar(let s):
        guard !prefix.isEmpty else { throw StringsError(description: "\(file): a strings file must be a mapping") }
        out.append((prefix, s.string))
      case .mapping(let m):
        for (k, v) in m {
          guard let name = k.string, !name.isEmpty else {
            throw StringsError(description: "\(file):\((k.mark?.line ?? 0)): keys must be non-empty text")
          }
          try walk(v, prefix.isEmpty ? name : "\(prefix).\(name)")
        }
      case .sequence(let items):
        for (i, v) in items.enumerated() { try walk(v, "\(prefix).\(i)") }
      case .alias:
        throw StringsError(description: "\(file): YAML anchors and aliases are not allowed in strings tables")
      }
    }
    try withExtendedLifetime(parser) { try walk(node, "") }
    return out
  }

  /// Whether the table has `key`.
  public func has(_ key: String) -> Bool { table[key] != nil }

  /// The entry `key` with `{name}` replaced by `values[name]`. A missing
  /// key gives `⟦key⟧`, which the manual's writer refuses to write (and the
  /// completeness tests name), so a gap never reaches a reader silently.
  public func text(_ key: String, _ values: [String: String] = [:]) -> String {
    guard let template = table[key] else { return "⟦\(key)⟧" }
    return Strings.fill(template, values)
  }

  /// `callAsFunction` is ``text(_:_:)``: `strings("nav.home")`.
  public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
    text(key, values)
  }

  /// Replaces each `{name}` whose name is in `values`; other braces stay.
  public static func fill(_ template: String, _ values: [String: String]) -> String {
    guard !values.isEmpty, template.contains("{") else { return template }
    var out = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest.index(after: open)
      if let close = rest[after...].firstIndex(of: "}"), let value = values[String(rest[after..<close])] {
        out += value
        rest = rest[rest.index(after: close)...]
      } else {
        out += "{"
        rest = rest[after...]
      }
    }
    out += rest
    return out
  }

  /// The marker of a missing entry in rendered text (see ``text(_:_:)``).
  public static let missingMarker: Character = "⟦"
}
