import LossAtlasCore

/// Settings of the property engine.
public struct AnalysisOptions: Sendable, Equatable {
  /// Interior sample points per view (the search interval's dense grid).
  public var samples: Int
  /// Saturation threshold: |f'| < tau * max |f'|.
  public var saturationTau: Double
  /// Relative tolerance of root-found interval ends.
  public var rootTolerance: Double
  /// The finite-width network that checks the gradient-gain model (nil:
  /// the model alone, as `check` needs it).
  public var gainSimulation: GainSimulation.Settings?

  public init(
    samples: Int = 20_001, saturationTau: Double = 1e-2, rootTolerance: Double = 1e-9,
    gainSimulation: GainSimulation.Settings? = nil
  ) {
    self.samples = samples
    self.saturationTau = saturationTau
    self.rootTolerance = rootTolerance
    self.gainSimulation = gainSimulation
  }
}

/// Computes every property of one scalar view at one parameter setting.
/// Each property is defined once, here and in the files of `Properties/`;
/// its doc comment is the definition the manual's methods page prints.
public enum PropertyEngine {
  public static func analyze(
    _ spec: FunctionSpec, parameters: ParameterValues, viewIndex: Int = 0, options: AnalysisOptions = AnalysisOptions()
  ) -> ViewProperties {
    let view = spec.views(parameters)[viewIndex]
    let samples = ViewSamples(view, count: options.samples)
    return analyze(samples, functionID: spec.id, isLoss: spec.family.isLoss, parameters: parameters, viewIndex: viewIndex, options: options)
  }

  /// Computes every property of a bare scalar view (one not necessarily
  /// from the catalog: tests use synthetic views with known answers).
  public static func analyze(
    view: ScalarView, functionID: String = "", parameters: ParameterValues = ParameterValues(),
    options: AnalysisOptions = AnalysisOptions()
  ) -> ViewProperties {
    analyze(
      ViewSamples(view, count: options.samples), functionID: functionID, isLoss: false, parameters: parameters,
      viewIndex: 0, options: options)
  }

  static func analyze(
    _ s: ViewSamples, functionID: String, isLoss: Bool, parameters: ParameterValues, viewIndex: Int, options: AnalysisOptions
  ) -> ViewProperties {
    let view = s.view
    let f = view.evaluate
    let valueLower = Limit.estimate(s.towardLower.map { ($0.x, $0.jet.value) })
    let valueUpper = Limit.estimate(s.towardUpper.map { ($0.x, $0.jet.value) })
    let d1Lower = Limit.estimate(s.towardLower.map { ($0.x, $0.jet.d1) })
    let d1Upper = Limit.estimate(s.towardUpper.map { ($0.x, $0.jet.d1) })
    let absD1Lower = Limit.estimate(s.towardLower.map { ($0.x, abs($0.jet.d1)) })
    let absD1Upper = Limit.estimate(s.towardUpper.map { ($0.x, abs($0.jet.d1)) })

    // (c) continuity first: the range and the slope need the jumps.
    let smoothness = view.breakpoints.filter(view.domain.contains).map { Continuity.at($0, view) }
    let continuity = Continuity.overall(smoothness)

    // (a) range
    let range = ExtremaSearch(
      samples: s, quantity: .value, lowerLimit: valueLower, upperLimit: valueUpper, jumps: Set(smoothness.filter { $0.jumps[0] != 0 }.map(\.x)))
    let infimum = range.extremum(minimum: true)
    let supremum = range.extremum(minimum: false)

    // (b) monotonicity: signs of f' on the pieces and of f's jumps
    let monotonic = Monotonic.classify(
      positive: s.summary.d1Positive, negative: s.summary.d1Negative, jumps: smoothness.map { $0.jumps[0] })
    let derivativeMonotonic = Monotonic.classify(
      positive: s.summary.d2Positive, negative: s.summary.d2Negative, jumps: smoothness.map { $0.jumps[1] })

    // (d) origin and mean output
    var passesThroughOrigin: Bool?
    var identityNearOrigin: Bool?
    if view.domain.contains(0) {
      let j = f(0)
      passesThroughOrigin = j.value == 0
      identityNearOrigin = j.value == 0 && abs(j.d1 - 1) <= 1e-12
    }
    var meanOutput: Double?
    if !isLoss && view.domain.lower == -.infinity && view.domain.upper == .infinity {
      let m = GaussianExpectation.mean({ f($0).value }, breakpoints: view.breakpoints)
      // A divergent E[f(X)] (e^(x^2)) has no value to print: "-", as off the real line.
      meanOutput = GaussianExpectation.settles({ f($0).value }, mean: m) ? m : nil
    }
    let zeroCentered = meanOutput.map { abs($0) <= zeroCenteredTolerance }

    // (e) max |f'|
    let slope = ExtremaSearch(
      samples: s, quantity: .absoluteSlope, lowerLimit: absD1Lower, upperLimit: absD1Upper, jumps: Set(smoothness.filter { $0.jumps[1] != 0 }.map(\.x)))
    let maxSlope = slope.extremum(minimum: false)

    // (f) saturation and dead regions
    let saturatesLeft = view.domain.lower == -.infinity && absD1Lower == .finite(0)
    let saturatesRight = view.domain.upper == .infinity && absD1Upper == .finite(0)
    let lowSlope = Saturation.intervals(
      s, threshold: options.saturationTau * maxSlope.value, lowerLimit: absD1Lower, upperLimit: absD1Upper,
      tolerance: options.rootTolerance)
    let (saturation, flatZones) = Saturation.split(lowSlope, s)
    let dead = Saturation.deadRegions(s)

    // (i) shape
    let convexity = Convexity.classify(s, breakpoints: smoothness)
    let nonNegative = infimum.value >= 0
    let zeroAtCorrect: ZeroAtCorrect =
      infimum.value == 0 ? (infimum.attained ? .attained : .limit) : .never
    let gradientZero = Self.gradientVanishes(at: infimum.location, view: view, d1Lower: d1Lower, d1Upper: d1Upper)
    let growth = Self.gradientGrowth(maxSlope: maxSlope, view: view, lower: absD1Lower, upper: absD1Upper)

    // (j) gradient check
    let check = GradientChecker.check(view)

    // (h) extremes
    let extremes = Extremes.points(
      view, limits: (valueLower, valueUpper, d1Lower, d1Upper,
        Limit.estimate(s.towardLower.map { ($0.x, $0.jet.d2) }), Limit.estimate(s.towardUpper.map { ($0.x, $0.jet.d2) })))

    return ViewProperties(
      functionID: functionID, parameters: parameters, viewLabel: view.label, argument: view.argument, viewIndex: viewIndex,
      infimum: infimum, supremum: supremum, monotonic: monotonic, derivativeMonotonic: derivativeMonotonic,
      continuity: continuity, breakpoints: smoothness, meanOutput: meanOutput, zeroCentered: zeroCentered,
      passesThroughOrigin: passesThroughOrigin, identityNearOrigin: identityNearOrigin, maxAbsDerivative: maxSlope,
      saturatesLeft: saturatesLeft, saturatesRight: saturatesRight, saturationThreshold: options.saturationTau,
      saturationIntervals: saturation, flatZones: flatZones, deadRegions: dead, derivativeLimitLower: d1Lower,
      derivativeLimitUpper: d1Upper, convex: convexity.convex, concave: convexity.concave,
      convexityCrossCheck: convexity.crossCheck, nonNegative: nonNegative, zeroAtCorrect: zeroAtCorrect,
      gradientZeroAtMinimum: gradientZero, gradientGrowth: growth, gradientCheck: check, extremes: extremes)
  }

  /// zero-centred: |E[f(X)]| <= 1e-12 for X ~ N(0, 1).
  public static let zeroCenteredTolerance = 1e-12

  /// Whether f' is 0 where the infimum is attained (at the point, on the
  /// flat piece) or tends to 0 where it is approached.
  ///
  /// At a minimiser inside a smooth piece f' is 0 by Fermat's theorem, even
  /// though the Double found by bisection (kl-div's ln 3 = 1.0986122886681098)
  /// is not the exact minimiser and f' there is a rounding-level ±1e-17: the
  /// test is that f' changes sign across it (from ≤ 0 to ≥ 0 within
  /// 10⁻⁶ max(1, |x|)). At a breakpoint or a domain end f' is the catalog's
  /// one-sided derivative or subgradient there, read as it is.
  static func gradientVanishes(at location: Location, view: ScalarView, d1Lower: Limit?, d1Upper: Limit?) -> Bool {
    switch location {
    case .point(let x):
      let atEnd = (view.domain.lowerClosed && x == view.domain.lower) || (view.domain.upperClosed && x == view.domain.upper)
      if atEnd || view.breakpoints.contains(x) { return view.evaluate(x).d1 == 0 }
      let h = 1e-6 * max(1, abs(x))
      guard view.domain.contains(x - h), view.domain.contains(x + h) else { return view.evaluate(x).d1 == 0 }
      return view.evaluate(x).d1 == 0 || (view.evaluate(x - h).d1 <= 0 && view.evaluate(x + h).d1 >= 0)
    case .interval(let piece):
      let mid = piece.lower.isFinite && piece.upper.isFinite ? (piece.lower + piece.upper) / 2
        : piece.lower.isFinite ? piece.lower + 1 : piece.upper.isFinite ? piece.upper - 1 : 0
      return view.evaluate(mid).d1 == 0
    case .approached(let end):
      if end == view.domain.lower { return d1Lower == .finite(0) }
      if end == view.domain.upper { return d1Upper == .finite(0) }
      return false
    }
  }

  /// How |f'| behaves far out: unbounded if it grows without bound toward
  /// an end (or at a finite end); redescending if it tends to 0 at every
  /// infinite end while positive somewhere; bounded otherwise.
  static func gradientGrowth(maxSlope: Extremum, view: ScalarView, lower: Limit?, upper: Limit?) -> GradientGrowth {
    if !maxSlope.value.isFinite { return .unbounded }
    let ends = [view.domain.lower == -.infinity ? lower : nil, view.domain.upper == .infinity ? upper : nil].compactMap { $0 }
    if !ends.isEmpty && ends.allSatisfy({ $0 == .finite(0) }) && maxSlope.value > 0 { return .redescending }
    return .bounded
  }
}

/// Monotonicity from signs: f' on the pieces and f's jumps at breakpoints.
enum Monotonic {
  /// Increasing when every derivative sample and every jump is >= 0 and
  /// some is > 0; decreasing symmetrically; constant when all are 0.
  /// `positive` / `negative`: whether some derivative sample is > 0 / < 0.
  static func classify(positive: Bool, negative: Bool, jumps: [Double]) -> Monotonicity {
    var positive = positive
    var negative = negative
    for j in jumps where !j.isNaN {
      if j > 0 { positive = true } else if j < 0 { negative = true }
    }
    switch (positive, negative) {
    case (true, false): return .increasing
    case (false, true): return .decreasing
    case (false, false): return .constant
    case (true, true): return .neither
    }
  }
}
