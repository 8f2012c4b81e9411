import Foundation
import Mustache
import Testing

@testable import LossAtlasReport

/// The template escapers with a byte path (session 22, pages-fast2):
/// ``PageHTMLContentType`` gives exactly swift-mustache's own HTML escaping
/// (a template without a content type pragma still uses the library's),
/// and ``MarkdownContentType`` exactly its previous character loop (kept
/// below as ``LegacyMarkdownEscape``), on the text of every committed page
/// of both editions, line by line and split at tags, and on hostile texts:
/// combining marks, joiners and prepended scalars next to the special
/// characters, CR LF and lone CR or LF, CJK, astral scalars, lookalikes
/// (fullwidth `<`, `≮` precomposed and decomposed), empty texts.
@Suite("Content types: the byte escapers equal the character loops")
struct ContentTypeEquivalenceTests {
  static let hostile: [String] = [
    "", "<", ">", "&", "\"", "'", "a<\u{301}b", "\u{600}<", "\u{600}a<", "<\u{200D}", "&\u{FE0F}", "&amp;", "\r\n<", "'\"",
    "\u{FF1C}", "\u{226E}", "<\u{338}", "\u{1F600}<\u{1F600}", "e\u{301}&", "你好<世界>", "\u{10FFFF}", "\u{0}<", "a&b<c>d\"e'f",
    "\r\n", "\n\r", "\r", "\n", "*\u{301}", "\r*", "\\", "#", "_a_", "\r\n\n", "\n\n", "\r\r\n\n", "a\r\nb\nc\rd",
    "`code` [link](x) |cell| #h *e* _u_ \\", "σ_1 * x", "\u{1F1FA}\u{1F1F8}*", "*\u{1F3FB}", "\n\u{301}", "\r\n\u{301}", "x\u{301}\n",
    "交叉熵 <cross-entropy>", "ŷ − y", "\u{1100}\u{1161}<", "<\u{1161}", "\t<\t>\t", String(repeating: "<&>", count: 50),
    // Neighbours of a special character: SpacingMark, Extend in the
    // fullwidth block, Prepend beyond the BMP, a soft hyphen (Control),
    // ZWJ and variation selectors, regional indicators, and the plain
    // ranges' edges (U+00AC/U+00AE around the soft hyphen, U+3003/U+3008,
    // U+FF5E/U+FF61, U+205E/U+205F...).
    "<\u{903}", "*\u{FF9E}", "_\u{FF9F}", "\u{110BD}<", "\u{AD}<", "<\u{AD}", "\u{AC}<\u{AE}", "σ<σ", "“<”", "（*）",
    "\u{3003}|\u{3008}", "\u{FF5E}#\u{FF61}", "\u{205E}*\u{205F}", "\u{2027}[\u{2028}", "\u{2060}]", "`\u{200C}", "\u{200D}\\",
    "\u{1F1FA}<\u{1F1F8}", "\u{1F468}\u{200D}*", "\u{FE0F}#", "#\u{FE0F}", "*\u{20E3}", "\u{A0}<\u{FF}", "\u{390}<\u{3CA}",
    "\u{302A}>", ">\u{302A}", "\u{9FFF}&\u{4E00}", "\u{3000}'\u{3000}", "e\u{301}\n\u{301}e", "\u{10FFFF}\n\u{10000}",
  ]

  /// The hostile texts and every line of every committed page, whole and split at `<`.
  static let inputs: [String] = {
    var out = hostile
    for (_, text) in PageTextEquivalenceTests.pages {
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        out.append(String(line))
        out += line.split(separator: "<").map(String.init)
      }
    }
    out += hostile.map { $0 + "\n" + $0 }
    return out
  }()

  /// The library's escaping: a template without a content type pragma.
  static let library = try! MustacheTemplate(string: "{{x}}")

  @Test("PageHTMLContentType: swift-mustache's HTML escaping on every page line and the hostile texts")
  func html() {
    var differing = 0
    for input in Self.inputs {
      let expected = Self.library.render(["x": input])
      if Array(PageHTMLContentType().escapeText(input).utf8) != Array(expected.utf8) {
        differing += 1
        if differing <= 3 { Issue.record("differs on: \(input.prefix(200).debugDescription)") }
      }
    }
    #expect(differing == 0)
    #expect(Self.inputs.count > 50_000)
    Self.expectEveryPath(PageHTMLContentType.table)
  }

  @Test("MarkdownContentType: the previous character loop on every page line and the hostile texts")
  func markdown() {
    var differing = 0
    for input in Self.inputs
    where Array(MarkdownContentType().escapeText(input).utf8) != Array(LegacyMarkdownEscape.escapeText(input).utf8) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200).debugDescription)") }
    }
    #expect(differing == 0)
    Self.expectEveryPath(MarkdownContentType.table)
    #expect(MarkdownContentType().escapeText("a\r\nb\n*") == "a\r\nb \\*")
  }

  @Test("the registered HTML content type is the page one: a template with the pragma escapes the same")
  func registered() throws {
    let set = try TemplateSet(files: ["html/t.mustache": "{{% CONTENT_TYPE: HTML }}{{x}}"], origin: "test")
    for input in Self.hostile {
      #expect(try set.render(["x": input], format: "html", name: "t") == Self.library.render(["x": input]))
    }
  }

  /// The inputs take each path of ``ByteEscape/escaped(_:_:)``: unchanged,
  /// escaped by bytes, and left to the character loop.
  static func expectEveryPath(_ table: [String?]) {
    var unchanged = 0
    var bytes = 0
    var characters = 0
    for input in inputs {
      guard let fast = ByteEscape.escaped(input, table) else {
        characters += 1
        continue
      }
      if fast == input { unchanged += 1 } else { bytes += 1 }
    }
    // Texts with non-ASCII scalars and special characters took the byte path too.
    let mixed = inputs.filter { input in
      input.unicodeScalars.contains { !$0.isASCII } && ByteEscape.escaped(input, table).map { $0 != input } == true
    }
    #expect(unchanged > 1000 && bytes > 1000 && characters > 10, "\(unchanged) \(bytes) \(characters)")
    #expect(mixed.count > 1000, "\(mixed.count)")
  }
}

/// ``MarkdownContentType/escapeText(_:)`` before session 22 (commit ec97eb9).
enum LegacyMarkdownEscape {
  static func escapeText(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\", "`", "*", "_", "[", "]", "|", "#": out.append("\\"); out.append(c)
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
