import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - FontFile

/// What the text layer needs to know about a TrueType/OpenType font file
/// without drawing with it: which Unicode code points it has a glyph for
/// (its `cmap`) and its family name (its `name` table, for the SVG's
/// `font-family`).
///
/// Read with plain file I/O and parsed here (a few hundred bytes of tables
/// are enough), so that a fallback font can be chosen per character before
/// libgd is asked to draw, and so that the glyph-coverage test needs no
/// FreeType binding. A collection (`.ttc`, like WenQuanYi Micro Hei) is
/// read at its first font, the one libgd's FreeType opens.
///
/// Specification: OpenType 1.9, "cmap" formats 4 and 12 and "name"
/// (https://learn.microsoft.com/typography/opentype/spec/cmap).
struct FontFile: Sendable {
  /// Code points with a glyph, as sorted, disjoint, non-adjacent ranges.
  let ranges: [ClosedRange<UInt32>]
  /// The family name (name ID 16 if present, else 1), or "" when absent.
  let family: String

  /// Whether the font maps `scalar` to a glyph other than .notdef.
  func has(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    var lo = 0
    var hi = ranges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if ranges[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < ranges.count && ranges[lo].contains(v)
  }

  // MARK: Loading

  private static let loaded = Mutex<[String: FontFile]>([:])

  /// The parsed font at `path`, read once per process.
  ///
  /// - Throws: ``ChartError/fontNotFound(path:)`` when the file cannot be
  ///   read, ``ChartError/text(message:font:)`` when it is not a font with a
  ///   Unicode `cmap`.
  static func load(_ path: String) throws -> FontFile {
    if let hit = loaded.withLock({ $0[path] }) { return hit }
    guard let bytes = readFile(path) else { throw ChartError.fontNotFound(path: path) }
    let font = try parse(bytes, path: path)
    loaded.withLock { $0[path] = font }
    return font
  }

  static func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      if n > 0 { out += chunk[0..<n] }
      if n < chunk.count { break }
    }
    return ferror(f) == 0 ? out : nil
  }

  // MARK: Parsing

  /// Parses the font's `cmap` and `name` tables.
  static func parse(_ bytes: [UInt8], path: String) throws -> FontFile {
    let r = Reader(bytes: bytes)
    func bad(_ why: String) -> ChartError { ChartError.text(message: "not a usable font file: \(why)", font: path) }
    var base = 0
    if r.tag(0) == "ttcf" {
      guard let first = r.u32(12) else { throw bad("truncated collection header") }
      base = Int(first)
    }
    guard let numTables = r.u16(base + 4) else { throw bad("truncated header") }
    var tables: [String: (offset: Int, length: Int)] = [:]
    for i in 0..<Int(numTables) {
      let rec = base + 12 + 16 * i
      guard let tag = r.tag(rec), let off = r.u32(rec + 8), let len = r.u32(rec + 12) else {
        throw bad("truncated table directory")
      }
      tables[tag] = (Int(off), Int(len))
    }
    guard let cmap = tables["cmap"] else { throw bad("no cmap table") }
    guard let ranges = parseCmap(r, at: cmap.offset) else { throw bad("no Unicode cmap of format 4 or 12") }
    let family = tables["name"].flatMap { parseFamily(r, at: $0.offset) } ?? ""
    return FontFile(ranges: ranges, family: family)
  }

  /// The Unicode subtable FreeType would select (a full-repertoire one,
  /// (3, 10) or (0, 4/6), before a BMP one, (3, 1) or (0, 0...3)), as ranges.
  static func parseCmap(_ r: Reader, at offset: Int) -> [ClosedRange<UInt32>]? {
    guard let count = r.u16(offset + 2) else { return nil }
    var full: Int?
    var bmp: Int?
    for i in 0..<Int(count) {
      let rec = offset + 4 + 8 * i
      guard let platform = r.u16(rec), let encoding = r.u16(rec + 2), let sub = r.u32(rec + 4) else { return nil }
      let at = offset + Int(sub)
      if (platform == 3 && encoding == 10) || (platform == 0 && (encoding == 4 || encoding == 6)) {
        if full == nil { full = at }
      } else if (platform == 3 && encoding == 1) || (platform == 0 && encoding <= 3) {
        if bmp == nil { bmp = at }
      }
    }
    for at in [full, bmp].compactMap({ $0 }) {
      switch r.u16(at) {
      case 4?: if let c = format4(r, at) { return merged(c) }
      case 12?: if let c = format12(r, at) { return merged(c) }
      default: continue
      }
    }
    return nil
  }

  /// Format 4 (segment mapping to delta values): each code of each segment
  /// is mapped, so a code whose glyph is 0 (.notdef) is left out.
  static func format4(_ r: Reader, _ at: Int) -> [ClosedRange<UInt32>]? {
    guard let segX2 = r.u16(at + 6) else { return nil }
    let segs = Int(segX2) / 2
    let ends = at + 14
    let starts = ends + 2 * segs + 2
    let deltas = starts + 2 * segs
    let rangeOffsets = deltas + 2 * segs
    var out: [ClosedRange<UInt32>] = []
    for s in 0..<segs {
      guard let end = r.u16(ends + 2 * s), let start = r.u16(starts + 2 * s), let delta = r.u16(deltas + 2 * s),
        let ro = r.u16(rangeOffsets + 2 * s)
      else { return nil }
      guard start <= end, !(start == 0xFFFF && end == 0xFFFF) else { continue }
      var runStart: UInt32?
      for c in UInt32(start)...UInt32(end) {
        var glyph: UInt32
        if ro == 0 {
          glyph = (c + UInt32(delta)) & 0xFFFF
        } else {
          // idRangeOffset counts bytes from its own position in the array.
          let p = rangeOffsets + 2 * s + Int(ro) + 2 * Int(c - UInt32(start))
          let g = UInt32(r.u16(p) ?? 0)
          glyph = g == 0 ? 0 : (g + UInt32(delta)) & 0xFFFF
        }
        if glyph != 0 {
          if runStart == nil { runStart = c }
        } else if let s0 = runStart {
          out.append(s0...(c - 1))
          runStart = nil
        }
      }
      if let s0 = runStart { out.append(s0...UInt32(end)) }
    }
    return out
  }

  /// Format 12 (segmented coverage): groups of consecutive codes.
  static func format12(_ r: Reader, _ at: Int) -> [ClosedRange<UInt32>]? {
    guard let n = r.u32(at + 12) else { return nil }
    var out: [ClosedRange<UInt32>] = []
    for g in 0..<Int(n) {
      let rec = at + 16 + 12 * g
      guard let start = r.u32(rec), let end = r.u32(rec + 4), let glyph = r.u32(rec + 8), start <= end else { return nil }
      // A group starting at glyph 0 maps its first code to .notdef.
      let first = glyph == 0 ? start + 1 : start
      if first <= end { out.append(first...end) }
    }
    return out
  }

  /// Ranges sorted, with overlapping and adjacent ones joined.
  static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
    var out: [ClosedRange<UInt32>] = []
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
        out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    return out
  }

  /// The typographic family (name ID 16) or the family (ID 1), from a
  /// Windows Unicode record (UTF-16BE, preferring US English) or a
  /// Macintosh Roman one (ASCII part only).
  static func parseFamily(_ r: Reader, at offset: Int) -> String? {
    guard let count = r.u16(offset + 2), let storage = r.u16(offset + 4) else { return nil }
    var best: (rank: Int, text: String)?
    for i in 0..<Int(count) {
      let rec = offset + 6 + 12 * i
      guard let platform = r.u16(rec), let language = r.u16(rec + 4), let id = r.u16(rec + 6),
        let length = r.u16(rec + 8), let off = r.u16(rec + 10), id == 1 || id == 16
      else { continue }
      let start = offset + Int(storage) + Int(off)
      guard start >= 0, start + Int(length) <= r.bytes.count else { continue }
      let raw = r.bytes[start..<start + Int(length)]
      var text = ""
      var rank = id == 16 ? 0 : 4
      if platform == 3 || platform == 0 {
        var units: [UInt16] = []
        var k = raw.startIndex
        while k + 1 < raw.endIndex {
          units.append(UInt16(raw[k]) << 8 | UInt16(raw[k + 1]))
          k += 2
        }
        text = String(decoding: units, as: UTF16.self)
        rank += language == 0x409 || platform == 0 ? 0 : 1
      } else if platform == 1 {
        text = String(decoding: raw.filter { $0 < 0x80 }, as: UTF8.self)
        rank += 2
      } else {
        continue
      }
      if !text.isEmpty, best.map({ rank < $0.rank }) ?? true { best = (rank, text) }
    }
    return best?.text
  }

  /// Big-endian reads that return nil past the end instead of trapping.
  struct Reader {
    let bytes: [UInt8]

    func u16(_ at: Int) -> UInt16? {
      guard at >= 0, at + 2 <= bytes.count else { return nil }
      return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    func u32(_ at: Int) -> UInt32? {
      guard let hi = u16(at), let lo = u16(at + 2) else { return nil }
      return UInt32(hi) << 16 | UInt32(lo)
    }

    func tag(_ at: Int) -> String? {
      guard at >= 0, at + 4 <= bytes.count else { return nil }
      return String(decoding: bytes[at..<at + 4], as: UTF8.self)
    }
  }
}
