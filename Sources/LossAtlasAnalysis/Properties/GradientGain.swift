import LossAtlasCore

/// The weight initialisation of the mean-field model: the variance of each
/// weight is sigma_w^2 / fan_in.
public enum WeightInit: String, Sendable, CaseIterable {
  /// He et al. (2015): sigma_w^2 = 2.
  case he
  /// Glorot and Bengio (2010) in LeCun's fan-in form: sigma_w^2 = 1.
  case xavier

  /// sigma_w^2.
  public var weightVariance: Double {
    switch self {
    case .he: return 2
    case .xavier: return 1
    }
  }

  /// How the manual names it: `He (σ_w² = 2)`.
  public var title: String {
    switch self {
    case .he: return "He (σ_w² = 2)"
    case .xavier: return "Xavier/LeCun (σ_w² = 1)"
    }
  }
}

/// The gradient gain of one activation layer at initialisation, in the
/// standard mean-field model (Poole et al. 2016; Schoenholz et al. 2017):
/// with weights W_ij ~ N(0, sigma_w^2 / N) and no bias, the pre-activations
/// of a wide layer are h ~ N(0, q), and backpropagating through the layer
/// (weights and activation derivative together) multiplies the expected
/// squared gradient by
///
///   chi = sigma_w^2 E[f'(h)^2],   h ~ N(0, q).
///
/// q is the layer's pre-activation variance: the stable nonzero fixed point
/// of the variance map q -> sigma_w^2 E[f(h)^2] (the variance a deep
/// network settles at), or q = 1 (the variance of standardised inputs)
/// where the map has no nonzero fixed point, or where every q is one (the
/// map is the identity: relu at He, identity at Xavier; chi does not depend
/// on q there). chi < 1 means gradients shrink layer by layer, chi > 1 that
/// they grow; relu at He has chi = 2 * P(h > 0) = 1 exactly, and sigmoid,
/// whose derivative is at most 1/4, has chi <= sigma_w^2 / 16.
///
/// The expectations are integrals against the normal density
/// (``GaussianExpectation``, accurate to about 1e-15).
public struct GradientGain: Sendable, Equatable {
  /// Where q comes from.
  public enum VarianceSource: String, Sendable {
    /// The stable nonzero fixed point of the variance map.
    case fixedPoint = "fixed point"
    /// Every q is a fixed point (the map is the identity); q = 1.
    case everyVariance = "every q is a fixed point"
    /// No nonzero fixed point: q = 1, the variance of standardised inputs.
    case noFixedPoint = "no nonzero fixed point"
  }

  public let initialization: WeightInit
  /// The pre-activation variance the gain is taken at.
  public let q: Double
  public let source: VarianceSource
  /// chi = sigma_w^2 E[f'(h)^2], h ~ N(0, q).
  public let gain: Double
  /// The model over depth: after k = 1...depths.count layers, the product
  /// of chi(q_l) for l = 1...k along the variance recursion
  /// q_1 = q, q_(l+1) = sigma_w^2 E[f(h_l)^2] (chi^k at a fixed point).
  public let depthRatio: [Double]

  /// The maximum depth the model (and the simulation) is followed to.
  public static let maxDepth = 50

  /// The gain of `view` (an activation on the real line) at `initialization`.
  public static func compute(_ view: ScalarView, initialization: WeightInit, depth: Int = maxDepth) -> GradientGain {
    let w = initialization.weightVariance
    let moments = Moments(view)
    let (q, source) = variance(view, weightVariance: w, moments: moments)
    var ratios: [Double] = []
    var product = 1.0
    var ql = q
    for _ in 0..<depth {
      product *= w * moments.slope(ql)
      ratios.append(product)
      ql = w * moments.second(ql)
      if !(ql.isFinite && ql > 0) { break }
    }
    return GradientGain(
      initialization: initialization, q: q, source: source, gain: w * moments.slope(q), depthRatio: ratios)
  }

  /// E[f'(h)²] and E[f(h)²], h ~ N(0, q), each computed once per q (by its
  /// bits) within one ``compute(_:initialization:depth:)``: the variance
  /// search evaluates the second moment at the q it settles on, the depth
  /// recursion at a fixed point asks for the same q layer after layer, and
  /// the gain is chi at the first layer's q. The quadrature is
  /// deterministic, so a remembered mean is the mean it would compute.
  final class Moments {
    let view: ScalarView
    private var slopes: [UInt64: Double] = [:]
    private var seconds: [UInt64: Double] = [:]

    init(_ view: ScalarView) { self.view = view }

    /// E[f'(h)²] (``chi(_:weightVariance:q:)`` without the σ_w² factor).
    func slope(_ q: Double) -> Double {
      if let m = slopes[q.bitPattern] { return m }
      let f = view.evaluate
      let m = GaussianExpectation.mean({ let d = f($0).d1; return d * d }, variance: q, breakpoints: view.breakpoints)
      slopes[q.bitPattern] = m
      return m
    }

    /// E[f(h)²] (``secondMoment(_:q:)``).
    func second(_ q: Double) -> Double {
      if let m = seconds[q.bitPattern] { return m }
      let m = secondMoment(view, q: q)
      seconds[q.bitPattern] = m
      return m
    }
  }

  /// chi(q) = sigma_w^2 E[f'(h)^2], h ~ N(0, q).
  public static func chi(_ view: ScalarView, weightVariance w: Double, q: Double) -> Double {
    let f = view.evaluate
    return w * GaussianExpectation.mean({ let d = f($0).d1; return d * d }, variance: q, breakpoints: view.breakpoints)
  }

  /// E[f(h)^2], h ~ N(0, q).
  static func secondMoment(_ view: ScalarView, q: Double) -> Double {
    let f = view.evaluate
    return GaussianExpectation.mean({ let v = f($0).value; return v * v }, variance: q, breakpoints: view.breakpoints)
  }

  /// The ratio r(q) = sigma_w^2 E[f(h)^2] / q: a fixed point is a root of
  /// r - 1. r - 1 is read on a grid of q from 1e-8 to 1e8 (4 points a
  /// decade); values within 1e-10 of 0 count as 0 (quadrature error, and
  /// maps that equal the identity to that accuracy near q = 0, like relu6's
  /// at He). A root between two grid points of opposite sign is refined by
  /// bisection in log q on the unrounded r - 1, to adjacent Doubles; it is stable when r - 1 goes from + to − there
  /// (the map contracts toward it). The stable root nearest q = 1 (in log
  /// q) is taken. r - 1 zero on the whole grid: every q is a fixed point.
  static func variance(_ view: ScalarView, weightVariance w: Double, moments: Moments? = nil) -> (Double, VarianceSource) {
    let moments = moments ?? Moments(view)
    func excess(_ logQ: Double) -> Double {
      let q = exp(logQ)
      return w * moments.second(q) / q - 1
    }
    let grid = (-32...32).map { Double($0) / 4 * log(10.0) }
    let values = grid.map { x -> Double in
      let r = excess(x)
      return abs(r) <= 1e-10 ? 0 : r
    }
    if values.allSatisfy({ $0 == 0 }) { return (1, .everyVariance) }
    var stable: [Double] = []
    var last: (x: Double, v: Double)?
    for (x, v) in zip(grid, values) where v != 0 {
      if let l = last, l.v > 0, v < 0 {
        let root = RootFinding.bisect(excess, l.x, x, relativeTolerance: 0)
        stable.append(exp(root))
      }
      last = (x, v)
    }
    guard let best = stable.min(by: { abs(log($0)) < abs(log($1)) }) else { return (1, .noFixedPoint) }
    return (best, .fixedPoint)
  }
}
