#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - SVGWriter

/// Writes a ``Scene`` as an SVG 1.1 document: the same layout the PNG is
/// painted from, as vector elements.
///
/// - Coordinates are the scene's image pixels (`viewBox`); `width` and
///   `height` are the figure's size in points, so an SVG of a scale-2 layout
///   shows at the same size as one of scale 1.
/// - Texts are `<text>` elements with the chart's font families and pixel
///   size, anchored where the layout aligned them (centred tick labels
///   `middle`, y tick labels `end`), so another installed font keeps the
///   alignment even where its widths differ.
/// - Curves are `<path>` elements, cut at the plot by a clip path, their
///   points thinned by ``Simplify`` (never more than 0.1 px from the
///   sampled curve) and written with one decimal; dashes and round caps
///   match the PNG's.
/// - Colours are CSS classes over custom properties (`--la-ink`,
///   `--la-s0`, ...): light values by default, the ``ChartTheme/dark``
///   ones under `@media (prefers-color-scheme: dark)`, so the same file
///   follows the reader's colour scheme inside an `<img>`. An inline copy
///   can be restyled by setting the properties on `svg.la-chart`. Each
///   element also carries its light colour as a presentation attribute for
///   renderers without CSS.
/// - Output is deterministic: numbers are formatted from integers, classes
///   and clip paths are numbered in order of first use.
struct SVGWriter {
  let scene: Scene
  let families: (regular: [String], bold: [String])
  var title: String = ""
  var description: String = ""

  /// Fonts named after the chart's own: DejaVu Sans's metrics are closest to
  /// Verdana's among common system fonts.
  static let genericFamilies = ["Verdana", "Geneva", "sans-serif"]

  func write() -> String {
    var colors = ColorNames()
    var clips: [PixelRect] = []
    var body = ""
    body.reserveCapacity(64 * scene.items.count)
    func clipID(_ r: PixelRect) -> String {
      if let i = clips.firstIndex(of: r) { return "la-clip\(i)" }
      clips.append(r)
      return "la-clip\(clips.count - 1)"
    }
    for item in scene.items {
      switch item {
      case .fill(let f):
        let c = colors.name(f.color)
        body += "<rect class=\"\(f.role.className) f-\(c)\" x=\"\(f.rect.minX)\" y=\"\(f.rect.minY)\" width=\"\(f.rect.width)\" height=\"\(f.rect.height)\" fill=\"\(f.color.hexString)\"/>\n"
      case .rule(let r):
        let c = colors.name(r.color)
        let mid = SVGNumber.format(Double(r.position) + Double(r.thickness) / 2)
        let (x1, y1, x2, y2) = r.vertical
          ? (mid, "\(r.start)", mid, "\(r.end)") : ("\(r.start)", mid, "\(r.end)", mid)
        var dash = ""
        if let d = r.dash { dash = " stroke-dasharray=\"\(d.on) \(d.gap)\"" }
        body += "<line class=\"la-ref s-\(c)\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"\(r.color.hexString)\" stroke-width=\"\(r.thickness)\"\(dash)/>\n"
      case .stroke(let s):
        let c = colors.name(s.color)
        if s.isDisc, let p = s.runs.first?.first {
          body += "<circle class=\"\(s.role.className) f-\(c)\" cx=\"\(SVGNumber.format(p.x))\" cy=\"\(SVGNumber.format(p.y))\" r=\"\(SVGNumber.format(s.halfWidth))\" fill=\"\(s.color.hexString)\" clip-path=\"url(#\(clipID(s.clip)))\"/>\n"
          continue
        }
        let d = SVGWriter.pathData(s)
        guard !d.isEmpty else { continue }
        var dash = ""
        if let pattern = s.dash {
          dash = " stroke-dasharray=\"\(SVGNumber.format(pattern.on)) \(SVGNumber.format(pattern.off))\""
        }
        body += "<path class=\"\(s.role.className) s-\(c)\" d=\"\(d)\" fill=\"none\" stroke=\"\(s.color.hexString)\" stroke-width=\"\(SVGNumber.format(2 * s.halfWidth))\"\(dash) clip-path=\"url(#\(clipID(s.clip)))\"/>\n"
      case .polygon(let p):
        let c = colors.name(p.color)
        var bytes: [UInt8] = [UInt8(ascii: "M")]
        SVGWriter.appendPoints(p.points, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        let d = String(decoding: bytes, as: UTF8.self)
        body += "<path class=\"\(p.role.className) f-\(c)\" d=\"\(d)\" fill=\"\(p.color.hexString)\" clip-path=\"url(#\(clipID(p.clip)))\"/>\n"
      case .raster(let r):
        let href = SVGWriter.pngDataURI(r)
        body += "<image class=\"\(r.role.className)\" x=\"\(r.rect.minX)\" y=\"\(r.rect.minY)\" width=\"\(r.rect.width)\" height=\"\(r.rect.height)\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" clip-path=\"url(#\(clipID(r.clip)))\" xlink:href=\"\(href)\"/>\n"
      case .text(let t):
        body += text(t, &colors)
      }
    }

    let w = scene.width / scene.scale
    let h = scene.height / scene.scale
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" class=\"la-chart\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(scene.width) \(scene.height)\">\n"
    if !title.isEmpty { out += "<title>\(SVGWriter.escape(title))</title>\n" }
    if !description.isEmpty { out += "<desc>\(SVGWriter.escape(description))</desc>\n" }
    out += "<style type=\"text/css\"><![CDATA[\n"
    out += "svg.la-chart{" + colors.used.map { "--la-\($0.name):\($0.color.hexString)" }.joined(separator: ";") + "}\n"
    out += "@media (prefers-color-scheme:dark){svg.la-chart{"
      + colors.used.map { "--la-\($0.name):\(ChartTheme.dark.map($0.color).hexString)" }.joined(separator: ";") + "}}\n"
    for (name, color) in colors.used {
      out += ".f-\(name){fill:var(--la-\(name),\(color.hexString))}.s-\(name){stroke:var(--la-\(name),\(color.hexString))}\n"
    }
    out += "text{font-family:\(SVGWriter.familyList(families.regular))}\n"
    out += "text.la-bold{font-family:\(SVGWriter.familyList(families.bold));font-weight:bold}\n"
    out += "rect,line{shape-rendering:crispEdges}\n"
    out += "path.la-series,path.la-sample,path.la-contour,path.la-contour-halo{stroke-linecap:round;stroke-linejoin:round}\n"
    out += "]]></style>\n"
    if !clips.isEmpty {
      out += "<defs>\n"
      for (i, r) in clips.enumerated() {
        out += "<clipPath id=\"la-clip\(i)\"><rect x=\"\(r.minX)\" y=\"\(r.minY)\" width=\"\(r.width)\" height=\"\(r.height)\"/></clipPath>\n"
      }
      out += "</defs>\n"
    }
    out += "<g font-family=\"\(SVGWriter.escape(families.regular.joined(separator: ", ")))\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n"
    out += body
    out += "</g>\n</svg>\n"
    return out
  }

  // MARK: Elements

  private func text(_ t: SceneText, _ colors: inout ColorNames) -> String {
    let c = colors.name(t.color)
    // The anchor point on the baseline: the pen origin, the advance's
    // middle or its end, along the text's direction.
    let along: Double
    let anchor: String
    switch t.alignment {
    case .start: (along, anchor) = (0, "")
    case .middle: (along, anchor) = (Double(t.advance) / 2, " text-anchor=\"middle\"")
    case .end: (along, anchor) = (Double(t.advance), " text-anchor=\"end\"")
    }
    let ux = cos(t.angle)
    let uy = -sin(t.angle)  // counter-clockwise on screen: y grows downwards
    let x = SVGNumber.format(Double(t.origin.x) + along * ux)
    let y = SVGNumber.format(Double(t.origin.y) + along * uy)
    var rotate = ""
    if t.angle != 0 {
      rotate = " transform=\"rotate(\(SVGNumber.format(-t.angle * 180 / Double.pi)) \(x) \(y))\""
    }
    let bold = t.bold ? " la-bold" : ""
    let weight = t.bold ? " font-weight=\"bold\"" : ""
    return "<text class=\"\(t.role.className)\(bold) f-\(c)\" x=\"\(x)\" y=\"\(y)\" font-size=\"\(SVGNumber.format(t.size))\"\(weight) fill=\"\(t.color.hexString)\"\(anchor)\(rotate)>\(SVGWriter.escape(t.text))</text>\n"
  }

  /// Path data for a stroke: each run cut to the clip rectangle (widened by
  /// the stroke's reach), thinned, as `M x,y x,y ...` subpaths.
  static func pathData(_ s: SceneStroke) -> String {
    let margin = s.halfWidth + 2
    let x0 = Double(s.clip.minX) - margin
    let y0 = Double(s.clip.minY) - margin
    let x1 = Double(s.clip.maxX) + margin
    let y1 = Double(s.clip.maxY) + margin
    // Written as UTF-8 bytes, numbers straight into the buffer: building a
    // string per coordinate and joining them was most of this function's time.
    var d: [UInt8] = []
    func emit(_ run: [Point]) {
      guard run.count >= 2 else { return }
      d.append(UInt8(ascii: "M"))
      appendPoints(Simplify.polyline(run, tolerance: 0.1), to: &d)
    }
    for run in s.runs {
      var piece: [Point] = []
      for i in 1..<max(run.count, 1) {
        guard let (a, b) = clipSegment(run[i - 1], run[i], x0: x0, y0: y0, x1: x1, y1: y1) else {
          emit(piece)
          piece = []
          continue
        }
        if piece.isEmpty || piece.last! != a {
          emit(piece)
          piece = [a]
        }
        piece.append(b)
      }
      emit(piece)
    }
    return String(decoding: d, as: UTF8.self)
  }

  /// `x,y x,y ...`: the points with one decimal (``SVGNumber``), appended to `out` as UTF-8.
  static func appendPoints(_ points: [Point], to out: inout [UInt8]) {
    for (k, p) in points.enumerated() {
      if k > 0 { out.append(UInt8(ascii: " ")) }
      SVGNumber.append(p.x, to: &out)
      out.append(UInt8(ascii: ","))
      SVGNumber.append(p.y, to: &out)
    }
  }

  /// A raster's colours as a palette PNG in a data URI.
  static func pngDataURI(_ r: SceneRaster) -> String {
    guard let image = try? GDImage(width: r.columns, height: r.rows) else { return "" }
    for y in 0..<r.rows {
      let row = image.row(y)
      for x in 0..<r.columns { row[x] = GDImage.packed(r.colors[y * r.columns + x]) }
    }
    guard let png = try? image.png(level: 9, palette: true) else { return "" }
    return "data:image/png;base64," + Base64.encode(png)
  }

  // MARK: Text helpers

  /// The chart's first family, then ``genericFamilies`` but `sans-serif`
  /// (Latin-only: a reader without DejaVu Sans gets Verdana's Latin, not a
  /// CJK font's), then the other families (the CJK ones), then `sans-serif`.
  static func familyList(_ families: [String]) -> String {
    var names: [String] = []
    let generic = genericFamilies.filter { $0 != "sans-serif" }
    for f in families.prefix(1) + generic + families.dropFirst() + ["sans-serif"] where !names.contains(f) {
      names.append(f)
    }
    return names.map { name in
      name == "sans-serif" ? name : "'" + name.filter { c in c != "'" && c != "\\" } + "'"
    }.joined(separator: ",")
  }

  /// XML text and attribute escaping.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default:
        // Control characters are not allowed in XML 1.0: left out.
        if c.value < 0x20 && c != "\t" && c != "\n" { continue }
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}

// MARK: - Colour names

/// CSS names for the colours of one SVG: the roles of the theme's known
/// colours (`paper`, `ink`, `s0` ... `s7`), else `c` and the hex digits.
struct ColorNames {
  private(set) var used: [(name: String, color: ChartColor)] = []

  static let known: [ChartColor: String] = {
    var t: [ChartColor: String] = [
      .white: "paper", .ink: "ink", .gray: "muted", .grid: "grid", ChartColor(hex: 0x444444): "note",
      ChartColor(hex: 0xBBBBBB): "edge", ChartColor(hex: 0xAAAAAA): "zero",
    ]
    for (i, c) in ChartColor.palette.enumerated() { t[c] = "s\(i)" }
    return t
  }()

  mutating func name(_ c: ChartColor) -> String {
    if let hit = used.first(where: { $0.color == c }) { return hit.name }
    let n = ColorNames.known[c] ?? "c" + String(c.hexString.dropFirst())
    used.append((n, c))
    return n
  }
}

// MARK: - Numbers

/// Decimal text for SVG coordinates: at most `decimals` digits after the
/// point, trailing zeros dropped, no exponent, no "-0", from integer
/// arithmetic (locale-free and byte-identical everywhere).
enum SVGNumber {
  static func format(_ v: Double, decimals: Int = 1) -> String {
    var bytes: [UInt8] = []
    append(v, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// ``format(_:decimals:)``'s text, appended to `out` as UTF-8 (no
  /// intermediate strings): `n = round(v * 10^decimals)` as an integer,
  /// its sign, `n / 10^decimals` in decimal, then the remainder's digits
  /// (left-padded with zeros to `decimals`) without trailing zeros.
  static func append(_ v: Double, decimals: Int = 1, to out: inout [UInt8]) {
    let zero = UInt8(ascii: "0")
    guard v.isFinite else { return out.append(zero) }
    var unit = 1
    for _ in 0..<decimals { unit *= 10 }
    let n = Int((v * Double(unit)).rounded())
    if n == 0 { return out.append(zero) }
    if n < 0 { out.append(UInt8(ascii: "-")) }
    let m = n.magnitude
    var frac = m % UInt(unit)
    var digits = decimals
    while digits > 0 && frac % 10 == 0 {
      frac /= 10
      digits -= 1
    }
    appendDigits(m / UInt(unit), count: nil, to: &out)
    guard digits > 0 else { return }
    out.append(UInt8(ascii: "."))
    appendDigits(frac, count: digits, to: &out)
  }

  /// The decimal digits of `value`, left-padded with zeros to `count` digits when given.
  private static func appendDigits(_ value: UInt, count: Int?, to out: inout [UInt8]) {
    // Least significant digit first, then the appended digits reversed in place.
    let start = out.count
    var rest = value
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    while let count, out.count - start < count { out.append(UInt8(ascii: "0")) }
    out[start...].reverse()
  }
}

// MARK: - Base64

enum Base64 {
  static func encode(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      for shift in [18, 12, 6, 0] { out.append(table[Int((n >> UInt32(shift)) & 63)]) }
      i += 3
    }
    let rest = bytes.count - i
    if rest > 0 {
      let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
      out.append(table[Int((n >> 18) & 63)])
      out.append(table[Int((n >> 12) & 63)])
      out.append(rest == 2 ? table[Int((n >> 6) & 63)] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
  }
}
