import LossAtlasCore
import Testing

@testable import LossAtlasReport

/// An argument's domain on the function pages, in each edition's words.
@Suite struct PhrasingDomainTests {
  /// English: exactly Core's wording (the CLI's `list` and error messages),
  /// for every argument of every catalog function.
  @Test func englishIsCoresWording() throws {
    let ph = Phrasing(try Strings.edition(.en))
    for spec in Catalog.all {
      for a in spec.arguments {
        #expect(ph.domain(a) == a.domainDescription, "\(spec.id).\(a.name)")
      }
    }
  }

  /// Chinese: no English word is left (letters only inside "C - 1", the
  /// class count's symbol), and the bounds are Core's numbers.
  @Test func chineseHasNoEnglishWords() throws {
    let ph = Phrasing(try Strings.edition(.zh))
    for spec in Catalog.all {
      for a in spec.arguments {
        let text = ph.domain(a)
        let letters = text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        #expect(String(String.UnicodeScalarView(letters)).allSatisfy { $0 == "C" }, "\(spec.id).\(a.name): \(text)")
      }
    }
    #expect(ph.domain(ArgumentDomain.interval(lower: 0, lowerInclusive: true, upper: .infinity, upperInclusive: false)) == "≥ 0的有限数")
    #expect(ph.domain(ArgumentDomain.labels([-1, 1])) == "{-1, +1}之一")
  }
}
