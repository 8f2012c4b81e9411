// MARK: - Canvas

/// Where the layout puts what it decided: each primitive is painted into the
/// libgd image (when rendering a PNG) in the theme's colours, and recorded
/// in the ``Scene`` (always) in the model's colours.
///
/// One figure, one canvas, one thread (like ``GDImage``, not `Sendable`).
final class Canvas {
  /// The image to paint, or nil when only the scene is wanted (SVG, checks).
  let image: GDImage?
  let theme: ChartTheme
  let levels: Int
  private(set) var scene: Scene

  init(width: Int, height: Int, scale: Int, image: GDImage?, theme: ChartTheme, levels: Int) {
    self.image = image
    self.theme = theme
    self.levels = levels
    scene = Scene(width: width, height: height, scale: scale)
  }

  func addPanel(_ d: PanelDiagnostics) { scene.panels.append(d) }

  /// Records the paper the image was created with (already painted).
  func recordBackground(_ rect: PixelRect) {
    scene.items.append(.fill(SceneFill(rect: rect, color: .white, role: .background)))
  }

  /// How much has been recorded (a point to roll back to).
  var mark: (items: Int, panels: Int) { (scene.items.count, scene.panels.count) }

  /// Forgets what was recorded after `mark` and repaints `cell` with the
  /// paper, so that a panel can be laid out again (every panel paints only
  /// inside its cell).
  func rollBack(to mark: (items: Int, panels: Int), cell: PixelRect) {
    scene.items.removeSubrange(mark.items...)
    scene.panels.removeSubrange(mark.panels...)
    image?.fill(cell, theme.map(.white))
  }

  // MARK: Primitives

  func fill(_ rect: PixelRect, _ color: ChartColor, _ role: SceneRole) {
    image?.fill(rect, theme.map(color))
    scene.items.append(.fill(SceneFill(rect: rect, color: color, role: role)))
  }

  /// A reference line, painted dash by dash as 1-point rectangles.
  func rule(_ r: SceneRule) {
    if let image {
      let c = theme.map(r.color)
      var p = r.start
      while p < r.end {
        let end = r.dash.map { min(p + $0.on, r.end) } ?? r.end
        let rect = r.vertical
          ? PixelRect(minX: r.position, minY: p, maxX: r.position + r.thickness, maxY: end)
          : PixelRect(minX: p, minY: r.position, maxX: end, maxY: r.position + r.thickness)
        image.fill(rect, c)
        p = end + (r.dash?.gap ?? 0)
      }
    }
    scene.items.append(.rule(r))
  }

  /// Strokes `runs` into `mask`, blends it in `color` and marks the covered
  /// pixels in `occupancy` (a grid over the mask's clip).
  func stroke(
    _ runs: [[Point]], halfWidth: Double, dash: (on: Double, off: Double)?, color: ChartColor,
    role: SceneRole, mask: inout CoverageMask, occupancy: inout [UInt8]
  ) {
    for run in runs { mask.polyline(run, halfWidth: halfWidth, dash: dash) }
    composite(&mask, color, &occupancy)
    scene.items.append(
      .stroke(SceneStroke(runs: runs, halfWidth: halfWidth, dash: dash, color: color, clip: mask.clip, role: role)))
  }

  /// A filled disc (a marker's dot or its ring).
  func disc(
    _ centre: Point, radius: Double, color: ChartColor, role: SceneRole, mask: inout CoverageMask,
    occupancy: inout [UInt8]
  ) {
    mask.disc(centre, radius: radius)
    composite(&mask, color, &occupancy)
    scene.items.append(
      .stroke(SceneStroke(runs: [[centre]], halfWidth: radius, dash: nil, color: color, clip: mask.clip, role: role, isDisc: true)))
  }

  /// A filled polygon, anti-aliased through the mask.
  func polygon(_ points: [Point], color: ChartColor, role: SceneRole, mask: inout CoverageMask, occupancy: inout [UInt8]) {
    mask.polygon(points)
    composite(&mask, color, &occupancy)
    scene.items.append(.polygon(ScenePolygon(points: points, color: color, clip: mask.clip, role: role)))
  }

  private func composite(_ mask: inout CoverageMask, _ color: ChartColor, _ occupancy: inout [UInt8]) {
    if let image {
      mask.composite(onto: image, color: theme.map(color), occupancy: &occupancy)
    } else {
      mask.composite(occupancy: &occupancy)
    }
  }

  /// A text whose mask has its baseline origin at `origin`.
  func text(
    _ text: String, mask: TextMask, origin: (x: Int, y: Int), size: Double, bold: Bool, color: ChartColor,
    angle: Double, alignment: TextAlignment, role: SceneRole
  ) -> PixelRect {
    image?.draw(mask, x: origin.x, y: origin.y, color: theme.map(color), levels: levels)
    let b = mask.bounds
    let box = PixelRect(minX: origin.x + b.minX, minY: origin.y + b.minY, maxX: origin.x + b.maxX, maxY: origin.y + b.maxY)
    scene.items.append(
      .text(
        SceneText(
          text: text, size: size, bold: bold, color: color, origin: origin, angle: angle, box: box,
          advance: mask.advance, alignment: alignment, role: role)))
    return box
  }

  /// A grid of data colours stretched over `rect` (nearest neighbour).
  func raster(_ r: SceneRaster) {
    let area = r.rect.intersection(r.clip)
    if let image, !area.isEmpty {
      for y in max(area.minY, 0)..<min(area.maxY, image.height) {
        let row = min(r.rows - 1, (y - r.rect.minY) * r.rows / r.rect.height)
        let line = image.row(y)
        for x in max(area.minX, 0)..<min(area.maxX, image.width) {
          let column = min(r.columns - 1, (x - r.rect.minX) * r.columns / r.rect.width)
          line[x] = GDImage.packed(r.colors[row * r.columns + column])
        }
      }
    }
    scene.items.append(.raster(r))
  }
}
