/// Where a documented formula changes piece along a line: the breakpoints
/// of a view the catalog does not list (huber at y = 5 has its kinks at
/// 5 ± delta, which no catalog view records).
///
/// A formula is smooth except where it switches: a case of `cases` or an
/// indicator starts or stops holding, `abs` or `sign` changes the sign of
/// its argument, `max`, `min`, a max over an index or an argmax changes
/// which term wins. The formula's *piece* at a point is the list of those
/// choices; a breakpoint is where the piece changes. It is found on a grid
/// and then by bisection on the Doubles themselves, down to two adjacent
/// Doubles, so it is exact to one ulp whatever the grid.
extension FunctionFormula {
  /// The points of `domain` where the value, derivative or second
  /// derivative formula changes piece along one argument, `line(env, x)`
  /// binding x into the environment. The grid: 4,001 points over `window`
  /// (clipped to the domain) and 10 a decade from its ends out to the
  /// domain's ends (±1e300 at most). Index symbols the derivative
  /// formulas leave free (`i`, `j`) must be bound in `bindings`. A piece narrower than the grid's
  /// spacing there can be missed; an interior switch that leaves the
  /// function smooth is reported too (a breakpoint is a point where f may
  /// fail to be smooth, and the property engine measures each).
  ///
  /// - Returns: the breakpoints in increasing order (at most 256), or nil
  ///   when the formula cannot be evaluated along the line (an unbound
  ///   symbol): the breakpoints are then unknown.
  public func breakpoints(
    domain: RealInterval, window: ClosedRange<Double>, bindings: FormulaEnvironment,
    line: @escaping (inout FormulaEnvironment, Double) -> Void
  ) -> [Double]? {
    let parts = [value] + derivatives.map(\.expr) + (secondDerivative.map { [$0] } ?? [])
    func piece(_ x: Double) throws(FormulaError) -> [Int] {
      var env = bindings
      line(&env, x)
      var out: [Int] = []
      for part in parts { try part.collectPieces(env, into: &out) }
      return out
    }
    var xs = Self.searchPoints(domain: domain, window: window)
    guard !xs.isEmpty else { return [] }
    xs.sort()
    var found: [Double] = []
    do {
      var previous = try piece(xs[0])
      for k in 1..<xs.count {
        let current = try piece(xs[k])
        if current != previous {
          // Bisection on the ordered bit patterns: a and b keep their
          // pieces until they are adjacent Doubles.
          var a = OrderedDouble(xs[k - 1])
          var b = OrderedDouble(xs[k])
          let left = previous
          while b.key - a.key > 1 {
            let mid = OrderedDouble(key: a.key + (b.key - a.key) / 2)
            if try piece(mid.value) == left { a = mid } else { b = mid }
          }
          let x = b.value
          // A point piece (mae's r = 0, where sign is 0) gives two changes
          // an ulp apart: one breakpoint.
          if let last = found.last, OrderedDouble(x).key - OrderedDouble(last).key <= 4 {
          } else if domain.contains(x) {
            found.append(x)
            if found.count == 256 { break }
          }
        }
        previous = current
      }
    } catch {
      return nil
    }
    return found
  }

  /// The grid of ``breakpoints(domain:window:bindings:line:)``.
  static func searchPoints(domain: RealInterval, window: ClosedRange<Double>) -> [Double] {
    let lo = max(window.lowerBound, domain.lower)
    let hi = min(window.upperBound, domain.upper)
    var xs: [Double] = []
    if lo < hi {
      let n = 4001
      let step = (hi - lo) / Double(n - 1)
      if step.isFinite {
        for i in 0..<n { xs.append(i == n - 1 ? hi : lo + Double(i) * step) }
      }
    }
    // Outward, 10 a decade: distances from 1% of max(1, |end|) on, until
    // the domain's end or 1e300.
    func outward(from start: Double, toward end: Double) {
      guard start.isFinite else { return }
      let sign: Double = end > start ? 1 : -1
      var d = max(1, abs(start)) * 1e-2
      while true {
        let x = start + sign * d
        guard abs(x) <= 1e300, sign > 0 ? x < end : x > end else { break }
        xs.append(x)
        d *= 1.2589254117941673  // 10^(1/10)
      }
    }
    outward(from: hi, toward: domain.upper)
    outward(from: lo, toward: domain.lower)
    return xs.filter(domain.contains)
  }
}

/// A Double as a signed integer key whose order is the Doubles' order
/// (-0 and +0 share key 0): bisection on keys halves the number of Doubles
/// between two points, so it ends at adjacent Doubles in at most 64 steps.
struct OrderedDouble {
  let key: Int64

  init(_ x: Double) {
    let magnitude = Int64(bitPattern: x.magnitude.bitPattern)
    key = x.sign == .minus ? -magnitude : magnitude
  }

  init(key: Int64) { self.key = key }

  var value: Double {
    key < 0 ? -Double(bitPattern: UInt64(-key)) : Double(bitPattern: UInt64(key))
  }
}

extension Expr {
  /// Appends the choices this expression makes at `env` (see
  /// ``FunctionFormula/breakpoints(domain:window:bindings:line:)``): for
  /// `cases` the index of the case that holds, for `abs` and `sign` the
  /// sign of the argument, for `max`, `min`, a max over an index and an
  /// argmax the index of the winning term, for an indicator whether it
  /// holds; then those of the subexpressions evaluated there.
  func collectPieces(_ env: FormulaEnvironment, into out: inout [Int]) throws(FormulaError) {
    switch self {
    case .symbol, .element, .number, .constant, .kronecker, .count:
      return
    case .sum(let xs), .product(let xs):
      for x in xs { try x.collectPieces(env, into: &out) }
    case .negate(let a), .named(_, let a):
      try a.collectPieces(env, into: &out)
    case .difference(let a, let b), .fraction(let a, let b), .power(let a, let b):
      try a.collectPieces(env, into: &out)
      try b.collectPieces(env, into: &out)
    case .apply(let f, let args):
      for a in args where f != .logSumExp { try a.collectPieces(env, into: &out) }
      switch f {
      case .abs, .sign:
        let u = try args[0].evaluate(env)
        out.append(u > 0 ? 1 : (u < 0 ? -1 : 0))
      case .max, .min:
        var best = 0
        var bestValue = try args[0].evaluate(env)
        for k in args.indices.dropFirst() {
          let v = try args[k].evaluate(env)
          if f == .max ? v > bestValue : v < bestValue { (best, bestValue) = (k, v) }
        }
        out.append(best)
      default:
        break
      }
    case .cases(let list):
      for (k, (value, condition)) in list.enumerated() {
        try condition.collectPieces(env, into: &out)
        if try condition.holds(env) {
          out.append(k)
          try value.collectPieces(env, into: &out)
          return
        }
      }
      out.append(-1)
    case .indicator(let condition):
      try condition.collectPieces(env, into: &out)
      out.append(try condition.holds(env) ? 1 : 0)
    case .sumOver(let j, let excluding, let body):
      let skip = try env.skipped(excluding)
      var inner = env
      for i in 0..<env.count where i != skip {
        inner.indices[j.name] = i
        try body.collectPieces(inner, into: &out)
      }
    case .maxOver(let j, let excluding, let body), .argmaxOver(let j, let excluding, let body):
      let skip = try env.skipped(excluding)
      var best: (index: Int, value: Double)?
      var inner = env
      for i in 0..<env.count where i != skip {
        inner.indices[j.name] = i
        try body.collectPieces(inner, into: &out)
        let v = try body.evaluate(inner)
        if best == nil || v > best!.value { best = (i, v) }
      }
      out.append(best?.index ?? -1)
    }
  }
}

extension Condition {
  /// The choices made inside the expressions this condition compares.
  func collectPieces(_ env: FormulaEnvironment, into out: inout [Int]) throws(FormulaError) {
    switch self {
    case .and(let list):
      for c in list { try c.collectPieces(env, into: &out) }
    default:
      for e in operands { try e.collectPieces(env, into: &out) }
    }
  }
}
