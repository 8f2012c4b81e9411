import Foundation
import Testing
import TestSupport

@testable import LossAtlasReport

/// The byte search for the table of contents' markers (session 25,
/// perf-pages), ``PageOutline/tocBounds(_:)``, finds the block exactly
/// where the `NSString` search it replaced on the hot path finds it (the
/// old code, ``PageOutline/tocBlock(in:)`` with ``PageOutline/bounds(_:_:)``,
/// still answers when the byte search is unsure): on every HTML page of the
/// committed manual (as written and as the templates render it) and on
/// texts with the markers next to combining marks, joiners, prepended
/// marks, astral and canonically decomposable characters, repeated,
/// missing, out of order and at the text's edges.
@Suite("TOC search: the byte search equals NSString's")
struct TOCSearchEquivalenceTests {
  static let hostile: [String] = {
    let near = [
      "\u{301}", "\u{338}", "\u{200D}", "\u{FE0F}", "\u{0600}", "\u{1F600}", "é", "e\u{301}", "\r", "\n", "\r\n", "x",
      "\u{85}", "\u{A0}", "\u{2028}", "\u{37E}", "\u{226E}", "\u{FF1C}", "中", "",
    ]
    var out: [String] = []
    for a in near {
      for b in near {
        out.append("\(a)<!--toc-->\(b)\n<!--toc-entries-->\n\(a)<!--/toc-->\(b)<h2>A</h2>")
        // A first marker that NSString may not accept, then a plain one.
        out.append("x\(a)<!--toc-->\(b)y\n<!--toc-->\n<!--toc-entries-->\n<!--/toc-->\(b)z\n<!--/toc-->\n")
      }
    }
    out += [
      "", "<!--toc-->", "<!--/toc-->", "<!--toc--><!--/toc-->", "<!--/toc--><!--toc-->", "<!--/toc--><!--toc--><!--/toc-->",
      "<!--toc-->\u{301}", "\u{301}<!--toc-->", "<!--toc-->\u{301}<!--/toc-->\u{301}", "<!--TOC--><!--/TOC-->",
      "\u{226E}!--toc-->\n<!--/toc-->", "<\u{338}!--toc-->\n<!--/toc-->", "<!--toc--\u{338}>\n<!--/toc-->",
      "\u{FF1C}!--toc-->\n<!--/toc-->", "<!--toc-->e\u{301}<!--/toc-->e\u{301}", "<!--to", "<!--toc--", "<!--toc-->\n<!--/toc--",
      "\u{1F600}<!--toc-->\u{1F600}<!--toc-->\n<!--/toc-->\u{1F600}<!--/toc-->",
    ]
    return out
  }()

  /// The HTML pages of the committed manual, as written and un-outlined
  /// (with the table of contents' markers).
  static var pages: [String] {
    PageTextEquivalenceTests.pages.filter { $0.path.hasSuffix(".html") }.flatMap {
      [$0.text, PageTextEquivalenceTests.unOutlined($0.text, dropIDs: false)]
    }
  }

  /// The block by the old path alone, as UTF-8 offsets (String indices
  /// from different paths compare by their offsets).
  static func nsStringBlock(_ html: String) -> Range<Int>? {
    PageOutline.tocBlock(in: html as NSString).map { offsets(PageOutline.bounds(html, $0), in: html) }
  }

  static func offsets(_ range: Range<String.Index>, in html: String) -> Range<Int> {
    let utf8 = html.utf8
    return utf8.distance(from: utf8.startIndex, to: range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: range.upperBound)
  }

  @Test func sameBlock() {
    let inputs = Self.hostile + PageTextEquivalenceTests.hostile + Self.pages
    var differing = 0
    for input in inputs where PageOutline.tocBounds(input).map({ Self.offsets($0, in: input) }) != Self.nsStringBlock(input) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200).debugDescription)") }
    }
    #expect(differing == 0)
    #expect(inputs.count > 1000)
  }

  /// Every committed page takes the byte path (the speed-up), and the
  /// hostile texts take all three outcomes.
  @Test func paths() {
    func outcome(_ text: String) -> PageOutline.LiteralTOC {
      var copy = text
      return copy.withUTF8(PageOutline.literalTOCBlock)
    }
    let pageOutcomes = Self.pages.map(outcome)
    #expect(!pageOutcomes.contains(.unsure))
    #expect(pageOutcomes.filter { if case .block = $0 { return true } else { return false } }.count > 100)
    let hostileOutcomes = Self.hostile.map(outcome)
    #expect(hostileOutcomes.contains(.missing) && hostileOutcomes.contains(.unsure))
    #expect(hostileOutcomes.contains { if case .block = $0 { return true } else { return false } })
  }
}
