import Testing

@testable import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

/// WenQuanYi Micro Hei, the Chinese edition's chart font (Debian
/// `fonts-wqy-microhei`, which `make deps` installs).
let wqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
let dejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

/// DejaVu Sans with WenQuanYi Micro Hei as the only fallback, whatever the
/// machine's environment says.
func chineseFonts() -> ChartFonts {
  var fonts = ChartFonts(regular: dejaVu, bold: dejaVuBold)
  fonts.fallbacks = [wqy]
  return fonts
}

/// Chinese chart strings of the kinds the manual draws (titles, axis
/// labels, legends, annotations), mixing CJK, Latin, Greek, digits, math
/// symbols and full-width punctuation. Written for these tests; the
/// manual's own strings are checked in the Report tests.
let chineseSample = [
  "交叉熵损失 L(ŷ, y) 的导数 ∂L/∂ŷ（σ = 0.5）",
  "GELU 的二阶导数 f″(x)",
  "输入 x", "导数 f′(x)", "值 f(x)", "真实类别概率 p", "损失",
  "饱和区（|x| > 4）", "梯度消失：f′ < 10⁻⁴", "死区 x ≤ 0",
  "“饱和”与“梯度消失”", "γ = 2 时的 Focal 损失", "二阶导数 f″ 跳变",
  "最大 |f′| = 0.25，位于 x = 0", "Huber 损失（δ = 1.0）", "数值稳定的 log(1 + eˣ)",
  "下溢……", "凸函数；次梯度 ∂f(0) = [−1, 1]",
]

// MARK: - The CJK font's cmap

@Suite("CJK text: fonts")
struct CJKFontTests {
  @Test("WenQuanYi Micro Hei's cmap (a .ttc): ideographs and full-width punctuation; its family name")
  func wqyCoverage() throws {
    let font = try FontFile.load(wqy)
    #expect(font.family == "WenQuanYi Micro Hei")
    for c in "中交叉熵损失导数饱和梯度消失凸函数，。、：；？！（）“”《》…—　０１" {
      #expect(font.has(c.unicodeScalars.first!), "\(c)")
    }
    // DejaVu Sans has none of the CJK characters of the sample.
    let sans = try FontFile.load(dejaVu)
    for s in chineseSample.joined().unicodeScalars where CJK.isCJK(s) { #expect(!sans.has(s), "\(s)") }
  }

  /// Independent of the parser: FreeType (through libgd) draws a code point
  /// the font's cmap lacks as the font's .notdef glyph, and one it has as
  /// something else. Every 53rd code point of the BMP, for both fonts
  /// (WenQuanYi's cmap is format 4, DejaVu's full-repertoire one format 12).
  @Test("the parsed cmaps (formats 4 and 12) agree with FreeType on every 53rd code point of the BMP", arguments: [wqy, dejaVu])
  func cmapAgreesWithFreeType(path: String) throws {
    let font = try FontFile.load(path)
    let memo = TextMemo()
    func mask(_ s: Unicode.Scalar) throws -> TextMask {
      try GDImage.textMask(String(s), font: path, pixelSize: 16, angle: 0, cached: false, memo: memo)
    }
    // U+E000 (private use) is in neither font; U+FDD0 (a noncharacter) is
    // in no font: both draw the same .notdef glyph.
    let notdef = try mask(Unicode.Scalar(0xE000)!)
    #expect(!font.has(Unicode.Scalar(0xE000)!) && !font.has(Unicode.Scalar(0xFDD0)!))
    #expect(try mask(Unicode.Scalar(0xFDD0)!).coverage == notdef.coverage)
    var checked = 0
    var present = 0
    for v in stride(from: 0x21, through: 0xFFFD, by: 53) {
      guard let s = Unicode.Scalar(v), s.properties.generalCategory != .control,
        s.properties.generalCategory != .format, !s.properties.isWhitespace
      else { continue }
      // libgd reads "&" as the start of an HTML entity.
      if s == "&" { continue }
      let m = try mask(s)
      let drawnAsNotdef = m.coverage == notdef.coverage && m.box == notdef.box
      #expect(font.has(s) == !drawnAsNotdef, "U+\(String(v, radix: 16, uppercase: true)) in \(path)")
      checked += 1
      if font.has(s) { present += 1 }
    }
    #expect(checked > 1000 && present > 100)
  }

  /// Why characters beyond the BMP count as missing (FontChain.drawable):
  /// libgd 2.3.3's UTF-8 reader (gdTcl_UtfToUniChar) does not decode
  /// 4-byte sequences: it takes each byte as a Latin-1 character, so
  /// U+1D400 (𝐀, F0 9D 90 80) is drawn as "ð" and three C1 controls.
  @Test("libgd draws a character beyond the BMP as its UTF-8 bytes read as Latin-1")
  func beyondBMP() throws {
    let memo = TextMemo()
    for font in [wqy, dejaVu] {
      let high = try GDImage.textMask("\u{1D400}", font: font, pixelSize: 16, angle: 0, cached: false, memo: memo)
      let bytes = String(String.UnicodeScalarView(Array("\u{1D400}".utf8).map { Unicode.Scalar($0) }))
      let latin1 = try GDImage.textMask(bytes, font: font, pixelSize: 16, angle: 0, cached: false, memo: memo)
      #expect(high.coverage == latin1.coverage && high.advance == latin1.advance, "\(font)")
    }
    #expect(try chineseFonts().missingCharacters(in: "x\u{1D400}") == ["\u{1D400}"])
    #expect(try chineseFonts().uncoveredCharacters(in: "x\u{1D400}") == ["\u{1D400}"])
  }

  @Test("LOSSATLAS_CJK_FONT: the first fallback even when unreadable (so drawing Chinese names it); known places not searched")
  func cjkVariable() {
    let env = ["LOSSATLAS_CJK_FONT": "/fonts/missing.ttc", "LOSSATLAS_FONT_FALLBACK": "/a/x.ttf"]
    let readable: Set<String> = ["/a/x.ttf", ChartFonts.knownFallbacks[0]]
    #expect(ChartFonts.fallbacks(environment: { env[$0] }, isReadable: { readable.contains($0) }) == ["/fonts/missing.ttc", "/a/x.ttf"])
    // Unset (or empty): the known places.
    let empty = ["LOSSATLAS_CJK_FONT": ""]
    #expect(
      ChartFonts.fallbacks(environment: { empty[$0] }, isReadable: { readable.contains($0) }) == [ChartFonts.knownFallbacks[0]])
  }
}

// MARK: - Runs and measurement

@Suite("CJK text: runs and measurement")
struct CJKRunTests {
  /// The expected runs follow the rules of FontChain.runs written out by
  /// hand: CJK characters (and full-width punctuation) in WenQuanYi, the
  /// rest in DejaVu Sans, a space in the run before it.
  @Test("a mixed label splits into DejaVu and WenQuanYi runs by script")
  func runs() throws {
    let chain = chineseFonts().chain(bold: false)
    let runs = try chain.runs("交叉熵损失 L(ŷ, y) 的导数 ∂L/∂ŷ（σ = 0.5）")
    #expect(runs.map(\.text) == ["交叉熵损失 ", "L(ŷ, y) ", "的导数 ", "∂L/∂ŷ", "（", "σ = 0.5", "）"])
    #expect(runs.map(\.font) == [wqy, dejaVu, wqy, dejaVu, wqy, dejaVu, wqy])
    // Chinese quotation marks in a Chinese text, English ones in an English text.
    #expect(try chain.runs("“饱和”区").map(\.font) == [wqy])
    #expect(try chain.runs("the “GELU” curve").map(\.font) == [dejaVu])
    #expect(try chain.runs("“GELU”的导数").map(\.text) == ["“", "GELU", "”的导数"])
    // English text: one run in the first font.
    #expect(try chain.runs("f′(x) for x ∈ [−6, 6]").map(\.font) == [dejaVu])
  }

  /// Every sample string: each run's characters are in the run's font, CJK
  /// ones in WenQuanYi and letters, digits and math in DejaVu Sans.
  @Test("every character of the Chinese sample has a glyph in the font of its run")
  func sampleCovered() throws {
    let chain = chineseFonts().chain(bold: false)
    let sans = try FontFile.load(dejaVu)
    let cjk = try FontFile.load(wqy)
    for text in chineseSample {
      let runs = try chain.runs(text)
      #expect(runs.map(\.text).joined() == text)
      for run in runs {
        let font = run.font == wqy ? cjk : sans
        for s in run.text.unicodeScalars {
          #expect(font.has(s), "'\(s)' of '\(text)' is not in \(run.font)")
          if CJK.isCJK(s) { #expect(run.font == wqy, "'\(s)' of '\(text)'") }
          if s.properties.isAlphabetic && !CJK.isCJK(s) || s.properties.numericType != nil && !CJK.isCJK(s) {
            #expect(run.font == dejaVu, "'\(s)' of '\(text)'")
          }
        }
      }
      #expect(try chineseFonts().missingCharacters(in: text) == [])
    }
  }

  /// The mixed mask from each run measured alone (gdImageStringFTEx's
  /// boxes): runs side by side on one baseline.
  @Test("a mixed label's box and advance are its runs' FreeType boxes and advances, on one baseline", arguments: [12.0, 16.0, 27.0])
  func measurement(size: Double) throws {
    let text = "交叉熵 H(p, q) 的导数"
    let chain = chineseFonts().chain(bold: false)
    let runs = try chain.runs(text)
    #expect(runs.count == 3)
    let memo = TextMemo()
    let mixed = try TextShaper.mask(text, chain: chain, pixelSize: size, angle: 0, cached: false, memo: memo)
    let parts = try runs.map { try GDImage.measure($0.text, font: $0.font, pixelSize: size) }
    #expect(mixed.advance == parts.map(\.advance).reduce(0, +))
    var pen = 0
    var pens: [Int] = []
    for p in parts {
      pens.append(pen)
      pen += p.advance
    }
    #expect(mixed.bounds.minX == zip(parts, pens).map { $0.box.minX + $1 }.min())
    #expect(mixed.bounds.maxX == zip(parts, pens).map { $0.box.maxX + $1 }.max())
    #expect(mixed.bounds.minY == parts.map(\.box.minY).min())
    #expect(mixed.bounds.maxY == parts.map(\.box.maxY).max())
    // Each run's ink sits in the mixed mask at its pen position and on the
    // same baseline (no vertical offset).
    for (run, dx) in zip(runs, pens) {
      let alone = try GDImage.textMask(run.text, font: run.font, pixelSize: size, angle: 0, cached: false, memo: memo)
      for y in 0..<alone.box.height {
        for x in 0..<alone.box.width where alone.coverage[y * alone.box.width + x] > 0 {
          let mx = alone.box.minX + dx + x - mixed.box.minX
          let my = alone.box.minY + y - mixed.box.minY
          #expect(mixed.coverage[my * mixed.box.width + mx] >= alone.coverage[y * alone.box.width + x])
        }
      }
    }
  }

  @Test("bold: the CJK run (no bold face) is emboldened by em/24 rounded up; DejaVu Bold runs are not")
  func bold() throws {
    #expect(TextShaper.emboldening(pixelSize: 16) == 1 && TextShaper.emboldening(pixelSize: 32) == 2)
    let memo = TextMemo()
    let fonts = chineseFonts()
    for size in [16.0, 32.0] {
      let k = TextShaper.emboldening(pixelSize: size)
      let regular = try GDImage.textMask("交叉熵", font: wqy, pixelSize: size, angle: 0, cached: false, memo: memo)
      let bold = try TextShaper.mask("交叉熵", chain: fonts.chain(bold: true), pixelSize: size, angle: 0, cached: false, memo: memo)
      #expect(bold.advance == regular.advance + k)
      #expect(bold.bounds.width == regular.bounds.width + k)
      let ink = { (m: TextMask) in m.coverage.reduce(0) { $0 + Int($1) } }
      #expect(ink(bold) > ink(regular))
      // A bold English title: DejaVu Bold as it is.
      let latin = try TextShaper.mask("GELU", chain: fonts.chain(bold: true), pixelSize: size, angle: 0, cached: false, memo: memo)
      let plain = try GDImage.textMask("GELU", font: dejaVuBold, pixelSize: size, angle: 0, cached: false, memo: memo)
      #expect(latin.coverage == plain.coverage && latin.advance == plain.advance)
    }
  }

  @Test("line breaks in Chinese: between CJK characters, never before closing or after opening punctuation")
  func wrapping() {
    let text = "梯度消失：当输入很大时，导数趋近于零（饱和），训练变慢"
    // Width: 10 px per character (a stand-in for the font's measurement).
    let lines = TextWrap.lines(text, maxWidth: 80, width: { $0.count * 10 })
    #expect(lines.count > 1)
    #expect(lines.joined() == text)
    for line in lines {
      #expect(line.count <= 8, "\(line)")
      #expect(!CJK.isNoLineStart(line.unicodeScalars.first!), "\(line)")
      #expect(!CJK.isNoLineEnd(line.unicodeScalars.last!), "\(line)")
    }
    // Mixed: a space is a break too and is dropped there; Latin words stay whole.
    let mixed = TextWrap.lines("Focal 损失的导数 f′(x) 与交叉熵", maxWidth: 90, width: { $0.count * 10 })
    #expect(mixed.allSatisfy { $0.count <= 9 && !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
    #expect(mixed.joined().filter { $0 != " " } == "Focal损失的导数f′(x)与交叉熵")
    #expect(mixed.contains { $0.hasPrefix("Focal") } && mixed.contains { $0.contains("f′(x)") })
    // English: as before, at spaces only.
    // ("the derivative of" is 170 px wide, "the derivative" 140.)
    #expect(TextWrap.lines("the derivative of focal", maxWidth: 150, width: { $0.count * 10 }) == ["the derivative", "of focal"])
  }
}

// MARK: - Charts with Chinese text

@Suite("CJK text: charts")
struct CJKChartTests {
  static func chineseFigure(scale: Int = 1) -> Figure {
    func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    var value = Chart(
      title: "σ(x) 的值", x: Axis("输入 x", range: -6...6), y: Axis("值 f(x)"),
      series: [Series("真实类别概率 p", sampling: sigmoid, over: -6...6)])
    value.annotations = [Annotation("饱和区（|x| > 4）", x: 3.2, y: 0.75)]
    let derivative = Chart(
      title: "二阶导数 f″(x)", x: Axis("输入 x", range: -6...6), y: Axis("导数 f′(x)"),
      series: [Series("导数", sampling: { sigmoid($0) * (1 - sigmoid($0)) }, over: -6...6)])
    var figure = Figure(panels: [value, derivative], columns: 2, title: "Sigmoid 激活函数：值与导数（梯度消失）")
    figure.scale = scale
    return figure
  }

  @Test("a Chinese figure lays out cleanly (no collisions, nothing cut) at scales 1 and 2", arguments: [1, 2])
  func layout(scale: Int) throws {
    let renderer = ChartRenderer(fonts: chineseFonts())
    #expect(try renderer.layoutIssues(Self.chineseFigure(scale: scale)) == [])
  }

  /// The figure title drawn with WenQuanYi's glyphs where its measured box
  /// says: the ink of the title row lies in the box (FreeType may touch one
  /// pixel beyond it), fills it to within 2 px, and each ideograph's own
  /// glyph (not the .notdef box DejaVu would draw) is there in full.
  @Test("pixels: a Chinese title draws ink exactly where its measured box is")
  func titleInk() throws {
    let renderer = ChartRenderer(fonts: chineseFonts())
    let figure = Self.chineseFigure()
    let (image, scene) = try renderer.renderScene(figure, paint: true)
    let image_ = try #require(image)
    let title = try #require(scene.items.compactMap { item -> SceneText? in
      if case .text(let t) = item, t.role == .title, t.text == figure.title { return t }
      return nil
    }.first)
    let paper: UInt32 = 0xFFFFFF
    // Ink in the band of rows above the panels' titles, left to right.
    var ink: PixelRect? = nil
    for y in 0..<(title.box.maxY + 3) {
      for x in 0..<image_.width where image_.pixel(x, y) != paper {
        let p = PixelRect(minX: x, minY: y, maxX: x + 1, maxY: y + 1)
        ink = ink.map { PixelRect(minX: min($0.minX, x), minY: min($0.minY, y), maxX: max($0.maxX, x + 1), maxY: max($0.maxY, y + 1)) } ?? p
      }
    }
    let drawn = try #require(ink)
    #expect(drawn.minX >= title.box.minX - 1 && drawn.maxX <= title.box.maxX + 1, "\(drawn) vs \(title.box)")
    #expect(drawn.minY >= title.box.minY - 1 && drawn.maxY <= title.box.maxY + 1, "\(drawn) vs \(title.box)")
    // The box ends at the pen's advance (gdImageStringFTEx's rectangle),
    // the ink at the last glyph's ink: the full-width "）" (emboldened) is
    // drawn on the left of its em, so the ink ends where its own mask ends.
    let memo = TextMemo()
    let size = 16.0
    let k = TextShaper.emboldening(pixelSize: size)
    let last = try GDImage.textMask("）", font: wqy, pixelSize: size, angle: 0, cached: false, memo: memo).emboldened(by: k)
    var lastInk = Int.min
    for y in 0..<last.box.height {
      for x in 0..<last.box.width where last.coverage[y * last.box.width + x] > 0 { lastInk = max(lastInk, last.box.minX + x + 1) }
    }
    #expect(drawn.maxX == title.origin.x + title.advance - last.advance + lastInk, "\(drawn) vs \(title.box)")
    #expect(title.box.maxX == title.origin.x + title.advance + 1)
    #expect(drawn.minX <= title.box.minX + 2 && drawn.minY <= title.box.minY + 2 && drawn.maxY >= title.box.maxY - 2)
    // The ideographs: "激活函数" starts after "Sigmoid " (DejaVu Bold), each
    // glyph emboldened; its well covered pixels are ink in the image, and
    // they are not DejaVu's .notdef boxes.
    let prefix = try GDImage.textMask("Sigmoid ", font: dejaVuBold, pixelSize: size, angle: 0, cached: false, memo: memo)
    let word = try GDImage.textMask("激活函数", font: wqy, pixelSize: size, angle: 0, cached: false, memo: memo).emboldened(by: k)
    let notdef = try GDImage.textMask("激活函数", font: dejaVuBold, pixelSize: size, angle: 0, cached: false, memo: memo)
    #expect(word.coverage != notdef.coverage)
    var covered = 0
    for y in 0..<word.box.height {
      for x in 0..<word.box.width where word.coverage[y * word.box.width + x] >= 128 {
        let ix = title.origin.x + prefix.advance + word.box.minX + x
        let iy = title.origin.y + word.box.minY + y
        #expect(image_.pixel(ix, iy) != paper, "(\(ix), \(iy))")
        covered += 1
      }
    }
    #expect(covered > 60)
  }

  @Test("English charts need no CJK font: same PNG and SVG with WenQuanYi, without it, or with an unreadable one")
  func englishUnaffected() throws {
    let chart = Chart(title: "the “GELU” derivative", x: Axis("x", range: -3...3), y: Axis("f′(x)"), series: [line("f′") { $0 }])
    var without = ChartFonts(regular: dejaVu, bold: dejaVuBold)
    without.fallbacks = []
    var broken = without
    broken.fallbacks = ["/nonexistent/wqy-microhei.ttc"]
    let reference = try ChartRenderer(fonts: without, cachesText: false).render(Figure(chart))
    for fonts in [chineseFonts(), broken] {
      let other = try ChartRenderer(fonts: fonts, cachesText: false).render(Figure(chart))
      #expect(other.png == reference.png)
      #expect(other.svg == reference.svg)
    }
    #expect(!reference.svg.contains("WenQuanYi"))
    // The Chinese figure's SVG names WenQuanYi Micro Hei and the readers' CJK fonts.
    let svg = try ChartRenderer(fonts: chineseFonts()).renderSVG(Self.chineseFigure())
    #expect(svg.contains("text{font-family:'DejaVu Sans','Verdana','Geneva','WenQuanYi Micro Hei','Noto Sans CJK SC'"))
  }

  @Test("a Chinese chart without a CJK font fails with a message naming the text and what to install")
  func missingFont() throws {
    var without = ChartFonts(regular: dejaVu, bold: dejaVuBold)
    without.fallbacks = []
    let figure = Figure(Chart(title: "导数", x: Axis("x", range: 0...1), y: Axis("y"), series: [line { $0 }]))
    #expect(throws: ChartError.cjkFontNotFound(text: "导数", tried: [])) { try ChartRenderer(fonts: without).renderPNG(figure) }
    let message = ChartError.cjkFontNotFound(text: "导数", tried: []).description
    #expect(message.contains("'导数'") && message.contains("fonts-wqy-microhei") && message.contains("LOSSATLAS_CJK_FONT"))
    #expect(message.contains(ChartFonts.knownFallbacks[0]))
    var broken = without
    broken.fallbacks = ["/nonexistent/x.ttc"]
    #expect(throws: ChartError.cjkFontNotFound(text: "导数", tried: ["/nonexistent/x.ttc"])) {
      try ChartRenderer(fonts: broken).renderPNG(figure)
    }
    #expect(ChartError.cjkFontNotFound(text: "导数", tried: ["/nonexistent/x.ttc"]).description.contains("/nonexistent/x.ttc"))
    // A CJK character WenQuanYi lacks (found from its cmap): named, not drawn as a box.
    let font = try FontFile.load(wqy)
    let rare = try #require((0x3400...0x9FFF).lazy.compactMap(Unicode.Scalar.init).first { !font.has($0) })
    let text = "导数" + String(rare)
    #expect(throws: ChartError.missingGlyphs(text: text, characters: [rare], fonts: [wqy])) {
      try chineseFonts().chain(bold: false).runs(text)
    }
  }
}
