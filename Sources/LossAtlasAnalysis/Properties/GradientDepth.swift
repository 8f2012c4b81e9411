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
/// The median is the lower median (the 5,000th smallest of 10,000), and the
/// antithetic pairs make exactly half the draws at each layer negative: so
/// relu, whose product is 0 as soon as one factor is, vanishes at L = 1
/// exactly, as "half the factors are 0" says, rather than by the luck of
/// the draw.
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
    var vanish: Int?
    for depth in 1...maxDepth {
      let base = (depth - 1) * (n / 2)
      var i = 0
      while i < n {
        let x = z[base + i / 2]
        products[i] *= abs(view.evaluate(x).d1)
        products[i + 1] *= abs(view.evaluate(-x).d1)
        i += 2
      }
      for k in 0..<n { scratch[k] = products[k] }
      let median = GradientDepth.select(&scratch, (n - 1) / 2)
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

  /// The k-th smallest element (0-based) of `a`, by quickselect (Hoare's
  /// FIND with a median-of-three pivot): O(n), where sorting is O(n log n).
  /// `a` is reordered.
  static func select(_ a: inout [Double], _ k: Int) -> Double {
    var lo = 0
    var hi = a.count - 1
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      // Median of three as the pivot value.
      let x = a[lo]
      let y = a[mid]
      let z = a[hi]
      let pivot = max(min(x, y), min(max(x, y), z))
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        hi = j
      } else if k >= i {
        lo = i
      } else {
        return a[k]
      }
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
