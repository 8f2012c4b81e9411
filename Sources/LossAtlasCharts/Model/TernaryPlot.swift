// MARK: - Barycentric

/// A point of the 2-simplex: three non-negative weights summing to 1 (a
/// probability vector over three classes).
public struct Barycentric: Sendable, Hashable {
  /// Weights of the first (bottom-left), second (bottom-right) and third
  /// (top) vertex.
  public var a: Double
  public var b: Double
  public var c: Double

  /// The point with weights proportional to `a`, `b`, `c` (divided by their
  /// sum; all three must be finite and non-negative with a positive sum,
  /// else the point is not drawn).
  public init(_ a: Double, _ b: Double, _ c: Double) {
    let s = a + b + c
    if s > 0 && s.isFinite {
      self.a = a / s
      self.b = b / s
      self.c = c / s
    } else {
      (self.a, self.b, self.c) = (.nan, .nan, .nan)
    }
  }

  var isDrawable: Bool { [a, b, c].allSatisfy { $0.isFinite && $0 >= -1e-12 } }
}

// MARK: - TernaryPlot

/// A picture on the probability simplex of three classes: the triangle
/// whose vertices are the three certain outcomes, with curves, shaded
/// regions and labelled points on it (softmax against sparsemax, say:
/// where each maps a family of scores).
///
/// When a ``Chart`` has a ternary plot, its panel draws the triangle
/// (equilateral, as large as the panel allows) instead of x/y axes; the
/// chart's title, subtitle and legend are kept, its axes and series are
/// not used.
public struct TernaryPlot: Sendable, Hashable {
  /// A curve through points of the simplex.
  public struct Curve: Sendable, Hashable {
    public var name: String
    public var points: [Barycentric]
    public var color: ChartColor?
    public var style: LineStyle
    public var width: Double

    public init(_ name: String, points: [Barycentric], color: ChartColor? = nil, style: LineStyle = .solid, width: Double = 2) {
      self.name = name
      self.points = points
      self.color = color
      self.style = style
      self.width = width
    }
  }

  /// A shaded polygon of the simplex (its corners in order), named in the
  /// legend and/or labelled at its centre.
  public struct Region: Sendable, Hashable {
    public var name: String
    public var corners: [Barycentric]
    public var color: ChartColor
    public var label: String

    public init(_ name: String, corners: [Barycentric], color: ChartColor, label: String = "") {
      self.name = name
      self.corners = corners
      self.color = color
      self.label = label
    }
  }

  /// A dot with an optional label.
  public struct Point: Sendable, Hashable {
    public var at: Barycentric
    public var label: String
    public var color: ChartColor
    public var radius: Double

    public init(_ at: Barycentric, label: String = "", color: ChartColor = .ink, radius: Double = 4) {
      self.at = at
      self.label = label
      self.color = color
      self.radius = radius
    }
  }

  /// Names of the three vertices: bottom-left, bottom-right, top.
  public var vertexLabels: [String]
  public var regions: [Region]
  public var curves: [Curve]
  public var points: [Point]
  /// Spacing of the grid lines parallel to each side (0 for none).
  public var gridStep: Double

  public init(
    vertexLabels: [String], regions: [Region] = [], curves: [Curve] = [], points: [Point] = [], gridStep: Double = 0.2
  ) {
    self.vertexLabels = vertexLabels
    self.regions = regions
    self.curves = curves
    self.points = points
    self.gridStep = gridStep
  }
}
