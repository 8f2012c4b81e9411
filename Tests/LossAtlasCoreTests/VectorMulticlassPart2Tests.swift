import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// The vector functions and multiclass losses of catalog part 2 (logsumexp,
/// softmin, sparsemax, nll, multiclass-perceptron, poly-cross-entropy,
/// info-nce, sparsemax-loss) beyond the golden vectors: identities with
/// other catalog functions, exact cases, the traps CATALOG.md names
/// (sparsemax's threshold with ties, poly-1 with p_k within an ulp of 1,
/// info-nce's s / tau), their 1-D slices against the general evaluator,
/// and domain errors. Every expected number says where it comes from.
@Suite struct VectorMulticlassPart2Tests {
  // MARK: - Helpers

  static func evaluate(_ id: String, _ params: [String: Double], _ args: [String: ArgumentValue]) throws
    -> Evaluation
  {
    try Catalog.function(named: id).evaluate(parameters: params, arguments: args)
  }

  static func evaluate(_ id: String, _ args: [String: ArgumentValue]) throws -> Evaluation {
    try evaluate(id, [:], args)
  }

  static func loss(_ id: String, _ s: [Double], _ k: Int) throws -> (value: Double, gradient: [Double]) {
    try loss(id, [:], s, k)
  }

  static func loss(_ id: String, _ params: [String: Double], _ s: [Double], _ k: Int) throws -> (
    value: Double, gradient: [Double]
  ) {
    let e = try evaluate(id, params, ["s": .vector(s), "k": .integer(k)])
    guard case .scalar(let v) = e.value, case .vector(let g)? = e.gradient("s") else {
      Issue.record("\(id): unexpected shapes")
      return (.nan, [])
    }
    return (v, g)
  }

  static func activation(_ id: String, _ z: [Double]) throws -> (value: [Double], jacobian: [[Double]]) {
    let e = try evaluate(id, ["z": .vector(z)])
    guard case .vector(let v) = e.value, case .matrix(let j)? = e.gradient("z") else {
      Issue.record("\(id): unexpected shapes")
      return ([], [])
    }
    return (v, j)
  }

  /// The distance in ulps (of the larger magnitude) between two Doubles.
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    guard a.isFinite, b.isFinite else { return .infinity }
    return abs(a - b) / max(abs(a), abs(b), Double.leastNormalMagnitude).ulp
  }

  static let vectors: [[Double]] = [
    [0, 0], [1, 2, 3], [0.3, -1.2, 2.5, 0, -0.7], [1000, 0, -1000], [-745, 0, 709],
    [36, 37, 38, -36, -37, -38, 0, 1e-300, -1e-300, 20], [1e300, -1e300], [1.5, 0.5, 0.5], [3, 3, 2, 2],
    [0.75, 0.25, 0, -0.25], (0..<10).map(Double.init), [1, 1.0.nextUp, 1.0.nextUp.nextUp],
  ]

  // MARK: - logsumexp

  @Test("logsumexp: gradient is softmax(z) bit for bit, value m + log S kept in double-double where it cancels")
  func logSumExp() throws {
    for z in Self.vectors {
      let e = try Self.evaluate("logsumexp", ["z": .vector(z)])
      let softmax = try Self.activation("softmax", z)
      #expect(e.gradient("z") == .vector(softmax.value), "the gradient of logsumexp is softmax: z = \(z)")
      // logsumexp(z) = z_i - log-softmax(z)_i (identity; log-softmax to an ulp).
      let logSoftmax = try Self.activation("log-softmax", z)
      let i = z.firstIndex(of: z.max()!)!
      #expect(abs(e.value.scalarValue! - (z[i] - logSoftmax.value[i])) <= 2 * max(1, abs(z[i])).ulp, "z = \(z)")
    }
    // z = [x, 0] is softplus(x) (catalog's softplus, an independent kernel).
    for x in [-800.0, -40, -1, -1e-10, 0, 1e-300, 0.5, 3, 40, 709.78, 1e300] {
      let lse = try Self.evaluate("logsumexp", ["z": .vector([x, 0])]).value.scalarValue!
      let sp = try Self.evaluate("softplus", ["x": .real(x)]).value.scalarValue!
      #expect(Self.ulps(lse, sp) <= 2, "x = \(x): \(lse) vs softplus \(sp)")
    }
    // [-fl(ln 3)] * 3: exact ln 3 - fl(ln 3) = -9.0712972350015300422e-17
    // (mpmath, 50 digits); the plain m + log(S) gives 0. The double-double
    // log S (about 2^-86 of ln 3, 1.4e-26) bounds the error.
    let third = try Self.evaluate("logsumexp", ["z": .vector([-log(3.0), -log(3.0), -log(3.0)])]).value.scalarValue!
    let exactThird = -9.0712972350015300422e-17
    #expect(abs(third - exactThird) <= 1.4e-26, "\(third)")
    // Huge and tiny entries: the maximum plus a log1p far below its ulp.
    #expect(try Self.evaluate("logsumexp", ["z": .vector([1e308, 1e308])]).value.scalarValue! == 1e308)
    #expect(try Self.evaluate("logsumexp", ["z": .vector([-1e308, -1.7e308])]).value.scalarValue! == -1e308)
    #expect(try Self.evaluate("logsumexp", ["z": .vector([5e-324])]).value.scalarValue! == 5e-324)
  }

  // MARK: - softmin

  @Test("softmin is softmax(-z) bit for bit, and its Jacobian the negated Jacobian of softmax at -z")
  func softmin() throws {
    for z in Self.vectors {
      let softmin = try Self.activation("softmin", z)
      let softmax = try Self.activation("softmax", z.map { -$0 })
      #expect(softmin.value == softmax.value, "z = \(z)")
      #expect(softmin.jacobian == softmax.jacobian.map { $0.map { -$0 } }, "z = \(z)")
      for row in softmin.jacobian {
        let scale = row.map(abs).max() ?? 0
        #expect(abs(row.reduce(0, +)) <= Double(z.count + 2) * Double.ulpOfOne * scale, "rows sum to 0: z = \(z)")
      }
    }
    // z = [40, 0]: J_00 = -p_0 (1 - p_0) = -e^-40 / (1 + e^-40)^2 = -4.248354255291588e-18
    // (mpmath), not 0 as 1 - p_0 would give.
    let j00 = try Self.activation("softmin", [40, 0]).jacobian[0][0]
    #expect(Self.ulps(j00, -4.248354255291588e-18) <= 2, "\(j00)")
  }

  // MARK: - sparsemax

  /// tau by the catalog's definition in plain Double: the largest (top-k sum - 1) / k.
  static func referenceThreshold(_ z: [Double]) -> Double {
    let sorted = z.sorted(by: >)
    var cum = 0.0
    var best = -Double.infinity
    for (r, x) in sorted.enumerated() {
      cum += x
      best = max(best, (cum - 1) / Double(r + 1))
    }
    return best
  }

  @Test("sparsemax on dyadic inputs equals the catalog's definition exactly; J is a symmetric projection")
  func sparsemaxExact() throws {
    // Small dyadic entries: every partial sum and tau are exact in Double,
    // so the textbook algorithm is exact here and must agree bit for bit.
    let dyadic: [[Double]] = [
      [0, 0], [0.5, 0.5], [1, 0], [2, 1, 0], [1.5, 0.5, 0.5], [3, 3, 2], [3, 3, 2, 2], [0.25, 0.25, -0.5, -0.5],
      [0.75, 0.25, 0, -0.25], [1, 0.5, 0, -0.5, -1], [5, 4.5, 4.25, 4, 3], [1.5, -0.25, 3, 0.125, -7, 2, 2, 11, -0.5, 0],
      [-4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], [1, 1, 1, 1],
    ]
    for z in dyadic {
      let (p, jac) = try Self.activation("sparsemax", z)
      let tau = Self.referenceThreshold(z)
      #expect(p == z.map { max($0 - tau, 0) }, "z = \(z): \(p), tau = \(tau)")
      let support = z.indices.filter { z[$0] > tau }
      let n = Double(support.count)
      for i in z.indices {
        for j in z.indices {
          let expected = support.contains(i) && support.contains(j) ? (i == j ? 1 : 0) - 1 / n : 0
          #expect(jac[i][j] == expected, "z = \(z): J[\(i)][\(j)]")
        }
      }
    }
  }

  @Test("sparsemax: ties enter or leave the support together; an entry exactly at tau is outside")
  func sparsemaxTies() throws {
    // [1.5, 0.5, 0.5]: tau = 0.5 exactly, both 0.5 entries are at tau: p = [1, 0, 0], J = 0.
    var (p, jac) = try Self.activation("sparsemax", [1.5, 0.5, 0.5])
    #expect(p == [1, 0, 0] && jac.allSatisfy { $0.allSatisfy { $0 == 0 } })
    // One ulp above: [1.5, 0.5 + 2^-53, 0.5] has S = {0, 1}, tau = 0.5 + 2^-54,
    // p_1 = 2^-54 exactly; p_0 = 1 - 2^-54 is a tie between Doubles and rounds to 1 (even).
    (p, jac) = try Self.activation("sparsemax", [1.5, 0.5.nextUp, 0.5])
    #expect(p == [1, 0x1p-54, 0], "\(p)")
    #expect(jac[0][1] == -0.5 && jac[1][1] == 0.5 && jac[2] == [0, 0, 0])
    // Eight 1s and eight 1 + 2^-52: all in S (1 + 16 z_(16) > sum), p_i = 1/16 -+ 2^-53.
    let z = Array(repeating: 1.0, count: 8) + Array(repeating: 1.0.nextUp, count: 8)
    (p, jac) = try Self.activation("sparsemax", z)
    #expect(p == Array(repeating: 0.0625 - 0x1p-53, count: 8) + Array(repeating: 0.0625 + 0x1p-53, count: 8), "\(p)")
    #expect(jac[0][0] == 15.0 / 16 && jac[0][15] == -1.0 / 16)
    // Shift invariance where the shift is exact: + 1e6 changes nothing.
    for v in [[0.3, -1.2, 2.5, 0, -0.7], [1.5, 0.5, 0.5], [3, 3, 2, 2]] {
      let a = try Self.activation("sparsemax", v)
      let b = try Self.activation("sparsemax", v.map { $0 + 1e6 })
      let exactShift = v.allSatisfy { ($0 + 1e6) - 1e6 == $0 }
      if exactShift { #expect(a.value == b.value && a.jacobian == b.jacobian, "\(v)") }
    }
    // Spreads over 600 decades: only the top entries count.
    (p, _) = try Self.activation("sparsemax", [1e300, 1e300, -1e300, 1e-300])
    #expect(p == [0.5, 0.5, 0, 0])
    (p, _) = try Self.activation("sparsemax", [1.7976931348623157e308, -1.7976931348623157e308])
    #expect(p == [1, 0])
  }

  // MARK: - sparsemax-loss

  @Test("sparsemax-loss: the catalog's form where it is exact, 1/16 where the catalog's form fails, gradient sparsemax - onehot")
  func sparsemaxLoss() throws {
    // Catalog form in Double on small dyadic scores: every operation exact.
    func catalogForm(_ s: [Double], _ k: Int) -> Double {
      let tau = Self.referenceThreshold(s)
      var sum = 0.0
      for x in s where x > tau { sum += x * x - tau * tau }
      return -s[k] + 0.5 * sum + 0.5
    }
    let dyadic: [[Double]] = [[0, 0], [1, 0], [2, 1, 0], [1.5, 0.5, 0.5], [3, 3, 2, 2], [0.75, 0.25, 0, -0.25], [5, 4.5, 4.25, 4, 3]]
    for s in dyadic {
      let p = try Self.activation("sparsemax", s).value
      for k in s.indices {
        let (value, gradient) = try Self.loss("sparsemax-loss", s, k)
        #expect(value == catalogForm(s, k), "s = \(s), k = \(k)")
        var expected = p
        expected[k] -= 1
        #expect(gradient == expected, "s = \(s), k = \(k)")
        #expect(value >= 0)
      }
    }
    // [1e8, 1e8 - 0.5], k = 0: p = [3/4, 1/4], L = |p - e_0|^2 / 2 = 1/16
    // exactly; the catalog's form in Double gives 0.5 (the squares 1e16
    // have ulp 2), as the implementation note says.
    let big: [Double] = [1e8, 1e8 - 0.5]
    #expect(try Self.loss("sparsemax-loss", big, 0).value == 0.0625)
    #expect(catalogForm(big, 0) == 0.5)
    // Zero exactly when s_k leads the others by at least 1 (p = onehot(k)).
    #expect(try Self.loss("sparsemax-loss", [2, 1, 0], 0) == (0, [0, 0, 0]))
    #expect(try Self.loss("sparsemax-loss", [2, 1.0.nextDown, 0], 0).value == 0)
    // Scores whose squares overflow: s = [1e300, 1e300, -1e300], k = 2:
    // L = tau - s_2 + (1 + 1/2) / 2 = (1e300 - 1/2) + 1e300 + 3/4 = 2e300 (rounded).
    #expect(try Self.loss("sparsemax-loss", [1e300, 1e300, -1e300], 2).value == 2e300)
    #expect(try Self.loss("sparsemax-loss", [1.7976931348623157e308, -1.7976931348623157e308], 1).value == .infinity)
  }

  // MARK: - info-nce and poly-cross-entropy

  @Test("info-nce at a power-of-two tau is cross-entropy of s / tau (exact quotients), gradient divided by tau")
  func infoNCE() throws {
    for s in Self.vectors where s.count >= 2 && s.allSatisfy({ abs($0) < 1e300 }) {
      for tau in [0.25, 1.0, 0x1p-10] {
        for k in [0, s.count - 1] {
          let info = try Self.loss("info-nce", ["tau": tau], s, k)
          let ce = try Self.loss("cross-entropy", [:], s.map { $0 / tau }, k)
          #expect(Self.ulps(info.value, ce.value) <= 1, "s = \(s), tau = \(tau), k = \(k)")
          for j in s.indices {
            #expect(Self.ulps(info.gradient[j], ce.gradient[j] / tau) <= 1, "s = \(s), tau = \(tau), k = \(k), j = \(j)")
          }
        }
      }
    }
    // tau = 2^-1000 and s = [3, 0] 2^-1000: s / tau = [3, 0] exactly, so the
    // gradient is cross-entropy's times 2^1000 (no 1 / tau overflow on the way).
    let tau = 0x1p-1000
    let info = try Self.loss("info-nce", ["tau": tau], [3 * tau, 0], 1)
    let ce = try Self.loss("cross-entropy", [:], [3, 0], 1)
    #expect(info.value == ce.value)
    #expect(info.gradient == ce.gradient.map { $0 * 0x1p1000 })
    // optax's stability test in spirit: the largest logit 1e300 / 0.1 beside 0.
    #expect(try Self.loss("info-nce", ["tau": 0.1], [1e300, 0], 0) == (0, [0, 0]))
    // k = 1: L = 1e300 / 0.1 (the quotient of the two Doubles, correctly rounded, as IEEE division is) + 0.
    #expect(try Self.loss("info-nce", ["tau": 0.1], [1e300, 0], 1).value == 1e300 / 0.1)
  }

  @Test("poly-cross-entropy: epsilon = 0 is cross-entropy; p_k within an ulp of 1 keeps both terms")
  func polyCrossEntropy() throws {
    for s in Self.vectors where s.count >= 2 {
      for k in [0, s.count - 1] {
        let poly = try Self.loss("poly-cross-entropy", ["epsilon": 0], s, k)
        let ce = try Self.loss("cross-entropy", [:], s, k)
        #expect(Self.ulps(poly.value, ce.value) <= 1, "s = \(s), k = \(k)")
        for j in s.indices { #expect(Self.ulps(poly.gradient[j], ce.gradient[j]) <= 1, "s = \(s), k = \(k), j = \(j)") }
        // The gradient sums to 0 (sum_j p_j F - c F = 0) up to rounding.
        let g = try Self.loss("poly-cross-entropy", ["epsilon": 2], s, k).gradient
        #expect(abs(g.reduce(0, +)) <= Double(s.count + 2) * Double.ulpOfOne * (g.map(abs).max() ?? 0), "s = \(s)")
      }
    }
    // s = [40, 0], k = 0 (the optax measurement's point): with c = e^-40 / (1 + e^-40),
    // epsilon = 2: L = log1p(e^-40) + 2c = 1.2745062765874766941e-17 (mpmath),
    // gradient -c (1 + 2 p_0) = -3c(1 - c)... to first order -1.2745e-17;
    // epsilon = -1: L = -log(1 - c) - c = 9.0242569392270758104e-36 (mpmath).
    let two = try Self.loss("poly-cross-entropy", ["epsilon": 2], [40, 0], 0)
    #expect(Self.ulps(two.value, 1.2745062765874766941e-17) <= 1, "\(two.value)")
    #expect(Self.ulps(-two.gradient[0], two.gradient[1]) <= 1 && two.gradient[0] < -1.27e-17)
    let minusOne = try Self.loss("poly-cross-entropy", ["epsilon": -1], [40, 0], 0)
    #expect(Self.ulps(minusOne.value, 9.0242569392270758104e-36) <= 1, "\(minusOne.value)")
    // e^-800 is below the Double range, e^-800 * 0.5 too: 0, never NaN.
    let far = try Self.loss("poly-cross-entropy", ["epsilon": -0.5], [0, -800], 0)
    #expect(far.value == 0 && far.gradient.allSatisfy { $0 == 0 })
  }

  // MARK: - nll, multiclass-perceptron

  @Test("nll and multiclass-perceptron: exact values and the catalog's subgradients at ties")
  func linearLosses() throws {
    #expect(try Self.loss("nll", [-0.5, -1.25, 3], 1) == (1.25, [0, -1, 0]))
    #expect(try Self.loss("nll", [1e308, -1e308], 0) == (-1e308, [-1, 0]))
    // The first largest score takes +1 when L > 0.
    #expect(try Self.loss("multiclass-perceptron", [1, 3, 3, 2], 0) == (2, [-1, 1, 0, 0]))
    // s_k among the largest: L = 0, gradient 0 (optax splits it: see the conventions).
    #expect(try Self.loss("multiclass-perceptron", [1, 1, 0], 0) == (0, [0, 0, 0]))
    #expect(try Self.loss("multiclass-perceptron", [3, 1, 3], 2) == (0, [0, 0, 0]))
    // A difference beyond the Double range is +inf (the exact value is).
    #expect(try Self.loss("multiclass-perceptron", [1.7976931348623157e308, -1.7976931348623157e308], 1).value == .infinity)
    #expect(try Self.loss("multiclass-perceptron", [1, 1.0.nextUp], 0).value == 0x1p-52)
  }

  // MARK: - Gradients against differences of the value

  @Test("the loss gradients are the derivatives of the values (Richardson differences at moderate scores)")
  func gradientsAreDerivatives() throws {
    let points: [[Double]] = [[0.3, -1.2, 2.5, 0, -0.7], [0.1, 0.2, 0.3], [1.5, -0.25, 1.125], [0.75, 0.2, 0, -0.3]]
    let settings: [(String, [String: Double])] = [
      ("logsumexp", [:]), ("poly-cross-entropy", ["epsilon": 2]), ("poly-cross-entropy", ["epsilon": -1]),
      ("poly-cross-entropy", ["epsilon": -0.5]), ("info-nce", ["tau": 0.1]), ("info-nce", ["tau": 1]),
      ("sparsemax-loss", [:]), ("nll", [:]),
    ]
    for (id, params) in settings {
      for s in points {
        for k in id == "logsumexp" ? [0] : [0, 2] {
          func value(_ v: [Double]) throws -> Double {
            id == "logsumexp"
              ? try Self.evaluate(id, params, ["z": .vector(v)]).value.scalarValue!
              : try Self.loss(id, params, v, k).value
          }
          let e = try Self.evaluate(id, params, id == "logsumexp" ? ["z": .vector(s)] : ["s": .vector(s), "k": .integer(k)])
          guard case .vector(let g)? = e.gradient(id == "logsumexp" ? "z" : "s") else { continue }
          for j in s.indices {
            let numeric = NumericalDerivative.richardson(
              { t in
                var v = s
                v[j] += t
                return (try? value(v)) ?? .nan
              }, at: 0, step: 1e-3)
            #expect(
              NumericalDerivative.agree(g[j], numeric, relative: 1e-6, absolute: 1e-8),
              "\(id) \(params) s = \(s), k = \(k), j = \(j): \(g[j]) vs \(numeric)")
          }
        }
      }
    }
  }

  // MARK: - Slices against the general evaluator

  @Test("the 1-D slice views agree with the general evaluator (within 4 ulp or the input sensitivity)")
  func slicesMatchEvaluator() throws {
    let xs: [Double] =
      (-60...60).map { Double($0) / 8 } + [
        0, -0.0, 5e-324, -5e-324, 1e-300, 1e-8, -1e-8, 1.0.nextUp, 1.0.nextDown, -1.0.nextUp, -1.0.nextDown, 36.7, -36.7,
        40, -40, 700, -700, 745.2, -745.2, 1e10, -1e10, 1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308,
      ]
    let settings: [(String, [String: Double])] = [
      ("logsumexp", [:]), ("softmin", [:]), ("sparsemax", [:]), ("nll", [:]), ("multiclass-perceptron", [:]),
      ("poly-cross-entropy", ["epsilon": -1]), ("poly-cross-entropy", ["epsilon": -0.5]),
      ("poly-cross-entropy", ["epsilon": 0]), ("poly-cross-entropy", ["epsilon": 2]), ("info-nce", ["tau": 0.1]),
      ("info-nce", ["tau": 1]), ("info-nce", ["tau": 1e-4]), ("sparsemax-loss", [:]),
    ]
    for (id, params) in settings {
      let spec = try Catalog.function(named: id)
      let view = spec.views(try spec.validateParameters(params))[0]
      for x in xs {
        let j = view.evaluate(x)
        #expect(!j.value.isNaN && !j.d1.isNaN && !j.d2.isNaN, "\(id) \(params) x = \(x): \(j)")
        let value: Double
        let d1: Double
        if spec.family == .vectorActivation {
          let e = try spec.evaluate(parameters: params, arguments: ["z": .vector([x, 0])])
          switch (e.value, e.gradient("z")) {
          case (.scalar(let v), .vector(let g)?):
            value = v
            d1 = g[0]
          case (.vector(let v), .matrix(let m)?):
            value = v[0]
            d1 = m[0][0]
          default:
            Issue.record("\(id): unexpected shapes")
            continue
          }
        } else {
          (value, d1) = try { () throws -> (Double, Double) in
            let l = try Self.loss(id, params, [x, 0], 0)
            return (l.value, l.gradient[0])
          }()
        }
        let u = x == 0 || !x.isNormal ? 0 : x.ulp
        func close(_ a: Double, _ b: Double, _ sensitivity: Double) -> Bool {
          a == b || Self.ulps(a, b) <= 4 || abs(a - b) <= max(1e-300, 4 * sensitivity)
        }
        #expect(close(j.value, value, abs(j.d1) * u), "\(id) \(params) x = \(x): view \(j.value) vs \(value)")
        #expect(close(j.d1, d1, abs(j.d2) * u), "\(id) \(params) x = \(x): view d1 \(j.d1) vs \(d1)")
      }
    }
  }

  // MARK: - Names and domain errors

  @Test("ntxent resolves to info-nce; bad parameters and class indices are clear errors")
  func namesAndErrors() throws {
    #expect(try Catalog.function(named: "ntxent").id == "info-nce")
    #expect(try Catalog.function(named: "NT_Xent").id == "info-nce")
    func message(_ id: String, _ params: [String: Double], _ args: [String: ArgumentValue]) -> String? {
      do {
        _ = try Self.evaluate(id, params, args)
        return nil
      } catch {
        return (error as? CatalogError)?.message ?? "\(error)"
      }
    }
    #expect(
      message("info-nce", ["tau": 0], ["s": .vector([1, 2]), "k": .integer(0)])
        == "parameter tau = 0.0 of info-nce is outside its range: allowed (0, inf)")
    #expect(
      message("poly-cross-entropy", ["epsilon": -1.5], ["s": .vector([1, 2]), "k": .integer(0)])
        == "parameter epsilon = -1.5 of poly-cross-entropy is outside its range: allowed [-1, inf)")
    #expect(
      message("sparsemax-loss", [:], ["s": .vector([1, 2]), "k": .integer(2)])
        == "argument k = 2 of sparsemax-loss is outside its domain: k must be a class index from 0 to 1 (s has 2 classes)")
    #expect(message("nll", [:], ["s": .vector([1]), "k": .integer(0)]) != nil, "C >= 2")
    #expect(message("sparsemax", [:], ["z": .vector([])]) != nil, "C >= 1")
    #expect(message("logsumexp", [:], ["z": .vector([1, .infinity])]) != nil, "finite entries only")
  }
}
