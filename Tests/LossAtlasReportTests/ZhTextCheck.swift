import Foundation

/// Checks on a Chinese strings-table entry, shared by the function, errata
/// and glossary tests.
enum ZhTextCheck {
  /// The brace groups `{...}` of a text: framework placeholders
  /// (`{torch.gelu.accuracy.value_max_ulp}`) and set notation (`{0, 1}`),
  /// which a translation keeps exactly.
  static func placeholders(_ text: String) -> Set<String> {
    var out: Set<String> = []
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      out.insert(String(rest[open...close]))
      rest = rest[rest.index(after: close)...]
    }
    return out
  }

  /// A CJK ideograph (the unified blocks and extension A).
  static func isHan(_ c: Character) -> Bool {
    c.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
  }

  /// Full-width punctuation of Chinese prose.
  static let fullWidth: Set<Character> = ["，", "。", "：", "；", "？", "！", "、", "“", "”", "（", "）", "《", "》"]

  /// What is wrong with `text` as Chinese prose of the manual: half-width
  /// punctuation after a Chinese character, a space between Chinese and
  /// anything else (the edition writes the mix without spaces), no Chinese
  /// at all (when it must be Chinese), an avoided term.
  static func typographyProblems(_ text: String, mustBeChinese: Bool, avoid: [String] = []) -> [String] {
    var problems: [String] = []
    let chars = Array(text)
    if mustBeChinese && !chars.contains(where: isHan) { problems.append("no Chinese in “\(text)”") }
    for i in chars.indices.dropFirst() where isHan(chars[i - 1]) && ",;:?!.".contains(chars[i]) {
      problems.append("half-width “\(chars[i])” after “\(String(chars[max(0, i - 4)..<i]))”: write it full-width")
    }
    for i in chars.indices where chars[i] == " " {
      let before = i > 0 ? chars[i - 1] : "x"
      let after = i + 1 < chars.count ? chars[i + 1] : "x"
      if isHan(before) || isHan(after) || fullWidth.contains(before) || fullWidth.contains(after) {
        problems.append("space in “\(String(chars[max(0, i - 4)..<min(chars.count, i + 5)]))”: no space beside Chinese")
      }
    }
    for word in avoid where text.contains(word) { problems.append("uses “\(word)”, which the glossary avoids") }
    return problems
  }
}
