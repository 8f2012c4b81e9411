import Testing

@testable import LossAtlasCharts
@testable import LossAtlasReport

/// Every manual figure of both editions, as the manual writes it
/// (`GDImage.PNGEncoder.rowMatch`: palette rows deflated by the charts' row
/// matcher), against the encoder before session 24 (`.compact`: zlib):
/// the same bytes up to the first IDAT chunk (signature, IHDR, PLTE, pHYs)
/// and the same pixels through libgd's decoder (libpng and zlib check
/// every CRC, code and checksum). The row matcher's own inputs and hostile
/// ones are in `RowDeflateTests`.
@Suite("Figure PNG encoding")
struct FigurePNGEncodingTests {
  @Test("row matcher against zlib on every manual figure", arguments: Language.allCases)
  func everyFigure(language: Language) throws {
    let figures = ManualFigures.all(analyses: FigureFixture.analyses, strings: try Strings.edition(language))
    let renderer = ChartRenderer()
    var paletteFiles = 0
    for f in figures {
      let (image, _) = try renderer.renderImage(f.figure)
      let ours = try image.png(level: renderer.compressionLevel, palette: true, encoder: .rowMatch)
      let before = try image.png(level: renderer.compressionLevel, palette: true, encoder: .compact)
      #expect(Self.headBeforeIDAT(ours) == Self.headBeforeIDAT(before), "\(f.path)")
      #expect(try decodePNG(ours).pixels == decodePNG(before).pixels, "\(f.path)")
      if ours[25] == 3 { paletteFiles += 1 }
    }
    #expect(figures.count > 100 && paletteFiles > 90, "\(figures.count) figures, \(paletteFiles) palette files")
  }

  /// The PNG's bytes before its first IDAT chunk's length field.
  static func headBeforeIDAT(_ png: [UInt8]) -> ArraySlice<UInt8> {
    var offset = 8
    while offset + 8 <= png.count, png[offset + 4..<offset + 8] != [73, 68, 65, 84][...] {  // "IDAT"
      offset += 12 + png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return png.prefix(offset)
  }
}
