// The Euclidean projection onto the probability simplex (sparsemax), with
// its threshold and support decided exactly, shared by sparsemax and
// sparsemax-loss.

// MARK: - Sparsemax projection

extension StableMath {
  /// sparsemax(z) = argmin over the simplex of |p - z|^2, kept as exact
  /// pieces: the maximum m, the support S = {i : z_i > tau}, and for each
  /// support member the numerator of its probability as an exact sum.
  ///
  /// ```
  /// p_i = max(z_i - tau, 0),   sum_i p_i = 1
  /// tau = m + t,   t = (D - 1) / |S|,   D = sum over S of d_j,   d_j = z_j - m
  /// p_i = (|S| d_i - D + 1) / |S|   (i in S)
  /// |S| = max{k : 1 + k d_(k) > sum over j <= k of d_(j)}   (d sorted decreasing)
  /// ```
  /// Everything is done in the frame shifted by the maximum: every member
  /// of S has d_j in (-1, 0] (tau >= m - 1, since p_max <= 1), so z of
  /// 1e300 or 1e-300 give the same well-scaled numbers, and only entries
  /// with d_j > -1 (decided exactly) are sorted. Each d_j is exact (TwoSum),
  /// and the support test 1 + (k - 1) d_(k) - sum_{j < k} d_(j) > 0 is an
  /// exact sum (``ExactSum``), so its sign is exact: ties enter or leave the
  /// support together (for z_(k) = z_(k+1) the tests at k and k + 1 are the
  /// same inequality), and an entry exactly at tau (p = 0) is outside S, as
  /// the catalog's strict z_i > tau says. A Double evaluation of the textbook
  /// test (cumsum, then compare) decides ties by rounding: for
  /// z = [1, 1 + 2^-52, ...] it can drop one of two equal-ranked entries.
  ///
  /// Each numerator |S| d_i - D + 1 is again an exact sum, rounded to a
  /// double-double, then divided by |S|: p_i to about 2^-104 relative, so
  /// the rounded p_i is correctly rounded but for ties far beyond the
  /// accuracy rule. 1 - p_i and tau - z_i are exact sums of the same parts.
  public struct SparsemaxProjection: Sendable {
    /// m = max z.
    public let maximum: Double
    /// The support S in increasing index order.
    public let support: [Int]
    /// d_j = z_j - m exactly, for the members of S (by position in `support`).
    let shifted: [DoubleDouble]
    /// The exact partials of D = sum over S of d_j.
    let shiftSum: ExactSum

    public init(_ z: [Double]) {
      let m = z.max() ?? 0
      maximum = m
      // Candidates: d_j > -1 exactly (d = hi + lo with |lo| <= ulp(hi)/2).
      var candidates: [(index: Int, d: DoubleDouble)] = []
      for (j, v) in z.enumerated() {
        let d = DoubleDouble.twoSum(v, -m)
        guard d.hi.isFinite else { continue }
        if d.hi > -1 || (d.hi == -1 && d.lo > 0) { candidates.append((j, d)) }
      }
      // Decreasing d (hi, then lo); ties by index, so the result does not
      // depend on the sort's stability.
      candidates.sort { a, b in
        if a.d.hi != b.d.hi { return a.d.hi > b.d.hi }
        if a.d.lo != b.d.lo { return a.d.lo > b.d.lo }
        return a.index < b.index
      }
      var prefix = ExactSum()
      var members: [(index: Int, d: DoubleDouble)] = []
      for (r, c) in candidates.enumerated() {
        // Include the (r+1)-th largest while 1 + r d_(r+1) - sum_{j <= r} d_(j) > 0.
        var test = ExactSum()
        test.add(1)
        if r > 0 {
          test.addProduct(Double(r), c.d.hi)
          test.addProduct(Double(r), c.d.lo)
          prefix.withPartials { parts in for x in parts { test.add(-x) } }
        }
        guard test.value > 0 else { break }
        prefix.add(c.d)
        members.append(c)
      }
      members.sort { $0.index < $1.index }
      support = members.map(\.index)
      shifted = members.map(\.d)
      shiftSum = prefix
    }

    /// |S|, the number of nonzero probabilities.
    public var size: Int { support.count }

    /// The exact sum a |S| d_i + b D + c for a support member at `position`
    /// (d_i = 0 when `position` is nil), rounded to a double-double.
    func combination(position: Int?, a: Double, b: Double, c: Double) -> DoubleDouble {
      var n = ExactSum()
      n.add(c)
      if let position {
        let k = a * Double(size)
        n.addProduct(k, shifted[position].hi)
        n.addProduct(k, shifted[position].lo)
      }
      if b != 0 {
        shiftSum.withPartials { parts in for x in parts { n.addProduct(b, x) } }
      }
      let hi = n.value
      guard hi.isFinite, hi != 0 else { return DoubleDouble(hi) }
      n.add(-hi)
      return DoubleDouble.fastTwoSum(hi, n.value)
    }

    /// p_i = (|S| d_i - D + 1) / |S| for the support member at `position`
    /// (about 2^-104 relative).
    public func probability(position: Int) -> DoubleDouble {
      combination(position: position, a: 1, b: -1, c: 1) / Double(size)
    }

    /// 1 - p_i = (|S| - |S| d_i + D - 1) / |S| >= 0 for the support member
    /// at `position`, from the exact parts (never 1 minus a rounded p_i).
    public func complement(position: Int) -> DoubleDouble {
      combination(position: position, a: -1, b: 1, c: Double(size) - 1) / Double(size)
    }

    /// t = tau - m = (D - 1) / |S|, in [-1, 0).
    public var shiftedThreshold: DoubleDouble {
      combination(position: nil, a: 0, b: 1, c: -1) / Double(size)
    }

    /// The projection's probabilities, rounded (0 outside the support).
    public func probabilities(count: Int) -> [Double] {
      var p = [Double](repeating: 0, count: count)
      for (position, i) in support.enumerated() { p[i] = probability(position: position).value }
      return p
    }
  }
}
