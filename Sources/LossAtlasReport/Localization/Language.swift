/// An edition of the manual: the language its pages are written in.
///
/// The English edition is written to `markdown/` and `html/` of the output
/// folder, the Chinese one beside it to `zh/markdown/` and `zh/html/`; both
/// come from the same computed facts of one run.
public enum Language: String, CaseIterable, Sendable, Comparable {
  case en
  case zh

  /// The BCP 47 tag HTML declares (`<html lang="zh-CN">`).
  public var htmlTag: String {
    switch self {
    case .en: return "en"
    case .zh: return "zh-CN"
    }
  }

  /// The edition's folder inside the output folder, relative: `""` for
  /// English (the manual's historical layout), `"zh"` for Chinese.
  public var outputPrefix: String {
    switch self {
    case .en: return ""
    case .zh: return "zh"
    }
  }

  /// The edition a path of the output folder belongs to: the language
  /// whose folder holds it (`zh/html/relu.html`), English for the rest
  /// (`html/relu.html`, and the data both editions link to).
  public static func edition(of path: String) -> Language {
    allCases.first { !$0.outputPrefix.isEmpty && path.hasPrefix($0.outputPrefix + "/") } ?? .en
  }

  public static func < (a: Language, b: Language) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
