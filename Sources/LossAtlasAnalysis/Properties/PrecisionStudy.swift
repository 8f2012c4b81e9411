import LossAtlasCore

/// Where a function stops being informative in a format, toward one end.
public struct PrecisionThreshold: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The value rounds to its limit (sigmoid to exactly 1).
    case valueReachesLimit = "value rounds to its limit"
    /// The value rounds to x itself (softplus equals x).
    case valueEqualsInput = "value rounds to x"
    /// The derivative rounds to exactly 0 (underflow or rounding).
    case derivativeVanishes = "derivative rounds to 0"
    /// The derivative rounds to its nonzero limit (softplus' to 1).
    case derivativeReachesLimit = "derivative rounds to its limit"
    /// The value is beyond the format's range (rounds to ±inf).
    case valueOverflows = "value overflows"
    /// The derivative is beyond the format's range.
    case derivativeOverflows = "derivative overflows"

    /// Whether the kind is about the value (else the derivative).
    public var isValue: Bool { self == .valueReachesLimit || self == .valueEqualsInput || self == .valueOverflows }
  }

  /// Inputs nearer the centre than the threshold where the rounding
  /// already happens (huber's even doubles below 2^53).
  public struct Earlier: Sendable, Equatable {
    public let hits: Int64
    public let checked: Int64
    /// The stretch examined (nearest and farthest input from the centre).
    public let from: Double
    public let to: Double
    /// Every input of the stretch was tested (else a sample of it).
    public let exhaustive: Bool
  }

  public let format: NumberFormat
  /// -1 toward -inf (or the lower domain end), +1 toward +inf (or the upper end).
  public let direction: Int
  public let kind: Kind
  /// What the result rounds to: the limit (±inf for overflow); 0 for
  /// "rounds to x", whose target is each input itself.
  public let limit: Double
  /// The first representable input of the format (outward from the plot
  /// centre) from which the rounding happens at every farther
  /// representable input; nil when it does not happen at the farthest.
  public let x: Double?
  /// Where it also happens nearer the centre, when it does (nil if never).
  public let earlier: Earlier?
  /// Every input of the format in that direction was tested.
  public let exhaustive: Bool
  /// Inputs whose accurate result lay exactly on a rounding boundary of the
  /// format (a tie, rounded to even) and inputs whose result lay within its
  /// error bound of one without being on it (undecidable from the Double).
  public let ties: Int
  public let uncertain: Int
  /// A view read through its exact rounding (``ScalarView/exactRounding``,
  /// a user function): the first input of the format, outward, from which
  /// the exact number is not decided at every farther input checked (nil:
  /// decided out to the format's farthest input). The search then covered
  /// only the inputs before it, and `x` holds up to there, not beyond.
  public var undecidedFrom: Double? = nil
  /// Inputs inside the searched stretch whose exact number was not decided
  /// (counted as not rounding: a threshold is never placed on them).
  public var undecided: Int = 0
}

/// A value or derivative that equals its limit exactly on a whole half-line
/// (relu's 0 for x ≤ 0, huber's derivative 1 for r ≥ 1): a mathematical
/// fact, the same in every format, not a rounding.
public struct ExactTail: Sendable, Equatable {
  public let direction: Int
  /// `.valueReachesLimit` (the value equals `limit`), `.valueEqualsInput`
  /// (the value equals x), `.derivativeVanishes` or `.derivativeReachesLimit`.
  public let kind: PrecisionThreshold.Kind
  public let limit: Double
  /// Where the half-line starts (its outermost breakpoint); nil when it
  /// holds at every x of the domain.
  public let boundary: Double?
  /// Whether it holds at `boundary` itself.
  public let closed: Bool

  public init(direction: Int, kind: PrecisionThreshold.Kind, limit: Double, boundary: Double?, closed: Bool) {
    self.direction = direction
    self.kind = kind
    self.limit = limit
    self.boundary = boundary
    self.closed = closed
  }
}

/// The precision study of one view.
public struct PrecisionFacts: Sendable, Equatable {
  public let thresholds: [PrecisionThreshold]
  public let exact: [ExactTail]

  public init(thresholds: [PrecisionThreshold], exact: [ExactTail]) {
    self.thresholds = thresholds
    self.exact = exact
  }
}

/// The precision study: for each end of a view, which limits the value and
/// derivative approach (read from the far samples), whether they reach them
/// exactly on a half-line, and otherwise where each format's rounding
/// reaches them.
///
/// Every threshold is over the inputs the format can represent (a Float16
/// program cannot be given x = 3.4470001), outward from the plot centre.
/// Each input's result is the catalog's accurate Double result rounded
/// correctly to the format (see ``NumberFormat/roundExact(_:)`` for how
/// double rounding and ties are decided); the threshold is the first input
/// from which the rounding happens at every farther input, found by
/// ``ThresholdSearch``.
///
/// A view with an exact rounding (a user function, whose `evaluate` is its
/// formula as written) is read through it instead (``StudiedNumbers``):
/// the limits, and every input's rounding, come from the function's exact
/// numbers, and a search only covers the stretch where they are decided
/// (``PrecisionThreshold/undecidedFrom``).
public enum PrecisionStudy {
  public static func run(_ samples: ViewSamples) -> PrecisionFacts {
    let view = samples.view
    let f = view.evaluate
    let studied = StudiedNumbers(view)
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var thresholds: [PrecisionThreshold] = []
    var exact: [ExactTail] = []
    for direction in [-1, 1] {
      let far = studied.far(direction < 0 ? samples.towardLower : samples.towardUpper)
      let end = direction < 0 ? view.domain.lower : view.domain.upper
      guard !far.isEmpty else { continue }
      let valueLimit = Limit.estimate(far.map { ($0.x, $0.jet.value) })
      let d1Limit = Limit.estimate(far.map { ($0.x, $0.jet.d1) })
      // Asymptotic to x: f(x) - x is bounded (it rounds away at 1e300)
      // but f is not x itself near the centre.
      let step = centre + Double(direction)
      let asymptoticToX =
        end.isInfinite && Limit.estimate(far.map { ($0.x, $0.jet.value - $0.x) }) == .finite(0)
        && view.domain.contains(step) && studied.value(step) != step
      var kinds: [(PrecisionThreshold.Kind, Double)] = []
      switch valueLimit {
      case .finite(let l)? where end.isInfinite: kinds.append((.valueReachesLimit, l))
      case .infinite(let s)?: kinds.append((.valueOverflows, s == .minus ? -.infinity : .infinity))
      default: break
      }
      if asymptoticToX { kinds.append((.valueEqualsInput, 0)) }
      switch d1Limit {
      case .finite(let l)? where end.isInfinite: kinds.append((l == 0 ? .derivativeVanishes : .derivativeReachesLimit, l))
      case .infinite(let s)?: kinds.append((.derivativeOverflows, s == .minus ? -.infinity : .infinity))
      default: break
      }
      var exactBoundary: [PrecisionThreshold.Kind: Double?] = [:]
      for (kind, limit) in kinds {
        if let tail = exactTail(samples, direction: direction, kind: kind, limit: limit) {
          exact.append(tail)
          exactBoundary[kind] = .some(tail.boundary)
        }
      }
      for format in NumberFormat.allCases {
        let all = FormatInputs(format: format, direction: direction, centre: centre, domain: view.domain)
        // Float16: every input is evaluated once, and its value's and
        // derivative's roundings are computed once, shared by the kinds
        // (the rows) that read them (an exact rounding caches its own
        // answers). The rows' searches cover all of the inputs: a view
        // without an exact rounding searches the whole direction.
        let shared16 =
          format == .float16 && !studied.isExact && !kinds.isEmpty
          ? Float16Inputs(
            all, view: view, value: kinds.contains(where: { $0.0.isValue }), derivative: kinds.contains(where: { !$0.0.isValue }))
          : nil
        for (kind, limit) in kinds {
          var ties = 0
          var uncertain = 0
          var undecided = 0
          let target = format.round(limit)
          let offset = kind == .valueEqualsInput && !studied.isExact ? AsymptoticOffset.read(f, direction: direction) : nil
          let part: ExactPart = kind.isValue ? .value : .derivative
          // Only the stretch where the exact number is decided is searched.
          let stretch = studied.decidedStretch(all, part: part)
          let inputs = stretch.inputs
          var search = ThresholdSearch(inputs: inputs) { i in
            let x = inputs.x(i)
            if studied.isExact {
              // Three-valued: an undecided number never counts as rounding,
              // so no threshold is placed on it.
              guard let r = studied.rounded(x, part, format) else {
                undecided += 1
                return false
              }
              return kind == .valueEqualsInput ? r == x : r == target
            }
            if let offset, let decided = offset.decides(x, format) {
              ties += 1
              return decided
            }
            let j = f(x)
            guard let r = rounding(kind.isValue ? j.value : j.d1, at: x, isValue: kind.isValue, format: format, view: view)
            else { return false }
            switch r.certainty {
            case .certain: break
            case .exactTie: ties += 1
            case .uncertain: uncertain += 1
            }
            return kind == .valueEqualsInput ? r.value == x : r.value == target
          }
          // Each exact check is a ball evaluation (up to 4,096 bits at
          // log(1 + e^x) near x = -745): 16 + 16 earlier checks, not 256 + 256.
          if studied.isExact { search.earlierPicks = 16 }
          // An exact view's Float16 inputs are searched like the other
          // formats' (bisection and spot checks), not one by one: each
          // costs a ball evaluation. Its rows say "sampled".
          // A shared Float16 row tests every input as ``ThresholdSearch/run()``
          // would, in one loop (inputs is all of them: no exact rounding).
          let result: ThresholdSearch.Result?
          if let shared16 {
            let row = shared16.row(kind, target: target, offset: offset)
            (ties, uncertain) = (row.ties, row.uncertain)
            result = row.flags.isEmpty ? nil : ThresholdSearch.exhaustive(flags: row.flags, significandBits: format.significandBits)
          } else {
            result = studied.isExact ? (inputs.count > 0 ? search.bisected(inputs.count) : nil) : search.run()
          }
          let x = result.map { inputs.x($0.index) }
          // Overflow that never happens is not worth a row; a rounding
          // that only happens where the exact tail already holds is the
          // exact statement, not a rounding one.
          if x == nil && (kind == .valueOverflows || kind == .derivativeOverflows) { continue }
          if let b = exactBoundary[kind] {
            guard let x, let b else { continue }
            if direction > 0 ? x >= b : x <= b { continue }
          }
          let earlier = result.flatMap { r -> PrecisionThreshold.Earlier? in
            guard r.earlierHits > 0, let e = r.earlier else { return nil }
            return PrecisionThreshold.Earlier(
              hits: r.earlierHits, checked: r.earlierChecked, from: inputs.x(e.lowerBound), to: inputs.x(e.upperBound),
              exhaustive: r.exhaustive)
          }
          thresholds.append(
            PrecisionThreshold(
              format: format, direction: direction, kind: kind, limit: kind == .valueEqualsInput ? 0 : limit, x: x,
              earlier: earlier, exhaustive: format == .float16 && !studied.isExact, ties: ties, uncertain: uncertain,
              undecidedFrom: stretch.undecidedFrom, undecided: undecided))
        }
      }
    }
    return PrecisionFacts(thresholds: thresholds, exact: exact)
  }

  /// A result rounded to a format, with how sure the rounding is.
  typealias Rounding = (value: Double, certainty: NumberFormat.Certainty)

  /// The accurate Double `d` (the value or the derivative at `x`) rounded
  /// to `format` as the study reads it (``NumberFormat/roundExact(_:)``);
  /// nil for NaN, which never counts as rounding. A Double on or near a
  /// boundary: the view's refined value, where it has one, decides
  /// (info-nce's x / 0.1 is 65520 as a Double at x = -6552, Float16's
  /// overflow boundary, while the exact value is 3.6e-12 below it).
  static func rounding(_ d: Double, at x: Double, isValue: Bool, format: NumberFormat, view: ScalarView) -> Rounding? {
    if d.isNaN { return nil }
    var r = format.roundExact(d)
    if r.certainty != .certain, isValue, let refined = view.refinedValue?(x), let decided = format.roundExact(refined) {
      r = decided
    }
    return r
  }

  /// The half-line beyond the view's outermost breakpoint toward
  /// `direction` on which the quantity equals its limit exactly at every
  /// sample (or the whole domain, without breakpoints). A non-constant
  /// analytic piece cannot be exactly constant in Double over the dense
  /// samples next to its breakpoint, so this is the piece's own value, not
  /// rounding. Overflow kinds have no exact tail.
  static func exactTail(_ samples: ViewSamples, direction: Int, kind: PrecisionThreshold.Kind, limit: Double) -> ExactTail? {
    let view = samples.view
    func q(_ x: Double, _ j: Jet) -> Bool {
      switch kind {
      case .valueReachesLimit: return j.value == limit
      case .valueEqualsInput: return j.value == x
      case .derivativeVanishes, .derivativeReachesLimit: return j.d1 == limit
      case .valueOverflows, .derivativeOverflows: return false
      }
    }
    if kind == .valueOverflows || kind == .derivativeOverflows { return nil }
    let inside = view.breakpoints.filter { view.domain.contains($0) }
    guard let b = direction > 0 ? inside.max() : inside.min() else {
      // No breakpoint: the whole domain or nothing.
      for i in samples.xs.indices {
        let j = Jet(value: samples.values[i], d1: samples.d1[i], d2: samples.d2[i])
        if !q(samples.xs[i], j) { return nil }
      }
      return ExactTail(direction: direction, kind: kind, limit: limit, boundary: nil, closed: true)
    }
    var beyond = 0
    for i in samples.xs.indices where direction > 0 ? samples.xs[i] > b : samples.xs[i] < b {
      let j = Jet(value: samples.values[i], d1: samples.d1[i], d2: samples.d2[i])
      if !q(samples.xs[i], j) { return nil }
      beyond += 1
    }
    guard beyond > 0 else { return nil }
    return ExactTail(direction: direction, kind: kind, limit: limit, boundary: b, closed: q(b, view.evaluate(b)))
  }
}

/// f(x) = x + c + r(x) toward one end, with the constant c and the sign of
/// the residual r (which tends to 0): what decides whether f rounds to x
/// where c is exactly half the format's spacing next to x, a tie that only
/// the residual's sign breaks, below the resolution of any Double result
/// (barron at alpha = 1 is x − 1 + 1/(2x): at x = 2⁵³ + 2 the exact value
/// rounds to x, the rounded Double difference to x − 2).
///
/// c and the sign are read at x = ±2¹⁰ … ±2³⁰, where f(x) − x is exact in
/// Double: c is the value the differences settle to, taken as the power of
/// two within 10⁻⁹ of it when there is one (a tie value; barron's
/// −1 + 1/(2x) settles to −1, and only such a c is used); the residual's
/// sign must be the same at every point where the Double still shows it
/// (it reads 0 once it is below half an ulp of x), and is 0 only where f
/// is exactly x + c at every point (huber's linear piece).
struct AsymptoticOffset {
  let c: Double
  /// -1, 0 or +1.
  let residualSign: Int

  static func read(_ f: (Double) -> Jet, direction: Int) -> AsymptoticOffset? {
    let d = Double(direction)
    let offsets = (10...30).map { k -> Double in
      let x = d * Double(sign: .plus, exponent: k, significand: 1)
      return f(x).value - x
    }
    guard let last = offsets.last, last.isFinite, last != 0 else { return nil }
    // Snap to a power of two within 1e-9 (a tie value of some binade).
    let p = Double(sign: .plus, exponent: abs(last).exponent, significand: 1)
    var c = last
    for q in [p, 2 * p] where abs(abs(last) - q) <= 1e-9 * q { c = last < 0 ? -q : q }
    guard abs(c).significand == 1 else { return nil }
    // The residual's sign where the Double still shows it; farther out it
    // may fall below half an ulp of x and read 0 (barron from 2^27), but
    // a 0 may not come before a nonzero residual.
    let signs = offsets.map { o -> Int in o - c > 0 ? 1 : o - c < 0 ? -1 : 0 }
    let nonzero = Set(signs.filter { $0 != 0 })
    guard nonzero.count <= 1 else { return nil }
    if let s = nonzero.first {
      guard let lastNonzero = signs.lastIndex(of: s), !signs[..<lastNonzero].contains(0) else { return nil }
      return AsymptoticOffset(c: c, residualSign: s)
    }
    return AsymptoticOffset(c: c, residualSign: 0)
  }

  /// Whether f rounds to x in `format`, when c is exactly half the spacing
  /// on its side of x (nil otherwise: the Double result decides).
  func decides(_ x: Double, _ format: NumberFormat) -> Bool? {
    let o = format.ordinal(x)
    let top = format.greatestOrdinal
    guard o > -top && o < top else { return nil }
    let h = c < 0 ? (x - format.value(ordinal: o - 1)) / 2 : (format.value(ordinal: o + 1) - x) / 2
    guard abs(c) == h else { return nil }
    // v = x + c + r with |c| = h: inside when r pulls toward x, outside
    // when it pushes away, a tie (to even) when r is 0.
    let toward = c < 0 ? residualSign > 0 : residualSign < 0
    if residualSign == 0 { return format.ordinal(x).magnitude & 1 == 0 }
    return toward
  }
}
