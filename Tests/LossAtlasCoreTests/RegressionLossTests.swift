import LossAtlasCore
import TestSupport
import Testing

/// Identities, kinks, limits, extreme inputs and domain errors of the
/// regression losses. Every expected number says where it comes from.
@Suite struct RegressionLossTests {
  // MARK: - Helpers

  /// (value, gradient components in catalog order, f'') at one point.
  static func eval(
    _ id: String, _ params: [String: Double] = [:], yhat: Double, y: Double, extra: [String: Double] = [:]
  ) throws -> (value: Double, grad: [Double], d2: Double) {
    let spec = try Catalog.function(named: id)
    let predictionName = spec.predictionArgument
    var args: [String: ArgumentValue] = [predictionName: .real(yhat), "y": .real(y)]
    for (k, v) in extra { args[k] = .real(v) }
    let e = try spec.evaluate(parameters: params, arguments: args)
    return (e.value.scalarValue!, e.gradient.map { $0.tensor.scalarValue! }, e.secondDerivative ?? .nan)
  }

  /// |a - b| in units of the last place of b (0 when both are equal, also
  /// for infinities).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  /// Residuals over many scales and both signs, each formed as yhat - y
  /// with y = 0 (so r is exact) and with y = 1.5 or -2 (so it is not).
  static let residuals: [Double] = [
    1e-300, 3e-200, 1e-20, 1e-9, 1e-3, 0.1, 0.37, 0.5, 0.99, 1, 1.0000001, 1.7, 2, 3, 7.5, 20, 40, 300, 1e5, 1e10,
  ].flatMap { [$0, -$0] }
  static let targets: [Double] = [0, 1.5, -2]

  // MARK: - Identities

  @Test("gaussian-nll with var = 1 is mse / 2 (log 1 = 0), gradient in yhat mse' / 2")
  func gaussianIsHalfMSE() throws {
    for r in Self.residuals {
      for y in Self.targets {
        let g = try Self.eval("gaussian-nll", yhat: r + y, y: y, extra: ["var": 1])
        let m = try Self.eval("mse", yhat: r + y, y: y)
        // Both are correctly rounded images of r^2/2 and r^2 (exact halving).
        #expect(g.value == m.value / 2, "r = \(r), y = \(y): \(g.value) vs \(m.value / 2)")
        #expect(g.grad[0] == m.grad[0] / 2, "r = \(r), y = \(y)")
        // dL/dvar at var = 1 is (1 - r^2) / 2; the Double expression (1 - mse)/2 carries the
        // rounding of mse (half an ulp of r^2) as an absolute error.
        #expect(abs(g.grad[1] - (1 - m.value) / 2) <= 2e-16 * max(1, m.value), "r = \(r), y = \(y)")
      }
    }
  }

  @Test("huber(delta) = delta * smooth-l1(beta = delta), gradients too", arguments: [0.5, 1, 2, 4, 1e-3])
  func huberIsDeltaTimesSmoothL1(delta: Double) throws {
    for r in Self.residuals + [delta, -delta, delta.nextUp, delta.nextDown] {
      for y in Self.targets {
        let h = try Self.eval("huber", ["delta": delta], yhat: r + y, y: y)
        let s = try Self.eval("smooth-l1", ["beta": delta], yhat: r + y, y: y)
        // Identity of the catalog's formulas: r^2/2 = delta r^2/(2 delta), delta(|r| - delta/2) = delta (|r| - beta/2).
        // Each side is rounded once, the product delta * s once more: 2 ulp.
        #expect(Self.ulps(delta * s.value, h.value) <= 2, "delta = \(delta), r = \(r), y = \(y): \(h.value) vs \(delta * s.value)")
        #expect(Self.ulps(delta * s.grad[0], h.grad[0]) <= 2, "delta = \(delta), r = \(r), y = \(y)")
      }
    }
  }

  @Test("barron alpha = 2, c = 1 is mse / 2; alpha = 2 with c scales as (r/c)^2/2")
  func barronQuadratic() throws {
    for r in Self.residuals {
      for y in Self.targets {
        let b = try Self.eval("barron", ["alpha": 2, "c": 1], yhat: r + y, y: y)
        let m = try Self.eval("mse", yhat: r + y, y: y)
        #expect(b.value == m.value / 2 && b.grad[0] == m.grad[0] / 2, "r = \(r), y = \(y)")
        #expect(b.d2 == 1)
        let b4 = try Self.eval("barron", ["alpha": 2, "c": 4], yhat: r + y, y: y)
        // (r/4)^2/2 = mse/32 exactly (powers of two).
        #expect(b4.value == m.value / 32 || m.value / 32 < 1e-300, "r = \(r), y = \(y)")
      }
    }
  }

  @Test("barron alpha = 1 is pseudo-Huber sqrt(x^2 + 1) - 1 = x^2 / (sqrt(x^2 + 1) + 1)")
  func barronPseudoHuber() throws {
    for x in Self.residuals where abs(x) < 1e150 {
      for c in [0.5, 1, 3] {
        let b = try Self.eval("barron", ["alpha": 1, "c": c], yhat: x * c, y: 0)
        let xc = (x * c) / c  // the exact x of this input, to within an ulp
        // The cancellation-free form, evaluated in Double: a few ulp of its own.
        let expected = xc * xc / ((xc * xc + 1).squareRoot() + 1)
        // The reference rounds x and then about 4 more times (<= 3 ulp); ours is within 2.
        #expect(Self.ulps(b.value, expected) <= 5, "x = \(x), c = \(c): \(b.value) vs \(expected)")
        // f' = (x/c) / sqrt(x^2 + 1)
        let d1 = xc / c / (xc * xc + 1).squareRoot()
        #expect(Self.ulps(b.grad[0], d1) <= 5, "x = \(x), c = \(c)")
      }
    }
  }

  @Test("barron is continuous in alpha at the limits 0 and 2 (alpha = 1e-6, 2 +- 1e-9)")
  func barronContinuity() throws {
    for x in [1e-5, 0.3, 1, 2.5, 10, 1e3, 1e8] {
      let v0 = try Self.eval("barron", ["alpha": 0, "c": 1], yhat: x, y: 0)
      let vEps = try Self.eval("barron", ["alpha": 1e-6, "c": 1], yhat: x, y: 0)
      // d/dalpha at 0 is log1p(x^2/2)^2 / 4 + O(x^2 ...): the difference is
      // at most about 1e-6 * (log1p(x^2/2))^2, relative 1e-6 * log1p(x^2/2).
      let l = log1p(x * x / 2)
      #expect(abs(vEps.value - v0.value) <= 1e-6 * (l * l + l), "x = \(x)")
      #expect(abs(vEps.grad[0] - v0.grad[0]) <= 1e-5 * abs(v0.grad[0]) * max(1, l), "x = \(x)")
      let v2 = try Self.eval("barron", ["alpha": 2, "c": 1], yhat: x, y: 0)
      for a in [2 - 1e-9, 2 + 1e-9] {
        let va = try Self.eval("barron", ["alpha": a, "c": 1], yhat: x, y: 0)
        // Near alpha = 2 the loss moves by about 1e-9 * x^2 log(x^2) relative.
        #expect(abs(va.value - v2.value) <= 1e-7 * v2.value * max(1, log(x * x)), "alpha = \(a), x = \(x)")
      }
    }
  }

  @Test("quantile with tau = 0.5 is mae / 2 (both correctly rounded, halving exact)")
  func quantileHalfIsHalfMAE() throws {
    for r in Self.residuals {
      for y in Self.targets {
        let q = try Self.eval("quantile", ["tau": 0.5], yhat: r + y, y: y)
        let m = try Self.eval("mae", yhat: r + y, y: y)
        #expect(q.value == m.value / 2 && q.grad[0] == m.grad[0] / 2, "r = \(r), y = \(y)")
      }
    }
  }

  @Test("log-cosh: f'' = sech^2 r agrees with 1 - tanh^2 r where that does not cancel (|r| <= 1)")
  func logCoshSecondDerivative() throws {
    for r in Self.residuals where abs(r) <= 1 {
      let j = try Self.eval("log-cosh", yhat: r, y: 0)
      let t = tanh(r)
      // 1 - t^2 has an absolute rounding error of about 2^-53; on |r| <= 1 it is >= 0.42.
      #expect(abs(j.d2 - (1 - t * t)) <= 4e-16, "r = \(r)")
      #expect(j.grad[0] == t || Self.ulps(j.grad[0], t) <= 1, "r = \(r)")
    }
  }

  // MARK: - Kinks and tiny residuals

  @Test("kinks: the catalog's pieces at |r| = delta, beta and at r = 0")
  func kinks() throws {
    // huber owns |r| = delta with the quadratic piece: value delta^2/2, gradient r.
    let h = try Self.eval("huber", ["delta": 2], yhat: 3.5, y: 1.5)
    #expect(h.value == 2 && h.grad[0] == 2 && h.d2 == 1)
    // smooth-l1 owns |r| = beta with the linear piece: value beta/2, gradient 1, f'' 0.
    let s = try Self.eval("smooth-l1", ["beta": 2], yhat: -0.5, y: 1.5)
    #expect(s.value == 1 && s.grad[0] == -1 && s.d2 == 0)
    // Subgradient 0 at r = 0 for mae, smooth-l1 with beta = 0 and quantile.
    #expect(try Self.eval("mae", yhat: 1.5, y: 1.5).grad[0] == 0)
    #expect(try Self.eval("smooth-l1", ["beta": 0], yhat: -2, y: -2).grad[0] == 0)
    for tau in [0.1, 0.5, 0.9] {
      #expect(try Self.eval("quantile", ["tau": tau], yhat: 1.5, y: 1.5).grad[0] == 0)
      // Over-prediction (u < 0): gradient 1 - tau; under-prediction: -tau.
      #expect(try Self.eval("quantile", ["tau": tau], yhat: 2, y: 1.5).grad[0] == 1 - tau)
      #expect(try Self.eval("quantile", ["tau": tau], yhat: 1, y: 1.5).grad[0] == -tau)
    }
  }

  @Test("the exact residual decides the piece: a residual that rounds onto the kink")
  func pieceChoiceOnExactResidual() throws {
    // yhat = 1 + 2^-52, y = 2^-53 + 2^-105... : r = 1 + 2^-52 - 2^-54 rounds to 1 + 2^-52 but is
    // below it; with delta = 1 + 2^-52 the exact |r| < delta (quadratic piece), the
    // rounded one equals delta. Both pieces give the same value there; the
    // gradient is r (not delta) on the quadratic piece.
    let delta = 1 + 0x1p-52
    let y = 0x1p-54
    let h = try Self.eval("huber", ["delta": delta], yhat: delta, y: y)
    #expect(h.d2 == 1, "quadratic piece expected")
    #expect(h.grad[0] == delta && h.value == 0.5 + 0x1p-52)  // r rounded; r^2/2 = 1/2 + 2^-52 - 2^-54 + ... rounds to 1/2 + 2^-52
    // smooth-l1 with the same numbers: |r| < beta exactly, so the quadratic piece (f'' = 1/beta),
    // although the rounded residual equals beta (the linear piece would give f'' = 0).
    let s = try Self.eval("smooth-l1", ["beta": delta], yhat: delta, y: y)
    #expect(s.d2 == 1 / delta)
  }

  @Test("tiny residuals keep their digits (optax: huber gradient 0 near 1e-15, log_cosh 0 near 1e-9)")
  func tinyResiduals() throws {
    for r in [1e-15, -1e-15, 1e-300, Double.leastNonzeroMagnitude] {
      #expect(try Self.eval("huber", yhat: r, y: 0).grad[0] == r)
    }
    // log cosh r = r^2/2 - r^4/12 + ...: at r = 1e-9, r^2/2 = 5e-19 to the last bit.
    let l = try Self.eval("log-cosh", yhat: 1e-9, y: 0)
    #expect(Self.ulps(l.value, 1e-9 * 1e-9 / 2) <= 1)
    #expect(l.grad[0] == 1e-9)
    // mse of a residual that is not a Double: yhat = 1 + 2^-52, y = 2^-54 + 2^-60, so
    // r = 1 + 2^-52 - 2^-54 - 2^-60 rounds to 1 + 2^-52 (whose square rounds to 1 + 2^-51), but
    // r^2 = 1 + 1.5 * 2^-52 - 2^-59 + O(2^-104) lies below the midpoint: nearest Double 1 + 2^-52.
    let m = try Self.eval("mse", yhat: 1 + 0x1p-52, y: 0x1p-54 + 0x1p-60)
    #expect(m.value == 1 + 0x1p-52)
  }

  // MARK: - Extremes and limits

  @Test("huge residuals: infinities exactly where the exact result overflows, finite elsewhere")
  func hugeResiduals() throws {
    let big = Double.greatestFiniteMagnitude
    // r = 2e300: r^2 overflows, exact too.
    let m = try Self.eval("mse", yhat: 1e300, y: -1e300)
    #expect(m.value == .infinity && m.grad[0] == 4e300)
    // r = 2 max: the residual itself overflows; 0.1 |u| = 0.2 max is finite.
    let q = try Self.eval("quantile", ["tau": 0.1], yhat: -big, y: big)
    #expect(q.value == 2 * (0.1 * big) && q.grad[0] == -0.1)
    // huber with delta = 0.5 at r = 2 max: 0.5 (2 max - 0.25) = max (rounded).
    let h = try Self.eval("huber", ["delta": 0.5], yhat: big, y: -big)
    #expect(h.value == big && h.grad[0] == 0.5)
    // log-cosh |r| - log 2 for |r| > 710, no overflow; tanh = 1.
    let l = try Self.eval("log-cosh", yhat: 1000, y: 0)
    #expect(l.value == 1000 - 0.6931471805599453 && l.grad[0] == 1)
    // r = -2e300 is finite: 2e300 - log 2 rounds to 2e300; r = -2 max overflows: inf.
    #expect(try Self.eval("log-cosh", yhat: -1e300, y: 1e300).value == 2e300)
    #expect(try Self.eval("log-cosh", yhat: -big, y: big).value == .infinity)
    // gaussian-nll: r^2 = 4e600 overflows, r^2 / var = 4e300 does not: (log 1e300 + 4e300)/2 = 2e300.
    let g = try Self.eval("gaussian-nll", yhat: 1e300, y: -1e300, extra: ["var": 1e300])
    #expect(Self.ulps(g.value, 2e300) <= 1 && g.grad[0] == 2)
    // var = 5e-324 with r = 1: (log var + 1/var)/2 = inf (1/var = 2e323), dvar = -1/(2 var^2) = -inf.
    let gs = try Self.eval("gaussian-nll", yhat: 1, y: 0, extra: ["var": .leastNonzeroMagnitude])
    #expect(gs.value == .infinity && gs.grad[0] == .infinity && gs.grad[1] == -.infinity)
    // poisson-nll: e^z - y z for z = 710 (e^z > max) with y = e^710 / 710 is finite and small.
    let p = try Self.eval("poisson-nll", yhat: 709, y: 0)
    #expect(Self.ulps(p.value, 8.218407461554972e307) <= 1)  // e^709 (Python math.exp, correctly rounded)
    // e^z - y z at z = 710 (e^z = 2.23e308 > max) with y z close to it: finite.
    let z = 710.0
    let yRoot = 3.1464715016362125e305  // e^710 / 710 rounded (mpmath)
    // e^710 - 710 y = 1.365006389526536322e292 for this Double y (mpmath, 180 digits): a
    // cancellation of 16 digits between two numbers beyond the Double range. e^z is carried to
    // about 2^-67 relative (expMantissaExponent), so 1.6e16 * 2^-67 = 1.1e-4 relative is what remains (the
    // accuracy rule's sens clause, 710 ulp(y), is far wider).
    let pr = try Self.eval("poisson-nll", yhat: z, y: yRoot).value
    #expect(abs(pr / 1.3650063895265362e292 - 1) <= 2e-4, "\(pr)")
  }

  @Test("barron's limits far out: alpha < 0 tends to |alpha - 2|/|alpha|, -inf to 1, gradients to 0")
  func barronFarOut() throws {
    for (alpha, limit) in [(-2.0, 2.0), (-.infinity, 1.0), (-50.0, 52.0 / 50)] {
      let b = try Self.eval("barron", ["alpha": alpha, "c": 1], yhat: 1e100, y: 0)
      #expect(Self.ulps(b.value, limit) <= 2, "alpha = \(alpha): \(b.value)")
      #expect(b.grad[0] >= 0 && b.grad[0] < 1e-90, "alpha = \(alpha)")
    }
    // alpha = 1: f' -> 1/c; alpha = 0: f' = 2r/(r^2 + 2c^2) ~ 2/r.
    #expect(try Self.eval("barron", ["alpha": 1, "c": 0.5], yhat: 1e200, y: 0).grad[0] == 2)
    #expect(Self.ulps(try Self.eval("barron", ["alpha": 0, "c": 1], yhat: 1e200, y: 0).grad[0], 2e-200) <= 1)
    // alpha = 4: x^4/8 + x^2/2 overflows at x = 1e100; at x = 1e70 it is 1.25e279.
    #expect(try Self.eval("barron", ["alpha": 4, "c": 1], yhat: 1e100, y: 0).value == .infinity)
    // x = 2^230: x^4/8 + x^2/2 = 2^917 (1 + 2^-458) rounds to 2^917.
    #expect(try Self.eval("barron", ["alpha": 4, "c": 1], yhat: 0x1p230, y: 0).value == 0x1p917)
  }

  @Test("symmetric losses are even in r with odd gradients")
  func symmetry() throws {
    let cases: [(String, [String: Double])] = [
      ("mse", [:]), ("mae", [:]), ("huber", ["delta": 1]), ("smooth-l1", ["beta": 0.5]), ("log-cosh", [:]),
      ("barron", ["alpha": -2, "c": 1]), ("barron", ["alpha": 0.5, "c": 3]), ("barron", ["alpha": -.infinity, "c": 1]),
    ]
    for (id, params) in cases {
      for r in Self.residuals where r > 0 {
        let a = try Self.eval(id, params, yhat: r, y: 0)
        let b = try Self.eval(id, params, yhat: -r, y: 0)
        #expect(a.value == b.value && a.grad[0] == -b.grad[0] && a.d2 == b.d2, "\(id) \(params) r = \(r)")
      }
    }
  }

  @Test("second derivatives against closed forms")
  func secondDerivatives() throws {
    #expect(try Self.eval("mse", yhat: 3, y: 1).d2 == 2)
    #expect(try Self.eval("huber", yhat: 3, y: 1).d2 == 0)
    // barron alpha = 0: (1/c^2) (1 - s)/(1 + s)^2 with s = x^2/2; x = 2, c = 1: (1 - 2)/9.
    #expect(Self.ulps(try Self.eval("barron", ["alpha": 0, "c": 1], yhat: 2, y: 0).d2, -1.0 / 9) <= 2)
    // barron alpha = -2 at x = 2: s = 1, (1 + s)^(-3) (1 - 3s) = -2/8.
    #expect(Self.ulps(try Self.eval("barron", ["alpha": -2, "c": 1], yhat: 2, y: 0).d2, -0.25) <= 2)
    // barron alpha = -inf at x = 2: e^(-2) (1 - 4).
    #expect(Self.ulps(try Self.eval("barron", ["alpha": -.infinity, "c": 1], yhat: 2, y: 0).d2, -3 * exp(-2.0)) <= 2)
    // log-cosh at 30: sech^2 = 4 e^-60 / (1 + e^-60)^2, where 1 - tanh^2 is 0.
    #expect(Self.ulps(try Self.eval("log-cosh", yhat: 30, y: 0).d2, 4 * exp(-60.0)) <= 2)
    // poisson: e^z.
    #expect(Self.ulps(try Self.eval("poisson-nll", yhat: 2, y: 7).d2, exp(2.0)) <= 1)
    // gaussian-nll in var with r = 1: (2 - v)/(2 v^3); at v = 0.5: 1.5/0.25 = 6.
    let view = try Catalog.function(named: "gaussian-nll").views(ParameterValues())[1]
    #expect(Self.ulps(view.evaluate(0.5).d2, 6) <= 2)
    #expect(Self.ulps(view.evaluate(4).d2, -2.0 / 128) <= 2)
    #expect(view.evaluate(1).d1 == 0 && view.evaluate(1).value == 0.5)
  }

  @Test("no NaN for extreme pairs (yhat, y) in every loss and grid setting")
  func noNaNAtExtremes() throws {
    let xs: [Double] = [
      0, Double.leastNonzeroMagnitude, 1e-300, 1e-8, 1, 36, 710, 1e154, 1.5e154, 1e300, .greatestFiniteMagnitude,
    ].flatMap { [$0, -$0] }
    for spec in Catalog.all where spec.family == .regressionLoss {
      for params in parameterSettings(spec) {
        for a in xs {
          for b in xs {
            var args: [String: ArgumentValue] = [spec.predictionArgument: .real(a), "y": .real(abs(b))]
            if spec.id != "poisson-nll" { args["y"] = .real(b) }
            if spec.id == "gaussian-nll" { args["var"] = .real(max(abs(b), Double.leastNonzeroMagnitude)) }
            // Pairs outside a loss's domain (mape's y = 0, msle's y <= -1) are refused, not evaluated.
            guard (try? spec.validateArguments(args)) != nil else { continue }
            let e = try spec.evaluate(parameters: params.values, arguments: args)
            let all = [e.value.scalarValue!] + e.gradient.map { $0.tensor.scalarValue! } + [e.secondDerivative!]
            #expect(!all.contains { $0.isNaN }, "\(spec.id) \(params) \(args): \(all)")
          }
        }
      }
    }
  }

  // MARK: - Domain errors

  @Test("inputs outside the domain are errors that name the input and its range")
  func domainErrors() throws {
    func message(_ id: String, _ params: [String: Double], _ args: [String: Double]) -> String? {
      do {
        _ = try Catalog.function(named: id).evaluate(parameters: params, arguments: args.mapValues { .real($0) })
        return nil
      } catch {
        return error.message
      }
    }
    #expect(
      message("gaussian-nll", [:], ["yhat": 0, "y": 0, "var": 0])
        == "argument var = 0.0 of gaussian-nll is outside its domain: var must be a finite number > 0")
    #expect(
      message("gaussian-nll", [:], ["yhat": 0, "y": 0, "var": -1])
        == "argument var = -1.0 of gaussian-nll is outside its domain: var must be a finite number > 0")
    #expect(
      message("quantile", ["tau": 1], ["yhat": 0, "y": 0])
        == "parameter tau = 1.0 of quantile is outside its range: allowed (0, 1)")
    #expect(
      message("huber", ["delta": 0], ["yhat": 0, "y": 0])
        == "parameter delta = 0.0 of huber is outside its range: allowed (0, inf)")
    #expect(
      message("smooth-l1", ["beta": -1], ["yhat": 0, "y": 0])
        == "parameter beta = -1.0 of smooth-l1 is outside its range: allowed [0, inf)")
    #expect(
      message("barron", ["c": 0], ["yhat": 0, "y": 0])
        == "parameter c = 0.0 of barron is outside its range: allowed (0, inf)")
    #expect(
      message("barron", ["alpha": .nan], ["yhat": 0, "y": 0])
        == "parameter alpha = nan of barron is outside its range: allowed any real number or -inf")
    #expect(
      message("poisson-nll", [:], ["z": 0, "y": -1])
        == "argument y = -1.0 of poisson-nll is outside its domain: y must be a finite number >= 0")
    #expect(
      message("mse", [:], ["yhat": .infinity, "y": 0])
        == "argument yhat = inf of mse is outside its domain: yhat must be a finite real number")
    // alpha = -inf is inside the range (the Welsch limit).
    #expect(message("barron", ["alpha": -.infinity], ["yhat": 1, "y": 0]) == nil)
  }
}
