// The pieces of softmax shared by softmax, log-softmax, cross-entropy and
// kl-div, each formed without overflow or cancellation.

// MARK: - Softmax parts (softmax, log-softmax)

extension StableMath {
  /// The pieces of softmax(z) that softmax, log-softmax and their
  /// Jacobians are built from, each without cancellation.
  public struct SoftmaxParts: Sendable {
    /// z_i - max(z), exact (TwoSum; `(-inf, 0)` if the difference overflows).
    public var shifted: [DoubleDouble]
    /// p_i = e_i / S, e_i = e^(z_i - max), S = sum_j e_j.
    public var p: [DoubleDouble]
    /// 1 - p_i, formed as (sum over j != i of e_j) / S, never as a difference.
    public var complement: [DoubleDouble]
    /// S - 1: the sum of every term but that of the first maximum (which is 1).
    public var sumBesideMaximum: DoubleDouble
  }

  /// Softmax of z (length >= 1) as ``SoftmaxParts``.
  ///
  /// ```
  /// m = max z;  e_i = e^(z_i - m) (argument exact);  S = sum e_i (DoubleDouble)
  /// p_i = e_i / S;  1 - p_i = (prefix_i + suffix_(i+1)) / S
  /// ```
  /// The naive exp(z_i) / sum exp(z_j) overflows once a logit exceeds
  /// 709.78 (inf/inf); subtracting the maximum makes the largest term 1, and
  /// forming z_i - m exactly keeps each e_i within half an ulp (rounding the
  /// difference first costs |z_i - m| 2^-53 relative: 4 ulp at a spread of 4).
  /// `1 - p_i` as a difference loses everything when p_i is near 1; the sum
  /// of the other terms keeps it (1.2e-308 for z = [-745, 0, 709]).
  public static func softmaxParts(_ z: [Double]) -> SoftmaxParts {
    let n = z.count
    var m = -Double.infinity
    var argmax = 0
    for (i, v) in z.enumerated() where v > m {
      m = v
      argmax = i
    }
    var shifted = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var e = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let d = DoubleDouble.twoSum(z[i], -m)
      shifted[i] = d.hi.isFinite ? d : DoubleDouble(d.hi, 0)
      e[i] = exp(shifted[i])
    }
    // prefix[i] = e_0 + ... + e_(i-1); suffix[i] = e_i + ... + e_(n-1).
    var prefix = [DoubleDouble](repeating: DoubleDouble(0), count: n + 1)
    for i in 0..<n { prefix[i + 1] = prefix[i] + e[i] }
    var suffix = [DoubleDouble](repeating: DoubleDouble(0), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + e[i] }
    let total = prefix[n]
    var p = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var complement = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var besideMaximum = DoubleDouble(0)
    for i in 0..<n {
      let others = prefix[i] + suffix[i + 1]
      p[i] = DoubleDouble(e[i]) / total
      complement[i] = others / total
      if i == argmax { besideMaximum = others }
    }
    return SoftmaxParts(shifted: shifted, p: p, complement: complement, sumBesideMaximum: besideMaximum)
  }
}

// MARK: - Softmax pieces (cross-entropy, kl-div)

extension StableMath {
  /// softmax(s) kept as exact pieces: the maximum m, the weights
  /// e^(s_j - m) as mantissa * 2^n (each s_j - m formed exactly), their sum
  /// S >= 1 and log S in double-double.
  ///
  /// softmax_j = weight_j / S never overflows, and a probability below the
  /// Double range (e^-1000) keeps its digits until the caller rounds it.
  /// A weight within 0.0054 of 1 (|s_j - m| <= 0.0054) is also kept as its
  /// offset e^(s_j - m) - 1 in double-double, so that scores that differ by
  /// 1e-90 still give weights whose differences are exact to 2^-100.
  ///
  /// With a temperature tau (info-nce: softmax(s / tau)) the weights are
  /// e^((s_j - m) / tau): the difference s_j - m is exact (TwoSum) and its
  /// quotient by tau a double-double (about 2^-104 relative), so the exact
  /// real s / tau is what is exponentiated; s_j / tau - m / tau in Double
  /// would cost |s_j / tau| 2^-53 relative (hundreds of ulp at tau = 1e-4),
  /// and s_j * (1 / tau) (what XLA makes of it) does not even give 0 for the
  /// largest logit. `maximum`, `sum` and `logSum` keep their meaning in the
  /// tempered frame: S = sum_j e^((s_j - m) / tau).
  public struct SoftmaxExpansion: Sendable {
    public let maximum: Double
    public let weights: [MantissaExponent]
    /// e^(s_j - m) - 1 for the weights near 1, else nil.
    public let offsets: [DoubleDouble?]
    /// The number of weights near 1 and the sum of the other weights:
    /// S = nearOne + sum(offsets) + rest.
    let nearOne: Int
    let rest: DoubleDouble
    public let sum: DoubleDouble
    public let logSum: DoubleDouble
    let inverseSum: DoubleDouble

    /// The pieces of softmax(s / temperature); `temperature` 1 (the
    /// default) is softmax(s) itself, computed exactly as before the
    /// temperature existed (cross-entropy and kl-div are unchanged).
    public init(_ s: [Double], temperature: Double = 1) {
      let m = s.max() ?? 0
      maximum = m
      var offsetTotal = DoubleDouble(0)
      var restTotal = DoubleDouble(0)
      var count = 0
      var w: [MantissaExponent] = []
      var o: [DoubleDouble?] = []
      w.reserveCapacity(s.count)
      o.reserveCapacity(s.count)
      for v in s {
        let d = v - m
        let dd: DoubleDouble
        if temperature == 1 {
          if !(d > -StableMath.expCutoff) {
            w.append(.zero)
            o.append(nil)
            continue
          }
          dd = DoubleDouble.twoSum(v, -m)
        } else {
          // (s_j - m) / tau <= 0 from the exact difference; a difference or
          // quotient beyond the Double range (or below -50000) has weight 0.
          let q = d / temperature
          if !(d > -Double.infinity) || !(q > -StableMath.expCutoff) {
            w.append(.zero)
            o.append(nil)
            continue
          }
          dd = d == 0 ? DoubleDouble(0) : DoubleDouble.twoSum(v, -m) / temperature
        }
        if abs(dd.hi) <= 0.0054 {
          let em1 = StableMath.expm1Reduced(dd)
          w.append(MantissaExponent(em1 + 1.0, 0))
          o.append(em1)
          offsetTotal = offsetTotal + em1
          count += 1
        } else {
          let e = StableMath.expMantissaExponent(dd)
          w.append(e)
          o.append(nil)
          restTotal = restTotal + e.doubleDouble
        }
      }
      weights = w
      offsets = o
      nearOne = count
      rest = restTotal
      let total = (offsetTotal + Double(count)) + restTotal
      sum = total
      inverseSum = DoubleDouble(1) / total
      logSum = StableMath.log1pDoubleDouble((offsetTotal + Double(count - 1)) + restTotal)
    }

    /// softmax_j as mantissa * 2^n.
    public func probability(_ j: Int) -> MantissaExponent { weights[j] * inverseSum }

    /// 1 - softmax_k = (sum over j != k of weight_j) / S as mantissa * 2^n,
    /// never as a difference: a sum of non-negative terms, each weight
    /// brought to the largest one's exponent, so it keeps its digits when
    /// softmax_k is within an ulp of 1 (s = [0, -800]: 1 - p_0 = e^-800).
    public func complement(_ k: Int) -> MantissaExponent {
      var top = Int.min
      for (j, w) in weights.enumerated() where j != k && !w.isZero { top = Swift.max(top, w.exponent) }
      guard top > Int.min else { return .zero }
      var total = DoubleDouble(0)
      for (j, w) in weights.enumerated() where j != k && !w.isZero && w.exponent >= top - 1100 {
        let shift = w.exponent - top
        total = total + DoubleDouble(
          StableMath.scaleByPowerOfTwo(w.mantissa.hi, shift), StableMath.scaleByPowerOfTwo(w.mantissa.lo, shift))
      }
      return MantissaExponent(total, top) * inverseSum
    }

    /// (a w_j - b S) / (c S), where a w_j - b S is summed exactly from the
    /// double-double parts of w_j and S (weights near 1 as 1 + offset) and
    /// the given expansions of a (`numeratorWeight`) and b (`numeratorSum`):
    /// the one rounding is the final one, and an exact zero (softmax equal
    /// to the target) comes out as 0. Used for the gradients softmax - q and
    /// (sum q) softmax - q. Returns nil when w_j is below 2^-1000 (the caller
    /// then uses the scaled probability, which keeps such digits better).
    public func weightedDifference(
      _ j: Int, numeratorWeight a: [Double], numeratorSum b: [Double], denominatorFactor c: Double
    ) -> Double? {
      let w = weights[j]
      guard !w.isZero, w.exponent >= -1000 else { return nil }
      var n = ExactSum()
      if let offset = offsets[j] {
        for x in a {
          n.add(x)
          n.addProduct(x, offset.hi)
          n.addProduct(x, offset.lo)
        }
      } else {
        let wd = w.doubleDouble
        for x in a {
          n.addProduct(x, wd.hi)
          n.addProduct(x, wd.lo)
        }
      }
      let count = Double(nearOne)
      for x in b {
        n.addProduct(-x, count)
        for case let offset? in offsets {
          n.addProduct(-x, offset.hi)
          n.addProduct(-x, offset.lo)
        }
        n.addProduct(-x, rest.hi)
        n.addProduct(-x, rest.lo)
      }
      let hi = n.value
      guard hi.isFinite, hi != 0 else { return hi }
      n.add(-hi)
      let numerator = DoubleDouble.fastTwoSum(hi, n.value)
      return (numerator / (sum * c)).value
    }
  }
}
