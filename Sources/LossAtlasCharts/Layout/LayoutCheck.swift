// MARK: - LayoutIssue

/// Something a figure's layout got wrong: two boxes that should not meet,
/// a text leaving the image, or a label the layout could not place.
public struct LayoutIssue: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// Two texts, two legends, or a text and a legend overlap.
    case overlap
    /// A text or legend covers a curve or a marker beyond the tolerance,
    /// or an in-plot label is crossed by a reference line.
    case coversData = "covers data"
    /// A text is not wholly inside the image.
    case outsideImage = "outside the image"
    /// A label was left out because no place for it was free.
    case dropped
  }

  public let kind: Kind
  /// The panel (0-based, in figure order), or nil for the figure's title.
  public let panel: Int?
  /// The two things, each with its box in image pixels.
  public let first: String
  public let second: String

  public var description: String {
    let where_ = panel.map { "panel \($0 + 1)" } ?? "figure"
    return "\(where_): \(kind.rawValue): \(first)" + (second.isEmpty ? "" : " and \(second)")
  }
}

// MARK: - LayoutCheck

/// Checks a rendered figure's ``Scene`` for clutter: every box the layout
/// drew is known, so the check is geometry on those boxes, independent of
/// how the layout chose them.
///
/// - Texts (titles, axis and tick labels, legend entries, notes) must lie
///   inside the image and must not overlap each other or a legend.
/// - No text outside a legend, and no legend, may cover a curve by more
///   than `tolerance` points of its length (measured inside the box widened
///   by the curve's half width, after cutting the curve at its plot), nor
///   touch a marker's dot.
/// - A label inside a plot must not be crossed by a reference line (two
///   labels beside neighbouring lines would read as one).
/// - A label the layout had to leave out is reported too.
enum LayoutCheck {
  static func issues(_ scene: Scene, tolerance: Double = 2) -> [LayoutIssue] {
    let limit = tolerance * Double(scene.scale)
    let image = PixelRect(x: 0, y: 0, width: scene.width, height: scene.height)
    var texts: [SceneText] = []
    var curves: [SceneStroke] = []
    var markers: [(centre: Point, radius: Double)] = []
    var rules: [(rect: PixelRect, rule: SceneRule)] = []
    for item in scene.items {
      switch item {
      case .text(let t) where t.role.isText: texts.append(t)
      case .stroke(let s) where s.isDisc && s.role == .marker:
        let c = s.runs[0][0]
        if let k = markers.firstIndex(where: { $0.centre == c }) {
          markers[k].radius = max(markers[k].radius, s.halfWidth)
        } else {
          markers.append((c, s.halfWidth))
        }
      case .stroke(let s) where !s.isDisc:
        if case .series = s.role { curves.append(s) }
        if s.role == .contour { curves.append(s) }
      case .rule(let r):
        let rect = r.vertical
          ? PixelRect(minX: r.position, minY: r.start, maxX: r.position + r.thickness, maxY: r.end)
          : PixelRect(minX: r.start, minY: r.position, maxX: r.end, maxY: r.position + r.thickness)
        rules.append((rect, r))
      default: break
      }
    }
    func panel(of r: PixelRect) -> Int? {
      let cx = (r.minX + r.maxX) / 2
      let cy = (r.minY + r.maxY) / 2
      return scene.panels.firstIndex { $0.cell.contains(PixelRect(x: cx, y: cy, width: 1, height: 1)) }
    }
    let legends = scene.panels.enumerated().compactMap { i, p in p.legend.map { (panel: i, rect: $0) } }
    var out: [LayoutIssue] = []

    for (i, t) in texts.enumerated() {
      let p = panel(of: t.box)
      if !image.contains(t.box) { out.append(LayoutIssue(kind: .outsideImage, panel: p, first: describe(t), second: "")) }
      for u in texts[(i + 1)...] where t.box.intersects(u.box) {
        out.append(LayoutIssue(kind: .overlap, panel: p, first: describe(t), second: describe(u)))
      }
      for l in legends where t.box.intersects(l.rect) {
        if t.role == .legendText && l.rect.contains(t.box) { continue }
        out.append(LayoutIssue(kind: .overlap, panel: p, first: describe(t), second: "the legend \(l.rect.text)"))
      }
      guard t.role != .legendText else { continue }
      for c in curves {
        let length = lengthInside(c, t.box)
        if length > limit {
          out.append(
            LayoutIssue(kind: .coversData, panel: p, first: describe(t), second: "\(describe(c)) (\(Int(length.rounded())) px of it)"))
        }
      }
      for m in markers where touches(m.centre, m.radius, t.box) {
        out.append(LayoutIssue(kind: .coversData, panel: p, first: describe(t), second: "the marker at \(point(m.centre))"))
      }
      if t.role == .note {
        for r in rules where r.rect.intersects(t.box) {
          out.append(
            LayoutIssue(
              kind: .coversData, panel: p, first: describe(t),
              second: "the reference line \(r.rule.vertical ? "x" : "y") = \(r.rule.position) px"))
        }
      }
    }
    for (k, l) in legends.enumerated() {
      for m in legends[(k + 1)...] where l.rect.intersects(m.rect) {
        out.append(LayoutIssue(kind: .overlap, panel: l.panel, first: "the legend \(l.rect.text)", second: "the legend \(m.rect.text)"))
      }
      for c in curves {
        let length = lengthInside(c, l.rect)
        if length > limit {
          out.append(
            LayoutIssue(
              kind: .coversData, panel: l.panel, first: "the legend \(l.rect.text)",
              second: "\(describe(c)) (\(Int(length.rounded())) px of it)"))
        }
      }
      for m in markers where touches(m.centre, m.radius, l.rect) {
        out.append(LayoutIssue(kind: .coversData, panel: l.panel, first: "the legend \(l.rect.text)", second: "the marker at \(point(m.centre))"))
      }
    }
    for (i, p) in scene.panels.enumerated() {
      for label in p.dropped {
        out.append(LayoutIssue(kind: .dropped, panel: i, first: "'\(label)'", second: ""))
      }
    }
    return out
  }

  // MARK: Geometry

  /// Length of the stroke's centre line inside `box` widened by the half
  /// width, counting only the part inside the stroke's clip (its plot).
  static func lengthInside(_ s: SceneStroke, _ box: PixelRect) -> Double {
    let w = s.halfWidth
    let bx0 = Double(box.minX) - w
    let by0 = Double(box.minY) - w
    let bx1 = Double(box.maxX) + w
    let by1 = Double(box.maxY) + w
    let cx0 = Double(s.clip.minX)
    let cy0 = Double(s.clip.minY)
    let cx1 = Double(s.clip.maxX)
    let cy1 = Double(s.clip.maxY)
    var total = 0.0
    for run in s.runs where run.count >= 2 {
      for i in 1..<run.count {
        let a = run[i - 1]
        let b = run[i]
        if max(a.x, b.x) < bx0 || min(a.x, b.x) > bx1 || max(a.y, b.y) < by0 || min(a.y, b.y) > by1 { continue }
        guard let (p, q) = clipSegment(a, b, x0: cx0, y0: cy0, x1: cx1, y1: cy1),
          let (r, t) = clipSegment(p, q, x0: bx0, y0: by0, x1: bx1, y1: by1)
        else { continue }
        total += ((t.x - r.x) * (t.x - r.x) + (t.y - r.y) * (t.y - r.y)).squareRoot()
      }
    }
    return total
  }

  /// Whether the disc of `radius` about `c` reaches into `box`.
  static func touches(_ c: Point, _ radius: Double, _ box: PixelRect) -> Bool {
    let nx = min(max(c.x, Double(box.minX)), Double(box.maxX))
    let ny = min(max(c.y, Double(box.minY)), Double(box.maxY))
    let dx = c.x - nx
    let dy = c.y - ny
    return dx * dx + dy * dy < radius * radius
  }

  // MARK: Descriptions

  static func describe(_ t: SceneText) -> String {
    let kind: String
    switch t.role {
    case .title: kind = "title"
    case .subtitle: kind = "subtitle"
    case .axisLabel: kind = "axis label"
    case .tickLabel: kind = "tick label"
    case .legendText: kind = "legend entry"
    case .colorBarLabel: kind = "colour bar label"
    default: kind = "label"
    }
    return "\(kind) '\(t.text)' \(t.box.text)"
  }

  static func describe(_ s: SceneStroke) -> String {
    if case .series(let i) = s.role { return "series \(i + 1)" }
    return "a contour line"
  }

  static func point(_ p: Point) -> String { "(\(Int(p.x.rounded())), \(Int(p.y.rounded())))" }
}

extension PixelRect {
  /// `[x 10..<30, y 40..<52]`, for messages.
  var text: String { "[x \(minX)..<\(maxX), y \(minY)..<\(maxY)]" }
}
