import Foundation
import LossAtlasCore
import Testing

/// Tests of the margin, probabilistic binary and multiclass losses beyond the
/// golden vectors: identities between losses on grids, the 1-D slice views of
/// the vector losses against the general evaluator, kink conventions, limits,
/// domain errors with their exact messages, and the shared numerics of
/// `Math/` (90-bit exp and log, mantissa * 2^n, the softmax expansion).
@Suite struct ClassificationLossTests {
  // MARK: - Helpers

  /// |a - b| in units of ulp(b) (b's binade; at least the smallest subnormal).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    if !a.isFinite || !b.isFinite { return .infinity }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  static func evaluate(
    _ id: String, _ params: [String: Double] = [:], _ args: [String: ArgumentValue]
  ) throws -> Evaluation {
    try Catalog.function(named: id).evaluate(parameters: params, arguments: args)
  }

  static func scalar(_ e: Evaluation) -> Double { e.value.scalarValue! }

  static func gradient(_ e: Evaluation, _ name: String) -> [Double] { e.gradient(name)!.flattened }

  /// The error message of an evaluation that must fail.
  static func message(
    _ id: String, _ params: [String: Double] = [:], _ args: [String: ArgumentValue]
  ) -> String? {
    do {
      _ = try evaluate(id, params, args)
      return nil
    } catch let e as CatalogError {
      return e.message
    } catch {
      return "\(error)"
    }
  }

  /// A grid of logits: the plot range, the branch points of softplus and
  /// exp (36.7, 709.78, 745), and far-out values.
  static let logits: [Double] = [
    0, -0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 1e-300, -1e-300, 1e-8, -1e-8, 0.25, -0.25, 0.5, -0.5, 1, -1, 2.5, -2.5, 6, -6,
    20, -20, 36.7, -36.7, 40, -40, 100, -100, 709.78, -709.78, 745.5, -745.5, 1e10, -1e10, 1e300, -1e300,
  ]

  // MARK: - Identities between losses

  @Test("cross-entropy([z0, z1], k = 1) = bce-logits(z1 - z0, y = 1)")
  func crossEntropyTwoClassesIsBceLogits() throws {
    // Both sides equal softplus(z0 - z1) exactly; each is within an ulp of
    // it, so they agree within 2 ulp. z1 - z0 is exact on this grid
    // (integers and halves, or one of them 0).
    let pairs: [(Double, Double)] = [
      (0, 0), (1, 2), (2, 1), (-3.5, 4), (0, 37), (37, 0), (0, -40), (10, -700), (-700, 10), (0, 1e300),
      (1e300, 0), (0.5, 0.25), (0, Double.leastNonzeroMagnitude), (Double.leastNonzeroMagnitude, 0),
    ]
    for (z0, z1) in pairs {
      let ce = try Self.evaluate("cross-entropy", [:], ["s": .vector([z0, z1]), "k": .integer(1)])
      let bl = try Self.evaluate("bce-logits", [:], ["z": .real(z1 - z0), "y": .real(1)])
      #expect(Self.ulps(Self.scalar(ce), Self.scalar(bl)) <= 2, "value at [\(z0), \(z1)]")
      let g = Self.gradient(ce, "s")
      let d = Self.gradient(bl, "z")[0]
      #expect(Self.ulps(g[1], d) <= 2, "grad s[1] at [\(z0), \(z1)]")
      #expect(Self.ulps(-g[0], d) <= 2, "grad s[0] at [\(z0), \(z1)]")
    }
  }

  @Test("hinge(s, -1) = hinge(-s, +1), with mirrored derivative")
  func hingeMirror() throws {
    for s in Self.logits + [1, -1, 1.0.nextUp, 1.0.nextDown, -1.0.nextUp, -1.0.nextDown] {
      for id in ["hinge", "squared-hinge", "logistic", "exponential", "zero-one"] {
        let a = try Self.evaluate(id, [:], ["s": .real(s), "y": .real(-1)])
        let b = try Self.evaluate(id, [:], ["s": .real(-s), "y": .real(1)])
        // y s is exact, so both sides compute the same margin: bitwise equal.
        #expect(Self.scalar(a) == Self.scalar(b), "\(id) value at s = \(s)")
        #expect(Self.gradient(a, "s")[0] == -Self.gradient(b, "s")[0], "\(id) grad at s = \(s)")
      }
    }
  }

  @Test("logistic(s, y = 1) = bce-logits(s, y = 1) = softplus(-s)")
  func logisticIsBceLogits() throws {
    for s in Self.logits {
      let lg = try Self.evaluate("logistic", [:], ["s": .real(s), "y": .real(1)])
      let bl = try Self.evaluate("bce-logits", [:], ["z": .real(s), "y": .real(1)])
      // Same stable formula (the logistic cross entropy with target 1): bitwise.
      #expect(Self.scalar(lg) == Self.scalar(bl), "value at \(s)")
      #expect(Self.gradient(lg, "s") == Self.gradient(bl, "z"), "grad at \(s)")
      // StableMath.softplus (max(x, 0) + log1p(e^-|x|)) is within an ulp of the
      // exact softplus too.
      #expect(Self.ulps(Self.scalar(lg), StableMath.softplus(-s)) <= 2, "softplus at \(s)")
    }
  }

  @Test("focal with gamma = 0 and alpha = 1/2 is bce-logits / 2")
  func focalGammaZero() throws {
    for z in Self.logits {
      for y in [0.0, 1.0] {
        let f = try Self.evaluate("focal", ["gamma": 0, "alpha": 0.5], ["z": .real(z), "y": .real(y)])
        let b = try Self.evaluate("bce-logits", [:], ["z": .real(z), "y": .real(y)])
        // alpha_t (1 - p_t)^0 (-log p_t) = (1/2) bce: each side within an ulp.
        #expect(Self.ulps(Self.scalar(f), Self.scalar(b) / 2) <= 2, "value at z = \(z), y = \(y)")
        #expect(Self.ulps(Self.gradient(f, "z")[0], Self.gradient(b, "z")[0] / 2) <= 2, "grad at z = \(z), y = \(y)")
      }
    }
  }

  @Test("cross-entropy is invariant under s + 1e6 (optax's stability test)")
  func crossEntropyShift() throws {
    // s + 1e6 is exact for these s (multiples of 1/4 below 2^20), so the
    // exact loss and gradient are unchanged; both evaluations are within an
    // ulp of them.
    let vectors: [[Double]] = [[0, 0, 0], [1, 2, 3], [0.25, -3.5, 7, 2], [-20, 20]]
    for s in vectors {
      for eps in [0.0, 0.1] {
        let k = s.count - 1
        let a = try Self.evaluate("cross-entropy", ["eps": eps], ["s": .vector(s), "k": .integer(k)])
        let b = try Self.evaluate(
          "cross-entropy", ["eps": eps], ["s": .vector(s.map { $0 + 1e6 }), "k": .integer(k)])
        #expect(Self.ulps(Self.scalar(b), Self.scalar(a)) <= 2, "\(s) eps \(eps)")
        for (gb, ga) in zip(Self.gradient(b, "s"), Self.gradient(a, "s")) {
          #expect(Self.ulps(gb, ga) <= 2, "\(s) eps \(eps) grad")
        }
      }
    }
    // Three equal logits: log 3 (correctly rounded), whatever the shift.
    let e = try Self.evaluate("cross-entropy", [:], ["s": .vector([1e6, 1e6, 1e6]), "k": .integer(0)])
    #expect(Self.scalar(e) == log(3.0))
  }

  @Test("kl-div is exactly zero where softmax(s) = q")
  func klZeroAtTarget() throws {
    let cases: [([Double], [Double])] = [
      ([0, 0], [0.5, 0.5]), ([7, 7, 7, 7], [0.25, 0.25, 0.25, 0.25]), ([-3, -3], [0.5, 0.5]),
      ([1e300, 1e300], [0.5, 0.5]),
    ]
    for (s, q) in cases {
      let e = try Self.evaluate("kl-div", [:], ["s": .vector(s), "q": .vector(q)])
      #expect(Self.scalar(e) == 0, "\(s) \(q)")
      #expect(Self.gradient(e, "s").allSatisfy { $0 == 0 }, "\(s) \(q)")
    }
  }

  @Test("kl-div gradient (sum q) softmax - q is exactly 0 for q = fl(1/3) three times")
  func klGradientWithInexactSum() throws {
    // q = fl(1/3) three times sums to 1 - 2^-54 exactly; softmax of equal
    // scores is 1/3, so (sum q)/3 - q = 0 exactly. Forming it as
    // (p - q) + p (sum q - 1) leaves about 1e-33 instead.
    let third = 1.0 / 3
    let e = try Self.evaluate("kl-div", [:], ["s": .vector([2, 2, 2]), "q": .vector([third, third, third])])
    #expect(Self.gradient(e, "s") == [0, 0, 0])
    // The value is sum q log(q / (1/3)) = Q log Q with Q = 1 - 2^-54:
    // -2^-54 - 2^-109 to first orders (so -2^-54 rounded).
    #expect(Self.scalar(e) == -0x1p-54)
  }

  // MARK: - 1-D slices against the general evaluator

  /// The slice views of the vector losses, checked point by point against
  /// the general evaluator at s = [x, 0] or [x, 0, 0]: both are within about
  /// an ulp of the exact value, or (near a root, where the result cancels)
  /// within the input sensitivity |f'(x)| ulp(x) of the accuracy rule, so
  /// they agree within 4 ulp or 4 times that (plus 1e-300 absolute for
  /// values that are 0 or subnormal in one of them).
  @Test("the 1-D slice views agree with the general evaluator")
  func slicesMatchEvaluator() throws {
    let xs = Self.logits + (-60...60).map { Double($0) / 4 } + [0.847297860387203, 1.0, 0.5, 1.0.nextUp, 0.5.nextDown]
    func close(_ a: Double, _ b: Double, sensitivity: Double) -> Bool {
      if a == b { return true }
      return Self.ulps(a, b) <= 4 || abs(a - b) <= max(1e-300, 4 * sensitivity)
    }
    for id in ["cross-entropy", "kl-div", "multiclass-hinge", "crammer-singer"] {
      let spec = try Catalog.function(named: id)
      let settings: [[String: Double]] =
        id == "cross-entropy" ? [["eps": 0], ["eps": 0.1], ["eps": 1]]
        : id == "kl-div" ? [[:]] : [["delta": 0.5], ["delta": 1], ["delta": 2.5]]
      for params in settings {
        let views = spec.views(try spec.validateParameters(params))
        for view in views {
          let width = view.label.hasPrefix("s = [x, 0, 0]") ? 3 : 2
          var fixed = Dictionary(uniqueKeysWithValues: view.fixed.map { ($0.name, $0.value) })
          for x in xs {
            fixed["s"] = .vector([x] + Array(repeating: 0.0, count: width - 1))
            let e = try spec.evaluate(parameters: params, arguments: fixed)
            let j = view.evaluate(x)
            let u = x == 0 || !x.isNormal ? 0 : x.ulp
            #expect(
              close(j.value, Self.scalar(e), sensitivity: abs(j.d1) * u),
              "\(id) \(params) \(view.label) x = \(x): \(j.value) vs \(Self.scalar(e))")
            let g = Self.gradient(e, "s")[0]
            #expect(
              close(j.d1, g, sensitivity: abs(j.d2) * u), "\(id) \(params) \(view.label) x = \(x): d1 \(j.d1) vs \(g)")
          }
        }
      }
    }
  }

  @Test("slice second derivatives match closed forms")
  func sliceCurvature() throws {
    let ce = try Catalog.function(named: "cross-entropy").views(ParameterValues(["eps": 0]))
    // s = [x, 0]: p_0 (1 - p_0) = 1/4 at x = 0; s = [x, 0, 0]: (1/3)(2/3) = 2/9.
    #expect(ce[0].evaluate(0).d2 == 0.25)
    #expect(Self.ulps(ce[1].evaluate(0).d2, 2.0 / 9) <= 1)
    // kl-div slice: (sum q) p_0 p_1, sum q = 0.7 + 0.3 = 1 - 2^-54 exactly.
    let kl = try Catalog.function(named: "kl-div").views(ParameterValues())[0]
    #expect(Self.ulps(kl.evaluate(0).d2, 0.25 * (1 - 0x1p-54)) <= 1)
    // Far out the curvature is e^-|x| to first order, never NaN.
    #expect(Self.ulps(ce[0].evaluate(-700).d2, exp(-700.0)) <= 2)
  }

  // MARK: - Kinks and conventions

  @Test("kink conventions: the catalog's subgradients")
  func kinks() throws {
    // hinge at y s = 1: the flat piece (0), as PyTorch's clamp.
    var e = try Self.evaluate("hinge", [:], ["s": .real(1), "y": .real(1)])
    #expect(Self.scalar(e) == 0 && Self.gradient(e, "s") == [0])
    e = try Self.evaluate("hinge", [:], ["s": .real(-1), "y": .real(-1)])
    #expect(Self.scalar(e) == 0 && Self.gradient(e, "s") == [0])
    e = try Self.evaluate("hinge", [:], ["s": .real(1.0.nextDown), "y": .real(1)])
    #expect(Self.scalar(e) == 0x1p-53 && Self.gradient(e, "s") == [-1])
    e = try Self.evaluate("squared-hinge", [:], ["s": .real(1), "y": .real(1)])
    #expect(Self.scalar(e) == 0 && Self.gradient(e, "s") == [0])
    // zero-one: y s <= 0 is an error, so s = 0 costs 1; derivative 0.
    e = try Self.evaluate("zero-one", [:], ["s": .real(0), "y": .real(1)])
    #expect(Self.scalar(e) == 1 && Self.gradient(e, "s") == [0])
    e = try Self.evaluate("zero-one", [:], ["s": .real(Double.leastNonzeroMagnitude), "y": .real(1)])
    #expect(Self.scalar(e) == 0)
    // Weston-Watkins: a margin of exactly 0 is inactive.
    // s = [0, -1, -0.5], k = 0, delta = 1: margins 0 and 0.5.
    e = try Self.evaluate("multiclass-hinge", ["delta": 1], ["s": .vector([0, -1, -0.5]), "k": .integer(0)])
    #expect(Self.scalar(e) == 0.5 && Self.gradient(e, "s") == [-1, 0, 1])
    // Crammer-Singer: ties among the wrong classes go to the first index.
    // s = [1, 3, 3, 2], k = 0: max over j != 0 is 3 at j = 1; L = 1 + 3 - 1 = 3.
    e = try Self.evaluate("crammer-singer", ["delta": 1], ["s": .vector([1, 3, 3, 2]), "k": .integer(0)])
    #expect(Self.scalar(e) == 3 && Self.gradient(e, "s") == [-1, 1, 0, 0])
    // ... and L = 0 exactly at the margin: gradient 0.
    e = try Self.evaluate("crammer-singer", ["delta": 1], ["s": .vector([2, 1, 1, -5]), "k": .integer(0)])
    #expect(Self.scalar(e) == 0 && Self.gradient(e, "s") == [0, 0, 0, 0])
  }

  @Test("bce at the ends of [0, 1]: one-sided derivatives and infinities")
  func bceEnds() throws {
    func bce(_ p: Double, _ y: Double) throws -> (Double, Double) {
      let e = try Self.evaluate("bce", [:], ["p": .real(p), "y": .real(y)])
      return (Self.scalar(e), Self.gradient(e, "p")[0])
    }
    // 0/0 points: the one-sided derivatives +1 and -1; the value 0 (0 log 0 = 0).
    #expect(try bce(0, 0) == (0, 1))
    #expect(try bce(1, 1) == (0, -1))
    // p = 0 with y > 0: +inf and -inf; p = 1 with y < 1: +inf and +inf.
    #expect(try bce(0, 0.3) == (.infinity, -.infinity))
    #expect(try bce(1, 0.3) == (.infinity, .infinity))
    // At p = y the gradient is exactly 0 (p - y formed exactly).
    #expect(try bce(0.3, 0.3).1 == 0)
    // p = 1e-300, y = 1: -log p = 690.7755278982137 (oracle line, 50 digits:
    // 690.7755278982137051803383), gradient -1/p = -1e300 to rounding.
    let (v, g) = try bce(1e-300, 1)
    #expect(Self.ulps(v, 690.7755278982137051803383) <= 1)
    #expect(Self.ulps(g, -1e300) <= 1)
  }

  // MARK: - Limits and extreme inputs

  @Test("limits where textbook forms fail")
  func limits() throws {
    // logistic at s = -1000 (y = 1): softplus(1000) = 1000 (+ e^-1000), gradient -1.
    var e = try Self.evaluate("logistic", [:], ["s": .real(-1000), "y": .real(1)])
    #expect(Self.scalar(e) == 1000 && Self.gradient(e, "s") == [-1])
    // exponential: e^710 overflows, as the exact value exceeds the Double range.
    e = try Self.evaluate("exponential", [:], ["s": .real(-710), "y": .real(1)])
    #expect(Self.scalar(e) == .infinity && Self.gradient(e, "s") == [-.infinity])
    // bce-logits, y = 0, z = -37: e^-37 to first order; oracle (50 digits)
    // 8.533047625744065430213541e-17, where PyTorch returns 0.
    e = try Self.evaluate("bce-logits", [:], ["z": .real(-37), "y": .real(0)])
    #expect(Self.ulps(Self.scalar(e), 8.533047625744065430213541e-17) <= 1)
    // cross-entropy with logits beyond 709.78: [1000, 0], k = 1 costs 1000 (+ e^-1000).
    e = try Self.evaluate("cross-entropy", [:], ["s": .vector([1000, 0]), "k": .integer(1)])
    #expect(Self.scalar(e) == 1000 && Self.gradient(e, "s") == [1, -1])
    // Entries whose difference overflows: [max, -max], k = 1, eps = 0.1:
    // L = (1 - eps/2) * 2 max > max, so inf; k = 0: (eps/2) * 2 max = 0.1 max.
    let big = Double.greatestFiniteMagnitude
    e = try Self.evaluate("cross-entropy", ["eps": 0.1], ["s": .vector([big, -big]), "k": .integer(1)])
    #expect(Self.scalar(e) == .infinity)
    e = try Self.evaluate("cross-entropy", ["eps": 0.1], ["s": .vector([big, -big]), "k": .integer(0)])
    #expect(Self.ulps(Self.scalar(e), 0.1 * big) <= 1)
    // multiclass-hinge with a margin beyond the Double range is inf.
    e = try Self.evaluate("multiclass-hinge", [:], ["s": .vector([-big, big]), "k": .integer(0)])
    #expect(Self.scalar(e) == .infinity && Self.gradient(e, "s") == [-1, 1])
  }

  @Test("focal: no NaN for 0 < gamma < 1 at saturated logits, and the u -> inf asymptote")
  func focalSaturated() throws {
    // For u = z_t -> inf: L ~ alpha e^(-u (gamma + 1)), -L' ~ alpha (gamma + 1) e^(-u (gamma + 1)),
    // relative corrections O(e^-u) (below 1e-17 at u = 40).
    for gamma in [0.5, 0.25, 1, 2, 5] {
      for u in [40.0, 100, 300] {
        let e = try Self.evaluate("focal", ["gamma": gamma, "alpha": 0.25], ["z": .real(u), "y": .real(1)])
        let v = Self.scalar(e)
        let g = Self.gradient(e, "z")[0]
        let expected = 0.25 * exp(-u * (gamma + 1))
        #expect(!v.isNaN && !g.isNaN)
        if expected > 1e-300 {
          #expect(abs(v / expected - 1) < 1e-13, "gamma \(gamma) u \(u): \(v) vs \(expected)")
          #expect(abs(-g / (expected * (gamma + 1)) - 1) < 1e-13, "gamma \(gamma) u \(u) grad")
        }
      }
    }
    // Where e^-u alone is subnormal but L is still in range: gamma = 0,
    // u = 744: L = alpha log1p(e^-744) = 0.25 e^-744, about 4 * 2^-1074
    // (mantissa * 2^n keeps it; glibc exp(-744) itself is 1.0e-323).
    let e = try Self.evaluate("focal", ["gamma": 0, "alpha": 1], ["z": .real(744), "y": .real(1)])
    #expect(Self.ulps(Self.scalar(e), exp(-744.0)) <= 1)
  }

  @Test("focal at subnormal and zero logits equals its value at 0")
  func focalAtZero() throws {
    // At z = 0: p_t = 1/2, L = alpha 2^-gamma ln 2 (exact scaling of ln 2 for
    // these alphas and integer gammas), -L' = alpha 2^-gamma (gamma ln2 / 2 + 1/2).
    // A subnormal z moves the exact values by less than 1e-323 relative.
    for (gamma, alpha) in [(2.0, 0.25), (5.0, 0.25), (0.0, 0.5), (1.0, 0.5)] {
      let scale = alpha * pow(2, -gamma)
      for z in [0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 0x1p-1030] {
        let e = try Self.evaluate("focal", ["gamma": gamma, "alpha": alpha], ["z": .real(z), "y": .real(1)])
        #expect(Self.scalar(e) == scale * M_LN2, "gamma \(gamma) z \(z)")
        let expected = -scale * (gamma * M_LN2 / 2 + 0.5)
        #expect(Self.ulps(Self.gradient(e, "z")[0], expected) <= 1, "gamma \(gamma) z \(z) grad")
      }
    }
  }

  @Test("no NaN anywhere in the margin, probabilistic and multiclass views, also for f''")
  func noNaNAtExtremes() throws {
    let big = Double.greatestFiniteMagnitude
    let xs = Self.logits + [big, -big, 0.5, 1, 1.0.nextDown, 0.3]
    for id in ["zero-one", "hinge", "squared-hinge", "logistic", "exponential", "bce", "bce-logits", "focal",
      "cross-entropy", "kl-div", "multiclass-hinge", "crammer-singer"]
    {
      let spec = try Catalog.function(named: id)
      var settings: [ParameterValues] = [spec.defaultParameters]
      if id == "focal" {
        for gamma in [0, 0.5, 1, 2, 5, 37, 1e3, 1e300] {
          for alpha in [0.0, 0.25, 1] { settings.append(ParameterValues(["gamma": gamma, "alpha": alpha])) }
        }
      }
      for params in settings {
        for view in spec.views(params) {
          for x in xs where view.domain.contains(x) {
            let j = view.evaluate(x)
            #expect(!j.value.isNaN && !j.d1.isNaN && !j.d2.isNaN, "\(id) \(params) \(view.label) x = \(x): \(j)")
          }
        }
      }
    }
  }

  // MARK: - Domain errors

  @Test("domain errors name the argument and what is allowed")
  func domainErrors() {
    #expect(
      Self.message("bce", [:], ["p": .real(1.5), "y": .real(1)])
        == "argument p = 1.5 of bce is outside its domain: p must be [0, 1]")
    #expect(
      Self.message("hinge", [:], ["s": .real(1), "y": .real(0.5)])
        == "argument y = 0.5 of hinge is outside its domain: y must be one of {-1, +1}")
    #expect(
      Self.message("focal", [:], ["z": .real(1), "y": .real(0.5)])
        == "argument y = 0.5 of focal is outside its domain: y must be one of {0, 1}")
    #expect(
      Self.message("focal", ["gamma": -1], ["z": .real(1), "y": .real(1)])
        == "parameter gamma = -1.0 of focal is outside its range: allowed [0, inf)")
    #expect(
      Self.message("cross-entropy", [:], ["s": .vector([1, 2, 3]), "k": .integer(3)])
        == "argument k = 3 of cross-entropy is outside its domain: k must be a class index from 0 to 2 (s has 3 classes)")
    #expect(
      Self.message("multiclass-hinge", [:], ["s": .vector([1, 2]), "k": .integer(2)])
        == "argument k = 2 of multiclass-hinge is outside its domain: k must be a class index from 0 to 1 (s has 2 classes)")
    #expect(
      Self.message("kl-div", [:], ["s": .vector([0, 0]), "q": .vector([0.5, 0.4])])
        == "argument q of kl-div sums to 0.9: q must be a probability distribution (entries >= 0 summing to 1 within 1e-9)")
    #expect(
      Self.message("kl-div", [:], ["s": .vector([0, 0]), "q": .vector([0.2, 0.3, 0.5])])
        == "argument q of kl-div has length 3 but s has length 2: q must have one entry per class of s")
    #expect(
      Self.message("kl-div", [:], ["s": .vector([0, 0]), "q": .vector([1.5, -0.5])])
        == "argument q[1] = -0.5 of kl-div is outside its domain: each element must be a finite number >= 0")
    #expect(
      Self.message("cross-entropy", [:], ["s": .vector([0, .nan]), "k": .integer(0)])
        == "argument s[1] = nan of cross-entropy is outside its domain: each element must be a finite real number")
    #expect(
      Self.message("cross-entropy", [:], ["s": .vector([1]), "k": .integer(0)])
        == "argument s = an array of length 1 of cross-entropy is outside its domain: s must be an array of 2 or more numbers, each a finite real number")
    // A sum within 1e-9 of 1 is accepted.
    #expect(Self.message("kl-div", [:], ["s": .vector([0, 0]), "q": .vector([0.5, 0.5 + 1e-10])]) == nil)
  }

  // MARK: - Shared numerics

  @Test("scaleByPowerOfTwo rounds once, like scalbn")
  func scaleMatchesScalbn() {
    var rng = SystemRandomNumberGenerator()
    var values: [Double] = [1, -1, 1.5, 0x1.fffffffffffffp0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 0x1p-1030, 0x1p-1022, .greatestFiniteMagnitude]
    for _ in 0..<2000 { values.append(Double(sign: .plus, exponent: Int.random(in: -1074...1023, using: &rng), significand: Double.random(in: 1..<2, using: &rng))) }
    for v in values {
      for e in [-2200, -1200, -1100, -1075, -1074, -1060, -1023, -1022, -600, -1, 0, 1, 600, 1023, 1024, 2000, 2100] {
        let expected = scalbn(v, Int32(e))
        let got = StableMath.scaleByPowerOfTwo(v, e)
        #expect(got == expected || (got.isNaN && expected.isNaN), "v = \(v), e = \(e): \(got) vs \(expected)")
      }
    }
  }

  @Test("the 90-bit exp and log1p: e^x e^-x = 1 and log1p(expm1 x) = x to 2^-80")
  func doubleDoubleExpLog() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let x = Double.random(in: -700...700, using: &rng)
      let a = StableMath.expMantissaExponent(DoubleDouble(x))
      let b = StableMath.expMantissaExponent(DoubleDouble(-x))
      let product = a.mantissa * b.mantissa
      let one = StableMath.scaleByPowerOfTwo(1, -(a.exponent + b.exponent))
      // (e^x)(e^-x) = 1 exactly; the mantissas' product is 2^-(n_a + n_b).
      #expect(abs((product - one).value / one) < 0x1p-80, "x = \(x)")
      // The high part is glibc's exp within an ulp (glibc is within half).
      #expect(Self.ulps(a.value, exp(x)) <= 1, "x = \(x)")
      // The quick variant agrees to 2^-66.
      let q = StableMath.expMantissaExponentQuick(DoubleDouble(x))
      #expect(q.exponent == a.exponent && abs((q.mantissa - a.mantissa).value) < 0x1p-66, "quick x = \(x)")
    }
    // x >= -1 keeps 1 + expm1(x) >= 0.37: below that log1p(y) near y = -1
    // amplifies the 2^-106 absolute error of y by e^-x (ill-conditioned).
    for _ in 0..<2000 {
      let x = Double.random(in: -1...5, using: &rng)
      let e = StableMath.expm1DoubleDouble(DoubleDouble(x))
      let l = StableMath.log1pDoubleDouble(e)
      #expect(abs((l - x).value) <= 0x1p-80 * max(abs(x), 1e-300), "x = \(x)")
    }
    // log of a subnormal: log(Double.leastNonzeroMagnitude) = -1074 ln 2 (oracle: -744.4400719213812...).
    #expect(Self.ulps(StableMath.logDoubleDouble(Double.leastNonzeroMagnitude).value, -744.4400719213812623141073) <= 0.5)
  }
}
