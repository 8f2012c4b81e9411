import Synchronization

// MARK: - TextMask

/// A rendered text: its measured bounds and its FreeType coverage.
struct TextMask: Sendable {
  /// Bounding box relative to the baseline origin, as `gdImageStringFTEx`
  /// reports it; layout and collision checks use this.
  var bounds: PixelRect
  /// The rectangle `coverage` describes (the bounds plus a small margin).
  var box: PixelRect
  /// Coverage 0...255 of each pixel of `box`, row-major.
  var coverage: [UInt8]
  /// The pen's advance along the baseline, in pixels.
  var advance: Int
}

// MARK: - TextCache

/// Rendered texts shared by all renders of the process.
///
/// Rendering a text takes one lock shared by all threads (``FreeTypeText``,
/// or libgd's for the texts it falls back to), so concurrent renders queue
/// for it. Tick labels and axis titles repeat across the manual's figures,
/// so each distinct (text, font, size, angle) is rendered once and reused. A cached mask is
/// the same bytes a fresh render would give, so output does not depend on
/// what was cached before (determinism holds across runs and threads).
/// The cache stops growing at `capacity` entries.
enum TextCache {
  struct Key: Hashable, Sendable {
    var text: String
    var font: String
    var pixelSize: Double
    var angle: Double
  }

  static let capacity = 16_384
  private static let entries = Mutex<[Key: TextMask]>([:])

  static func lookup(_ key: Key) -> TextMask? { entries.withLock { $0[key] } }

  static func store(_ key: Key, _ mask: TextMask) {
    entries.withLock { table in
      if table.count < capacity { table[key] = mask }
    }
  }

  /// Empties the cache (benchmarks measure the cold path with it).
  static func removeAll() { entries.withLock { $0.removeAll() } }
}

// MARK: - TextMetricsCache

/// The measured box and advance of each (text, font, size, angle) of the
/// process: `gdImageStringFTEx` asked for the box alone (a NULL image),
/// the first half of rendering a text (``GDImage/textMask(_:font:pixelSize:angle:cached:memo:)``
/// measures, then draws). Layout measures texts it never draws: each
/// candidate line of a title being wrapped (a Chinese title is tried
/// character by character). With this cache such a text costs one
/// FreeType call instead of two, and a text measured first and drawn
/// later is measured once. The values are the ones a fresh call returns
/// (FreeType's metrics depend only on the key), so what was cached before
/// never changes a figure. Stops growing at `capacity` entries.
enum TextMetricsCache {
  static let capacity = 65_536
  private static let entries = Mutex<[TextCache.Key: TextMetrics]>([:])

  static func lookup(_ key: TextCache.Key) -> TextMetrics? { entries.withLock { $0[key] } }

  static func store(_ key: TextCache.Key, _ metrics: TextMetrics) {
    entries.withLock { table in
      if table.count < capacity { table[key] = metrics }
    }
  }

  /// Empties the cache (benchmarks and tests measure the cold path with it).
  static func removeAll() { entries.withLock { $0.removeAll() } }
}

/// A text's box relative to its baseline origin, as `gdImageStringFTEx`
/// reports it, and the pen's advance (``TextMask/bounds``, ``TextMask/advance``).
struct TextMetrics: Sendable, Equatable {
  var bounds: PixelRect
  var advance: Int
}

// MARK: - TextMemo

/// The texts of one render (one thread), so a label measured during layout
/// and drawn later is rendered once even when the process-wide
/// ``TextCache`` is off.
final class TextMemo {
  var entries: [TextCache.Key: TextMask] = [:]
  /// Texts measured and not (yet) drawn.
  var metrics: [TextCache.Key: TextMetrics] = [:]
}
