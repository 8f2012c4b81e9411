/// What the gated linear units of CATALOG.md share: f(a, b) = a g(b) with a
/// the value half and b the gate half (both differentiated), the product
/// with its gradient and Hessian, the evaluator, the views and the plot box.
///
/// Each unit (`GLU.swift`, ...) is one file beside this one holding its
/// entry and formula; its gate's jet is the gate activation's own stable
/// kernel (sigmoid, relu, gelu, silu), reused, with the gate's tail kernel
/// where the product a g(b) needs digits below the normal range.
///
/// Surface order: a unit's ``SurfaceJet`` has x = b (the gate, across) and
/// y = a (up): value a g, dx = a g', dy = g, dxx = a g'', dxy = g', dyy = 0.
enum GatedUnits {
  /// A unit's kernel at fixed parameters: f(a, b) = a g(b) with its
  /// gradient and Hessian as a ``SurfaceJet`` (x = b, y = a). A value type,
  /// so that the views and the plot box built from it (generic, hence
  /// specialized) call the unit's jet directly: a closure kernel inside the
  /// view's closure cost a call and two copies of the result per point.
  protocol Kernel: Sendable {
    func callAsFunction(_ a: Double, _ b: Double) -> SurfaceJet
  }

  static let arguments: [ArgumentSpec] = [
    ArgumentSpec(name: "a", summary: "the value half (the linear path)"),
    ArgumentSpec(name: "b", summary: "the gate half, passed through the gate activation"),
  ]

  /// The arguments as formula symbols.
  static let a = Expr.symbol(.latin("a"))
  static let b = Expr.symbol(.latin("b"))

  /// The values of a at which the views in b are drawn (a = 1 is the gate itself).
  static let valueHalves: [Double] = [1, -1, 2]
  /// The values of b at which the views in a are drawn.
  static let gateValues: [Double] = [1, -1]
  /// The range of a in the views in a and in the plot box.
  static let valueRange: ClosedRange<Double> = -3...3

  // MARK: - The product

  /// a g(b), its gradient and its Hessian from the gate's jet g at b:
  /// each product with a rounds once, so the result carries the gate's own
  /// error plus half an ulp.
  @inline(__always)
  static func product(_ a: Double, _ g: Jet) -> SurfaceJet {
    SurfaceJet(value: a * g.value, dx: a * g.d1, dy: g.value, dxx: a * g.d2, dxy: g.d1, dyy: 0)
  }

  /// Whether the plain products of ``product(_:_:)`` would lose digits:
  /// some of g, g', g'' lies below the normal range (a subnormal that has
  /// lost its digits, or 0 where the exact value is not) and |a| > 1 would
  /// magnify that loss (a = 1e300, b = -746). Then the unit asks its
  /// gate's tail kernel for a g, a g', a g'' with a joined to the gate's
  /// mantissa before the one rounding (``product(_:tail:)``); that happens
  /// only on the gate's tails and at its exact zeros.
  @inline(__always)
  static func needsTail(_ a: Double, _ g: Jet) -> Bool {
    abs(a) > 1 && min(abs(g.value), abs(g.d1), abs(g.d2)) < 0x1p-1022
  }

  /// The product from the gate's jet g and the tail kernel's a g, a g', a g''.
  static func product(_ g: Jet, tail p: Jet) -> SurfaceJet {
    SurfaceJet(value: p.value, dx: p.d1, dy: g.value, dxx: p.d2, dxy: g.d1, dyy: 0)
  }

  // MARK: - Evaluator, views, plot box

  /// An `evaluate` closure from a unit's kernel at the given parameters:
  /// value, gradient in a and b, and the 2 x 2 Hessian [[0, g'], [g', a g'']]
  /// in the catalog's order (a, b).
  static func evaluator<K: Kernel>(
    _ kernel: @escaping @Sendable (ParameterValues) -> K
  ) -> @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    { p, args in
      let j = kernel(p)(args.real("a"), args.real("b"))
      return Evaluation(
        value: .scalar(j.value),
        gradient: [NamedTensor("a", .scalar(j.dy)), NamedTensor("b", .scalar(j.dx))],
        hessian: .matrix([[j.dyy, j.dxy], [j.dxy, j.dxx]]))
    }
  }

  /// The views: f against b at a = 1 (the gate itself, primary), -1 and 2,
  /// then f against a at b = 1 and -1 (straight lines of slope g(b)).
  ///
  /// The declared properties in b are the gate's (`gate`, from the gate
  /// activation's own entry) scaled by a; `gateAtZero` and `slopeAtZero`
  /// are g(0) and g'(0); `gateValue(b)` is g(b) from the unit's formula
  /// (the textbook evaluation, independent of the kernel) for the slopes
  /// in a.
  static func views<K: Kernel>(
    gatePlotRange: ClosedRange<Double>, breakpoints: [Double] = [], gate: DeclaredProperties,
    gateAtZero: Double, slopeAtZero: Double, gateValue: (Double) -> Double, _ kernel: K
  ) -> [ScalarView] {
    let inB = valueHalves.map { a in
      ScalarView(
        label: "b (a = \(formatBound(a)))", argument: "b", fixed: [("a", .real(a))], plotRange: gatePlotRange,
        breakpoints: breakpoints,
        declared: scaled(gate, by: a, gateAtZero: gateAtZero, slopeAtZero: slopeAtZero),
        evaluate: { b in
          let j = kernel(a, b)
          return Jet(value: j.value, d1: j.dx, d2: j.dxx)
        })
    }
    let inA = gateValues.map { b in
      ScalarView(
        label: "a (b = \(formatBound(b)))", argument: "a", fixed: [("b", .real(b))], plotRange: valueRange,
        declared: linear(slope: gateValue(b)),
        evaluate: { a in
          let j = kernel(a, b)
          return Jet(value: j.value, d1: j.dy, d2: j.dyy)
        })
    }
    return inB + inA
  }

  /// The plot box of f(a, b): b across the gate's plot range, a up over
  /// [-3, 3] (for a heat map or contour plot). `evaluate` takes (b, a) and
  /// is stored as given: a closure literal calling the unit's jet, one call
  /// per point.
  static func surface(
    gatePlotRange: ClosedRange<Double>, breakpoints: [Double] = [],
    evaluate: @escaping @Sendable (_ b: Double, _ a: Double) -> SurfaceJet
  ) -> SurfaceView {
    SurfaceView(
      label: "f(a, b)", x: "b", y: "a", xRange: gatePlotRange, yRange: valueRange, xBreakpoints: breakpoints,
      evaluate: evaluate)
  }

  // MARK: - Declared properties

  /// The declared properties of a g(b) in b from those of g: a > 0 scales
  /// the range and the slope; a < 0 also swaps the ends and reverses
  /// monotonicity and convexity. f(0) = a g(0) and f'(0) = a g'(0) decide
  /// the two properties at the origin.
  static func scaled(
    _ g: DeclaredProperties, by a: Double, gateAtZero g0: Double, slopeAtZero g1: Double
  ) -> DeclaredProperties {
    func times(_ r: RangeBound?) -> RangeBound? { r.map { RangeBound(a * $0.value, attained: $0.attained) } }
    func reversed(_ m: Monotonicity?) -> Monotonicity? {
      switch m {
      case .increasing?: return .decreasing
      case .decreasing?: return .increasing
      default: return m
      }
    }
    let up = a > 0
    let infimum = up ? times(g.infimum) : times(g.supremum)
    return DeclaredProperties(
      infimum: infimum, supremum: up ? times(g.supremum) : times(g.infimum),
      monotonic: up ? g.monotonic : reversed(g.monotonic),
      derivativeMonotonic: up ? g.derivativeMonotonic : reversed(g.derivativeMonotonic),
      // E[a g(X)] = a E[g(X)]: zero-centred where g is (or a = 0); f(0) = a g(0).
      continuity: g.continuity, zeroCentered: a == 0 ? true : g.zeroCentered,
      passesThroughOrigin: a == 0 || g0 == 0, identityNearOrigin: g0 == 0 && a * g1 == 1,
      maxAbsDerivative: g.maxAbsDerivative.map { abs(a) * $0 },
      saturatesLeft: g.saturatesLeft, saturatesRight: g.saturatesRight,
      convex: up ? g.convex : g.concave, concave: up ? g.concave : g.convex,
      nonNegative: infimum.map { $0.value >= 0 })
  }

  /// The declared properties of the straight line a -> a s (a view in a).
  static func linear(slope s: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: s == 0 ? RangeBound(0, attained: true) : RangeBound(-.infinity, attained: false),
      supremum: s == 0 ? RangeBound(0, attained: true) : RangeBound(.infinity, attained: false),
      monotonic: s > 0 ? .increasing : (s < 0 ? .decreasing : .constant), derivativeMonotonic: .constant,
      // E[s X] = 0 and f(0) = 0 for every slope.
      continuity: .cInfinity, zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: s == 1, maxAbsDerivative: abs(s),
      saturatesLeft: s == 0, saturatesRight: s == 0, convex: true, concave: true, nonNegative: s == 0)
  }

  /// g(b) from a unit's formula: df/da at (a, b) = (0, b).
  static func gateValue(_ formula: FunctionFormula, _ parameters: ParameterValues) -> (Double) -> Double {
    { b in
      var env = FormulaEnvironment(scalars: parameters.values)
      env.scalars["a"] = 0
      env.scalars["b"] = b
      return (try? formula.derivatives[0].expr.evaluate(env)) ?? .nan
    }
  }
}
