import LossAtlasCharts
import Testing

@testable import LossAtlasReport

/// Every string of both editions' strings tables (templates/strings/en*,
/// templates/strings/zh*: figure titles, axis labels, legends, captions and
/// the prose around them; any of them may be drawn in a chart) is measured
/// with the chart fonts, each line as one chart text, regular and bold: it
/// measures without error, and every character is drawn with a glyph of the
/// font of its run (no .notdef box), CJK characters with the CJK font.
/// Runs with the renderer's fonts: DejaVu Sans and, for Chinese, the CJK
/// font `make deps` installs (WenQuanYi Micro Hei).
@Suite("Chart strings: glyphs of both editions")
struct ChartStringGlyphTests {
  static let fonts = ChartRenderer().fonts

  /// The lines of every entry of a language's tables, with the key and file.
  static func lines(_ language: Language) throws -> [(text: String, key: String, file: String)] {
    let strings = try Strings.embedded(language)
    var out: [(String, String, String)] = []
    for key in strings.table.keys.sorted() {
      for line in strings.table[key]!.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
        out.append((String(line), key, strings.origin[key] ?? "?"))
      }
    }
    return out
  }

  @Test("every line of every strings entry: measured, each character in its run's font", arguments: Language.allCases)
  func tablesCovered(language: Language) throws {
    let lines = try Self.lines(language)
    #expect(!lines.isEmpty)
    for (text, key, file) in lines {
      for bold in [false, true] {
        let uncovered = try Self.fonts.uncoveredCharacters(in: text, bold: bold)
        if !uncovered.isEmpty {
          let codes = uncovered.map { "'\($0)' U+" + String($0.value, radix: 16, uppercase: true) }
          Issue.record("\(file) \(key): '\(text)' has no glyph for \(codes) (bold: \(bold))")
        }
        for run in try Self.fonts.runs(of: text, bold: bold) where run.text.unicodeScalars.contains(where: Self.isIdeograph) {
          #expect(run.font != (bold ? Self.fonts.bold : Self.fonts.regular), "\(file) \(key): '\(run.text)'")
        }
        let m = try Self.fonts.measure(text, bold: bold, pixelSize: 16)
        #expect(m.width > 0 && m.advance > 0, "\(file) \(key): '\(text)'")
      }
    }
  }

  /// A fixed sample of Chinese figure strings of the kinds the Chinese
  /// edition's figures draw (until templates/strings/zh/figures.yaml holds
  /// them all; the test above then covers them too).
  @Test("a sample of Chinese figure strings: CJK runs in the CJK font, the rest in DejaVu Sans, nothing uncovered")
  func chineseSample() throws {
    let sample = [
      "GELU：值、导数与二阶导数", "交叉熵损失 L(p, y)", "真实类别概率 p", "导数 ∂L/∂z", "饱和（|f′| < 10⁻³）",
      "f″ 跳变", "死区 x < 0", "“梯度消失”", "γ = 0、1、2、5 时的 Focal 损失", "最大 |f′| 位于 x = 0",
    ]
    for text in sample {
      #expect(try Self.fonts.uncoveredCharacters(in: text) == [], "\(text)")
      let runs = try Self.fonts.runs(of: text)
      #expect(runs.map(\.text).joined() == text)
      for run in runs {
        let cjk = run.text.unicodeScalars.contains(where: Self.isIdeograph)
        let latin = run.text.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        #expect(!(cjk && latin), "'\(run.text)' of '\(text)' mixes scripts in one font")
        if latin { #expect(run.font == Self.fonts.regular, "'\(run.text)' of '\(text)'") }
      }
    }
  }

  static func isIdeograph(_ s: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(s.value) }
}
