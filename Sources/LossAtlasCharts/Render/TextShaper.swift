// MARK: - TextShaper

/// Text drawn with a chain of fonts: each run of characters in the first
/// font that has them (see ``FontChain/runs(_:)``), the runs set one after
/// the other along the baseline.
///
/// A text that the first font draws whole takes libgd's path unchanged
/// (``GDImage/textMask(_:font:pixelSize:angle:cached:memo:)``), so Latin
/// figures keep their exact pixels. A mixed text is measured and drawn run
/// by run with each font's own FreeType metrics: a run starts where the
/// previous one's pen advance ended, the box is the union of the runs'
/// boxes, and the advance their sum. A rotated mixed text (a y-axis title)
/// is composed horizontally and then turned by the quarter turn.
enum TextShaper {
  static func mask(
    _ text: String, chain: FontChain, pixelSize: Double, angle: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMask {
    guard chain.paths.count > 1 else {
      return try GDImage.textMask(text, font: chain.paths[0], pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
    }
    let key = TextCache.Key(text: text, font: chain.paths.joined(separator: "\n"), pixelSize: pixelSize, angle: angle)
    if let hit = memo.entries[key] { return hit }
    if cached, let hit = TextCache.lookup(key) {
      memo.entries[key] = hit
      return hit
    }
    let runs = try chain.runs(text)
    let mask: TextMask
    if runs.count == 1 {
      mask = try GDImage.textMask(text, font: runs[0].font, pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
    } else {
      let quarterTurns = Int((angle / (Double.pi / 2)).rounded())
      guard abs(angle - Double(quarterTurns) * Double.pi / 2) < 1e-9 else {
        throw ChartError.invalidFigure("text in several fonts can be drawn at multiples of 90° only, not \(angle) rad: '\(text)'")
      }
      var flat = try composed(runs, pixelSize: pixelSize, cached: cached, memo: memo)
      for _ in 0..<((quarterTurns % 4) + 4) % 4 { flat = flat.rotatedCounterClockwise() }
      mask = flat
    }
    if cached { TextCache.store(key, mask) }
    memo.entries[key] = mask
    return mask
  }

  /// The runs side by side on one baseline, as one mask.
  static func composed(
    _ runs: [(text: String, font: String)], pixelSize: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMask {
    var parts: [(mask: TextMask, dx: Int)] = []
    var pen = 0
    for run in runs {
      let m = try GDImage.textMask(run.text, font: run.font, pixelSize: pixelSize, angle: 0, cached: cached, memo: memo)
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
