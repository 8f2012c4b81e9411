import Testing

@testable import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

let dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
let dejaVuMono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
let dejaVuMonoBold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"

// MARK: - Themes

@Suite("Themes")
struct ThemeTests {
  /// WCAG 2.x contrast: lines of every palette colour stay visible on the
  /// dark paper (3:1 is WCAG's minimum for graphics; the theme keeps 4.5:1),
  /// and text colours keep 7:1.
  @Test("dark theme: every palette colour at least 4.5:1 on the dark paper, ink and notes at least 7:1")
  func darkContrast() {
    let paper = ChartTheme.dark.map(.white)
    #expect(paper == ChartTheme.darkPaper)
    for c in ChartColor.palette {
      #expect(ChartTheme.dark.map(c).contrast(with: paper) >= 4.5, "\(c.hexString) -> \(ChartTheme.dark.map(c).hexString)")
    }
    for c in [ChartColor.ink, ChartColor(hex: 0x444444)] { #expect(ChartTheme.dark.map(c).contrast(with: paper) >= 7) }
    // Light: the model's colours unchanged.
    #expect(ChartTheme.light.map(ChartColor(hex: 0x123456)) == ChartColor(hex: 0x123456))
    // Plain Okabe-Ito blue would have failed the 4.5:1 test (3.46:1).
    #expect(ChartColor.series(0).contrast(with: paper) < 4.5)
  }

  @Test("dark variants of unknown colours: pale fills become dark tints of the same hue, dark text light")
  func darkVariants() {
    let band = ChartColor.series(3).tint(0.22)
    let v = ChartTheme.darkVariant(of: band)
    #expect(v.luminance < 0.05)  // dark
    #expect(abs(v.hsl.hue - band.hsl.hue) < 12)  // same hue (8-bit rounding moves it a little)
    #expect(ChartTheme.darkVariant(of: ChartColor(hex: 0x101010)).luminance > 0.7)
    let mid = ChartColor(hex: 0x7A3E9D)
    #expect(ChartTheme.darkVariant(of: mid).luminance > mid.luminance)
  }

  @Test("WCAG contrast of black on white is 21, luminance of white 1")
  func contrastFormula() {
    #expect(abs(ChartColor(hex: 0).contrast(with: .white) - 21) < 1e-9)
    #expect(abs(ChartColor.white.luminance - 1) < 1e-12)
  }

  @Test("a dark PNG: paper, frame and series in the dark theme's colours")
  func darkPNG() throws {
    let chart = Chart(x: Axis("x", range: 0...1), y: Axis("y", range: 0...1), series: [line { _ in 0.3 }])
    let (image, panels) = try ChartRenderer().renderImage(Figure(chart), theme: .dark)
    let d = panels[0]
    #expect(image.pixel(0, 0) == rgb(ChartTheme.darkPaper))
    #expect(image.pixel(d.plot.minX - 1, (d.plot.minY + d.plot.maxY) / 2) == rgb(ChartTheme.dark.map(.ink)))
    #expect(image.pixel(Int(d.xScale.pixel(0.55)), Int(d.yScale.pixel(0.3))) == rgb(ChartTheme.dark.map(.series(0))))
  }
}

// MARK: - Fonts

@Suite("Fonts")
struct FontTests {
  @Test("DejaVu Sans's cmap: the characters the manual uses are there, CJK is not; its family name")
  func dejaVuCoverage() throws {
    let font = try FontFile.load(dejaVu)
    #expect(font.family == "DejaVu Sans")
    for c in "Aŷ−∏′″‴×⁻⁰¹²³σδγ₀∞≤·→|" { #expect(font.has(c.unicodeScalars.first!), "\(c)") }
    for c in "中交叉熵" { #expect(!font.has(c.unicodeScalars.first!), "\(c)") }
    #expect(!font.has(Unicode.Scalar(0x1F680)!))  // it does have some emoji (U+1F600...), not this one
  }

  /// Independent of the parser: FreeType (through libgd) draws every
  /// character the cmap lacks as the same .notdef box, and a character it
  /// has as something else.
  @Test("a character the parser says is missing renders as FreeType's .notdef box")
  func missingMeansNotdef() throws {
    let memo = TextMemo()
    func mask(_ s: String) throws -> [UInt8] {
      try GDImage.textMask(s, font: dejaVu, pixelSize: 24, angle: 0, cached: false, memo: memo).coverage
    }
    let font = try FontFile.load(dejaVu)
    let missing = ["中", "熵", "\u{0904}"].filter { !font.has($0.unicodeScalars.first!) }
    #expect(missing.count == 3)
    let notdef = try mask(missing[0])
    for m in missing.dropFirst() { #expect(try mask(m) == notdef) }
    for present in ["A", "∏", "ŷ"] { #expect(try mask(present) != notdef) }
  }

  @Test("the cmap of a collection (.ttc) is read at its first font")
  func collections() throws {
    // A TTC header in front of DejaVu Sans: 'ttcf', version 1.0, one font at offset 16.
    let ttf = try #require(FontFile.readFile(dejaVu))
    var shifted = ttf
    // Offsets in the table directory are absolute: add 16 to each.
    let n = Int(shifted[4]) << 8 | Int(shifted[5])
    for i in 0..<n {
      let at = 12 + 16 * i + 8
      var v = UInt32(shifted[at]) << 24 | UInt32(shifted[at + 1]) << 16 | UInt32(shifted[at + 2]) << 8 | UInt32(shifted[at + 3])
      v += 16
      shifted[at..<at + 4] = [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)]
    }
    let ttc: [UInt8] = Array("ttcf".utf8) + [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16] + shifted
    let a = try FontFile.parse(ttf, path: "ttf")
    let b = try FontFile.parse(ttc, path: "ttc")
    #expect(a.ranges == b.ranges && a.family == b.family)
    #expect(throws: ChartError.self) { try FontFile.parse(Array("not a font".utf8), path: "x") }
  }

  /// DejaVu Sans Mono lacks characters DejaVu Sans has (found here from the
  /// two cmaps): with Sans as its fallback, a Mono chart draws them with
  /// Sans's glyph and advance, and nothing is missing.
  @Test("fallback chain: runs per font, mixed strings measured with both fonts' metrics")
  func fallbackChain() throws {
    let mono = try FontFile.load(dejaVuMono)
    let sans = try FontFile.load(dejaVu)
    let onlySans = try #require(
      sans.ranges.lazy.flatMap { $0 }.compactMap(Unicode.Scalar.init).first { s in
        !mono.has(s) && s.properties.generalCategory == .otherLetter || (!mono.has(s) && s.properties.isAlphabetic)
      })
    var fonts = ChartFonts(regular: dejaVuMono, bold: dejaVuMonoBold)
    fonts.fallbacks = []
    #expect(try fonts.missingCharacters(in: "ab\(onlySans)c") == [onlySans])
    fonts.fallbacks = [dejaVu]
    #expect(try fonts.missingCharacters(in: "ab\(onlySans)c") == [])
    let text = "ab\(onlySans)c"
    let runs = try fonts.chain(bold: false).runs(text)
    #expect(runs.map(\.font) == [dejaVuMono, dejaVu, dejaVuMono])
    #expect(runs.map(\.text).joined() == text)

    // The mixed mask: advance = the runs' advances added; its width spans them.
    let memo = TextMemo()
    let mixed = try TextShaper.mask(text, chain: fonts.chain(bold: false), pixelSize: 20, angle: 0, cached: false, memo: memo)
    let parts = try runs.map { try GDImage.measure($0.text, font: $0.font, pixelSize: 20) }
    #expect(mixed.advance == parts.map(\.advance).reduce(0, +))
    #expect(mixed.bounds.maxX == parts[0].advance + parts[1].advance + parts[2].box.maxX)
    // The fallback glyph's ink is Sans's glyph, at the first run's advance.
    let glyph = try GDImage.textMask(String(onlySans), font: dejaVu, pixelSize: 20, angle: 0, cached: false, memo: memo)
    for y in 0..<glyph.box.height {
      for x in 0..<glyph.box.width where glyph.coverage[y * glyph.box.width + x] > 0 {
        let mx = glyph.box.minX + parts[0].advance + x - mixed.box.minX
        let my = glyph.box.minY + y - mixed.box.minY
        #expect(mixed.coverage[my * mixed.box.width + mx] >= glyph.coverage[y * glyph.box.width + x])
      }
    }
    // Rotated a quarter turn (a y-axis title): the same mask turned.
    let up = try TextShaper.mask(text, chain: fonts.chain(bold: false), pixelSize: 20, angle: Double.pi / 2, cached: false, memo: memo)
    #expect(up.box.width == mixed.box.height && up.box.height == mixed.box.width && up.advance == mixed.advance)
    #expect(up.coverage.reduce(0) { $0 + Int($1) } == mixed.coverage.reduce(0) { $0 + Int($1) })
    // A whole chart with the mixed string lays out cleanly and draws it.
    let chart = Chart(title: text, x: Axis(text, range: 0...1), y: Axis(text, range: 0...1), series: [line(text) { $0 }])
    let renderer = ChartRenderer(fonts: fonts)
    #expect(try renderer.layoutIssues(Figure(chart)) == [])
    #expect(try renderer.drawnTexts(Figure(chart)).filter { $0.text == text }.count == 4)
  }

  @Test("fallback fonts: LOSSATLAS_FONT_FALLBACK first, then the first known system font; unreadable files skipped")
  func fallbackLocations() {
    let env = ["LOSSATLAS_FONT_FALLBACK": "/a/x.ttf:/missing.ttf"]
    let readable: Set<String> = ["/a/x.ttf", ChartFonts.knownFallbacks[2], ChartFonts.knownFallbacks[3]]
    let found = ChartFonts.fallbacks(environment: { env[$0] }, isReadable: { readable.contains($0) })
    #expect(found == ["/a/x.ttf", ChartFonts.knownFallbacks[2]])
    #expect(ChartFonts.fallbacks(environment: { _ in nil }, isReadable: { _ in false }) == [])
  }
}
