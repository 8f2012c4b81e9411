import LossAtlasCore

/// Where an extreme value is attained or approached.
public enum Location: Sendable, Equatable {
  /// At one point.
  case point(Double)
  /// On a whole piece of the domain (a flat stretch: relu's 0 on (-inf, 0]).
  case interval(RealInterval)
  /// Approached, not attained, as x tends to this end (±inf, a finite open
  /// domain end, or one side of a breakpoint).
  case approached(Double)
}

/// The infimum or supremum of a quantity over a view's domain.
public struct Extremum: Sendable, Equatable {
  /// The extreme value (±inf when unbounded).
  public let value: Double
  /// Whether some input attains it (never, for an infinite value).
  public let attained: Bool
  public let location: Location
  /// Every other place the same extreme is attained (or approached): |huber'|
  /// = delta on both tails.
  public let otherLocations: [Location]

  public init(value: Double, attained: Bool, location: Location, otherLocations: [Location] = []) {
    self.value = value
    self.attained = attained
    self.location = location
    self.otherLocations = otherLocations
  }

  /// The primary location and the others, in order.
  public var locations: [Location] { [location] + otherLocations }
}

/// Finds the infimum and supremum of a sampled quantity g with derivative
/// g' over a view's domain, and decides whether each is attained.
///
/// Candidates, each with whether it is a *witness* of attainment in exact
/// arithmetic:
/// - limits at the domain's open or infinite ends (not attained);
/// - closed domain ends and breakpoints (attained at that point);
/// - one-sided limits at breakpoints (not attained);
/// - critical points: sign changes of g' between samples, refined by
///   bisection (a local extremum of a continuous function is attained);
/// - flat pieces: pieces of the domain where g' is exactly 0 at every probe
///   point (g is constant there, so its value is attained on the piece).
/// The extreme sample itself is a fallback candidate. A sample that merely
/// *rounds* to a limit (tanh(24) is 1.0 in Double) is not a witness: the
/// value is attained only if some witness reaches it, within 16 ulp.
struct ExtremaSearch {
  /// The quantity whose extremes are sought.
  enum Quantity {
    /// g = f, g' = f'.
    case value
    /// g = |f'|, g' = sign(f') f'' (0 where f' is 0).
    case absoluteSlope
  }

  let samples: ViewSamples
  let quantity: Quantity
  let lowerLimit: Limit?
  let upperLimit: Limit?
  /// Breakpoints where g jumps: only there do one-sided limits differ from
  /// g at the breakpoint (elsewhere they would only add extrapolation noise).
  let jumps: Set<Double>

  /// g and g' at sample i (read from the shared arrays: no copies).
  func g(_ i: Int) -> Double {
    quantity == .value ? samples.values[i] : abs(samples.d1[i])
  }

  func gPrime(_ i: Int) -> Double {
    Self.derivative(quantity, d1: samples.d1[i], d2: samples.d2[i])
  }

  /// g and g' at any point (for refinement and one-sided limits).
  func evaluate(_ x: Double) -> (g: Double, gPrime: Double) {
    let j = samples.view.evaluate(x)
    return (quantity == .value ? j.value : abs(j.d1), Self.derivative(quantity, d1: j.d1, d2: j.d2))
  }

  static func derivative(_ q: Quantity, d1: Double, d2: Double) -> Double {
    switch q {
    case .value: return d1
    case .absoluteSlope: return d1 == 0 ? 0 : (d1 < 0 ? -d2 : d2)
    }
  }

  private struct Candidate {
    let value: Double
    let witness: Bool
    let location: Location
  }

  func extremum(minimum: Bool) -> Extremum {
    let better: (Double, Double) -> Bool = minimum ? { $0 < $1 } : { $0 > $1 }
    var candidates = witnessCandidates()
    let domain = samples.view.domain
    if let l = lowerLimit { candidates.append(Candidate(value: l.value, witness: false, location: .approached(domain.lower))) }
    if let u = upperLimit { candidates.append(Candidate(value: u.value, witness: false, location: .approached(domain.upper))) }
    guard var best = candidates.first else {
      return fallback(minimum: minimum)
    }
    for c in candidates.dropFirst() where better(c.value, best.value) { best = c }
    // The fallback sample wins only if it beats every candidate clearly.
    let sample = fallback(minimum: minimum)
    if better(sample.value, best.value) && !Self.close(sample.value, best.value) {
      return sample
    }
    let tied = candidates.filter { Self.close($0.value, best.value) }
    let witnesses = tied.filter(\.witness)
    if best.value.isFinite, !witnesses.isEmpty {
      // Report every place it is attained: flat pieces first, then points
      // not inside one of those pieces, in order of x. A piece is open at
      // a breakpoint (pieces are the open intervals between them); where
      // the breakpoint itself attains the value, the set is closed there
      // (relu's 0 on (-inf, 0]), and two pieces that meet at an attained
      // breakpoint are one interval (hard-tanh's f' = 1 would be, if f'(±1)
      // were 1).
      let points = witnesses.compactMap { w -> Double? in
        if case .point(let x) = w.location { return x }
        return nil
      }
      let pieces = Self.closed(
        witnesses.compactMap { w -> RealInterval? in
          if case .interval(let i) = w.location { return i }
          return nil
        }, at: Set(points))
      var places: [Location] = pieces.sorted { $0.lower < $1.lower }.map { .interval($0) }
      var seen = Set<Double>()
      for x in points.sorted() where seen.insert(x).inserted && !pieces.contains(where: { $0.contains(x) || $0.lower == x || $0.upper == x }) {
        places.append(.point(x))
      }
      return Extremum(value: best.value, attained: true, location: places[0], otherLocations: Array(places.dropFirst()))
    }
    let approached = tied.filter { !$0.witness }.map(\.location)
    var places: [Location] = []
    for l in approached where !places.contains(l) { places.append(l) }
    if places.isEmpty { places = [best.location] }
    return Extremum(value: best.value, attained: false, location: places[0], otherLocations: Array(places.dropFirst()))
  }

  /// The pieces sorted, each closed at an end that is one of `points`,
  /// and merged where they meet at a closed end.
  static func closed(_ pieces: [RealInterval], at points: Set<Double>) -> [RealInterval] {
    var out: [RealInterval] = []
    for p in pieces.sorted(by: { $0.lower < $1.lower }) {
      var piece = RealInterval(
        p.lower, p.upper, lowerClosed: p.lowerClosed || points.contains(p.lower),
        upperClosed: p.upperClosed || points.contains(p.upper))
      if let last = out.last, last.upper == piece.lower, last.upperClosed || piece.lowerClosed {
        out.removeLast()
        piece = RealInterval(last.lower, piece.upper, lowerClosed: last.lowerClosed, upperClosed: piece.upperClosed)
      }
      out.append(piece)
    }
    return out
  }

  // MARK: - Candidates

  private func witnessCandidates() -> [Candidate] {
    var out: [Candidate] = []
    let view = samples.view
    let domain = view.domain
    if domain.lowerClosed {
      out.append(Candidate(value: evaluate(domain.lower).g, witness: true, location: .point(domain.lower)))
    }
    if domain.upperClosed {
      out.append(Candidate(value: evaluate(domain.upper).g, witness: true, location: .point(domain.upper)))
    }
    for b in view.breakpoints where domain.contains(b) {
      out.append(Candidate(value: evaluate(b).g, witness: true, location: .point(b)))
      for side in [-1.0, 1.0] where jumps.contains(b) {
        if let l = OneSided.limit(of: { evaluate($0).g }, at: b, side: side, domain: domain) {
          out.append(Candidate(value: l, witness: false, location: .approached(b)))
        }
      }
    }
    out += criticalPoints()
    out += flatPieces()
    return out
  }

  /// Local extrema between samples: g' changes sign (strictly), and neither
  /// end is a breakpoint (a kink is a candidate of its own).
  private func criticalPoints() -> [Candidate] {
    var out: [Candidate] = []
    let xs = samples.xs
    let breaks = Set(samples.view.breakpoints)
    let brackets = quantity == .value ? samples.summary.valueBrackets : samples.summary.slopeBrackets
    for (i, j) in brackets {
      let a = gPrime(i)
      let b = gPrime(j)
      guard a.isFinite, b.isFinite, !breaks.contains(xs[i]), !breaks.contains(xs[j]),
        !(xs[i]...xs[j]).containsAny(breaks)
      else { continue }
      let root = RootFinding.bisect({ evaluate($0).gPrime }, xs[i], xs[j], relativeTolerance: 1e-15)
      var v = evaluate(root).g
      if quantity == .value && v != 0 {
        // The minimiser is a Double, not the exact critical point: g there
        // exceeds the true extreme by up to g'' (ulp x)^2 / 2. A value within
        // that resolution of 0 is the extreme 0 itself (kl-div's minimum at
        // x = log 3 evaluates to 9e-33, not 0).
        let curvature = abs(samples.view.evaluate(root).d2)
        let resolution = 4 * curvature * root.ulp * root.ulp
        if abs(v) <= resolution { v = 0 }
      }
      if v.isFinite { out.append(Candidate(value: v, witness: true, location: .point(root))) }
    }
    return out
  }

  /// Pieces where g' is exactly 0 at every probe point inside the search
  /// interval: g is constant on the piece (the pieces are analytic).
  private func flatPieces() -> [Candidate] {
    var out: [Candidate] = []
    for piece in Pieces.of(samples.view) {
      guard let probes = Pieces.probes(piece, samples), probes.count >= 3 else { continue }
      if probes.allSatisfy({ gPrime($0) == 0 }) {
        let v = g(probes[probes.count / 2])
        out.append(Candidate(value: v, witness: true, location: .interval(piece)))
      }
    }
    return out
  }

  private func fallback(minimum: Bool) -> Extremum {
    let sum = samples.summary
    let best = quantity == .value ? (minimum ? sum.minValue : sum.maxValue) : (minimum ? sum.minAbsSlope : sum.maxAbsSlope)
    guard best >= 0 else { return Extremum(value: .nan, attained: false, location: .point(0)) }
    let v = g(best)
    return Extremum(value: v, attained: v.isFinite, location: .point(samples.xs[best]))
  }

  /// Equal, or within 16 ulp of each other (values of the same function at
  /// different points, each within a few ulp of exact).
  static func close(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    guard a.isFinite && b.isFinite else { return false }
    return abs(a - b) <= 16 * max(a.ulp, b.ulp, Double.leastNormalMagnitude)
  }
}

extension ClosedRange where Bound == Double {
  /// Whether any of `points` lies strictly inside the range.
  fileprivate func containsAny(_ points: Set<Double>) -> Bool {
    points.contains { $0 > lowerBound && $0 < upperBound }
  }
}

/// The analytic pieces of a view's domain: the open intervals between
/// consecutive breakpoints (and the domain's ends).
enum Pieces {
  static func of(_ view: ScalarView) -> [RealInterval] {
    let d = view.domain
    let cuts = view.breakpoints.filter { $0 > d.lower && $0 < d.upper }.sorted()
    var edges = [d.lower] + cuts + [d.upper]
    edges = edges.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    var pieces: [RealInterval] = []
    for i in 0..<(edges.count - 1) {
      let lowerClosed = i == 0 && d.lowerClosed
      let upperClosed = i == edges.count - 2 && d.upperClosed
      pieces.append(RealInterval(edges[i], edges[i + 1], lowerClosed: lowerClosed, upperClosed: upperClosed))
    }
    return pieces
  }

  /// Up to 9 sample indices spread over the part of `piece` inside the
  /// search interval, strictly inside the piece; nil when the piece has no
  /// samples there.
  static func probes(_ piece: RealInterval, _ samples: ViewSamples) -> [Int]? {
    let search = samples.searchIndices
    var range = samples.indices(from: piece.lower, through: piece.upper).clamped(to: search)
    // Strictly inside the piece.
    if !range.isEmpty && samples.xs[range.lowerBound] == piece.lower { range = (range.lowerBound + 1)..<range.upperBound }
    if !range.isEmpty && samples.xs[range.upperBound - 1] == piece.upper { range = range.lowerBound..<(range.upperBound - 1) }
    guard !range.isEmpty else { return nil }
    let n = min(9, range.count)
    return (0..<n).map { k in range.lowerBound + (n == 1 ? 0 : k * (range.count - 1) / (n - 1)) }
  }
}

/// One-sided limits at a point, by linear extrapolation from two nearby
/// points on that side: L = 2 g(b + s h) - g(b + 2 s h), which cancels the
/// first-order term, so the error is O(h^2 g'').
enum OneSided {
  static func step(at b: Double) -> Double { 1e-7 * max(1, abs(b)) }

  static func limit(of g: (Double) -> Double, at b: Double, side: Double, domain: RealInterval) -> Double? {
    let h = step(at: b)
    let x1 = b + side * h
    let x2 = b + side * 2 * h
    guard domain.contains(x1) && domain.contains(x2) else { return nil }
    let g1 = g(x1)
    let g2 = g(x2)
    guard g1.isFinite && g2.isFinite else { return g1.isInfinite ? g1 : nil }
    return 2 * g1 - g2
  }
}
