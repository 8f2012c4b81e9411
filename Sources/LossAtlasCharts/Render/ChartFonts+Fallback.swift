#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Fallback fonts

/// Where every font file of the charts comes from is decided here and in
/// ``ChartFonts`` (the regular and bold faces): the fallback chain for the
/// characters those faces lack, e.g. the CJK characters of the Chinese
/// edition, which DejaVu Sans does not have.
extension ChartFonts {
  /// The environment variable naming fallback font files, separated by `:`,
  /// tried before the known system locations.
  public static let fallbackVariable = "LOSSATLAS_FONT_FALLBACK"

  /// Fallback fonts in the places common systems install them, in order:
  /// WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`, 1.6 MB, the one the
  /// Chinese edition names), WenQuanYi Zen Hei, then Noto Sans CJK
  /// (Debian/Ubuntu, Fedora, Arch).
  public static let knownFallbacks = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  ]

  /// The fallback fonts of this process: the readable files of
  /// `LOSSATLAS_FONT_FALLBACK`, then the first readable of
  /// ``knownFallbacks``. Looked up once.
  public static let systemFallbacks: [String] = fallbacks(
    environment: { getenv($0).map { String(cString: $0) } }, isReadable: { access($0, R_OK) == 0 })

  /// The fallback list for an environment and a file system (testable).
  public static func fallbacks(environment: (String) -> String?, isReadable: (String) -> Bool) -> [String] {
    let chosen = (environment(fallbackVariable) ?? "").split(separator: ":").map(String.init).filter(isReadable)
    let known = knownFallbacks.first(where: isReadable).map { [$0] } ?? []
    var out: [String] = []
    for p in chosen + known where !out.contains(p) { out.append(p) }
    return out
  }

  /// The fonts tried for each character of a text: the regular (or bold)
  /// face, then the fallbacks.
  func chain(bold: Bool) -> FontChain {
    FontChain(paths: [bold ? self.bold : regular] + fallbacks)
  }

  /// The characters of `text` that no font of the chain has a glyph for
  /// (they would be drawn as the first font's .notdef box), in order,
  /// without repeats. Line breaks count as missing: a chart text is one line.
  ///
  /// - Throws: when a font file cannot be read or parsed.
  public func missingCharacters(in text: String, bold: Bool = false) throws -> [Unicode.Scalar] {
    let fonts = try chain(bold: bold).paths.map(FontFile.load)
    var out: [Unicode.Scalar] = []
    for s in text.unicodeScalars where !out.contains(s) {
      if !fonts.contains(where: { $0.has(s) }) { out.append(s) }
    }
    return out
  }

  /// The family names of the chain, for an SVG's `font-family` (regular
  /// face first, fallbacks after).
  func families(bold: Bool) -> [String] {
    chain(bold: bold).paths.compactMap { try? FontFile.load($0).family }.filter { !$0.isEmpty }
  }
}

// MARK: - FontChain

/// The fonts one text is drawn with, first choice first.
struct FontChain: Hashable, Sendable {
  var paths: [String]

  /// The text cut into runs, each drawn with one font: every character
  /// takes the first font that has it (the first font when none does);
  /// marks that combine with the character before them, joiners and
  /// variation selectors stay in that character's run, and so does white
  /// space when the run's font has it.
  func runs(_ text: String) throws -> [(text: String, font: String)] {
    guard paths.count > 1 else { return [(text, paths[0])] }
    let fonts = try paths.map(FontFile.load)
    var out: [(text: String, fontIndex: Int)] = []
    for s in text.unicodeScalars {
      let attached = s.properties.generalCategory == .nonspacingMark
        || s.properties.generalCategory == .enclosingMark || s.properties.isVariationSelector
        || s.value == 0x200D
      let index: Int
      if let last = out.last, attached || (s.properties.isWhitespace && fonts[last.fontIndex].has(s)) {
        index = last.fontIndex
      } else {
        index = fonts.firstIndex { $0.has(s) } ?? 0
      }
      if let last = out.last, last.fontIndex == index {
        out[out.count - 1].text.unicodeScalars.append(s)
      } else {
        out.append((String(s), index))
      }
    }
    return out.map { ($0.text, paths[$0.fontIndex]) }
  }
}
