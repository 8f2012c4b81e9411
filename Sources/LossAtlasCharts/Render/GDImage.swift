import CGD

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - GDImage

/// The one owner of a libgd truecolor image: every gd call of the charts
/// module goes through here.
///
/// - Every pointer libgd returns is checked; NULL becomes a thrown ``ChartError``.
/// - `gdImageDestroy` runs in `deinit`, so no path leaks the image.
/// - An instance is created, drawn and encoded inside one render call on one
///   thread and never escapes it (hence not `Sendable`).
/// - Pixels are written directly as gd's truecolor ints `0x00RRGGBB`
///   (alpha 0 = opaque), so no gd colour index is ever allocated per call.
final class GDImage {
  /// The image; never NULL.
  let pointer: gdImagePtr
  /// Width in pixels.
  let width: Int
  /// Height in pixels.
  let height: Int

  /// Creates a truecolor image filled with `background`.
  init(width: Int, height: Int, background: ChartColor = .white) throws {
    guard width > 0, height > 0, let im = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
      throw ChartError.gd(operation: "gdImageCreateTrueColor(\(width), \(height))")
    }
    pointer = im
    self.width = width
    self.height = height
    fill(PixelRect(x: 0, y: 0, width: width, height: height), background)
  }

  deinit { gdImageDestroy(pointer) }

  // MARK: Pixels

  /// gd's truecolor int for an opaque colour.
  @inline(__always) static func packed(_ c: ChartColor) -> Int32 {
    Int32(c.red) << 16 | Int32(c.green) << 8 | Int32(c.blue)
  }

  /// Row `y` as a pointer to `width` pixels (y must be in range).
  @inline(__always) func row(_ y: Int) -> UnsafeMutablePointer<Int32> {
    la_truecolor_row(pointer, Int32(y))!
  }

  /// The colour at (x, y), as 0xRRGGBB.
  func pixel(_ x: Int, _ y: Int) -> UInt32 { UInt32(bitPattern: row(y)[x]) & 0xFF_FFFF }

  /// Fills a rectangle (clipped to the image) with an opaque colour.
  func fill(_ rect: PixelRect, _ color: ChartColor) {
    let r = rect.intersection(PixelRect(x: 0, y: 0, width: width, height: height))
    guard !r.isEmpty else { return }
    let value = GDImage.packed(color)
    for y in r.minY..<r.maxY {
      let p = row(y)
      for x in r.minX..<r.maxX { p[x] = value }
    }
  }

  /// Blends `color` over the pixel at (x, y) with weight `level / levels`
  /// (integer arithmetic, rounded, so results are exact and repeatable).
  @inline(__always) func blend(_ x: Int, _ y: Int, _ color: ChartColor, level: Int, levels: Int) {
    let p = row(y)
    if level >= levels {
      p[x] = GDImage.packed(color)
      return
    }
    let d = UInt32(bitPattern: p[x])
    let inv = levels - level
    func mix(_ dst: UInt32, _ src: UInt8) -> Int32 {
      Int32((Int(dst & 0xFF) * inv + Int(src) * level + levels / 2) / levels)
    }
    p[x] = mix(d >> 16, color.red) << 16 | mix(d >> 8, color.green) << 8 | mix(d, color.blue)
  }

  // MARK: Text (FreeType through libgd)

  /// The box of `text` relative to its baseline origin: the bounding
  /// rectangle `gdImageStringFTEx` gives with a NULL image (measures, draws
  /// nothing), from ``FreeTypeText`` (the same values) or else from libgd.
  ///
  /// Also returns the pen's advance along the baseline: libgd's rectangle
  /// ends at the pen position after the last glyph (gdft.c takes each
  /// glyph's right edge as pen + advance), so the advance is that corner
  /// (advance, descent) rotated back by the angle.
  static func measure(
    _ text: String, font: String, pixelSize: Double, angle: Double = 0
  ) throws -> (box: PixelRect, advance: Int) {
    var brect = [Int32](repeating: 0, count: 8)
    if !FreeTypeText.run(text, font: font, pixelSize: pixelSize, angle: angle, x: 0, y: 0, brect: &brect) {
      try callFreeType(nil, &brect, color: 0, text, font: font, pixelSize: pixelSize, angle: angle, x: 0, y: 0)
    }
    let xs = [brect[0], brect[2], brect[4], brect[6]].map(Int.init)
    let ys = [brect[1], brect[3], brect[5], brect[7]].map(Int.init)
    let advance = angle == 0
      ? Int(brect[2])
      : Int((Double(brect[2]) * cos(angle) - Double(brect[3]) * sin(angle)).rounded())
    return (PixelRect(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()! + 1, maxY: ys.max()! + 1), advance)
  }

  /// The rendered coverage of `text`: from this render's `memo`, else from
  /// the process-wide ``TextCache`` when `cached`, else freshly rendered.
  ///
  /// FreeType's anti-aliased glyphs are drawn as libgd draws them, white on
  /// black, and read back from the red channel: by ``FreeTypeText`` (gd's
  /// steps with FreeType's sizes and glyphs kept), else by libgd into a
  /// scratch image. libgd offers no way to get coverage directly, and
  /// drawing straight onto the chart would produce up to 128 blends per
  /// background colour.
  static func textMask(
    _ text: String, font: String, pixelSize: Double, angle: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMask {
    let key = TextCache.Key(text: text, font: font, pixelSize: pixelSize, angle: angle)
    if let hit = memo.entries[key] { return hit }
    if cached, let hit = TextCache.lookup(key) {
      memo.entries[key] = hit
      return hit
    }
    let measured = try metrics(text, font: font, pixelSize: pixelSize, angle: angle, cached: cached, memo: memo)
    let (box, advance) = (measured.bounds, measured.advance)
    let pad = 2  // FreeType may touch a pixel just outside the box it reports
    let full = PixelRect(
      minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad)
    // White drawn on opaque black (gd's 0) truecolor pixels, read back from the red channel.
    var pixels = [Int32](repeating: 0, count: full.width * full.height)
    var brect = [Int32](repeating: 0, count: 8)
    let drawn = pixels.withUnsafeMutableBufferPointer { p in
      FreeTypeText.run(
        text, font: font, pixelSize: pixelSize, angle: angle, x: pad - box.minX, y: pad - box.minY,
        brect: &brect, pixels: p.baseAddress, width: full.width, height: full.height)
    }
    if !drawn {
      let scratch = try GDImage(width: full.width, height: full.height, background: ChartColor(hex: 0))
      try callFreeType(
        scratch.pointer, &brect, color: packed(.white), text, font: font, pixelSize: pixelSize,
        angle: angle, x: pad - box.minX, y: pad - box.minY)
      for y in 0..<full.height {
        let row = scratch.row(y)
        for x in 0..<full.width { pixels[y * full.width + x] = row[x] }
      }
    }
    let coverage = pixels.map { UInt8(truncatingIfNeeded: $0 >> 16) }
    let mask = TextMask(bounds: box, box: full, coverage: coverage, advance: advance)
    if cached { TextCache.store(key, mask) }
    memo.entries[key] = mask
    return mask
  }

  /// The box and advance of `text` (``measure(_:font:pixelSize:angle:)``):
  /// from a rendered mask or a measurement this render or (when `cached`)
  /// this process already has, else measured now and remembered.
  static func metrics(
    _ text: String, font: String, pixelSize: Double, angle: Double, cached: Bool, memo: TextMemo
  ) throws -> TextMetrics {
    let key = TextCache.Key(text: text, font: font, pixelSize: pixelSize, angle: angle)
    if let hit = memo.entries[key] { return TextMetrics(bounds: hit.bounds, advance: hit.advance) }
    if let hit = memo.metrics[key] { return hit }
    if cached, let hit = TextMetricsCache.lookup(key) {
      memo.metrics[key] = hit
      return hit
    }
    let (box, advance) = try measure(text, font: font, pixelSize: pixelSize, angle: angle)
    let measured = TextMetrics(bounds: box, advance: advance)
    if cached { TextMetricsCache.store(key, measured) }
    memo.metrics[key] = measured
    return measured
  }

  /// Blends a text mask in `color` with its baseline origin at (x, y).
  ///
  /// Coverage is rounded to `levels` steps, so text adds at most `levels`
  /// colours per background colour, which keeps most charts within a
  /// 256-colour palette (see ``png(level:palette:encoder:)``).
  func draw(_ mask: TextMask, x: Int, y: Int, color: ChartColor, levels: Int) {
    let w = mask.box.width
    for my in 0..<mask.box.height {
      let ty = y + mask.box.minY + my
      guard ty >= 0 && ty < height else { continue }
      for mx in 0..<w {
        let tx = x + mask.box.minX + mx
        guard tx >= 0 && tx < width else { continue }
        let level = (Int(mask.coverage[my * w + mx]) * levels + 127) / 255
        if level > 0 { blend(tx, ty, color, level: level, levels: levels) }
      }
    }
  }

  /// One call of `gdImageStringFTEx` at 72 dpi (so the size is in pixels);
  /// a returned error string becomes a thrown ``ChartError``. Also the
  /// reference ``FreeTypeText`` is tested against (FreeTypeTextTests).
  static func callFreeType(
    _ im: gdImagePtr?, _ brect: inout [Int32], color: Int32, _ text: String, font: String,
    pixelSize: Double, angle: Double, x: Int, y: Int
  ) throws {
    _ = FontCache.ready
    var extra = gdFTStringExtra()
    extra.flags = gdFTEX_RESOLUTION
    extra.hdpi = 72
    extra.vdpi = 72
    let error: UnsafeMutablePointer<CChar>? = font.withCString { fontPath in
      text.withCString { string in
        brect.withUnsafeMutableBufferPointer { b in
          gdImageStringFTEx(
            im, b.baseAddress, color, UnsafeMutablePointer(mutating: fontPath), pixelSize, angle,
            Int32(x), Int32(y), UnsafeMutablePointer(mutating: string), &extra)
        }
      }
    }
    // gd returns a pointer to a static message, not an allocation: not freed.
    if let error { throw ChartError.text(message: String(cString: error), font: font) }
  }

  // MARK: PNG

  /// Which code writes the PNG file.
  enum PNGEncoder {
    /// libgd's `gdImagePngPtrEx` (libpng: per-row filter search on
    /// truecolor images, zlib's `level` as it is).
    case libgd
    /// `la_png_encode` (Sources/CGD/shim.h): unfiltered rows in one zlib
    /// stream, the match search tuned for palette images at level 6; the
    /// same pixels, written faster and, over the manual's figures, smaller
    /// (BENCHMARKS.md, session 19, perf-charts). Palette images of 16
    /// colours or fewer still go through libgd (it packs their pixels).
    case compact
    /// ``compact``, but at level 6 a palette image's rows are deflated by
    /// `la_row_deflate` (Sources/CGD/rowdeflate.h: matches only with the
    /// byte before, the row above and a one-entry hash) instead of zlib's
    /// match search: the same pixels, about 5 times less deflate CPU and
    /// 1.9 % fewer bytes over the manual's palette figures (BENCHMARKS.md,
    /// session 24, png-encode). Truecolor images and other levels are
    /// written as by ``compact``.
    case rowMatch
  }

  /// Encodes the image as PNG bytes at the given zlib level (0...9; -1 is 6).
  ///
  /// When `palette` is true and the image has at most 256 distinct colours,
  /// an exact palette copy is encoded instead (same pixels, about a third of
  /// the data and no per-row filter search: several times faster).
  func png(level: Int, palette: Bool, encoder: PNGEncoder = .libgd) throws -> [UInt8] {
    var target = pointer
    var paletteCopy: gdImagePtr? = nil
    defer { if let paletteCopy { gdImageDestroy(paletteCopy) } }
    if palette {
      var status: Int32 = 0
      paletteCopy = la_exact_palette_copy(pointer, &status)
      if status < 0 { throw ChartError.gd(operation: "palette copy") }
      if let paletteCopy { target = paletteCopy }
    }
    var size: Int32 = 0
    if encoder != .libgd {
      var status: Int32 = 0
      let raw = la_png_encode(target, Int32(level < 0 ? 6 : level), encoder == .rowMatch ? 1 : 0, &size, &status)
      if let raw {
        defer { free(raw) }
        return [UInt8](UnsafeRawBufferPointer(start: raw, count: Int(size)))
      }
      if status < 0 { throw ChartError.gd(operation: "la_png_encode") }
    }
    guard let raw = gdImagePngPtrEx(target, &size, Int32(level)), size > 0 else {
      throw ChartError.gd(operation: "gdImagePngPtrEx")
    }
    defer { gdFree(raw) }
    return [UInt8](UnsafeRawBufferPointer(start: raw, count: Int(size)))
  }
}

// MARK: - FontCache

/// libgd's FreeType cache must be set up once before text is drawn from
/// several threads (`gdFontCacheSetup`, gd.h). A `static let` is initialised
/// exactly once, thread-safely, on first use.
enum FontCache {
  static let ready: Bool = gdFontCacheSetup() == 0
}

// MARK: - Decoding (tests and checks)

/// Decodes PNG bytes with libgd into 0xRRGGBB pixels, row by row.
func decodePNG(_ bytes: [UInt8]) throws -> (width: Int, height: Int, pixels: [UInt32]) {
  let decoded: gdImagePtr? = bytes.withUnsafeBytes { raw in
    gdImageCreateFromPngPtr(Int32(raw.count), UnsafeMutableRawPointer(mutating: raw.baseAddress))
  }
  guard let im = decoded else { throw ChartError.gd(operation: "gdImageCreateFromPngPtr") }
  defer { gdImageDestroy(im) }
  let w = Int(im.pointee.sx)
  let h = Int(im.pointee.sy)
  var pixels: [UInt32] = []
  pixels.reserveCapacity(w * h)
  for y in 0..<h {
    for x in 0..<w {
      pixels.append(UInt32(bitPattern: gdImageGetTrueColorPixel(im, Int32(x), Int32(y))) & 0xFF_FFFF)
    }
  }
  return (w, h, pixels)
}
