// MARK: - Scene

/// Everything one render of a ``Figure`` drew, in paint order and in image
/// pixels: the single layout that the PNG and the SVG are both made from.
///
/// The layout code (``PanelRenderer``) decides every position once and
/// hands each primitive to a ``Canvas``, which paints it into the libgd
/// image (when there is one) and records it here. The SVG writer turns the
/// recorded items into elements, and ``LayoutCheck`` reads their boxes, so
/// a chart's SVG, its PNG and the collision check can never disagree about
/// where something is.
struct Scene {
  /// Image size in pixels (the figure's size times its scale).
  var width: Int
  var height: Int
  /// Pixels per point.
  var scale: Int
  /// The primitives, back to front.
  var items: [SceneItem] = []
  /// What each panel's layout decided (plot, scales, legend, labels).
  var panels: [PanelDiagnostics] = []
}

/// One drawn primitive.
enum SceneItem {
  /// An axis-aligned rectangle of one opaque colour (background, band,
  /// grid line, frame, tick, legend box).
  case fill(SceneFill)
  /// A horizontal or vertical line, possibly dashed (a reference line).
  case rule(SceneRule)
  /// Anti-aliased strokes of one colour: a series, a legend sample, a
  /// contour, a marker's dot.
  case stroke(SceneStroke)
  /// One line of text.
  case text(SceneText)
  /// A grid of colours stretched over a rectangle (a heat map, a colour bar).
  case raster(SceneRaster)
  /// A filled polygon (a region of a ternary plot).
  case polygon(ScenePolygon)
}

/// What a primitive stands for: the collision check and the SVG's classes
/// use it.
enum SceneRole: Hashable {
  case background, band, grid, frame, tick, referenceLine, legendBox
  case series(Int)
  case legendSample
  case marker
  case contour, contourHalo
  case heatMap, colorBar
  case region
  case title, subtitle, axisLabel, tickLabel, legendText, note, colorBarLabel

  /// Texts that must stay clear of each other, the legend and the data.
  var isText: Bool {
    switch self {
    case .title, .subtitle, .axisLabel, .tickLabel, .legendText, .note, .colorBarLabel: return true
    default: return false
    }
  }

  /// A short class name for the SVG (`la-grid`, `la-series`, ...).
  var className: String {
    switch self {
    case .background: return "la-bg"
    case .band: return "la-band"
    case .grid: return "la-grid"
    case .frame: return "la-frame"
    case .tick: return "la-tick"
    case .referenceLine: return "la-ref"
    case .legendBox: return "la-legend"
    case .series: return "la-series"
    case .legendSample: return "la-sample"
    case .marker: return "la-marker"
    case .contour: return "la-contour"
    case .contourHalo: return "la-contour-halo"
    case .heatMap: return "la-heat"
    case .colorBar: return "la-colorbar"
    case .region: return "la-region"
    case .title: return "la-title"
    case .subtitle: return "la-subtitle"
    case .axisLabel: return "la-axis-label"
    case .tickLabel: return "la-tick-label"
    case .legendText: return "la-legend-text"
    case .note: return "la-note"
    case .colorBarLabel: return "la-colorbar-label"
    }
  }
}

struct SceneFill {
  var rect: PixelRect
  var color: ChartColor
  var role: SceneRole
}

/// A 1-point line across the plot: `thickness` pixels wide starting at
/// column (or row) `position`, from `start` to `end` along it, dashed with
/// `dash` pixels on and `gap` off (solid when `dash` is nil).
struct SceneRule {
  var vertical: Bool
  var position: Int
  var thickness: Int
  var start: Int
  var end: Int
  var dash: (on: Int, gap: Int)?
  var color: ChartColor
}

/// Round-capped strokes through each run of points, `2 * halfWidth` wide,
/// cut at `clip`; dashed with `dash` pixels (on, off) continuing along each run.
/// A run of one point with `isDisc` is a filled disc of radius `halfWidth`.
struct SceneStroke {
  var runs: [[Point]]
  var halfWidth: Double
  var dash: (on: Double, off: Double)?
  var color: ChartColor
  var clip: PixelRect
  var role: SceneRole
  var isDisc = false
}

/// How a text is aligned to the point the layout chose for it; the SVG
/// anchors its text there so that another font keeps the alignment.
enum TextAlignment {
  case start, middle, end
}

struct SceneText {
  var text: String
  /// Pixel size (the font's em) and weight.
  var size: Double
  var bold: Bool
  var color: ChartColor
  /// The pen's starting point on the baseline, in image pixels.
  var origin: (x: Int, y: Int)
  /// Counter-clockwise rotation in radians (0, or π/2 for a y-axis title).
  var angle: Double
  /// The measured box in image pixels (what collisions are judged on).
  var box: PixelRect
  /// The pen's advance along the baseline, in pixels.
  var advance: Int
  var alignment: TextAlignment
  var role: SceneRole
}

/// `columns x rows` colours, row 0 at the top, stretched over `rect` and
/// cut at `clip`. Data colours (a colour map): never re-coloured by a theme.
struct SceneRaster {
  var rect: PixelRect
  var clip: PixelRect
  var columns: Int
  var rows: Int
  var colors: [ChartColor]
  var role: SceneRole
}

struct ScenePolygon {
  var points: [Point]
  var color: ChartColor
  var clip: PixelRect
  var role: SceneRole
}
