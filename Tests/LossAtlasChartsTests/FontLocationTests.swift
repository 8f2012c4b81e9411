import Foundation
import LossAtlasCharts
import Testing

/// Where the chart fonts come from: LOSSATLAS_FONT, else the known folders,
/// else an error that names what was searched and how to fix it.
@Suite struct FontLocationTests {
  /// An environment and a file system made of dictionaries.
  static func locate(env: [String: String], files: Set<String>) -> ChartFonts {
    ChartFonts.located({ env[$0] }, isReadable: { files.contains($0) })
  }

  @Test("LOSSATLAS_FONT naming a folder uses its two DejaVu files")
  func folder() {
    let f = Self.locate(
      env: ["LOSSATLAS_FONT": "/opt/fonts"], files: ["/opt/fonts/DejaVuSans.ttf", "/opt/fonts/DejaVuSans-Bold.ttf"])
    #expect(f == ChartFonts(regular: "/opt/fonts/DejaVuSans.ttf", bold: "/opt/fonts/DejaVuSans-Bold.ttf"))
  }

  @Test("LOSSATLAS_FONT naming a file uses it for both faces, or LOSSATLAS_FONT_BOLD for titles")
  func file() {
    let one = Self.locate(env: ["LOSSATLAS_FONT": "/f/Inter.ttf"], files: ["/f/Inter.ttf"])
    #expect(one == ChartFonts(regular: "/f/Inter.ttf", bold: "/f/Inter.ttf"))
    let two = Self.locate(
      env: ["LOSSATLAS_FONT": "/f/Inter.ttf", "LOSSATLAS_FONT_BOLD": "/f/Inter-Bold.ttf"], files: ["/f/Inter.ttf"])
    #expect(two == ChartFonts(regular: "/f/Inter.ttf", bold: "/f/Inter-Bold.ttf"))
  }

  @Test("a LOSSATLAS_FONT that does not exist is not replaced by a system font: check() names it")
  func missingChoice() {
    let f = Self.locate(
      env: ["LOSSATLAS_FONT": "/nowhere/Font.ttf"],
      files: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"])
    #expect(f.regular == "/nowhere/Font.ttf")
    #expect(throws: ChartError.fontNotFound(path: "/nowhere/Font.ttf")) { try f.check() }
    #expect(ChartError.fontNotFound(path: "/nowhere/Font.ttf").description.contains("LOSSATLAS_FONT"))
  }

  @Test("unset: the first known folder holding both faces (Fedora's here), Debian's first of all")
  func knownFolders() {
    let fedora = "/usr/share/fonts/dejavu-sans-fonts"
    let f = Self.locate(env: [:], files: [fedora + "/DejaVuSans.ttf", fedora + "/DejaVuSans-Bold.ttf"])
    #expect(f == ChartFonts(regular: fedora + "/DejaVuSans.ttf", bold: fedora + "/DejaVuSans-Bold.ttf"))
    #expect(ChartFonts.knownFolders(home: nil).first == "/usr/share/fonts/truetype/dejavu")
    // A folder with only the regular face does not count.
    let half = Self.locate(env: [:], files: ["/usr/share/fonts/TTF/DejaVuSans.ttf"])
    #expect(throws: ChartError.self) { try half.check() }
    // macOS: Homebrew's font cask installs into ~/Library/Fonts.
    let mac = Self.locate(
      env: ["HOME": "/Users/a"], files: ["/Users/a/Library/Fonts/DejaVuSans.ttf", "/Users/a/Library/Fonts/DejaVuSans-Bold.ttf"])
    #expect(mac.regular == "/Users/a/Library/Fonts/DejaVuSans.ttf")
  }

  @Test("nothing found: the error lists every folder searched and how to install or choose a font")
  func nothingFound() throws {
    let f = Self.locate(env: ["HOME": "/home/u"], files: [])
    let error = try #require(throws: ChartError.self) { try f.check() }
    let expected = ChartFonts.knownFolders(home: "/home/u")
    #expect(error == ChartError.fontsNotFound(searched: expected + ["LOSSATLAS_FONT (not set)"]))
    let text = error.description
    for folder in expected { #expect(text.contains(folder)) }
    #expect(text.contains("/home/u/.local/share/fonts"))
    #expect(text.contains("apt-get install fonts-dejavu-core") && text.contains("brew install --cask font-dejavu"))
    #expect(text.contains("set LOSSATLAS_FONT"))
    // A renderer with those fonts fails with the same error, drawing nothing.
    #expect(throws: error) { try ChartRenderer(fonts: f).renderPNG(Figure(Chart())) }
  }

  @Test("on this machine the default renderer finds DejaVu Sans")
  func thisMachine() throws {
    let f = ChartFonts.located()
    try f.check()
    if ProcessInfo.processInfo.environment["LOSSATLAS_FONT"] == nil {
      #expect(f.regular.hasSuffix("/DejaVuSans.ttf") && f.bold.hasSuffix("/DejaVuSans-Bold.ttf"))
    }
  }
}
