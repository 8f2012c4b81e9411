extension GradientDepth {
  /// The ordinary median of `a` (no NaN; not both -0 and +0), the same
  /// number as ``median(_:)``, with `scratch` (at least `a.count` long) as
  /// working space and `a` left as it is.
  ///
  /// A median is an order statistic (for an even count, the mean of the
  /// k-th and (k+1)-th smallest, k = n/2 - 1): any exact way of finding
  /// those two elements gives the same two numbers, and the same mean.
  /// ``median(_:)``'s selection partitions all n values with a branch per
  /// comparison that random data mispredicts about every other time. Here:
  /// 1. a sample of every 25th value gives two bounds, p1 <= p2, elements of
  ///    `a` of sample rank n/50 -+ 2.5 standard deviations, so that the
  ///    middle of `a` almost surely lies between them;
  /// 2. one pass without data-dependent branches counts the values below p1
  ///    and copies those in [p1, p2] (about an eighth of them) to `scratch`;
  /// 3. if the k-th and (k+1)-th smallest fall in that window (`below <= k`
  ///    and `k + 1 < below + window`), they are the (k - below)-th and
  ///    (k + 1 - below)-th smallest of the window, found as ``median(_:)``
  ///    finds them (or, when p1 == p2 and the window's values all have the
  ///    same bits, that value: the chain's piecewise-linear activations,
  ///    whose windows hold thousands of equal products); if not, or the
  ///    count is odd or small, ``median(_:)`` runs on a copy of all of `a`.
  /// Ties are counted on one side of each bound consistently, so step 3 is
  /// exact for any data without NaN. A NaN counts neither below nor in the
  /// window, so with NaN present the ranks shift and the two paths may
  /// differ (``median(_:)`` itself assumes no NaN); and with both signed
  /// zeros present they could differ in the sign of a zero median. The
  /// depth chain's products are >= +0 (products of |f'|, from 1) and not
  /// NaN for the catalog's activations.
  static func median(of a: [Double], scratch: inout [Double]) -> Double {
    if let median = windowMedian(of: a, scratch: &scratch) { return median }
    var all = a
    return median(&all)
  }

  /// Steps 1-3 of ``median(of:scratch:)``: the median from the window, or
  /// nil where the window does not hold the two middle values (or the count
  /// is odd or below 2,500).
  static func windowMedian(of a: [Double], scratch: inout [Double]) -> Double? {
    let n = a.count
    precondition(scratch.count >= n, "median: scratch holds \(scratch.count) < \(n)")
    let stride = 25
    let sampleCount = n / stride
    guard n % 2 == 0 && sampleCount >= 100 else { return nil }
    var sample = [Double](unsafeUninitializedCapacity: sampleCount) { buffer, filled in
      for j in 0..<sampleCount { buffer[j] = a[j * stride] }
      filled = sampleCount
    }
    // The sample's rank of the middle has a standard deviation of about
    // sqrt(sampleCount / 4) ranks.
    let centre = sampleCount / 2
    let margin = Int(2.5 * (Double(sampleCount) / 4).squareRoot()) + 1
    let p1 = select(&sample, max(0, centre - margin))
    let p2 = select(&sample, min(sampleCount - 1, centre + margin))
    let k = n / 2 - 1
    var below = 0
    var window = 0
    a.withUnsafeBufferPointer { a in
      scratch.withUnsafeMutableBufferPointer { w in
        for v in a {
          // Written always, kept (window advanced) only inside [p1, p2].
          w[window] = v
          window += v >= p1 && v <= p2 ? 1 : 0
          below += v < p1 ? 1 : 0
        }
      }
    }
    if below <= k && k + 1 < below + window {
      return scratch.withUnsafeMutableBufferPointer { w in
        let middle = UnsafeMutableBufferPointer(rebasing: w[0..<window])
        // p1 == p2 (ties: relu's zeros, identity's ones, ...): every value
        // in the window equals p1, and where they also have the same bits
        // (no -0 beside +0), whichever two of them the selection would
        // return are that same number.
        if p1 == p2 && GradientDepth.sameBits(middle) { return GradientDepth.mean(middle[0], middle[0]) }
        return GradientDepth.middlePair(middle, k - below)
      }
    }
    return nil
  }

  /// The mean of the k-th and (k+1)-th smallest of `w` (k + 1 < w.count),
  /// as ``median(_:)`` forms it: the k-th by selection, the (k+1)-th as the
  /// least of the elements after it, their mean rounded once.
  private static func middlePair(_ w: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
    let lower = floydRivestSelect(w, k)
    var upper = w[k + 1]
    for v in w[(k + 1)...] where v < upper { upper = v }
    return mean(lower, upper)
  }
}
