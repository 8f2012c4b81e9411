import LossAtlasCore

extension ViewSamples {
  /// `points.map { ($0, f($0)) }`, with f read from the sweep (xs, f, f',
  /// f'') wherever `xs` holds the very point: the far points were swept
  /// with the grid, so evaluating them again (about 12,000 for a view on
  /// the real line, as many as half a secondary view's grid) redoes work.
  ///
  /// A point is taken from the sweep only when `xs` holds the same bits
  /// (-0 and +0 differ: the merge kept one of two equal points, and f may
  /// tell them apart), so the jet read is f of the same input; any other
  /// point (outside the domain, a NaN, a zero of the other sign) is
  /// evaluated. `points` runs either way along `xs` (toward the lower end,
  /// x decreases): a cursor, placed once by binary search, walks from one
  /// point to the next over the few samples between them.
  static func farJets(
    _ points: [Double], xs: [Double], values: [Double], d1: [Double], d2: [Double], evaluate f: (Double) -> Jet
  ) -> [(x: Double, jet: Jet)] {
    guard let first = points.first else { return [] }
    let n = xs.count
    // The first index whose x is not below `first`.
    var lo = 0
    var hi = n
    while lo < hi {
      let mid = (lo + hi) / 2
      if xs[mid] < first { lo = mid + 1 } else { hi = mid }
    }
    var c = lo
    return points.map { x in
      // Keep c the first index whose x is not below this point (a NaN
      // leaves it where it is, and then matches nothing below).
      while c > 0 && xs[c - 1] >= x { c -= 1 }
      while c < n && xs[c] < x { c += 1 }
      if c < n && xs[c].bitPattern == x.bitPattern {
        return (x, Jet(value: values[c], d1: d1[c], d2: d2[c]))
      }
      return (x, f(x))
    }
  }
}
