extension GradientDepth {
  /// s[2j] = |f'(x_j)|, s[2j + 1] = |f'(-x_j)| for x_j = z[base + j],
  /// j < s.count / 2: one layer's slopes, for a path and its antithetic
  /// partner. `even`: |f'(-x)| has the bits of |f'(x)| (the view's
  /// `evenDerivative`), so f' is called once per pair and stored twice.
  ///
  /// The loop holds only the call and the store: the call is opaque and
  /// clobbers every floating-point register, so anything else kept across
  /// it would go through memory at every point. Inlined, so that `d` (a
  /// closure literal at each call site) costs no call of its own.
  @inline(__always)
  static func fillSlopes(
    _ slopes: inout [Double], _ z: [Double], _ base: Int, even: Bool, _ d: (Double) -> Double
  ) {
    z.withUnsafeBufferPointer { z in
      slopes.withUnsafeMutableBufferPointer { s in
        let n = s.count
        var i = 0
        if even {
          while i < n {
            let slope = abs(d(z[base + i / 2]))
            s[i] = slope
            s[i + 1] = slope
            i += 2
          }
          return
        }
        while i < n {
          let x = z[base + i / 2]
          s[i] = abs(d(x))
          s[i + 1] = abs(d(-x))
          i += 2
        }
      }
    }
  }
}
