import CGD
import Dispatch
import Synchronization
import Testing

@testable import LossAtlasCharts

/// ``FreeTypeText`` (`la_ft_text`, Sources/CGD/fttext.h: gdImageStringFTEx's
/// steps with FreeType's sizes and glyphs kept) pinned against libgd itself:
/// the same 8 bounding-rectangle values and the same truecolor pixels, on
/// every text the manual's figures draw (both editions, both fonts and the
/// CJK fallback, rotated axis titles), at twice those sizes, and on hostile
/// texts, sizes, angles, origins off the image and coloured backgrounds.
@Suite("FreeType text against libgd")
struct FreeTypeTextTests {
  /// libgd's call, as GDImage made it before and still makes it for what
  /// FreeTypeText declines (`GDImage.callFreeType`): 72 dpi, white; `image`
  /// nil measures only. nil when gd returns an error.
  static func gdCall(
    _ image: gdImagePtr?, _ text: String, font: String, pixelSize: Double, angle: Double, x: Int, y: Int
  ) -> [Int32]? {
    var brect = [Int32](repeating: 0, count: 8)
    do {
      try GDImage.callFreeType(
        image, &brect, color: GDImage.packed(.white), text, font: font, pixelSize: pixelSize, angle: angle, x: x, y: y)
    } catch { return nil }
    return brect
  }

  /// One text drawn both ways onto `width` x `height` pixels filled with
  /// `background`, baseline origin (x, y): libgd's and la_ft_text's
  /// rectangle and pixels; nil for la_ft_text when it declined.
  static func bothWays(
    _ text: String, font: String, pixelSize: Double, angle: Double, x: Int, y: Int,
    width: Int, height: Int, background: Int32 = 0
  ) throws -> (gd: ([Int32], [Int32])?, fast: ([Int32], [Int32])?) {
    let image = try GDImage(width: width, height: height)
    for row in 0..<height { for col in 0..<width { image.row(row)[col] = background } }
    let gdBrect = gdCall(image.pointer, text, font: font, pixelSize: pixelSize, angle: angle, x: x, y: y)
    let gdPixels = (0..<height).flatMap { row in (0..<width).map { image.row(row)[$0] } }
    var pixels = [Int32](repeating: background, count: width * height)
    var brect = [Int32](repeating: 0, count: 8)
    let handled = pixels.withUnsafeMutableBufferPointer { p in
      FreeTypeText.run(
        text, font: font, pixelSize: pixelSize, angle: angle, x: x, y: y, brect: &brect,
        pixels: p.baseAddress, width: width, height: height)
    }
    return (gdBrect.map { ($0, gdPixels) }, handled ? (brect, pixels) : nil)
  }

  /// Measures `text` both ways, then draws it both ways as GDImage.textMask
  /// does (white on black, the box plus 2 pixels each side). Returns whether
  /// la_ft_text handled it; records an issue at the first difference.
  @discardableResult
  static func agree(_ text: String, font: String, pixelSize: Double, angle: Double) throws -> Bool {
    var brect = [Int32](repeating: 0, count: 8)
    let measured = FreeTypeText.run(text, font: font, pixelSize: pixelSize, angle: angle, x: 0, y: 0, brect: &brect)
    let reference = gdCall(nil, text, font: font, pixelSize: pixelSize, angle: angle, x: 0, y: 0)
    guard measured, let reference else { return false }
    #expect(brect == reference, "box of \(text.debugDescription), \(font), \(pixelSize), \(angle)")
    let xs = stride(from: 0, to: 8, by: 2).map { Int(reference[$0]) }
    let ys = stride(from: 1, to: 8, by: 2).map { Int(reference[$0]) }
    let pad = 2
    let (gd, fast) = try bothWays(
      text, font: font, pixelSize: pixelSize, angle: angle, x: pad - xs.min()!, y: pad - ys.min()!,
      width: xs.max()! - xs.min()! + 1 + 2 * pad, height: ys.max()! - ys.min()! + 1 + 2 * pad)
    #expect(fast != nil && gd != nil)
    if let gd, let fast {
      #expect(fast.0 == gd.0 && fast.1 == gd.1, "pixels of \(text.debugDescription), \(font), \(pixelSize), \(angle)")
    }
    return true
  }

  @Test("every text of the manual's figures, at its size and at twice it: same box and pixels, none declined")
  func manualTexts() throws {
    var count = 0
    for group in manualFigureTexts {
      for scale in [1.0, 2.0] {
        for text in group.texts {
          let handled = try Self.agree(text, font: group.font, pixelSize: group.pixelSize * scale, angle: group.angle)
          #expect(handled, "declined: \(text.debugDescription)")
          count += 1
        }
      }
    }
    #expect(count == 2_000)
  }

  /// Printable ASCII is there without "&" (declined: gd decodes entities).
  static let hostileTexts: [String] = [
    "", " ", "  ", "j", "jjj", "(j", "Hg", "AVAVA To Wa Ty", "ff fi fl", "a\u{301}e\u{300}\u{323}", "x\u{200B}x",
    "\u{FFFF}", "\u{378}", "\u{E000}", "\u{7F}\u{1}", "\t", "损失函数的梯度", "a损b", "−1.5×10⁻³", "ﬁ", "—", "_|_",
    "∂L/∂s", "f′(x)", "−∞", "NaN", String(repeating: "W", count: 60), String(repeating: "i", count: 300),
    String((32..<127).filter { $0 != 38 }.map { Character(Unicode.Scalar($0)!) }), String((0x370..<0x3D0).compactMap { Unicode.Scalar($0).map(Character.init) }),
  ]

  @Test(
    "hostile texts, sizes and angles: empty, missing glyphs, marks, kerning pairs, long runs; 1 to 100.5 px; turned any way",
    arguments: [dejaVu, dejaVuBold, wqy])
  func hostile(font: String) throws {
    for size in [1.0, 7.3, 12.0, 13.5, 48.0, 100.5] {
      for angle in [0, Double.pi / 2, -Double.pi / 2, Double.pi, 0.3] {
        for text in Self.hostileTexts {
          #expect(try Self.agree(text, font: font, pixelSize: size, angle: angle), "declined: \(text.debugDescription)")
        }
      }
    }
  }

  @Test("drawn partly or wholly off the image, onto coloured and part-transparent pixels: libgd's pixels")
  func clippingAndBackgrounds() throws {
    let origins = [(0, 0), (-7, 5), (3, 8), (15, 30), (-40, -40), (19, 9), (5, -3), (200, 5)]
    for (font, text) in [(dejaVu, "Wg−0.25j"), (wqy, "梯度 x"), (dejaVuBold, "AVA")] {
      for (x, y) in origins {
        for background: Int32 in [0, 0x33_6699, 0xFF_FFFF, 0x7F00_0000, 0x40_FF00FF] {
          for angle in [0, Double.pi / 2, 0.3] {
            let (gd, fast) = try Self.bothWays(
              text, font: font, pixelSize: 13.5, angle: angle, x: x, y: y, width: 20, height: 10, background: background)
            #expect(gd != nil && fast != nil)
            if let gd, let fast { #expect(fast.0 == gd.0 && fast.1 == gd.1, "\(text) at (\(x), \(y)) on \(background)") }
          }
        }
      }
    }
  }

  @Test("declined (so GDImage asks libgd): HTML entities, line breaks, 4-byte UTF-8, an unreadable font")
  func declined() throws {
    var brect = [Int32](repeating: 0, count: 8)
    for text in ["&amp;", "a&b", "a\nb", "x\r", "\u{1D400}", "a😀"] {
      #expect(!FreeTypeText.run(text, font: dejaVu, pixelSize: 12, angle: 0, x: 0, y: 0, brect: &brect))
      // GDImage still gives libgd's box for them.
      let reference = Self.gdCall(nil, text, font: dejaVu, pixelSize: 12, angle: 0, x: 0, y: 0)!
      let xs = stride(from: 0, to: 8, by: 2).map { Int(reference[$0]) }
      let measured = try GDImage.measure(text, font: dejaVu, pixelSize: 12)
      #expect(measured.box.minX == xs.min()! && measured.advance == Int(reference[2]))
    }
    #expect(!FreeTypeText.run("x", font: "/nonexistent/font.ttf", pixelSize: 12, angle: 0, x: 0, y: 0, brect: &brect))
    #expect(throws: ChartError.self) { try GDImage.measure("x", font: "/nonexistent/font.ttf", pixelSize: 12) }
  }

  /// A text drawn at size + 0.25 (styles no other test opens, so glyphs
  /// load while threads contend): its rectangle then its pixels.
  static func drawnOffset(_ t: (font: String, pixelSize: Double, angle: Double, text: String)) -> [Int32] {
    var brect = [Int32](repeating: 0, count: 8)
    var pixels = [Int32](repeating: 0, count: 120 * 60)
    _ = pixels.withUnsafeMutableBufferPointer { p in
      FreeTypeText.run(
        t.text, font: t.font, pixelSize: t.pixelSize + 0.25, angle: t.angle, x: 10, y: 40, brect: &brect,
        pixels: p.baseAddress, width: 120, height: 60)
    }
    return brect + pixels
  }

  @Test("four threads at once give the serial results (one lock over every style)")
  func threads() throws {
    let texts = manualFigureTexts.flatMap { g in
      g.texts.prefix(40).map { (font: g.font, pixelSize: g.pixelSize, angle: g.angle, text: $0) }
    }
    let results = Mutex<[Int: [Int32]]>([:])
    DispatchQueue.concurrentPerform(iterations: 4 * texts.count) { i in
      let r = Self.drawnOffset(texts[i % texts.count])
      results.withLock { $0[i] = r }
    }
    let serial = texts.map(Self.drawnOffset)
    let all = results.withLock { $0 }
    #expect((0..<4 * texts.count).allSatisfy { all[$0] == serial[$0 % texts.count] })
  }
}
