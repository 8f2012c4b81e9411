// MARK: - Measuring a chart text outside a chart

/// What the charts would do with one text, for tests and checks outside
/// this module (the Chinese edition's strings tables): which font draws
/// which part, whether every character has its glyph, and its size.
extension ChartFonts {
  /// The text cut into runs, each with the font file that draws it (see
  /// ``FontChain/runs(_:)``: Latin, Greek, digits and math in the regular
  /// or bold face, CJK characters and full-width punctuation in the CJK
  /// fallback).
  ///
  /// - Throws: ``ChartError/cjkFontNotFound(text:tried:)`` for Chinese text
  ///   without a CJK font, ``ChartError/missingGlyphs(text:characters:fonts:)``.
  public func runs(of text: String, bold: Bool = false) throws -> [(text: String, font: String)] {
    try chain(bold: bold).runs(text)
  }

  /// The characters of `text` (in order, without repeats) whose run's font
  /// has no glyph for them in its `cmap` (drawn as that font's .notdef box),
  /// and those beyond the BMP (libgd cannot draw them: see
  /// ``FontChain/drawable(_:)``). Empty when every character is drawn with
  /// its own glyph.
  public func uncoveredCharacters(in text: String, bold: Bool = false) throws -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    for run in try runs(of: text, bold: bold) {
      let font = try FontFile.load(run.font)
      for s in run.text.unicodeScalars where !(FontChain.drawable(s) && font.has(s)) && !out.contains(s) { out.append(s) }
    }
    return out
  }

  /// The box of `text` drawn at `pixelSize` (at angle 0), as layout and the
  /// collision check see it: FreeType's bounding box of each run, the runs
  /// side by side on one baseline. `ascent` is the box's height above the
  /// baseline, `descent` below it, `advance` the pen's advance. With
  /// `cached` false the process-wide text cache is bypassed (benchmarks).
  public func measure(
    _ text: String, bold: Bool = false, pixelSize: Double, cached: Bool = true
  ) throws -> (width: Int, ascent: Int, descent: Int, advance: Int) {
    let mask = try TextShaper.mask(
      text, chain: chain(bold: bold), pixelSize: pixelSize, angle: 0, cached: cached, memo: TextMemo())
    return (mask.bounds.width, -mask.bounds.minY, mask.bounds.maxY, mask.advance)
  }
}
