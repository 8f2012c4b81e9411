import LossAtlasCore
import LossAtlasParallel

/// A finite-width check of ``GradientGain``: random fully connected
/// networks at initialisation, forward and back.
///
/// Layer 1's pre-activations are h^1 ~ N(0, q)^N (q as in the model); for
/// l = 1...depth, h^(l+1) = W^(l+1) f(h^l) with W_ij ~ N(0, sigma_w^2 / N),
/// no bias. The backward pass starts from a standard normal vector
/// delta^(depth+1) and applies delta^l = f'(h^l) ⊙ (W^(l+1))^T delta^(l+1),
/// the gradient with respect to the pre-activations. Each layer's ratio
/// r_l = |delta^l|^2 / |delta^(l+1)|^2 is averaged over the seeds, and the
/// simulated ratio after k layers is the product of those averages for
/// l = 1...k: the expected squared gradient that reaches layer 1 from layer
/// k + 1, whose mean-field prediction is ``GradientGain/depthRatio``. (The
/// product of per-layer means estimates the model's product of per-layer
/// expectations; the mean of the logs would not: at width 256 a layer's
/// ratio fluctuates by about 10%, and exp(E log r) falls below E r by about
/// half that variance per layer, 20% over 50 layers.)
///
/// The weights are drawn once per seed from ``SplitMix64`` (polar method) and
/// shared by every activation and initialisation (common random numbers:
/// the comparison between activations is not blurred by sampling noise,
/// and each weight matrix is read once per layer for all the networks
/// together); every sum runs in a fixed order, so the figures are
/// reproducible to the last bit.
public struct GainSimulation: Sendable, Equatable {
  /// The network's size and the seeds.
  public struct Settings: Sendable, Equatable {
    public var width: Int
    public var depth: Int
    public var seeds: [UInt64]

    public init(width: Int = 256, depth: Int = GradientGain.maxDepth, seeds: [UInt64] = [1, 2, 3, 4, 5, 6]) {
      precondition(width > 0 && width % 4 == 0, "the width must be a positive multiple of 4")
      self.width = width
      self.depth = depth
      self.seeds = seeds
    }

    /// What the manual runs: width 256, depth 50, six seeds.
    public static let standard = Settings()
  }

  public let settings: Settings
  public let initialization: WeightInit
  /// After k = 1...depth layers: the product over l = 1...k of the
  /// seeds' mean of |delta^l|^2 / |delta^(l+1)|^2.
  public let depthRatio: [Double]
  /// The standard error of log(depthRatio[k - 1]): the larger of two
  /// estimates. One is the spread of the seeds: the standard deviation over
  /// the seeds of the log of each seed's own ratio after k layers, over the
  /// square root of the number of seeds (in one network a layer's ratio
  /// depends on the variance the layers below it happened to produce, so
  /// the products spread far more than independent layers would: gelu at He
  /// over ten layers by a factor of about 3 either way). The other treats
  /// the layers as independent: the square root of the sum over the layers
  /// of (the seeds' variance of r_l) / (seeds × mean²). With a handful of
  /// seeds either can come out small by chance.
  public let logStandardError: [Double]

  /// The ratio after k layers divided and multiplied by e^(m × standard
  /// error): the band the simulation puts it in; nil where there is none
  /// (the ratio is 0, inf or NaN: a dead zone such as hardshrink's |x| <=
  /// lambda can zero a whole layer's gradient in a seed, and then the log
  /// and its spread are not finite).
  public func band(_ k: Int, sigmas m: Double = 1) -> ClosedRange<Double>? {
    let ratio = depthRatio[k - 1]
    let f = exp(m * logStandardError[k - 1])
    guard ratio.isFinite, ratio > 0, f.isFinite, f >= 1 else { return nil }
    return ratio / f...ratio * f
  }

  /// One network to simulate: an activation, an initialisation, and the
  /// pre-activation variance q of layer 1 (the model's).
  public struct Job: Sendable {
    public let view: ScalarView
    public let initialization: WeightInit
    public let q: Double

    public init(view: ScalarView, initialization: WeightInit, q: Double) {
      self.view = view
      self.initialization = initialization
      self.q = q
    }
  }

  /// Simulates one network.
  public static func run(
    _ view: ScalarView, initialization: WeightInit, q: Double, settings: Settings = .standard
  ) -> GainSimulation {
    run([Job(view: view, initialization: initialization, q: q)], settings: settings)[0]
  }

  /// Simulates every job through the same random weights: a seed's
  /// matrices are drawn once, and each row of each matrix is read once per
  /// layer for all the jobs together (a matrix product, not one
  /// matrix-vector product per job). The seeds run on `threads` threads;
  /// results are in job order and do not depend on the threads.
  public static func run(_ jobs: [Job], settings: Settings = .standard, threads: Int = 1) -> [GainSimulation] {
    let perSeed = Slots<[[Double]]>(count: settings.seeds.count)
    parallelFor(settings.seeds.count, threads: threads) { k in
      perSeed[k] = layerRatios(jobs, seed: settings.seeds[k], settings: settings)
    }
    return combine(settings.seeds.indices.map { perSeed[$0] }, jobs: jobs, settings: settings)
  }

  /// The simulations from each seed's layer ratios (``layerRatios(_:seed:settings:)``,
  /// in seed order): the product of the per-layer means, and the spread of
  /// the seeds' own products.
  static func combine(_ perSeed: [[[Double]]], jobs: [Job], settings: Settings) -> [GainSimulation] {
    let count = Double(settings.seeds.count)
    func variance(_ xs: [Double]) -> Double {
      guard xs.count > 1 else { return 0 }
      let m = xs.reduce(0, +) / Double(xs.count)
      return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    }
    return jobs.indices.map { c in
      var product = 1.0
      var logs = [Double](repeating: 0, count: settings.seeds.count)
      var layerVariance = 0.0
      var ratios: [Double] = []
      var errors: [Double] = []
      for l in 0..<settings.depth {
        let values = settings.seeds.indices.map { perSeed[$0][c][l] }
        let mean = values.reduce(0, +) / count
        product *= mean
        ratios.append(product)
        for k in logs.indices { logs[k] += log(values[k]) }
        if mean > 0 { layerVariance += variance(values) / (count * mean * mean) }
        // The larger of the two estimates: a few seeds can agree by chance.
        errors.append(max(variance(logs) / count, layerVariance).squareRoot())
      }
      return GainSimulation(
        settings: settings, initialization: jobs[c].initialization, depthRatio: ratios, logStandardError: errors)
    }
  }

  /// For one seed, per job: the layer ratios |delta^l|^2 / |delta^(l+1)|^2, l = 1...depth.
  ///
  /// f is evaluated once per pre-activation: the forward pass keeps f'(h^l)
  /// from the same jet as f(h^l) for the backward pass (the pre-activations
  /// themselves are not needed after that), and the product that would give
  /// h^(depth+1), which nothing reads, is not formed.
  static func layerRatios(_ jobs: [Job], seed: UInt64, settings: Settings) -> [[Double]] {
    let n = settings.width
    let depth = settings.depth
    let m = jobs.count
    guard m > 0 else { return [] }
    let draws = Draws(seed: seed, width: n, depth: depth)
    let scales = jobs.map { ($0.initialization.weightVariance / Double(n)).squareRoot() }
    // Every job's vector of a layer, job after job in one array, so that
    // the products (``Draws/forward(layer:_:_:jobs:scales:)``) pass over
    // all of them with each block of W in the cache.
    // h[c * n + i]: job c's pre-activations at the current layer (layer 1 first).
    var h = jobs.flatMap { job in draws.start.map { $0 * job.q.squareRoot() } }
    var x = [Double](repeating: 0, count: m * n)
    // slopes[(l * m + c) * n + i]: f'(h^(l+1)_i) of job c.
    var slopes = [Double](repeating: 0, count: depth * m * n)
    for l in 0..<depth {
      h.withUnsafeBufferPointer { pre in
        x.withUnsafeMutableBufferPointer { out in
          slopes.withUnsafeMutableBufferPointer { slope in
            for c in jobs.indices {
              let f = jobs[c].view.evaluate
              for i in c * n..<(c + 1) * n {
                let jet = f(pre[i])
                out[i] = jet.value
                slope[l * m * n + i] = jet.d1
              }
            }
          }
        }
      }
      if l + 1 < depth {
        x.withUnsafeBufferPointer { v in
          h.withUnsafeMutableBufferPointer { out in
            draws.forward(layer: l, v.baseAddress!, out.baseAddress!, jobs: m, scales: scales)
          }
        }
      }
    }
    var delta = [[Double]](repeating: draws.top, count: m).flatMap { $0 }
    var product = [Double](repeating: 0, count: m * n)
    var norms = [[Double]](repeating: [Double](repeating: 0, count: depth + 1), count: m)
    for c in jobs.indices { norms[c][depth] = squaredNorm(delta[c * n..<(c + 1) * n]) }
    for l in stride(from: depth - 1, through: 0, by: -1) {
      delta.withUnsafeBufferPointer { v in
        product.withUnsafeMutableBufferPointer { out in
          draws.transposed(layer: l, v.baseAddress!, out.baseAddress!, jobs: m, scales: scales)
        }
      }
      swap(&delta, &product)
      delta.withUnsafeMutableBufferPointer { d in
        slopes.withUnsafeBufferPointer { slope in
          for i in 0..<m * n { d[i] *= slope[l * m * n + i] }
        }
      }
      for c in jobs.indices { norms[c][l] = squaredNorm(delta[c * n..<(c + 1) * n]) }
    }
    return norms.map { nc in (0..<depth).map { l in nc[l] / nc[l + 1] } }
  }

  /// Σ x_i², the terms added in order.
  static func squaredNorm<V: Sequence<Double>>(_ v: V) -> Double {
    var s = 0.0
    for x in v { s += x * x }
    return s
  }

  /// The standard normal draws of one seed: `depth` weight matrices
  /// (row-major, N x N), the start vector and the top gradient.
  struct Draws {
    let width: Int
    let weights: [Double]
    let start: [Double]
    let top: [Double]

    init(seed: UInt64, width: Int, depth: Int) {
      var rng = SplitMix64(seed: seed)
      self.width = width
      start = Self.normals(width, &rng)
      top = Self.normals(width, &rng)
      weights = Self.normals(width * width * depth, &rng)
    }

    /// Draws given as they are (the tests' hostile matrices).
    init(width: Int, weights: [Double], start: [Double], top: [Double]) {
      self.width = width
      self.weights = weights
      self.start = start
      self.top = top
    }

    /// `count` standard normals by Marsaglia's polar method: a point
    /// (u, v) uniform in the unit disc (s = u² + v² in (0, 1), else drawn
    /// again) gives two independent standard normals u·√(−2 ln s / s) and
    /// v·√(−2 ln s / s) (one log, no sine or cosine: the millions of
    /// weights are drawn at half the cost); the last point gives only u
    /// when `count` is odd.
    ///
    /// The points are drawn in rounds, as many as the normals still
    /// missing call for (half of them, rounded up: a round can never draw
    /// a point past the last one needed, so `rng` ends where drawing one
    /// point at a time would leave it); a round keeps its accepted points
    /// in order, then turns them into normals in a loop of its own, where
    /// one point's division and square root need not wait on the next
    /// point's test. Every normal is the same expression of the same u, v.
    static func normals(_ count: Int, _ rng: inout SplitMix64) -> [Double] {
      [Double](unsafeUninitializedCapacity: count) { out, initialized in
        let round = Swift.min(4096, (count + 1) / 2)
        var us = [Double](repeating: 0, count: round)
        var vs = [Double](repeating: 0, count: round)
        var ss = [Double](repeating: 0, count: round)
        var filled = 0
        while filled < count {
          let points = Swift.min(round, (count - filled + 1) / 2)
          var accepted = 0
          for _ in 0..<points {
            let u = 2 * rng.nextUnit() - 1
            let v = 2 * rng.nextUnit() - 1
            let s = u * u + v * v
            // Written always, kept (the count moves on) only inside the disc.
            us[accepted] = u
            vs[accepted] = v
            ss[accepted] = s
            accepted += s > 0 && s < 1 ? 1 : 0
          }
          for k in 0..<accepted {
            let s = ss[k]
            let factor = (-2 * log(s) / s).squareRoot()
            out[filled] = us[k] * factor
            filled += 1
            if filled < count {
              out[filled] = vs[k] * factor
              filled += 1
            }
          }
        }
        initialized = count
      }
    }
  }
}
