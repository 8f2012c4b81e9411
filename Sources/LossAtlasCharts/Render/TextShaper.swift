// MARK: - TextShaper

/// Text drawn with a chain of fonts: each run of characters in the font
/// ``FontChain/runs(_:)`` chooses (Latin, Greek, digits and math in DejaVu
/// Sans, Chinese in the CJK font), the runs set one after the other on one
/// baseline.
///
/// A text that the first font draws whole takes libgd's path unchanged
/// (``GDImage/textMask(_:font:pixelSize:angle:cached:memo:)``), so Latin
/// figures keep their exact pixels. A mixed text is measured and drawn run
/// by run with each font's own FreeType metrics (`gdImageStringFTEx`'s
/// bounding box and pen advance): a run starts where the previous one's pen
/// advance ended, every run's baseline origin is the text's, the box is the
/// union of the runs' boxes and the advance their sum; so layout, collision
/// checks and legends measure a mixed label exactly as it is drawn. A
/// rotated mixed text (a y-axis title) is composed horizontally and then
/// turned by the quarter turn.
///
/// In a bold text, a run in a fallback font (the CJK font has no bold face)
/// is emboldened as FreeType's `FT_GlyphSlot_Embolden` does, by em/24
/// (rounded up to whole pixels): each glyph's coverage is widened to the
/// right by that many pixels and the advance grows by as much.
enum TextShaper {
  static func mask(
    _ text: String, chain: FontChain, pixelSize: Double, angle: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMask {
    let key = TextCache.Key(text: text, font: fontKey(chain), pixelSize: pixelSize, angle: angle)
    if let hit = recall(key, &memo.entries, cached: cached, from: TextCache.lookup) { return hit }
    let runs = try chain.runs(text)
    let mask: TextMask
    if let font = libgdFont(runs, chain) {
      mask = try GDImage.textMask(text, font: font, pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
    } else {
      let quarterTurns = Int((angle / (Double.pi / 2)).rounded())
      guard abs(angle - Double(quarterTurns) * Double.pi / 2) < 1e-9 else {
        throw ChartError.invalidFigure("text in several fonts can be drawn at multiples of 90° only, not \(angle) rad: '\(text)'")
      }
      let emboldened = chain.bold ? Set(runs.indices.filter { runs[$0].font != chain.paths[0] }) : []
      var flat = try composed(runs, emboldened: emboldened, pixelSize: pixelSize, cached: cached, memo: memo)
      for _ in 0..<((quarterTurns % 4) + 4) % 4 { flat = flat.rotatedCounterClockwise() }
      mask = flat
    }
    keep(mask, key, &memo.entries, cached: cached, in: TextCache.store)
    return mask
  }

  /// The box and advance ``mask(_:chain:pixelSize:angle:cached:memo:)``
  /// would give `text`, without drawing it: each run measured by FreeType
  /// (``GDImage/metrics(_:font:pixelSize:angle:cached:memo:)``), the runs
  /// put side by side and emboldened as ``composed(_:emboldened:pixelSize:cached:memo:)``
  /// does. For layout that only needs a width (a title's candidate lines).
  static func metrics(
    _ text: String, chain: FontChain, pixelSize: Double, angle: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMetrics {
    let key = TextCache.Key(text: text, font: fontKey(chain), pixelSize: pixelSize, angle: angle)
    // A text drawn in this render gives its mask's box and advance; then one
    // measured before, in this render or (when `cached`) the process, and one
    // drawn in the process: all the same numbers (``mask`` measures as this does).
    if let hit = memo.entries[key] { return TextMetrics(bounds: hit.bounds, advance: hit.advance) }
    if let hit = recall(key, &memo.metrics, cached: cached, from: TextMetricsCache.lookup) { return hit }
    if cached, let hit = TextCache.lookup(key) { return TextMetrics(bounds: hit.bounds, advance: hit.advance) }
    let runs = try chain.runs(text)
    let measured: TextMetrics
    if let font = libgdFont(runs, chain) {
      measured = try GDImage.metrics(text, font: font, pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
    } else if angle != 0 {
      // A turned text in several fonts: its box is the turned mask's.
      let m = try mask(text, chain: chain, pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
      measured = TextMetrics(bounds: m.bounds, advance: m.advance)
    } else {
      var bounds: PixelRect?
      var pen = 0
      for run in runs {
        var m = try GDImage.metrics(run.text, font: run.font, pixelSize: pixelSize, angle: 0, cached: cached, memo: memo)
        if chain.bold && run.font != chain.paths[0] {
          // As ``TextMask/emboldened(by:)``: k pixels wider, advance k longer.
          let k = emboldening(pixelSize: pixelSize)
          m.bounds.maxX += k
          m.advance += k
        }
        let b = m.bounds.offsetBy(dx: pen, dy: 0)
        bounds = bounds.map {
          PixelRect(minX: min($0.minX, b.minX), minY: min($0.minY, b.minY), maxX: max($0.maxX, b.maxX), maxY: max($0.maxY, b.maxY))
        } ?? b
        pen += m.advance
      }
      measured = TextMetrics(bounds: bounds!, advance: pen)
    }
    keep(measured, key, &memo.metrics, cached: cached, in: TextMetricsCache.store)
    return measured
  }

  /// The font libgd draws a whole text in, unchanged (``GDImage``'s path,
  /// so Latin figures keep their exact pixels): the one run's font, when
  /// it is the chain's first or the text is not bold (a bold run in a
  /// fallback font is emboldened by hand); nil for a text of several runs.
  private static func libgdFont(_ runs: [(text: String, font: String)], _ chain: FontChain) -> String? {
    runs.count == 1 && (runs[0].font == chain.paths[0] || !chain.bold) ? runs[0].font : nil
  }

  /// What `key` is known to give: this render's `memo`, else (when
  /// `cached`) the process-wide cache `shared`, whose hit the memo keeps.
  private static func recall<Value>(
    _ key: TextCache.Key, _ memo: inout [TextCache.Key: Value], cached: Bool, from shared: (TextCache.Key) -> Value?
  ) -> Value? {
    if let hit = memo[key] { return hit }
    guard cached, let hit = shared(key) else { return nil }
    memo[key] = hit
    return hit
  }

  /// Keeps what `key` gave in this render's `memo` and (when `cached`) in
  /// the process-wide cache, through `store`.
  private static func keep<Value>(
    _ value: Value, _ key: TextCache.Key, _ memo: inout [TextCache.Key: Value], cached: Bool,
    in store: (TextCache.Key, Value) -> Void
  ) {
    if cached { store(key, value) }
    memo[key] = value
  }

  /// The cache key's font of a chain: its files, and whether it is bold.
  static func fontKey(_ chain: FontChain) -> String {
    chain.paths.joined(separator: "\n") + (chain.bold ? "\n(bold)" : "")
  }

  /// The emboldening of a bold run in a fallback font at `pixelSize`, in
  /// whole pixels: FreeType's em/24, rounded up (1 px at 16 px, 2 at 32 px).
  static func emboldening(pixelSize: Double) -> Int { max(1, Int((pixelSize / 24).rounded(.up))) }

  /// The runs side by side on one baseline, as one mask.
  static func composed(
    _ runs: [(text: String, font: String)], emboldened: Set<Int> = [], pixelSize: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMask {
    var parts: [(mask: TextMask, dx: Int)] = []
    var pen = 0
    for (i, run) in runs.enumerated() {
      var m = try GDImage.textMask(run.text, font: run.font, pixelSize: pixelSize, angle: 0, cached: cached, memo: memo)
      if emboldened.contains(i) { m = m.emboldened(by: emboldening(pixelSize: pixelSize)) }
      parts.append((m, pen))
      pen += m.advance
    }
    func union(_ rects: [PixelRect]) -> PixelRect {
      PixelRect(
        minX: rects.map(\.minX).min()!, minY: rects.map(\.minY).min()!, maxX: rects.map(\.maxX).max()!,
        maxY: rects.map(\.maxY).max()!)
    }
    let bounds = union(parts.map { $0.mask.bounds.offsetBy(dx: $0.dx, dy: 0) })
    let box = union(parts.map { $0.mask.box.offsetBy(dx: $0.dx, dy: 0) })
    var coverage = [UInt8](repeating: 0, count: box.width * box.height)
    for (m, dx) in parts {
      for y in 0..<m.box.height {
        for x in 0..<m.box.width {
          let c = m.coverage[y * m.box.width + x]
          guard c > 0 else { continue }
          let i = (m.box.minY + y - box.minY) * box.width + (m.box.minX + dx + x - box.minX)
          coverage[i] = max(coverage[i], c)
        }
      }
    }
    return TextMask(bounds: bounds, box: box, coverage: coverage, advance: pen)
  }
}

extension TextMask {
  /// The mask with every pixel's coverage the maximum of itself and the
  /// `k` pixels to its left: strokes `k` pixels wider, ink box and advance
  /// `k` pixels longer (a synthetic bold).
  func emboldened(by k: Int) -> TextMask {
    let newBox = PixelRect(minX: box.minX, minY: box.minY, maxX: box.maxX + k, maxY: box.maxY)
    var out = [UInt8](repeating: 0, count: newBox.width * newBox.height)
    for y in 0..<box.height {
      for x in 0..<newBox.width {
        var c: UInt8 = 0
        for d in 0...k where x - d >= 0 && x - d < box.width { c = max(c, coverage[y * box.width + x - d]) }
        out[y * newBox.width + x] = c
      }
    }
    let newBounds = PixelRect(minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX + k, maxY: bounds.maxY)
    return TextMask(bounds: newBounds, box: newBox, coverage: out, advance: advance + k)
  }

  /// The mask turned a quarter turn counter-clockwise about its baseline
  /// origin (image y grows downwards, so (x, y) becomes (y, −x)).
  func rotatedCounterClockwise() -> TextMask {
    func turn(_ r: PixelRect) -> PixelRect {
      // Pixel (x, y) covers [x, x+1) x [y, y+1); its turn covers [y, y+1) x (−x−1, −x].
      PixelRect(minX: r.minY, minY: -r.maxX + 1, maxX: r.maxY, maxY: -r.minX + 1)
    }
    let newBox = turn(box)
    var out = [UInt8](repeating: 0, count: coverage.count)
    for y in 0..<box.height {
      for x in 0..<box.width {
        let sx = box.minX + x
        let sy = box.minY + y
        let nx = sy - newBox.minX
        let ny = -sx - newBox.minY
        out[ny * newBox.width + nx] = coverage[y * box.width + x]
      }
    }
    return TextMask(bounds: turn(bounds), box: newBox, coverage: out, advance: advance)
  }
}
