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
  /// Chinese edition names and `make deps` installs), WenQuanYi Zen Hei,
  /// Noto Sans CJK (Debian/Ubuntu, Fedora, Arch), then macOS's Hiragino
  /// Sans GB. The committed Chinese figures are drawn with the first.
  public static let knownFallbacks = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",  // macOS's own (untested: no macOS build has been tried)
  ]

  /// The environment variable naming the CJK font file (`.ttf`, `.otf` or
  /// `.ttc`) for Chinese chart text. When set, it is the first fallback
  /// and the known locations are not searched; a file it names that cannot
  /// be read makes a chart with Chinese text fail, naming it.
  public static let cjkVariable = "LOSSATLAS_CJK_FONT"

  /// The fallback fonts of this process: `LOSSATLAS_CJK_FONT` when set, the
  /// readable files of `LOSSATLAS_FONT_FALLBACK`, then (when
  /// `LOSSATLAS_CJK_FONT` is not set) the first readable of
  /// ``knownFallbacks``. Looked up once; read only when a text needs them
  /// (see ``FontChain/runs(_:)``), so English charts never need a CJK font.
  public static let systemFallbacks: [String] = fallbacks(
    environment: { getenv($0).map { String(cString: $0) } }, isReadable: { access($0, R_OK) == 0 })

  /// The fallback list for an environment and a file system (testable).
  public static func fallbacks(environment: (String) -> String?, isReadable: (String) -> Bool) -> [String] {
    let cjk = (environment(cjkVariable) ?? "").isEmpty ? [] : [environment(cjkVariable)!]
    let chosen = (environment(fallbackVariable) ?? "").split(separator: ":").map(String.init).filter(isReadable)
    let known = cjk.isEmpty ? knownFallbacks.first(where: isReadable).map { [$0] } ?? [] : []
    var out: [String] = []
    for p in cjk + chosen + known where !out.contains(p) { out.append(p) }
    return out
  }

  /// The fonts tried for each character of a text: the regular (or bold)
  /// face, then the fallbacks.
  func chain(bold: Bool) -> FontChain {
    FontChain(paths: [bold ? self.bold : regular] + fallbacks, bold: bold)
  }

  /// The characters of `text` that no font of the chain has a glyph for
  /// (they would be drawn as the first font's .notdef box), in order,
  /// without repeats. Line breaks count as missing: a chart text is one
  /// line; so do characters beyond the BMP (``FontChain/drawable(_:)``).
  ///
  /// - Throws: when a font file cannot be read or parsed.
  public func missingCharacters(in text: String, bold: Bool = false) throws -> [Unicode.Scalar] {
    let fonts = try chain(bold: bold).paths.map(FontFile.load)
    var out: [Unicode.Scalar] = []
    for s in text.unicodeScalars where !out.contains(s) {
      if !FontChain.drawable(s) || !fonts.contains(where: { $0.has(s) }) { out.append(s) }
    }
    return out
  }

  /// The family names of the chain, for an SVG's `font-family` (regular
  /// face first, fallbacks after).
  func families(bold: Bool) -> [String] {
    chain(bold: bold).paths.compactMap { try? FontFile.load($0).family }.filter { !$0.isEmpty }
  }

  /// CJK fonts a reader's system may have in place of WenQuanYi Micro Hei,
  /// for an SVG with Chinese text (Noto/Source Han Sans on Linux and
  /// Android, PingFang on Apple systems, Microsoft YaHei on Windows). CJK
  /// ideographs are one em wide in all of them, so Chinese text keeps the
  /// width the layout measured.
  static let cjkAlternates = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"]

  /// The family names for an SVG drawing `texts`: the regular (or bold)
  /// face, then only the fallbacks that draw a run of one of the texts, in
  /// chain order, and after a CJK font ``cjkAlternates``. An English
  /// figure therefore names DejaVu Sans alone, whichever fonts the machine
  /// has (its SVG does not depend on an installed CJK font).
  func families(bold: Bool, drawing texts: [String]) -> [String] {
    let chain = chain(bold: bold)
    var used: Set<String> = [chain.paths[0]]
    for text in Set(texts) {
      for run in (try? chain.runs(text)) ?? [] { used.insert(run.font) }
    }
    var out: [String] = []
    for path in chain.paths where used.contains(path) {
      guard let font = try? FontFile.load(path), !font.family.isEmpty, !out.contains(font.family) else { continue }
      out.append(font.family)
      if path != chain.paths[0], font.has("\u{4E2D}") {  // 中: a CJK font
        out += Self.cjkAlternates.filter { !out.contains($0) }
      }
    }
    return out
  }
}

// MARK: - FontChain

/// The fonts one text is drawn with, first choice first.
struct FontChain: Hashable, Sendable {
  var paths: [String]
  /// Whether the text is bold: the first font is then the bold face, and a
  /// run in a fallback font (which has no bold face: WenQuanYi Micro Hei
  /// has none) is emboldened (see ``TextShaper``).
  var bold: Bool = false

  /// The text cut into runs, each drawn with one font.
  ///
  /// A text the first font covers whole, without CJK characters, is one run
  /// in the first font, and the fallback fonts are not even read: English
  /// charts never need the CJK font. Otherwise every character takes the
  /// first font that has it, except that
  /// - a CJK character (``CJK/isCJK(_:)``: ideographs, full-width
  ///   punctuation) takes the first fallback font that has it, even if the
  ///   first font had one;
  /// - in a text with CJK characters, the punctuation Chinese and English
  ///   share (“ ” ‘ ’ … —, ``CJK/isSharedPunctuation(_:)``) takes the font
  ///   of the text's first CJK character when it has them: Chinese
  ///   quotation marks are full-width;
  /// - marks that combine with the character before them, joiners and
  ///   variation selectors stay in that character's run, and so does white
  ///   space when the run's font has it.
  ///
  /// So Latin letters, Greek, digits and mathematical symbols are drawn with
  /// DejaVu Sans and Chinese with the CJK font.
  ///
  /// - Throws: ``ChartError/cjkFontNotFound(text:tried:)`` when the text has
  ///   CJK characters and no fallback font has them;
  ///   ``ChartError/missingGlyphs(text:characters:fonts:)`` when a CJK
  ///   character is missing from every font. (Other characters no font has
  ///   are drawn as the first font's .notdef box, as before; the manual's
  ///   figures are tested to have none.)
  func runs(_ text: String) throws -> [(text: String, font: String)] {
    // A first font whose cmap cannot be read (LOSSATLAS_FONT may name any
    // font FreeType opens) is taken to have every character but CJK ones.
    let first = try? FontFile.load(paths[0])
    func firstHas(_ s: Unicode.Scalar) -> Bool { Self.drawable(s) && (first?.has(s) ?? !CJK.isCJK(s)) }
    let hasCJK = CJK.contains(text)
    guard hasCJK || !text.unicodeScalars.allSatisfy(firstHas) else { return [(text, paths[0])] }
    // Fallbacks are read only now; an unreadable one counts as absent.
    let fallbacks: [FontFile?] = paths.dropFirst().map { try? FontFile.load($0) }
    func has(_ index: Int, _ s: Unicode.Scalar) -> Bool {
      index == 0 ? firstHas(s) : Self.drawable(s) && fallbacks[index - 1]?.has(s) == true
    }
    func firstFont(having s: Unicode.Scalar, from start: Int) -> Int? { (start..<paths.count).first { has($0, s) } }
    // A CJK character: the first fallback that has it, else the first font
    // if it has it (LOSSATLAS_FONT may name a CJK font).
    func cjkFont(for s: Unicode.Scalar) -> Int? { firstFont(having: s, from: 1) ?? (first?.has(s) == true ? 0 : nil) }
    if hasCJK {
      let missing = Self.unique(text.unicodeScalars.filter { CJK.isCJK($0) && cjkFont(for: $0) == nil })
      if !missing.isEmpty {
        let anyCJKFont = (0..<paths.count).contains { $0 == 0 ? first?.has("\u{4E2D}") == true : has($0, "\u{4E2D}") }  // 中
        if !anyCJKFont { throw ChartError.cjkFontNotFound(text: text, tried: Array(paths.dropFirst())) }
        throw ChartError.missingGlyphs(text: text, characters: missing, fonts: Array(paths.dropFirst()))
      }
    }
    let cjkIndex = text.unicodeScalars.first(where: CJK.isCJK).flatMap(cjkFont(for:))
    var out: [(text: String, fontIndex: Int)] = []
    for s in text.unicodeScalars {
      let attached = s.properties.generalCategory == .nonspacingMark
        || s.properties.generalCategory == .enclosingMark || s.properties.isVariationSelector
        || s.value == 0x200D
      let index: Int
      if let last = out.last, attached || (s.properties.isWhitespace && has(last.fontIndex, s)) {
        index = last.fontIndex
      } else if CJK.isCJK(s) {
        index = cjkFont(for: s)!
      } else if let cjkIndex, CJK.isSharedPunctuation(s), has(cjkIndex, s) {
        index = cjkIndex
      } else {
        index = firstFont(having: s, from: 0) ?? 0
      }
      if let last = out.last, last.fontIndex == index {
        out[out.count - 1].text.unicodeScalars.append(s)
      } else {
        out.append((String(s), index))
      }
    }
    return out.map { ($0.text, paths[$0.fontIndex]) }
  }

  /// Whether libgd can draw `s` at all: only BMP characters. libgd 2.3.3's
  /// UTF-8 reader (gdTcl_UtfToUniChar) keeps 16 bits of a 4-byte sequence,
  /// so U+1D400 would be drawn as U+D400 (tested); a character beyond the
  /// BMP counts as missing from every font.
  static func drawable(_ s: Unicode.Scalar) -> Bool { s.value <= 0xFFFF }

  private static func unique(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    for s in scalars where !out.contains(s) { out.append(s) }
    return out
  }
}
