import CGD
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@testable import LossAtlasCharts

/// `la_row_deflate` (Sources/CGD/rowdeflate.h), the deflate of palette
/// PNG rows behind `GDImage.PNGEncoder.rowMatch`, pinned against zlib: its
/// stream must inflate (zlib's `uncompress`, which checks every code, every
/// distance and the Adler-32) to exactly the bytes given, on rows shaped
/// like the charts' and on inputs made to break a hand-written deflate:
/// all literals, 8192-token block edges, matches of exactly 258 bytes and
/// crossing rows, distances at the 32 KiB window, skewed byte frequencies
/// that need the 15-bit limit on code lengths, one byte, one column.
@Suite("Row deflate")
struct RowDeflateTests {
  /// The stream the compact encoder wrote before (`la_png_encode` with
  /// `rowMatch` 0), kept verbatim as the reference: one zlib stream at
  /// level 6, 32 KiB window, memLevel 8, default strategy, tuned
  /// (32, 258, 258, 16) for palette images.
  static func zlibReference(_ raw: [UInt8]) -> [UInt8] {
    var z = z_stream()
    _ = deflateInit2_(&z, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    _ = deflateTune(&z, 32, 258, 258, 16)
    let bound = Int(deflateBound(&z, uLong(raw.count))) + 1024
    var packed = [UInt8](repeating: 0, count: bound)
    var input = raw
    let rc = input.withUnsafeMutableBufferPointer { i in
      packed.withUnsafeMutableBufferPointer { o in
        z.next_in = i.baseAddress
        z.avail_in = uInt(i.count)
        z.next_out = o.baseAddress
        z.avail_out = uInt(o.count)
        return deflate(&z, Z_FINISH)
      }
    }
    let size = Int(z.total_out)
    deflateEnd(&z)
    precondition(rc == Z_STREAM_END)
    return Array(packed.prefix(size))
  }

  /// The row matcher's stream of `raw` (rows of `stride` bytes).
  static func rowDeflate(_ raw: [UInt8], stride: Int) -> [UInt8]? {
    var size = 0
    guard let p = raw.withUnsafeBufferPointer({ la_row_deflate($0.baseAddress, $0.count, stride, &size) }) else { return nil }
    defer { free(p) }
    return Array(UnsafeBufferPointer(start: p, count: size))
  }

  /// zlib's inflate of a stream known to hold `count` bytes (nil when zlib
  /// rejects it or it holds another number of bytes).
  static func inflated(_ stream: [UInt8], count: Int) -> [UInt8]? {
    var out = [UInt8](repeating: 0, count: count + 1)
    var length = uLongf(out.count)
    let rc = out.withUnsafeMutableBufferPointer { o in
      stream.withUnsafeBufferPointer { s in uncompress(o.baseAddress, &length, s.baseAddress, uLong(s.count)) }
    }
    return rc == Z_OK && Int(length) == count ? Array(out.prefix(count)) : nil
  }

  /// Rows of `width` bytes, each preceded by the filter byte 0, as
  /// `la_png_encode` lays out a palette image.
  static func rows(width: Int, height: Int, _ pixel: (Int, Int) -> UInt8) -> (raw: [UInt8], stride: Int) {
    var raw: [UInt8] = []
    raw.reserveCapacity((width + 1) * height)
    for y in 0..<height {
      raw.append(0)
      for x in 0..<width { raw.append(pixel(x, y)) }
    }
    return (raw, width + 1)
  }

  /// A deterministic generator (SplitMix64's output function on a counter).
  static func noise(_ n: Int) -> UInt64 {
    var z = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Inputs made to break an encoder, each with its row stride.
  static func hostile() -> [(name: String, raw: [UInt8], stride: Int)] {
    var cases: [(String, [UInt8], Int)] = []
    func add(_ name: String, _ r: (raw: [UInt8], stride: Int)) { cases.append((name, r.raw, r.stride)) }
    add("1 x 1", rows(width: 1, height: 1) { _, _ in 7 })
    add("one column", rows(width: 1, height: 700) { _, y in UInt8(y / 3 % 5) })
    add("one row of 8000 alike", rows(width: 8000, height: 1) { _, _ in 200 })
    add("all literals, several 8192-token blocks", rows(width: 251, height: 211) { x, y in UInt8(truncatingIfNeeded: noise(y * 251 + x)) })
    // Runs of 257, 258, 259 and 516 bytes, and rows repeated 3 times then changed.
    add("runs at the length limit", rows(width: 1041, height: 9) { x, y in
      let edges = [0, 257, 515, 774, 1040]
      return UInt8(edges.lastIndex { $0 <= x }! + y / 3)
    })
    // A row of width 32767 (stride 32768, the longest deflate distance) repeated.
    add("stride at the window", rows(width: 32767, height: 3) { x, y in UInt8(truncatingIfNeeded: noise(x / 5) >> 7) &+ UInt8(y == 2 && x % 997 == 0 ? 1 : 0) })
    // Byte k appears about fib(k) times, shuffled: a Huffman tree 23 deep
    // unless the code lengths are limited to 15 bits.
    var skewed: [UInt8] = []
    var (a, b) = (1, 1)
    for k in 0..<23 {
      skewed += [UInt8](repeating: UInt8(k * 11), count: a)
      (a, b) = (b, a + b)
    }
    let order = skewed.indices.sorted { noise($0) < noise($1) }
    add("Fibonacci frequencies", rows(width: 512, height: skewed.count / 512) { x, y in skewed[order[y * 512 + x]] })
    // Two-byte and three-byte patterns (matches of 2 are literals, 3 are matches).
    add("short periods", rows(width: 300, height: 40) { x, y in UInt8((x % (2 + y % 3)) * 40) })
    // A repeated glyph-like block at far distances inside the window.
    add("repeats far back", rows(width: 800, height: 60) { x, y in
      x % 97 < 9 && y % 13 < 7 ? UInt8(truncatingIfNeeded: noise((x % 97) * 7 + y % 13) % 5 + 1) : 0
    })
    add("empty", ([], 1))
    return cases
  }

  @Test func hostileInputsInflateToThemselves() throws {
    for (name, raw, stride) in Self.hostile() {
      let ours = try #require(Self.rowDeflate(raw, stride: stride), "\(name)")
      #expect(Self.inflated(ours, count: raw.count) == raw, "\(name)")
      #expect(Self.inflated(Self.zlibReference(raw), count: raw.count) == raw, "\(name): reference")
      #expect(Self.rowDeflate(raw, stride: stride) == ours, "\(name): deterministic")
    }
  }

  /// Code lengths within deflate's limits (15 bits, 7 for the code-length
  /// code) and a complete code (Kraft sum exactly 1), on Fibonacci
  /// frequencies (an unlimited Huffman tree of n symbols is n - 1 deep),
  /// one symbol, none, and uniform ones (all lengths log2 n, as Huffman's).
  @Test func huffmanLengthsStayWithinTheLimit() {
    var fibonacci: [UInt32] = [1, 1]
    while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
    let cases: [(name: String, frequencies: [UInt32], maxBits: Int32)] = [
      ("Fibonacci, 30 of 286", fibonacci + [UInt32](repeating: 0, count: 256), 15),
      ("Fibonacci, 19 of 19", Array(fibonacci.prefix(19)), 7),
      ("Fibonacci reversed, 30", fibonacci.reversed() + [UInt32](repeating: 0, count: 256), 15),
      ("one symbol", [0, 0, 5] + [UInt32](repeating: 0, count: 27), 15),
      ("none", [UInt32](repeating: 0, count: 30), 15),
      ("uniform 256", [UInt32](repeating: 9, count: 256) + [0, 0], 15),
    ]
    for (name, frequencies, maxBits) in cases {
      var lengths = [UInt8](repeating: 0, count: frequencies.count)
      la_huffman_lengths(frequencies, Int32(frequencies.count), maxBits, &lengths)
      #expect(lengths.allSatisfy { $0 <= maxBits }, "\(name): \(lengths.max()!) bits")
      #expect(lengths.filter { $0 > 0 }.count >= 2, "\(name)")
      #expect(zip(frequencies, lengths).allSatisfy { f, l in f == 0 || l > 0 }, "\(name): a used symbol without a code")
      let kraft = lengths.filter { $0 > 0 }.reduce(0) { $0 + (1 << (15 - Int($1))) }
      #expect(kraft == 1 << 15, "\(name): Kraft sum \(kraft) / 32768")
      if name == "uniform 256" { #expect(lengths.prefix(256).allSatisfy { $0 == 8 }) }
    }
  }

  @Test func refusesStridesBeyondTheWindow() {
    #expect(Self.rowDeflate([0, 1, 2], stride: 0) == nil)
    #expect(Self.rowDeflate([0, 1, 2], stride: 32769) == nil)
  }

  /// Charts, through the whole PNG: `.rowMatch` against `.compact` (the
  /// same chunks but IDAT, and IDAT holding the same rows) on a chart,
  /// wide and 1-pixel-high images, and a palette image wider than the
  /// window (zlib writes it).
  @Test func rowMatchFilesHoldTheCompactFilesRows() throws {
    var images = try PNGEncoderTests.images()
    let wide = try GDImage(width: 40_000, height: 2)
    for x in stride(from: 0, to: 40_000, by: 37) { wide.fill(PixelRect(x: x, y: x % 2, width: 3, height: 1), ChartColor(hex: UInt32(x % 23) * 0x0A0B0C)) }
    images.append(("wider than the window", wide))
    let strip = try GDImage(width: 517, height: 1)
    for x in 0..<517 { strip.fill(PixelRect(x: x, y: 0, width: 1, height: 1), ChartColor(hex: UInt32(x / 20) * 0x010203)) }
    images.append(("one row", strip))
    for (name, image) in images {
      for level in [6, -1, 9] {
        let ours = try image.png(level: level, palette: true, encoder: .rowMatch)
        let reference = try image.png(level: level, palette: true, encoder: .compact)
        try Self.expectSameRows(ours, reference, "\(name), level \(level)")
        if level == 9 || name == "wider than the window" { #expect(ours == reference, "\(name): zlib's bytes") }
      }
    }
  }

  /// `a` and `b` have the same chunks but IDAT (same order and bytes) and
  /// their IDATs inflate to the same rows; both decode through libgd to
  /// the same pixels.
  static func expectSameRows(_ a: [UInt8], _ b: [UInt8], _ name: String) throws {
    let (ca, cb) = (chunks(a), chunks(b))
    #expect(ca.map(\.type) == cb.map(\.type), "\(name)")
    for (x, y) in zip(ca, cb) where x.type != "IDAT" { #expect(x.data == y.data, "\(name): \(x.type)") }
    let header = try #require(ca.first { $0.type == "IHDR" }).data
    let width = be32(header, 0)
    let height = be32(header, 4)
    let bitsPerPixel = Int(header[8]) * (header[9] == 2 ? 3 : 1)  // libgd packs <= 16 colours
    let count = ((width * bitsPerPixel + 7) / 8 + 1) * height
    let rowsA = inflated(ca.filter { $0.type == "IDAT" }.flatMap(\.data), count: count)
    let rowsB = inflated(cb.filter { $0.type == "IDAT" }.flatMap(\.data), count: count)
    #expect(rowsA != nil && rowsA == rowsB, "\(name): rows")
    #expect(try decodePNG(a).pixels == decodePNG(b).pixels, "\(name): pixels")
  }

  /// Every chunk's type and data, in order (a PNG's CRCs are checked by decodePNG).
  static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
    var out: [(type: String, data: [UInt8])] = []
    var offset = 8
    while offset + 8 <= png.count {
      let length = be32(png, offset)
      out.append((String(decoding: png[offset + 4..<offset + 8], as: UTF8.self), Array(png[offset + 8..<offset + 8 + length])))
      offset += 12 + length
    }
    return out
  }
}
