/// What the margin losses of CATALOG.md (score s, label y in {-1, +1})
/// share: their arguments, evaluator and two views.
///
/// Each loss depends on the margin t = y s only, and y s is exact (y = ±1
/// flips a sign), so every jet is written in t and the derivative in s is
/// y times the derivative in t.
enum MarginLosses {
  // MARK: - Shared signature and views

  static let arguments: [ArgumentSpec] = [
    ArgumentSpec(name: "s", summary: "the real-valued score of the positive class"),
    ArgumentSpec(name: "y", domain: .labels([-1, 1]), summary: "the label, −1 or +1"),
  ]

  /// An `evaluate` closure for a margin loss given its jet in s for y = +1
  /// and for y = -1.
  static func evaluator(
    _ jet: @escaping @Sendable (Double, Double) -> Jet
  ) -> ScalarEvaluator {
    FunctionSpec.scalarEvaluator("s") { _, a in
      let y = a.real("y")
      return { s in jet(s, y) }
    }
  }

  /// The two views, "s (y = +1)" (primary) and "s (y = -1)".
  static func views(
    plotRange: ClosedRange<Double>, breakpoint: Double? = nil,
    positive: DeclaredProperties, negative: DeclaredProperties,
    _ jet: @escaping @Sendable (Double, Double) -> Jet
  ) -> [ScalarView] {
    [
      ScalarView(
        label: "s (y = +1)", argument: "s", fixed: [("y", .real(1))], plotRange: plotRange,
        breakpoints: breakpoint.map { [$0] } ?? [], declared: positive, evaluate: { s in jet(s, 1) }),
      ScalarView(
        label: "s (y = -1)", argument: "s", fixed: [("y", .real(-1))], plotRange: plotRange,
        breakpoints: breakpoint.map { [-$0] } ?? [], declared: negative, evaluate: { s in jet(s, -1) }),
    ]
  }

  /// The same declared properties for the y = -1 view: the mirror image
  /// s -> -s reverses monotonicity and swaps the two ends.
  static func mirrored(_ p: DeclaredProperties) -> DeclaredProperties {
    var m = p
    switch p.monotonic {
    case .increasing?: m.monotonic = .decreasing
    case .decreasing?: m.monotonic = .increasing
    default: break
    }
    m.saturatesLeft = p.saturatesRight
    m.saturatesRight = p.saturatesLeft
    // f'(s) for y = -1 is -f'(-s) for y = +1: an increasing derivative stays increasing.
    return m
  }

  static let marginConventionKeras =
    "expects labels in {-1, 1}; labels in {0, 1} are converted to {-1, 1}"
}
