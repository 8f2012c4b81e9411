import LossAtlasCore

/// The numbers a user function's catalog entry reports where the formula as
/// written fails in Double.
///
/// The property engine, `eval` and the charts study the *function*; the
/// numerical-safety report studies the *formula as written*. Where the
/// Double evaluation of a number (value, a derivative) is NaN or ±inf, the
/// entry reports the exact value instead, rounded to the nearest Double
/// (ball arithmetic, ``WideEvaluator``, at 128 bits, or 512 when a
/// 128-bit ball is too wide to round): `log(1 + exp(x))` at x = 800
/// is 800, not inf, and its derivative 1, not NaN (inf / inf). Where the
/// formula has no real value (log of a negative number) the result stays
/// NaN. Finite but inaccurate Double results are kept: they are the
/// formula's own rounding, reported by the safety analysis.
///
/// Only failing points pay for the wide evaluation; a Double that is
/// finite is returned as computed.
struct ExactFallback: Sendable {
  let expression: UserExpression
  let parameters: [Double]

  /// `doubles` (the Double values of `roots` at `arguments`) with each
  /// non-finite one replaced by the exact value rounded to Double (a true
  /// pole stays ±inf; no real value stays NaN).
  func repaired(_ doubles: [Double], roots: [TermID], arguments: [Double]) -> [Double] {
    guard doubles.contains(where: { !$0.isFinite }) else { return doubles }
    // Only the roots whose Double is NaN or ±inf are evaluated, and only
    // they decide whether 512 bits are needed: a finite Double is returned
    // as computed, so its ball would be wasted work (and an exact value
    // below the subnormal range, such as log(1 + r^2)'' = -2/r^2 = -2e-400
    // at r = 1e200, never "rounds" by the test below and would send every
    // such point to 512 bits: a fivefold cost on the far samples).
    let failing = zip(doubles, roots).filter { !$0.0.isFinite }.map(\.1)
    // 128 bits, then once 512 if a ball is still undecided: the fallback
    // runs at every failing point the engine samples (the whole tail of
    // log(1 + exp(x)) above 709.78), so it does not climb to 4,096 bits as
    // the safety analysis does; the midpoint of a 128-bit ball is far
    // closer than a Double's rounding unless the ball is wide, and then
    // only the rare undecided case pays for more.
    let wide = WideEvaluator(expression: expression)
    var balls = wide.evaluate(arguments: arguments, parameters: parameters, roots: failing, precision: 128)
    let undecided = failing.contains { r in
      guard let b = balls[r] else { return true }
      return b.state == .unknown || (b.state == .finite && !b.rad.isZero && !ExactFallback.rounds(b) && !ExactFallback.underflows(b))
    }
    if undecided { balls = wide.evaluate(arguments: arguments, parameters: parameters, roots: failing, precision: 512) }
    return zip(doubles, roots).map { d, r in
      guard !d.isFinite, let b = balls[r], b.state != .unknown, b.state != .undefined else { return d }
      return b.double
    }
  }

  /// The exact values of `roots` at `arguments`, rounded to Double (the
  /// same 128 then 512 bits as ``repaired(_:roots:arguments:)``): ±inf
  /// for an exact infinity, NaN where there is no real value, nil where
  /// the wide arithmetic does not decide (a number beyond its exponent
  /// range, such as exp(1e300), or a ball still too wide).
  func exact(roots: [TermID], arguments: [Double]) -> [Double?] {
    let wide = WideEvaluator(expression: expression)
    // A finite ball every point of which lies beyond the Double range
    // rounds to ±inf (exp(1000)); other finite balls must round to one Double.
    func beyondDoubles(_ b: Ball) -> Bool { b.isFinite && b.lowerMagnitude.double.isInfinite }
    func decided(_ b: Ball?) -> Bool {
      guard let b else { return false }
      return b.state != .unknown
        && (b.state != .finite || b.rad.isZero || ExactFallback.rounds(b) || ExactFallback.underflows(b) || beyondDoubles(b))
    }
    var balls = wide.evaluate(arguments: arguments, parameters: parameters, roots: roots, precision: 128)
    if !roots.allSatisfy({ decided(balls[$0]) }) {
      balls = wide.evaluate(arguments: arguments, parameters: parameters, roots: roots, precision: 512)
    }
    return roots.map { r in
      guard let b = balls[r], decided(b) else { return nil }
      if beyondDoubles(b) { return b.mid.negative ? -.infinity : .infinity }
      return b.state == .undefined ? .nan : b.double
    }
  }

  /// Whether a finite ball lies on one side of 0 and below half the
  /// smallest subnormal: every point of it rounds to 0 of that sign
  /// (e^-1000, the exact f'' of log(1 + r^2) at r = 1e200). ``rounds(_:)``
  /// cannot say so: a radius that small reads as the smallest subnormal.
  static func underflows(_ b: Ball) -> Bool {
    (b.isPositive || b.isNegative) && b.upperMagnitude < Magnitude(1, exponent: -1075)
  }

  /// Whether every point of a finite ball rounds to the same Double.
  static func rounds(_ b: Ball) -> Bool {
    // The ball's radius is below a quarter of the spacing of Doubles at
    // its midpoint: then its midpoint's Double is within half an ulp + a
    // quarter of every point (a faithful, not always correctly rounded, result).
    let m = b.mid.double
    guard m.isFinite else { return false }
    let spacing = m == 0 ? Double.leastNonzeroMagnitude : m.ulp
    return b.rad.double <= spacing / 4
  }

  /// A view's jet with non-finite parts repaired.
  func jet(_ j: Jet, x: Double, arguments: [Double], argument: Int, roots: [TermID]) -> Jet {
    guard !(j.value.isFinite && j.d1.isFinite && j.d2.isFinite) else { return j }
    var args = arguments
    args[argument] = x
    let v = repaired([j.value, j.d1, j.d2], roots: roots, arguments: args)
    return Jet(value: v[0], d1: v[1], d2: v[2])
  }
}
