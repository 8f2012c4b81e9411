import CGD
import Synchronization

// MARK: - FreeTypeText

/// `gdImageStringFTEx` for one line of text at 72 dpi without libgd's
/// per-call cost: `la_ft_text` (Sources/CGD/fttext.h) does gd's steps with
/// the FreeType sizes and glyphs of each style kept for the process.
///
/// libgd creates two FreeType sizes per call, so DejaVu's font and CVT
/// programs (TrueType bytecode) run again for every text and every glyph
/// is hinted two or three times: about 0.3 s of CPU over the English
/// edition's 1,300 calls, almost all of it per-call set-up (BENCHMARKS.md,
/// session 25, perf-text). The bounding rectangle and the pixels are gd's
/// (same FreeType calls, same expressions, `gdAlphaBlend`), checked against
/// gd on every text of both editions and on hostile texts
/// (Tests/LossAtlasChartsTests/FreeTypeTextTests.swift).
///
/// Returns false when `la_ft_text` does not handle the text or the font
/// (HTML entities, line breaks, 4-byte UTF-8, an unreadable font, a glyph
/// FreeType cannot load): the caller then asks libgd, which also produces
/// its error message.
///
/// One lock serialises every call (a FreeType face is not thread-safe and
/// faces share one `FT_Library`); with glyphs cached a call is a few
/// microseconds per glyph, against gd's lock held for its whole call.
enum FreeTypeText {
  struct Style: Hashable {
    var font: String
    var pixelSize: Double
    var angle: Double
  }

  /// Beyond this many styles all are closed and opening starts over (each
  /// keeps a face and its glyphs; the manual uses 10). Output does
  /// not depend on what is open: a reopened style gives the same values.
  static let capacity = 64

  /// An opened style; used only while `styles` is locked.
  private struct Opened: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<la_ft_style>?
  }

  /// Opened styles; a nil pointer marks one FreeType could not open here.
  private static let styles = Mutex<[Style: Opened]>([:])

  /// The bounding rectangle of `text` (gd's 8 values, baseline origin at
  /// (x, y)) into `brect` and, when `pixels` is given, the text drawn in
  /// opaque white onto those `width` x `height` truecolor pixels (gd's
  /// `0x00RRGGBB` ints, row-major) as `gdImageStringFTEx` draws it onto a
  /// truecolor image.
  static func run(
    _ text: String, font: String, pixelSize: Double, angle: Double, x: Int, y: Int,
    brect: inout [Int32], pixels: UnsafeMutablePointer<Int32>? = nil, width: Int = 0, height: Int = 0
  ) -> Bool {
    precondition(brect.count == 8)
    let key = Style(font: font, pixelSize: pixelSize, angle: angle)
    return styles.withLock { table -> Bool in
      let opened: Opened
      if let known = table[key] {
        opened = known
      } else {
        if table.count >= capacity {
          for style in table.values { la_ft_style_close(style.pointer) }
          table.removeAll()
        }
        opened = Opened(pointer: la_ft_style_open(font, pixelSize, angle))
        table[key] = opened
      }
      guard let style = opened.pointer else { return false }
      return brect.withUnsafeMutableBufferPointer { b in
        la_ft_text(style, text, Int32(x), Int32(y), b.baseAddress, pixels, Int32(width), Int32(height)) == 0
      }
    }
  }
}
