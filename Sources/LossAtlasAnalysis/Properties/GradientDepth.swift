import LossAtlasCore

/// Vanishing gradient through depth, for activations.
///
/// The gradient that reaches layer 1 of an L-layer chain of one activation
/// (weights set aside) is the product of the activation's derivative at each
/// layer's pre-activation: |prod_{l=1..L} f'(x_l)|. With x_l ~ N(0, 1)
/// independent, 10,000 samples (5,000 antithetic pairs x, -x, from a fixed
/// seed), the median and mean of that product are reported for L = 1...100.
/// Depth-to-vanish is the first L where the median falls below 1e-6.
///
/// This is the chain of activation derivatives alone, weights set aside:
/// what a network does to its gradients at initialisation, weights
/// included, is ``GradientGain``'s mean-field model.
///
/// The median is the ordinary median: with an even number of samples, the
/// mean of the two middle values (the 5,000th and 5,001st smallest of
/// 10,000). The antithetic pairs make exactly half the draws at each layer
/// negative, so relu's product at L = 1 is 0 for exactly 5,000 paths and 1
/// for the other 5,000: its median there is 0.5, and from L = 2 on, when
/// only about a quarter of the paths keep a nonzero product, it is 0.
public struct GradientDepth: Sendable, Equatable {
  public let depths: [Int]
  public let median: [Double]
  public let mean: [Double]
  /// The first depth whose median is below the threshold, or nil within 100 layers.
  public let depthToVanish: Int?
  public static let threshold = 1e-6
  public static let sampleCount = 10_000
  public static let maxDepth = 100

  /// Runs the simulation for the activation's primary view.
  public static func simulate(_ view: ScalarView, seed: UInt64 = defaultSeed) -> GradientDepth {
    let n = sampleCount
    // The same draws for every activation (common random numbers): the
    // comparison between activations is not blurred by sampling noise, and
    // the million normal draws are made once, not once per activation.
    let z = seed == defaultSeed ? sharedDraws : draws(seed: seed)
    var products = [Double](repeating: 1, count: n)
    var medians: [Double] = []
    var means: [Double] = []
    var scratch = [Double](repeating: 0, count: n)
    var slopes = [Double](repeating: 0, count: n)
    var vanish: Int?
    let f = view.evaluate
    let derivative = view.derivative
    for depth in 1...maxDepth {
      let base = (depth - 1) * (n / 2)
      // |f'| at every path's pre-activation (x, then its antithetic -x):
      // from the view's f'-only kernel where it has one (the same bits as
      // the jet's f', with less work: no log1p for softplus's f), else
      // from the jet; once per pair where |f'| is even bit for bit (the
      // view computes f' from |x|: tanh, sigmoid, ...). The products are then multiplied in a loop without
      // calls (each path's product is its own: the order of the paths
      // does not matter).
      if let derivative {
        fillSlopes(&slopes, z, base, even: view.evenDerivative) { derivative($0) }
      } else {
        fillSlopes(&slopes, z, base, even: view.evenDerivative) { f($0).d1 }
      }
      products.withUnsafeMutableBufferPointer { p in
        slopes.withUnsafeBufferPointer { s in
          for i in 0..<n { p[i] *= s[i] }
        }
      }
      let median = GradientDepth.median(of: products, scratch: &scratch)
      var sum = 0.0
      for v in products { sum += v }
      medians.append(median)
      means.append(sum / Double(n))
      if vanish == nil && median < threshold { vanish = depth }
    }
    return GradientDepth(depths: Array(1...maxDepth), median: medians, mean: means, depthToVanish: vanish)
  }

  public static let defaultSeed: UInt64 = 0x6465_7074_6873

  /// The default seed's draws, made once per process.
  static let sharedDraws: [Double] = draws(seed: defaultSeed)

  /// sampleCount / 2 standard normal draws per layer (each used with its
  /// antithetic partner), for every layer, in order.
  static func draws(seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<(sampleCount / 2 * maxDepth)).map { _ in standardNormal(&rng) }
  }

  /// The ordinary median of `a` (no NaN): the middle value for an odd
  /// count, the mean of the two middle values for an even one. `a` is
  /// reordered.
  static func median(_ a: inout [Double]) -> Double {
    let n = a.count
    if n % 2 == 1 { return select(&a, n / 2) }
    // select leaves a partitioned around k (nothing after a[k] is smaller),
    // so the upper middle value is the smallest of the elements after it.
    let k = n / 2 - 1
    let lower = select(&a, k)
    var upper = a[k + 1]
    for v in a[(k + 1)...] where v < upper { upper = v }
    // The mean of the two, rounded once (halved first only if the sum overflows).
    let sum = lower + upper
    return sum.isFinite ? sum / 2 : lower / 2 + upper / 2
  }

  /// The k-th smallest element (0-based) of `a` (no NaN), by Floyd and
  /// Rivest's SELECT (1975): O(n) with about n + min(k, n - k) comparisons,
  /// where sorting is O(n log n) and quickselect with a median-of-three
  /// pivot makes about 3n. `a` is reordered.
  static func select(_ a: inout [Double], _ k: Int) -> Double {
    precondition(a.indices.contains(k), "select: k = \(k) outside 0..<\(a.count)")
    return a.withUnsafeMutableBufferPointer { floydRivestSelect($0, k) }
  }

  /// ``select(_:_:)`` on a buffer.
  static func floydRivestSelect(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
    precondition(a.indices.contains(k), "select: k = \(k) outside 0..<\(a.count)")
    return floydRivest(a, k, 0, a.count - 1)
  }

  /// Floyd-Rivest on `a[left...right]`: first narrows the range with a
  /// recursive call on a sample around the expected position of k (sample
  /// size n^(2/3), margin ~sqrt of its variance), so that the partition
  /// around `a[k]` leaves k in a small part.
  private static func floydRivest(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ left: Int, _ right: Int) -> Double {
    var left = left
    var right = right
    while right > left {
      if right - left > 600 {
        let n = Double(right - left + 1)
        let i = Double(k - left + 1)
        let z = log(n)
        let s = 0.5 * exp(2 * z / 3)
        let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
        let newLeft = max(left, Int(Double(k) - i * s / n + sd))
        let newRight = min(right, Int(Double(k) + (n - i) * s / n + sd))
        _ = floydRivest(a, k, newLeft, newRight)
      }
      // Partition a[left...right] around t = a[k] (Hoare-style, with t
      // moved to an end first so that both scans stop).
      let t = a[k]
      var i = left
      var j = right
      a.swapAt(left, k)
      if a[right] > t { a.swapAt(right, left) }
      while i < j {
        a.swapAt(i, j)
        i += 1
        j -= 1
        while a[i] < t { i += 1 }
        while a[j] > t { j -= 1 }
      }
      if a[left] == t {
        a.swapAt(left, j)
      } else {
        j += 1
        a.swapAt(j, right)
      }
      if j <= k { left = j + 1 }
      if k <= j { right = j - 1 }
    }
    return a[k]
  }

  /// A standard normal draw by the Box-Muller transform (one of the pair;
  /// deterministic for a given generator state).
  static func standardNormal(_ rng: inout SplitMix64) -> Double {
    var u = rng.nextUnit()
    while u == 0 { u = rng.nextUnit() }
    let v = rng.nextUnit()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}
