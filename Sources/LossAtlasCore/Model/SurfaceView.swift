/// f, its gradient and its Hessian at one point of a function of two real
/// variables: what a ``SurfaceView`` returns per point, in the surface's
/// (x, y) order.
///
/// The two-argument counterpart of ``Jet``: one call gives all six numbers,
/// so the shared work (the gate's exp) is done once. At a kink the
/// derivatives are those of the piece that owns the point.
public struct SurfaceJet: Sendable, Equatable {
  /// f(x, y)
  public var value: Double
  /// df/dx
  public var dx: Double
  /// df/dy
  public var dy: Double
  /// d2f/dx2
  public var dxx: Double
  /// d2f/dx dy
  public var dxy: Double
  /// d2f/dy2
  public var dyy: Double

  @inlinable
  public init(value: Double, dx: Double, dy: Double, dxx: Double, dxy: Double, dyy: Double) {
    self.value = value
    self.dx = dx
    self.dy = dy
    self.dxx = dxx
    self.dxy = dxy
    self.dyy = dyy
  }
}

/// A catalog function of two real arguments over a rectangle, the other
/// arguments (if any) fixed: the declared plot box of a heat map or contour
/// plot of f (a gated unit's f(a, b), with the gate b across and the value
/// half a up).
///
/// Like ``ScalarView`` it is a hot path: `evaluate` captures the parameters
/// as Doubles, so a grid of a million points does no look-up and no
/// allocation.
public struct SurfaceView: Sendable {
  /// A short label, e.g. `f(a, b)`.
  public let label: String
  /// The argument across (the horizontal axis), e.g. `b`.
  public let x: String
  /// The argument up (the vertical axis), e.g. `a`.
  public let y: String
  /// The other arguments, held fixed, in the order the catalog lists them.
  public let fixed: [(name: String, value: ArgumentValue)]
  /// The box a chart covers: x across, y up.
  public let xRange: ClosedRange<Double>
  public let yRange: ClosedRange<Double>
  /// Lines x = c where f or its derivatives are not smooth (reglu's b = 0).
  public let xBreakpoints: [Double]
  /// Lines y = c where f or its derivatives are not smooth.
  public let yBreakpoints: [Double]
  /// f, its gradient and its Hessian at (x, y).
  public let evaluate: @Sendable (_ x: Double, _ y: Double) -> SurfaceJet

  public init(
    label: String, x: String, y: String, fixed: [(name: String, value: ArgumentValue)] = [],
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, xBreakpoints: [Double] = [],
    yBreakpoints: [Double] = [], evaluate: @escaping @Sendable (_ x: Double, _ y: Double) -> SurfaceJet
  ) {
    self.label = label
    self.x = x
    self.y = y
    self.fixed = fixed
    self.xRange = xRange
    self.yRange = yRange
    self.xBreakpoints = xBreakpoints
    self.yBreakpoints = yBreakpoints
    self.evaluate = evaluate
  }
}
