import LossAtlasCore
import Testing

@testable import LossAtlasReport

/// A catalog view's label on the pages and in the figures, in each
/// edition's words.
@Suite struct PhrasingViewLabelTests {
  /// The notation that view labels are written in: argument names and the
  /// functions of the cosine slices. Anything else made of Latin letters is
  /// a word, and a word must not reach the Chinese edition.
  static let notation: Set<String> = ["yhat", "var", "cos", "sin", "sqrt"]

  /// The runs of Latin letters in `text`.
  static func latinWords(_ text: String) -> [String] {
    text.split(whereSeparator: { !(("a"..."z").contains($0) || ("A"..."Z").contains($0)) }).map(String.init)
  }

  /// The labels of every view of every catalog function, at its default
  /// parameters.
  static var labels: [(id: String, label: String)] {
    Catalog.all.flatMap { spec in spec.views(spec.defaultParameters).map { (spec.id, $0.label) } }
  }

  /// English: every label exactly as the catalog writes it.
  @Test func englishIsTheCatalogsLabel() throws {
    let ph = Phrasing(try Strings.edition(.en))
    for (id, label) in Self.labels {
      #expect(ph.viewLabel(label) == label, "\(id): \(label)")
    }
  }

  /// Chinese: no English word is left in any label, and the slices of the
  /// vector functions keep their notation around the translated word.
  @Test func chineseHasNoEnglishWords() throws {
    let ph = Phrasing(try Strings.edition(.zh))
    var slices = 0
    for (id, label) in Self.labels {
      let text = ph.viewLabel(label)
      let words = Self.latinWords(text).filter { $0.count > 1 && !Self.notation.contains($0) }
      #expect(words.isEmpty, "\(id): \(text)")
      if label.contains(", output ") {
        slices += 1
        #expect(text.hasPrefix("z = [x, 0]，输出"), "\(id): \(text)")
      }
    }
    // softmax, softmin, sparsemax (output p_0) and log-softmax (output 0):
    // counted from the catalog's labels, so a new slice is checked too.
    #expect(slices == Self.labels.filter { $0.label.contains(", output ") }.count && slices >= 4)
    #expect(ph.viewLabel("z = [x, 0], output p_0") == "z = [x, 0]，输出p_0")
  }
}
