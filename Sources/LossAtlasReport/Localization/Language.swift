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

  public static func < (a: Language, b: Language) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
