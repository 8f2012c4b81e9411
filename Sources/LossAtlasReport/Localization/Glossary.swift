import Foundation
import LossAtlasResources
import Yams

/// One term of the glossary: the Chinese word the manual uses, the English
/// term it translates, and the symbol formulas write for it (if any).
public struct GlossaryEntry: Sendable, Equatable {
  /// The Chinese term, e.g. `交叉熵`.
  public let zh: String
  /// The English term, e.g. `cross-entropy`.
  public let en: String
  /// The symbol, e.g. `σ`; empty when the term has none.
  public let symbol: String
  /// Chinese variants the manual does not use for this term (`激励函数`
  /// for 激活函数): no Chinese text of the manual may contain them.
  public let avoid: [String]
  /// Whether the Chinese pages add the English after the term's first use
  /// (``FirstUse``): false for the everyday words of the field (概率,
  /// 参数, 导数, ...), which a Chinese textbook writes without a gloss; the
  /// glossary page lists them all the same.
  public let gloss: Bool

  public init(zh: String, en: String, symbol: String = "", avoid: [String] = [], gloss: Bool = true) {
    self.zh = zh
    self.en = en
    self.symbol = symbol
    self.avoid = avoid
    self.gloss = gloss
  }
}

/// The Chinese edition's glossary: the single list of its term choices
/// (中文 / English / symbol), read from `templates/strings/zh/glossary.yaml`.
///
/// The file is a mapping with one key, `glossary`, holding a list of
/// entries in the order the glossary page prints them:
/// ```yaml
/// glossary:
///   - zh: 激活函数
///     en: activation function
///     avoid: [激励函数]
///   - zh: Sigmoid函数
///     en: sigmoid function
///     symbol: σ
/// ```
/// `zh` and `en` are required and unique (English compared without case);
/// `symbol`, `avoid` and `gloss` (true or false, default true) are optional. Because the file is under
/// `templates/strings/zh/`, its entries are also in the Chinese strings
/// table (`glossary.0.zh`, ...); ``Strings/edition(_:)`` gives the English
/// edition the same entries, so both editions can print the one glossary.
public enum Glossary {
  /// The glossary file.
  public static let file = "templates/strings/zh/glossary.yaml"

  /// The embedded glossary, checked.
  public static func load() throws -> [GlossaryEntry] {
    guard let yaml = ProjectFiles.text(file) else {
      throw StringsError(description: "\(file) is not embedded in this build")
    }
    return try parse(yaml: yaml, file: file)
  }

  /// The entries of a glossary file's text; an error names the file, the
  /// entry (1-based) and what is wrong.
  public static func parse(yaml: String, file: String) throws -> [GlossaryEntry] {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw StringsError(description: "\(file): not valid YAML (\(error))")
    }
    guard case .mapping(let top)? = root, top.count == 1, case .sequence(let items)? = top["glossary"] else {
      throw StringsError(description: "\(file): expected one key, 'glossary', holding a list of {zh, en, symbol} entries")
    }
    var entries: [GlossaryEntry] = []
    var seenZh: [String: Int] = [:]
    var seenEn: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      let n = i + 1
      guard case .mapping(let m) = item else {
        throw StringsError(description: "\(file): entry \(n) is not a mapping of zh, en, symbol")
      }
      for k in m.keys {
        guard let name = k.string, ["zh", "en", "symbol", "avoid", "gloss"].contains(name) else {
          throw StringsError(
            description: "\(file): entry \(n) has an unknown field '\(k.string ?? "?")' (allowed: zh, en, symbol, avoid, gloss)")
        }
      }
      func text(_ name: String, required: Bool) throws -> String {
        let value = m[name]?.string?.trimmingCharacters(in: .whitespaces) ?? ""
        if required && value.isEmpty { throw StringsError(description: "\(file): entry \(n) has no '\(name)'") }
        return value
      }
      let zh = try text("zh", required: true)
      let en = try text("en", required: true)
      let symbol = try text("symbol", required: false)
      var avoid: [String] = []
      if let a = m["avoid"] {
        guard case .sequence(let list) = a, list.allSatisfy({ !($0.string ?? "").isEmpty }) else {
          throw StringsError(description: "\(file): entry \(n) ('\(zh)'): 'avoid' must be a list of terms")
        }
        avoid = list.compactMap(\.string)
      }
      var gloss = true
      if let g = m["gloss"] {
        guard let value = g.string, ["true", "false"].contains(value) else {
          throw StringsError(description: "\(file): entry \(n) ('\(zh)'): 'gloss' must be true or false")
        }
        gloss = value == "true"
      }
      if let first = seenZh[zh] {
        throw StringsError(description: "\(file): entry \(n) repeats the Chinese term '\(zh)' of entry \(first)")
      }
      if let first = seenEn[en.lowercased()] {
        throw StringsError(description: "\(file): entry \(n) repeats the English term '\(en)' of entry \(first)")
      }
      seenZh[zh] = n
      seenEn[en.lowercased()] = n
      entries.append(GlossaryEntry(zh: zh, en: en, symbol: symbol, avoid: avoid, gloss: gloss))
    }
    for e in entries {
      for word in e.avoid where seenZh[word] != nil {
        throw StringsError(description: "\(file): '\(word)' is avoided for '\(e.zh)' but is itself a glossary term")
      }
    }
    return entries
  }
}
