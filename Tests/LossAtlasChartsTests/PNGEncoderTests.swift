import Testing

@testable import LossAtlasCharts

/// The compact PNG encoder (`la_png_encode`) against libgd's: the same
/// pixels whatever the image, valid files (libgd's decoder, i.e. libpng,
/// checks every chunk's CRC and the zlib stream), deterministic bytes, and
/// libgd's own bytes where it still writes the file.
@Suite("PNG encoder")
struct PNGEncoderTests {
  /// Images the charts produce and harder ones: a chart's few flat colours
  /// with anti-aliased tints, a gradient of more than 256 colours (truecolor
  /// path), 16 colours or fewer (libgd's path), a 1 x 1 image, a ragged width.
  static func images() throws -> [(name: String, image: GDImage)] {
    let chart = Chart(title: "encoder", x: unitAxes.x, y: unitAxes.y, series: [line("a") { $0 * $0 }, line("b") { 1 - $0 }])
    let (drawn, _) = try ChartRenderer().renderImage(Figure(chart))
    let gradient = try GDImage(width: 301, height: 67)
    for y in 0..<gradient.height {
      let row = gradient.row(y)
      for x in 0..<gradient.width { row[x] = Int32((x * 7 % 256) << 16 | (y * 3 % 256) << 8 | (x + y) % 256) }
    }
    let few = try GDImage(width: 33, height: 9, background: ChartColor(hex: 0x336699))
    few.fill(PixelRect(x: 3, y: 2, width: 10, height: 4), ChartColor(hex: 0xFFCC00))
    let seventeen = try GDImage(width: 17, height: 5)
    for x in 0..<17 { seventeen.fill(PixelRect(x: x, y: 0, width: 1, height: 5), ChartColor(hex: UInt32(x * 0x0F0F0F))) }
    let dot = try GDImage(width: 1, height: 1, background: ChartColor(hex: 0xABCDEF))
    return [("chart", drawn), ("gradient", gradient), ("few colours", few), ("17 colours", seventeen), ("1 x 1", dot)]
  }

  @Test func compactFilesDecodeToTheSamePixelsAsLibgdFiles() throws {
    for (name, image) in try Self.images() {
      for palette in [true, false] {
        let compact = try image.png(level: 6, palette: palette, encoder: .compact)
        let reference = try image.png(level: 6, palette: palette, encoder: .libgd)
        let a = try decodePNG(compact)
        let b = try decodePNG(reference)
        #expect(a.width == image.width && a.height == image.height, "\(name)")
        #expect(a.pixels == b.pixels, "\(name), palette \(palette)")
        var drawn: [UInt32] = []
        for y in 0..<image.height { for x in 0..<image.width { drawn.append(image.pixel(x, y)) } }
        #expect(a.pixels == drawn, "\(name), palette \(palette)")
        // Same colour type as libgd chose (IHDR byte 25) and its pHYs chunk.
        #expect(compact[25] == reference[25], "\(name), palette \(palette)")
        #expect(chunk("pHYs", in: compact) == chunk("pHYs", in: reference), "\(name)")
        #expect(try image.png(level: 6, palette: palette, encoder: .compact) == compact, "\(name): deterministic")
      }
    }
  }

  /// Palette images of 16 colours or fewer keep libgd's bytes (it packs
  /// them at 1, 2 or 4 bits per pixel); 17 colours and more are ours.
  @Test func fewColoursStayWithLibgd() throws {
    let images = Dictionary(uniqueKeysWithValues: try Self.images().map { ($0.name, $0.image) })
    let few = images["few colours"]!
    #expect(try few.png(level: 6, palette: true, encoder: .compact) == few.png(level: 6, palette: true, encoder: .libgd))
    let seventeen = images["17 colours"]!
    let ours = try seventeen.png(level: 6, palette: true, encoder: .compact)
    #expect(ours != (try seventeen.png(level: 6, palette: true, encoder: .libgd)))
    #expect(ours[24] == 8 && ours[25] == 3)  // IHDR: 8 bits per pixel, palette
  }

  /// The data of the first chunk of `type` (nil when absent).
  func chunk(_ type: String, in png: [UInt8]) -> [UInt8]? {
    var offset = 8
    while offset + 8 <= png.count {
      let length = be32(png, offset)
      if String(decoding: png[offset + 4..<offset + 8], as: UTF8.self) == type {
        return Array(png[offset + 8..<offset + 8 + length])
      }
      offset += 12 + length
    }
    return nil
  }
}
