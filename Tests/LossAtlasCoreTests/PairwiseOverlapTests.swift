import LossAtlasCore
import TestSupport
import Testing

/// The pairwise and embedding losses (perceptron, margin-ranking,
/// hinge-embedding, cosine-embedding, triplet-margin), the overlap losses
/// (dice, tversky) and mape / msle: values worked out by hand, the traps of
/// CATALOG.md (the cosine of nearly parallel vectors, distances that agree
/// to 1e-87, dice of a nearly perfect mask, msle's difference of logs),
/// identities, domain errors, and the views against the general evaluator
/// along their documented paths. Every expected number says where it
/// comes from.
@Suite struct PairwiseOverlapTests {
  // MARK: - Helpers

  static func eval(
    _ id: String, _ params: [String: Double] = [:], _ args: [String: ArgumentValue]
  ) throws -> Evaluation {
    try Catalog.function(named: id).evaluate(parameters: params, arguments: args)
  }

  static func eval(_ id: String, _ args: [String: ArgumentValue]) throws -> Evaluation {
    try eval(id, [:], args)
  }

  static func value(_ e: Evaluation) -> Double { e.value.scalarValue! }
  static func vector(_ e: Evaluation, _ name: String) -> [Double] { e.gradient(name)!.flattened }
  static func scalar(_ e: Evaluation, _ name: String) -> Double { e.gradient(name)!.scalarValue! }

  /// |a - b| in units of the last place of b.
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  static func message(_ id: String, _ params: [String: Double] = [:], _ args: [String: ArgumentValue]) -> String? {
    do {
      _ = try eval(id, params, args)
      return nil
    } catch {
      return (error as? CatalogError)?.message
    }
  }

  // MARK: - Perceptron, margin-ranking, hinge-embedding

  @Test("perceptron: max(0, -y s), derivative -y below the kink, 0 at it")
  func perceptron() throws {
    let e = try Self.eval("perceptron", ["s": .real(-2), "y": .real(1)])
    #expect(Self.value(e) == 2 && Self.scalar(e, "s") == -1 && e.secondDerivative == 0)
    // y s = 0: the flat piece (CATALOG: dL/ds = -y only if y s < 0).
    let kink = try Self.eval("perceptron", ["s": .real(0), "y": .real(-1)])
    #expect(Self.value(kink) == 0 && Self.scalar(kink, "s") == 0)
    // s = 5e-324, y = -1: y s < 0, the value is exactly -y s.
    let tiny = try Self.eval("perceptron", ["s": .real(5e-324), "y": .real(-1)])
    #expect(Self.value(tiny) == 5e-324 && Self.scalar(tiny, "s") == 1)
  }

  @Test("margin-ranking: -y (x1 - x2) + m summed exactly, kinks decided exactly, huge scores halved")
  func marginRanking() throws {
    // -1 (1 - 3) + 0.5 = 2.5, gradients -y = -1 and y = 1.
    let e = try Self.eval("margin-ranking", ["margin": 0.5], ["x1": .real(1), "x2": .real(3), "y": .real(1)])
    #expect(Self.value(e) == 2.5 && Self.scalar(e, "x1") == -1 && Self.scalar(e, "x2") == 1)
    // x1 - x2 = m for y = +1: -0.5 + 0.5 = 0, the flat piece (both 0).
    let kink = try Self.eval("margin-ranking", ["margin": 0.5], ["x1": .real(1.5), "x2": .real(1), "y": .real(1)])
    #expect(Self.value(kink) == 0 && Self.scalar(kink, "x1") == 0 && Self.scalar(kink, "x2") == 0)
    // y = -1, m = -1, x1 = 2 + 2^-51, x2 = 1: (x1 - x2) - 1 = 2^-51 exactly (a lead the
    // rounded x1 - x2 + m would keep only by luck).
    let lead = try Self.eval(
      "margin-ranking", ["margin": -1], ["x1": .real(2 + 0x1p-51), "x2": .real(1), "y": .real(-1)])
    #expect(Self.value(lead) == 0x1p-51 && Self.scalar(lead, "x1") == 1)
    // x1 = -1.7e308, x2 = 1.7e308, y = +1, m = -1.7e308: x2 - x1 overflows but
    // x2 - x1 + m = 1.7e308 (the Doubles' exact sum) does not.
    let big = 1.7e308
    let h = try Self.eval("margin-ranking", ["margin": -big], ["x1": .real(-big), "x2": .real(big), "y": .real(1)])
    #expect(Self.value(h) == big)
    // ... and with m = 0 the exact 3.4e308 is beyond the Double range: inf.
    let inf = try Self.eval("margin-ranking", ["margin": 0], ["x1": .real(-big), "x2": .real(big), "y": .real(1)])
    #expect(Self.value(inf) == .infinity && Self.scalar(inf, "x1") == -1)
  }

  @Test("hinge-embedding: x for similar pairs, max(0, m - x) for dissimilar ones, 0 at the margin")
  func hingeEmbedding() throws {
    let similar = try Self.eval("hinge-embedding", ["margin": 1], ["x": .real(-0.25), "y": .real(1)])
    #expect(Self.value(similar) == -0.25 && Self.scalar(similar, "x") == 1)
    let apart = try Self.eval("hinge-embedding", ["margin": 1], ["x": .real(0.25), "y": .real(-1)])
    #expect(Self.value(apart) == 0.75 && Self.scalar(apart, "x") == -1)
    let atMargin = try Self.eval("hinge-embedding", ["margin": 2], ["x": .real(2), "y": .real(-1)])
    #expect(Self.value(atMargin) == 0 && Self.scalar(atMargin, "x") == 0)
    // m - x beyond the Double range rounds to inf (m = 1e308, x = -1e308: exact 2e308).
    let far = try Self.eval("hinge-embedding", ["margin": 1e308], ["x": .real(-1e308), "y": .real(-1)])
    #expect(Self.value(far) == .infinity)
  }

  // MARK: - Cosine embedding

  static func cosine(_ a: [Double], _ b: [Double], y: Double, margin: Double = 0) throws -> Evaluation {
    try eval("cosine-embedding", ["margin": margin], ["a": .vector(a), "b": .vector(b), "y": .real(y)])
  }

  @Test("cosine-embedding at a = [3, 4], b = [4, 3]: c = 24/25, gradients b/(|a||b|) - c a/|a|^2")
  func cosineByHand() throws {
    let e = try Self.cosine([3, 4], [4, 3], y: 1)
    // 1 - 24/25 = 0.04; dc/da = [4, 3]/25 - (24/25)[3, 4]/25 = [1.12, -0.84]/25 = [0.0448, -0.0336].
    #expect(Self.ulps(Self.value(e), 0.04) <= 1)
    let ga = Self.vector(e, "a")
    #expect(Self.ulps(ga[0], -0.0448) <= 1 && Self.ulps(ga[1], 0.0336) <= 1)
    // y = -1, m = 0.5: c - m = 0.46, gradient +dc/da.
    let d = try Self.cosine([3, 4], [4, 3], y: -1, margin: 0.5)
    #expect(Self.ulps(Self.value(d), 0.46) <= 1 && Self.ulps(Self.vector(d, "a")[0], 0.0448) <= 1)
  }

  @Test("cosine-embedding of nearly parallel vectors keeps 1 - c; parallel and anti-parallel ones give 0 exactly")
  func cosineNearlyParallel() throws {
    // a = [1, 0], b = [1, t], t = 2^-30: 1 - c = 1 - (1 + t^2)^(-1/2) = t^2/2 - 3 t^4/8 + ...
    // = 2^-61 (1 - 3 * 2^-62 ...), whose nearest Double is 2^-61 (the correction is below
    // half an ulp). The textbook 1 - a.b/(|a||b|) gives 0: c rounds to 1.
    let t = 0x1p-30
    let e = try Self.cosine([1, 0], [1, t], y: 1)
    #expect(Self.value(e) == 0x1p-61)
    // dL/da = -(b/(|a||b|) - c a/|a|^2) = -[1/s - c, t/s] with s = sqrt(1 + t^2):
    // 1/s - c = 0 exactly (c = 1/s), and t/s = t (1 - t^2/2) -> -t to within 2^-61 relative.
    let ga = Self.vector(e, "a")
    #expect(ga[0] == 0 && Self.ulps(ga[1], -t) <= 1)
    // Exactly parallel (b = 2a) and anti-parallel (y = -1, m = -1: 1 + c = 0): 0 and a zero gradient.
    let parallel = try Self.cosine([1, 2, 3], [2, 4, 6], y: 1)
    #expect(Self.value(parallel) == 0 && Self.vector(parallel, "a") == [0, 0, 0] && Self.vector(parallel, "b") == [0, 0, 0])
    let anti = try Self.cosine([1, 2, 3], [-3, -6, -9], y: -1, margin: -1)
    #expect(Self.value(anti) == 0 && Self.vector(anti, "a") == [0, 0, 0])
    // Subnormal parallel vectors (sens 0 in the golden format: only exactly 0 passes).
    let sub = try Self.cosine([3 * 5e-324, 4 * 5e-324], [6 * 5e-324, 8 * 5e-324], y: 1)
    #expect(Self.value(sub) == 0 && Self.vector(sub, "a") == [0, 0])
  }

  @Test("cosine-embedding: a.b = 2 beside |a||b| = 1e600 still decides c > 0, and its gradient entries are normal numbers")
  func cosineWideRange() throws {
    // a = [1e300, 1e-300], b = [1e-300, 1e300]: a.b = 2 > 0 (c = 2e-600), so with y = -1, m = 0 the
    // loss is on its sloped piece: dL/da = dc/da = b/(|a||b|) - c a/|a|^2 = [1e-900 - 2e-900, 1e-300 - ...]
    // = [-1e-900 (0 in Double), 1e-300 (to 1e-600 relative)].
    let e = try Self.cosine([1e300, 1e-300], [1e-300, 1e300], y: -1)
    #expect(Self.value(e) == 0)  // c = 2e-600 rounds to 0
    let ga = Self.vector(e, "a")
    #expect(ga[0] == 0 && Self.ulps(ga[1], 1e-300) <= 2)
    // An entry 1e-499 below its vector's largest: b = [1.26e199, 1.7e-300], a = [-1.1e-201, 0]:
    // dc/da_1 = b_1 / (|a||b|) = 1.7e-300 / (1.1e-201 * 1.26e199) (c a_1 = 0), about 1.2e-298.
    let f = try Self.cosine([-1.1e-201, 0], [1.26e199, 1.7e-300], y: 1)
    let expected = -(1.7e-300 / (1.1e-201 * 1.26e199))
    #expect(abs(Self.vector(f, "a")[1] - expected) <= 4 * abs(expected).ulp)
  }

  @Test("cosine-embedding is symmetric in a and b and invariant under scaling by powers of two")
  func cosineSymmetryAndScale() throws {
    var rng = SplitMix64(seed: 0xC05)
    for _ in 0..<200 {
      let n = 1 + Int(rng.next() % 6)
      let a = (0..<n).map { _ in Double(Int(rng.next() % 2001) - 1000) / 37 }
      let b = (0..<n).map { _ in Double(Int(rng.next() % 2001) - 1000) / 41 }
      guard a.contains(where: { $0 != 0 }), b.contains(where: { $0 != 0 }) else { continue }
      for (y, m) in [(1.0, 0.0), (-1.0, 0.0), (-1.0, 0.3), (-1.0, -0.6)] {
        let ab = try Self.cosine(a, b, y: y, margin: m)
        let ba = try Self.cosine(b, a, y: y, margin: m)
        #expect(Self.value(ab) == Self.value(ba))
        #expect(Self.vector(ab, "a") == Self.vector(ba, "b") && Self.vector(ab, "b") == Self.vector(ba, "a"))
        // a * 2^700: the same loss; dL/da scales by 2^-700 exactly.
        let scaled = try Self.cosine(a.map { $0 * 0x1p700 }, b, y: y, margin: m)
        #expect(Self.value(scaled) == Self.value(ab))
        #expect(Self.vector(scaled, "a") == Self.vector(ab, "a").map { $0 * 0x1p-700 })
      }
    }
  }

  @Test("cosine-distance is the alias of cosine-embedding; zero vectors and unequal lengths are errors")
  func cosineAliasAndErrors() throws {
    #expect(try Catalog.function(named: "cosine-distance").id == "cosine-embedding")
    let m = Self.message("cosine-embedding", [:], ["a": .vector([0, 0]), "b": .vector([1, 2]), "y": .real(1)])
    #expect(m?.contains("argument a of cosine-embedding is all zeros") == true, "\(m ?? "")")
    let n = Self.message("cosine-embedding", [:], ["a": .vector([1, 2, 3]), "b": .vector([1, 2]), "y": .real(1)])
    #expect(n?.contains("argument b of cosine-embedding has 2 elements but a has 3: b must have the length of a") == true, "\(n ?? "")")
    let y = Self.message("cosine-embedding", [:], ["a": .vector([1]), "b": .vector([1]), "y": .real(0)])
    #expect(y?.contains("y must be one of {-1, +1}") == true, "\(y ?? "")")
    let margin = Self.message("cosine-embedding", ["margin": 1.5], ["a": .vector([1]), "b": .vector([1]), "y": .real(1)])
    #expect(margin?.contains("parameter margin = 1.5 of cosine-embedding is outside its range: allowed [-1, 1]") == true)
  }

  // MARK: - Triplet margin

  static func triplet(_ a: [Double], _ p: [Double], _ n: [Double], margin: Double = 1) throws -> Evaluation {
    try eval("triplet-margin", ["margin": margin], ["a": .vector(a), "p": .vector(p), "n": .vector(n)])
  }

  @Test("triplet-margin by hand: 3-4-5 distances, an exact tie, a zero difference")
  func tripletByHand() throws {
    // d_p = |[-3, -4]| = 5, d_n = |[0, -5.5]| = 5.5: L = 5 - 5.5 + 1 = 0.5;
    // u_p = [-0.6, -0.8], u_n = [0, -1]: dL/da = u_p - u_n = [-0.6, 0.2], dL/dp = [0.6, 0.8], dL/dn = [0, -1].
    let e = try Self.triplet([0, 0], [3, 4], [0, 5.5])
    #expect(Self.value(e) == 0.5)
    #expect(Self.vector(e, "a") == [-0.6, 0.2] && Self.vector(e, "p") == [0.6, 0.8] && Self.vector(e, "n") == [0, -1])
    // d_p = 3, d_n = 4, m = 1: exactly 0, the flat piece.
    let tie = try Self.triplet([0], [3], [4])
    #expect(Self.value(tie) == 0 && Self.vector(tie, "a") == [0])
    // a = p: u_p = 0 (CATALOG), d_n = 1 with m = 2: L = 1, dL/da = -u_n = [0, 1].
    let zero = try Self.triplet([1, 2], [1, 2], [1, 3], margin: 2)
    #expect(Self.value(zero) == 1 && Self.vector(zero, "a") == [0, 1] && Self.vector(zero, "p") == [0, 0])
    #expect(Self.vector(zero, "n") == [0, -1])
  }

  @Test("triplet-margin: distances beyond the Double range, and distances that agree to 1e-87")
  func tripletExtremes() throws {
    // a = [1e308], p = [-1e308], n = [-0.9e308]: both distances overflow, their difference
    // 1e308 - 0.9e308 (exact by Sterbenz) does not; + 1 is below its ulp.
    let e = try Self.triplet([1e308], [-1e308], [-0.9e308])
    #expect(Self.value(e) == 1e308 - 0.9e308)
    #expect(Self.vector(e, "a") == [0] && Self.vector(e, "p") == [-1] && Self.vector(e, "n") == [1])
    // a = [0, a1], p = [p0, 0], n = [n0, 0] with a1 = 1.7e98, p0 = 7.7e54, n0 = -1.6e36:
    // d_p - d_n = (p0^2 - n0^2) / (d_p + d_n), and d_p + d_n = 2 a1 (1 + 1e-87): about 1.76e11
    // (double-double distances would agree to the last bit and give L = 1).
    let (a1, p0, n0) = (1.705068340898353e98, 7.747179836319792e54, -1.5595726656814347e36)
    let f = try Self.triplet([0, a1], [p0, 0], [n0, 0])
    let expected = (p0 * p0 - n0 * n0) / (2 * a1) + 1
    #expect(abs(Self.value(f) - expected) <= 1e-14 * expected, "\(Self.value(f)) vs \(expected)")
  }

  @Test("triplet-margin: 1-D and axis-aligned triplets give the anchor gradient 0 exactly")
  func tripletExactZeros() throws {
    // u_p = sign(a - p) = u_n = sign(a - n): dL/da = 0 exactly, whatever the magnitudes.
    for (a, p, n) in [([-0.85], [35.9], [37.9]), ([2e-302], [-8.4e-297], [4.4e-314]), ([-5e-323], [-9e-323], [-7.8e-295])] {
      let e = try Self.triplet(a, p, n, margin: 2)
      #expect(Self.vector(e, "a") == [0], "\(a) \(p) \(n): \(Self.vector(e, "a"))")
    }
    // The entry near 1 of two nearly parallel unit vectors: u_p,0 - u_n,0 = -(e_p^2 - e_n^2)/2 to
    // first order, e_p = 2.96e-29 / 3.47e76 (u_n,0 = 1 to 1e-278): about -3.64e-211.
    let e = try Self.triplet([1.3919298176435054e-25, 0], [-3.47307114283541e76, -2.958850962293882e-29], [0, 0])
    let ep = 2.958850962293882e-29 / (1.3919298176435054e-25 + 3.47307114283541e76)
    #expect(abs(Self.vector(e, "a")[0] - (-ep * ep / 2)) <= 1e-14 * ep * ep / 2, "\(Self.vector(e, "a"))")
  }

  // MARK: - Dice and tversky

  static func dice(_ p: [Double], _ y: [Double], smooth: Double = 1) throws -> Evaluation {
    try eval("dice", ["smooth": smooth], ["p": .vector(p), "y": .vector(y)])
  }

  static func tversky(_ p: [Double], _ y: [Double], alpha: Double, beta: Double, smooth: Double) throws -> Evaluation {
    try eval("tversky", ["alpha": alpha, "beta": beta, "smooth": smooth], ["p": .vector(p), "y": .vector(y)])
  }

  @Test("dice by hand: a perfect mask, empty masks, and a nearly perfect mask 1 - ratio would lose")
  func diceByHand() throws {
    // p = y = [1, 0], s = 1: 1 - (2 + 1)/(2 + 1) = 0; dL/dp_i = -(2 y_i 3 - 3)/9 = [-1/3, 1/3].
    let e = try Self.dice([1, 0], [1, 0])
    #expect(Self.value(e) == 0 && Self.vector(e, "p") == [-1.0 / 3, 1.0 / 3])
    // Empty masks, s = 1: L = 0 and dL/dp_i = -(0 - 1)/1 = 1.
    let empty = try Self.dice([0, 0, 0], [0, 0, 0])
    #expect(Self.value(empty) == 0 && Self.vector(empty, "p") == [1, 1, 1])
    // Empty masks, s = 5e-324 = 2^-1074: dL/dp_i = s / s^2 = 2^1074, beyond
    // the Double range: +inf (not NaN); s = 2^-1000: exactly 2^1000.
    let tiny = try Self.dice([0, 0], [0, 0], smooth: 5e-324)
    #expect(Self.value(tiny) == 0 && Self.vector(tiny, "p") == [.infinity, .infinity])
    let small = try Self.dice([0, 0], [0, 0], smooth: 0x1p-1000)
    #expect(Self.vector(small, "p") == [0x1p1000, 0x1p1000])
    // p = [1 - 2^-53] twice, y = [1, 1], s = 0: L = 2^-52 / (4 - 2^-52) = 2^-54 (1 + 2^-54 + ...),
    // nearest Double 2^-54; the textbook 1 - 2I / (P + Y) is off by 100 % (1.1e-16).
    let q = 1 - 0x1p-53
    let near = try Self.dice([q, q], [1, 1], smooth: 0)
    #expect(Self.value(near) == 0x1p-54)
    let naive = 1 - (2 * (q + q)) / (q + q + 2)
    #expect(abs(naive - 0x1p-54) >= 0.5 * 0x1p-54, "the textbook form: \(naive)")
    // Empty masks with s = 0: 0/0, an error naming the condition.
    let m = Self.message("dice", ["smooth": 0], ["p": .vector([0, 0]), "y": .vector([0, 0])])
    #expect(m?.contains("dice is undefined where P + Y + smooth = 0") == true, "\(m ?? "")")
    let range = Self.message("dice", [:], ["p": .vector([0.5, 1.5]), "y": .vector([0, 1])])
    #expect(range?.contains("argument p[1] = 1.5 of dice is outside its domain: each element must be [0, 1]") == true)
  }

  @Test("tversky with alpha = beta = 1/2 and smooth s/2 is dice with smooth s (Salehi et al.)")
  func tverskyHalfIsDice() throws {
    var rng = SplitMix64(seed: 0xD1CE)
    for trial in 0..<300 {
      let n = 1 + trial % 7
      let p = (0..<n).map { _ in Double(rng.next() % 1025) / 1024 }
      let y = (0..<n).map { _ in trial % 3 == 0 ? Double(rng.next() % 2) : Double(rng.next() % 1025) / 1024 }
      let s = [0.0, 1, 0.25, 3][trial % 4]
      guard p.contains(where: { $0 > 0 }) || y.contains(where: { $0 > 0 }) || s > 0 else { continue }
      let d = try Self.dice(p, y, smooth: s)
      let t = try Self.tversky(p, y, alpha: 0.5, beta: 0.5, smooth: s / 2)
      // Both are the same exact ratio, each rounded once (to within a few 2^-100): at most 1 ulp apart.
      #expect(Self.ulps(Self.value(t), Self.value(d)) <= 1, "\(p) \(y) \(s)")
      for (gt, gd) in zip(Self.vector(t, "p"), Self.vector(d, "p")) {
        #expect(Self.ulps(gt, gd) <= 1 || abs(gt - gd) <= 1e-300, "\(p) \(y) \(s): \(gt) vs \(gd)")
      }
    }
  }

  @Test("tversky by hand: alpha = 0, beta = 1 is 1 - recall; weights and smoothing from 1e-300 to 1e300")
  func tverskyByHand() throws {
    // p = [1, 0], y = [1, 1]: T = 1, N = 1, L = N/(T + N) = 1/2; g_i = -beta y_i = -1,
    // dL/dp_i = (g_i (T + s) - y_i N)/D^2 = (-1 - 1)/4 = -1/2.
    let e = try Self.tversky([1, 0], [1, 1], alpha: 0, beta: 1, smooth: 0)
    #expect(Self.value(e) == 0.5 && Self.vector(e, "p") == [-0.5, -0.5])
    // alpha = 1, beta = 0, s = 0, p = y = [1e-300]: L = F/(T + F) = 1 - y does not depend on p,
    // so dL/dp = 0 exactly (the numerator (1 - y) p y - y p (1 - y) cancels to the last bit).
    let flat = try Self.tversky([1e-300, 0], [1e-300, 0], alpha: 1, beta: 0, smooth: 0)
    #expect(Self.vector(flat, "p")[0] == 0)
    // alpha = 1e300, s = 1e-300, empty masks: L = 0 and dL/dp_i = alpha s / s^2 = 1e600: inf.
    let steep = try Self.tversky([0, 0], [0, 0], alpha: 1e300, beta: 0.5, smooth: 1e-300)
    #expect(Self.value(steep) == 0 && Self.vector(steep, "p") == [.infinity, .infinity])
    // alpha = 1e300, s = 1e300, p = [1.4e-47], y = [0]: L = alpha F / (alpha F + s) = 1.4e-47 / (1 + 1.4e-47).
    let weighted = try Self.tversky([1.4e-47], [0], alpha: 1e300, beta: 0.5, smooth: 1e300)
    #expect(Self.ulps(Self.value(weighted), 1e300 * 1.4e-47 / 1e300) <= 2)
    // alpha = beta = s = 0 with no overlap: T + alpha F + beta N + s = 0.
    let m = Self.message("tversky", ["alpha": 0, "beta": 0, "smooth": 0], ["p": .vector([1]), "y": .vector([0])])
    #expect(m?.contains("tversky is undefined where T + alpha F + beta N + smooth = 0") == true, "\(m ?? "")")
  }

  // MARK: - mape and msle

  @Test("mape: 100 |r| / |y| rounded once, from subnormal targets to residuals beyond the Double range")
  func mape() throws {
    // 100 * 5 / 2 = 250, slope 100 / 2 = 50.
    let e = try Self.eval("mape", ["yhat": .real(3), "y": .real(-2)])
    #expect(Self.value(e) == 250 && Self.scalar(e, "yhat") == 50 && e.secondDerivative == 0)
    // y = 5e-324, yhat = 0: 100 |r| / |y| = 100 exactly; the slope 100 / 5e-324 overflows: -inf.
    let sub = try Self.eval("mape", ["yhat": .real(0), "y": .real(5e-324)])
    #expect(Self.value(sub) == 100 && Self.scalar(sub, "yhat") == -.infinity)
    // yhat = 1e308, y = -1e308: r = 2e308 overflows, 100 r / |y| = 200 exactly.
    let big = try Self.eval("mape", ["yhat": .real(1e308), "y": .real(-1e308)])
    #expect(Self.value(big) == 200)
    let m = Self.message("mape", [:], ["yhat": .real(1), "y": .real(0)])
    #expect(m == "argument y = 0.0 of mape is outside its domain: y must be a nonzero finite real number", "\(m ?? "")")
  }

  @Test("msle: delta = log1p((yhat - y)/(1 + y)); at y = 1e8, yhat = y + 1 the difference of logs would keep 8 digits")
  func msle() throws {
    // yhat = 1, y = 0: delta = ln 2, L = (ln 2)^2 = 0.480453013918201424667... (nearest Double
    // 0.48045301391820144, mpmath), dL/dyhat = 2 ln2 / 2, f'' = 2 (1 - ln 2) / 4 = 0.15342640972002736...
    let e = try Self.eval("msle", ["yhat": .real(1), "y": .real(0)])
    #expect(Self.ulps(Self.value(e), 0.48045301391820144) <= 1)
    #expect(Self.ulps(Self.scalar(e, "yhat"), 0.6931471805599453) <= 1)
    #expect(Self.ulps(e.secondDerivative!, 0.15342640972002736) <= 2)
    // y = 1e8, yhat = 1e8 + 1: delta = log1p(1/(1e8 + 1)) (1e8 + 1 exact); the textbook
    // log(1 + yhat) - log(1 + y) has an error near 1e-16 * 18.4 against delta = 1e-8.
    let y = 1e8
    let f = try Self.eval("msle", ["yhat": .real(y + 1), "y": .real(y)])
    let delta = log1p(1 / (y + 1))
    #expect(Self.ulps(Self.value(f), delta * delta) <= 3, "\(Self.value(f)) vs \(delta * delta)")
    let naive = (log(1 + (y + 1)) - log(1 + y)) * (log(1 + (y + 1)) - log(1 + y))
    #expect(Self.ulps(naive, delta * delta) > 1e5)
    // yhat near -1: delta = log(2^-53) = -53 ln 2, dL/dyhat = 2 delta / 2^-53.
    let g = try Self.eval("msle", ["yhat": .real(-1 + 0x1p-53), "y": .real(0)])
    #expect(Self.ulps(Self.scalar(g, "yhat"), -106 * 0.6931471805599453 * 0x1p53) <= 2)
    let m = Self.message("msle", [:], ["yhat": .real(-1), "y": .real(0)])
    #expect(m?.contains("argument yhat = -1.0 of msle is outside its domain: yhat must be a finite number > -1") == true, "\(m ?? "")")
  }

  // MARK: - Views along their paths

  /// The views of the vector losses are the loss along a documented path:
  /// value and first derivative (chain rule) against the general evaluator.
  @Test("vector views: the loss along each documented path, and its derivative by the chain rule")
  func viewsFollowTheirPaths() throws {
    func agree(_ a: Double, _ b: Double, _ scale: Double = 1) -> Bool { abs(a - b) <= 1e-13 * max(scale, abs(b)) }
    for margin in [-0.5, 0, 0.5] {
      let views = try Catalog.function(named: "cosine-embedding").views(ParameterValues(["margin": margin]))
      for (k, view) in views.enumerated() {
        let y = k % 2 == 0 ? 1.0 : -1.0
        for i in 1..<40 {
          let x = view.plotRange.lowerBound + (view.plotRange.upperBound - view.plotRange.lowerBound) * Double(i) / 40
          let j = view.evaluate(x)
          // a(t) = [cos t, sin t] (a' = [-sin t, cos t]) or a(c) = [c, sqrt(1 - c^2)] (a' = [1, -c/sqrt(1 - c^2)]).
          let (a, tangent) =
            view.argument == "t"
            ? ([cos(x), sin(x)], [-sin(x), cos(x)]) : ([x, (1 - x * x).squareRoot()], [1, -x / (1 - x * x).squareRoot()])
          if view.breakpoints.contains(where: { abs($0 - x) < 1e-9 }) { continue }
          let e = try Self.cosine(a, [1, 0], y: y, margin: margin)
          let ga = Self.vector(e, "a")
          #expect(agree(j.value, Self.value(e)), "\(view.label) x = \(x): \(j.value) vs \(Self.value(e))")
          #expect(agree(j.d1, ga[0] * tangent[0] + ga[1] * tangent[1], 1), "\(view.label) x = \(x)")
        }
      }
    }
    for margin in [0.5, 1, 2] {
      let view = try Catalog.function(named: "triplet-margin").views(ParameterValues(["margin": margin]))[0]
      for i in 0...60 {
        let d = -3 + 0.1 * Double(i) + 0.013
        let e = try Self.triplet([0], [3 + d], [3], margin: margin)
        // dp/dd = 1: dL/dd = dL/dp.
        #expect(agree(view.evaluate(d).value, Self.value(e)) && view.evaluate(d).d1 == Self.vector(e, "p")[0], "d = \(d)")
      }
    }
    for (id, params) in [("dice", ["smooth": 1.0]), ("dice", ["smooth": 0]), ("tversky", ["alpha": 0.3, "beta": 0.7, "smooth": 1])] {
      let views = try Catalog.function(named: id).views(ParameterValues(params))
      for (k, view) in views.enumerated() {
        let y0 = k == 0 ? 1.0 : 0.0
        for i in 0...40 {
          let x = Double(i) / 40
          let e = try Self.eval(id, params, ["p": .vector([x, 0.75, 0.25]), "y": .vector([y0, 1, 0])])
          let j = view.evaluate(x)
          #expect(agree(j.value, Self.value(e)) && agree(j.d1, Self.vector(e, "p")[0], 1), "\(id) \(view.label) x = \(x)")
        }
      }
    }
  }

  // MARK: - Shared kernels

  @Test("ExactDot: the exact sign of a dot product over the whole exponent range")
  func exactDot() {
    #expect(ExactDot.sign([1e300, 1e-300], [1e-300, 1e300]) == 1)
    #expect(ExactDot.sign([1e300, -1e300], [1, 1]) == 0)
    // 5e-324 * 5e-324 = 2^-2148: far below the Double range, still positive.
    #expect(ExactDot.sign([5e-324], [5e-324]) == 1)
    #expect(ExactDot.sign([1e308, 3e-320, -1e308], [1, 1, 1]) == 1)
    #expect(ExactDot.sign([1e308, -3e-320, -1e308], [1, 1, 1]) == -1)
    #expect(ExactDot.sign([0x1p1000, -0x1p1000, 0x1p-1000], [0x1p23, 0x1p23, -0x1p-74]) == -1)
  }

  @Test("WideExactSum: products far outside the Double range cancel exactly and leave 1e-600")
  func wideExactSum() {
    var s = WideExactSum()
    s.addProduct(1e300, 1e300)
    s.addProduct(-1e300, 1e300)
    s.addProduct(0x1p-1000, 0x1p-1000, 3)
    // 3 * 2^-2000: as a ScaledDD, exactly 1.5 * 2^-1999.
    #expect(s.value.m.hi == 1.5 && s.value.e == -1999)
    var t = WideExactSum()
    t.addProduct(1.7e308, 4, 0.5, exponent: -3)
    // 1.7e308 * 4 * 0.5 * 2^-3 = 1.7e308 / 4, although 1.7e308 * 4 overflows.
    #expect(t.value.double == 1.7e308 / 4)
  }
}
