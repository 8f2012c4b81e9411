@testable import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The first-use marker tries at each character only the glossary terms
/// that start with it (an index by first character, for speed). It must
/// mark exactly what trying every term, longest first, at every character
/// marks: the reference below is that definition, written out.
struct FirstUseIndexTests {
  /// The definition: at each character the first term (longest first) the
  /// rest of the text starts with; the English after its first use unless
  /// the text glosses it already.
  static func reference(_ text: String, _ terms: [FirstUse.Term], used: inout Set<String>) -> String {
    let sorted = terms.filter { !$0.chinese.isEmpty && !$0.english.isEmpty }
      .sorted { ($0.chinese.count, $0.chinese) > ($1.chinese.count, $1.chinese) }
    // Nothing to do once every term is used, or in ASCII-only text.
    guard !text.isEmpty, used.count < sorted.count, text.contains(where: { !$0.isASCII }) else { return text }
    var out = ""
    var i = text.startIndex
    while i < text.endIndex {
      guard let term = sorted.first(where: { text[i...].hasPrefix($0.chinese) }) else {
        out.append(text[i])
        i = text.index(after: i)
        continue
      }
      let end = text.index(i, offsetBy: term.chinese.count)
      out += text[i..<end]
      i = end
      if used.contains(term.chinese) { continue }
      used.insert(term.chinese)
      let after = text[end...]
      if after.hasPrefix("（") || after.hasPrefix("(") || after.hasPrefix(" (") { continue }
      out += "（\(term.english)）"
    }
    return out
  }

  @Test("the indexed marker marks what trying every term at every character marks (the real glossary, random prose)")
  func sameAsTryingEveryTerm() throws {
    let glossary = try Glossary.load()
    let terms = glossary.map { FirstUse.Term(chinese: $0.zh, english: $0.en) }
    #expect(terms.count > 20)
    // Prose from pieces of the terms themselves (so prefixes and longer
    // terms overlap), other Chinese, ASCII and glosses already written.
    let pieces = terms.flatMap { t in [t.chinese, String(t.chinese.prefix(1)), String(t.chinese.dropFirst())] }
      + ["的", "是", "，", "。", " ", "x", "f′(x)", "（cross-entropy）", "(", " (", "e\u{301}", "Sigmoid"]
    var rng = SplitMix64(seed: 0xF1257)
    var marked = 0
    for _ in 0..<300 {
      var text = ""
      for _ in 0..<(5 + Int(rng.next() % 40)) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
      var marker = FirstUse.Marker(terms)
      var used: Set<String> = []
      // Two texts per page: the second sees the terms the first used.
      for part in [text, String(text.reversed())] {
        let got = marker.mark(part[...]) { "（\($0)）" }
        let want = Self.reference(part, terms, used: &used)
        #expect(got == want, "\(part)")
        if got != part { marked += 1 }
      }
      #expect(marker.used == used)
    }
    #expect(marked > 100)
  }
}
