import LossAtlasCore
import TestSupport
import Testing

/// The scalar activations of catalog part 2 (celu, hardshrink, softshrink,
/// tanhshrink, threshold, squareplus, sparse-plus, sparse-sigmoid): their
/// traps, kink conventions and identities with other catalog functions.
/// Every expected number says where it comes from (mpmath 1.3.0 values are
/// computed from the Double inputs at 60 or more digits and rounded once).
@Suite struct ScalarActivationPart2Tests {
  /// f, f', f'' through the general evaluator.
  static func jet(_ id: String, _ x: Double, _ params: [String: Double] = [:]) throws -> Jet {
    let e = try Catalog.function(named: id).evaluate(parameters: params, arguments: ["x": .real(x)])
    return Jet(value: e.value.scalarValue!, d1: e.gradient("x")!.scalarValue!, d2: e.secondDerivative!)
  }

  /// |a - b| in units of ulp(b) (the least subnormal for b = 0).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  /// The Doubles around `x`: `n` on each side, and x.
  static func around(_ x: Double, _ n: Int) -> [Double] {
    var down = [x]
    var up = [x]
    for _ in 0..<n {
      down.append(down.last!.nextDown)
      up.append(up.last!.nextUp)
    }
    return down.reversed() + up.dropFirst()
  }

  // MARK: - tanhshrink

  @Test("tanhshrink near 0 is x^3/3, where x - tanh x returns 0")
  func tanhshrinkNearZero() throws {
    // mpmath 1.3.0 at 200 digits, x = 1e-8 as a Double: x - tanh x = 3.3333333333333335e-25, tanh^2 x = 1e-16.
    let j = try Self.jet("tanhshrink", 1e-8)
    #expect(Self.ulps(j.value, 3.3333333333333335e-25) <= 1)
    #expect(Self.ulps(j.d1, 1e-16) <= 1)
    // The textbook form the naive analysis studies cancels to 0 there.
    let naive = try #require(Catalog.function(named: "tanhshrink").naive)
    #expect(naive.value(ParameterValues())(1e-8) == 0)
    // Far below, x^3/3 (the next term is 2x^5/15, 2e-100 relative at 1e-50): one rounding.
    #expect(Self.ulps(try Self.jet("tanhshrink", 1e-50).value, 1e-150 / 3) <= 1)
  }

  @Test("tanhshrink is odd and increasing at the ulp level across its two seams (0.3 and 350)")
  func tanhshrinkSeams() throws {
    for seam in [0.3, 350.0] {
      let xs = Self.around(seam, 40)
      let values = try xs.map { try Self.jet("tanhshrink", $0) }
      for (u, v) in zip(values, values.dropFirst()) {
        #expect(u.value <= v.value, "value falls at the seam \(seam)")
        #expect(u.d1 <= v.d1, "tanh^2 falls at the seam \(seam)")
      }
      for x in xs {
        let p = try Self.jet("tanhshrink", x)
        let m = try Self.jet("tanhshrink", -x)
        #expect(m.value == -p.value && m.d1 == p.d1 && m.d2 == -p.d2, "not odd at \(x)")
      }
    }
  }

  // MARK: - squareplus

  @Test("squareplus for x < 0 is b / (2 (s - x)), where x + s cancels")
  func squareplusNegative() throws {
    // mpmath 1.3.0 (60 digits): at x = -1e8, b = 4: 9.999999999999999e-09 and f' = 9.999999999999997e-17.
    let j = try Self.jet("squareplus", -1e8)
    #expect(Self.ulps(j.value, 9.999999999999999e-09) <= 1)
    #expect(Self.ulps(j.d1, 9.999999999999997e-17) <= 1)
    let naive = try #require(Catalog.function(named: "squareplus").naive)
    // The textbook form (measured as jax.nn's: 7.450580596923828e-09 there) is far off.
    #expect(Self.ulps(naive.value(ParameterValues(["b": 4]))(-1e8), 9.999999999999999e-09) > 1e6)
  }

  @Test("squareplus does not overflow where x^2 does, and keeps a subnormal b's digits")
  func squareplusExtremes() throws {
    // x^2 overflows above 1.34e154; the exact value is x (1 + 1/x^2) and, for -x, 1/x (1 - 1/x^2):
    // both round to x and to the correctly rounded 1/x (mpmath: 7.142857142857143e-155).
    #expect(try Self.jet("squareplus", 1.4e154).value == 1.4e154)
    #expect(Self.ulps(try Self.jet("squareplus", -1.4e154).value, 7.142857142857143e-155) <= 1)
    #expect(try Self.jet("squareplus", .greatestFiniteMagnitude).value == .greatestFiniteMagnitude)
    // b = 5e-324 at x = -3e-6: f' = b / (2 s (s + |x|)) = 1.3724045718e-313 (mpmath), a subnormal
    // result whose quotient b / (2d) on the way is smaller still (4.1172e-319). Held to the
    // accuracy rule's 4-ulp clause (ulp = 2^-1074 there).
    let j = try Self.jet("squareplus", -3e-6, ["b": 5e-324])
    #expect(abs(j.d1 - 1.3724045718e-313) <= 4 * 0x1p-1074 + 1e-323)
    #expect(abs(j.value - 4.1172e-319) <= 4 * 0x1p-1074 + 1e-323)
  }

  @Test("squareplus' kernel (the view's evaluate, which no domain check guards) answers NaN for NaN, the limits for ±inf, and traps on neither")
  func squareplusOutsideTheDomain() throws {
    // Before session 25 the rare path converted the exponent of a NaN or an infinity (Int.max) to
    // a scaling and trapped on the overflow; the fast path (|x| <= 2^500) never sees these inputs.
    let spec = try Catalog.function(named: "squareplus")
    for b in [0.25, 1.0, 4.0, 16.0, 5e-324, 1e300] {
      let f = spec.views(ParameterValues(["b": b]))[0].evaluate
      let nan = f(.nan)
      #expect(nan.value.isNaN && nan.d1.isNaN && nan.d2.isNaN, "b = \(b): \(nan)")
      let negativeNaN = f(-Double.nan)
      #expect(negativeNaN.value.isNaN && negativeNaN.d1.isNaN && negativeNaN.d2.isNaN, "b = \(b): \(negativeNaN)")
      // f ~ x, f' -> 1 toward +inf; f ~ b / (4|x|) -> 0, f' -> 0 toward -inf; f'' -> 0 both ways.
      let up = f(.infinity)
      #expect(up.value == .infinity && up.d1 == 1 && up.d2 == 0, "b = \(b): \(up)")
      let down = f(-.infinity)
      #expect(down.value == 0 && down.d1 == 0 && down.d2 == 0, "b = \(b): \(down)")
      // The largest finite inputs still take the scaled path, unchanged.
      #expect(f(.greatestFiniteMagnitude).value == .greatestFiniteMagnitude)
      let far = f(-.greatestFiniteMagnitude).value  // b / (4|x|): 0 once it underflows (b = 5e-324)
      #expect(far >= 0 && far.isFinite)
    }
  }

  @Test("squareplus' derivative is f / s and its second derivative b / (2 s^3)")
  func squareplusDerivatives() throws {
    for b in [0.25, 1.0, 4.0, 16.0] {
      for x in stride(from: -6.0, through: 6, by: 0.25) {
        let j = try Self.jet("squareplus", x, ["b": b])
        let s = (x * x + b).squareRoot()  // moderate x: the textbook s is within an ulp
        #expect(abs(j.d1 - j.value / s) <= 4 * j.d1.ulp, "f' != f / s at x = \(x), b = \(b)")
        #expect(abs(j.d2 - b / (2 * s * s * s)) <= 1e-14 * j.d2, "f'' at x = \(x), b = \(b)")
      }
    }
  }

  // MARK: - celu

  @Test("celu at alpha = 1 is elu, and alpha (e^(x/alpha) - 1) below 0 for the exact quotient")
  func celuIsElu() throws {
    for x in (-400...80).map({ Double($0) / 8 }) + [-700, -745, -746, -1e-300, -5e-324] {
      let c = try Self.jet("celu", x)
      let e = try Self.jet("elu", x)
      #expect(Self.ulps(c.value, e.value) <= 1 && Self.ulps(c.d1, e.d1) <= 1, "celu != elu at x = \(x)")
    }
    // mpmath 1.3.0 (60 digits), alpha = 0.1 (not a float32 number), x = -1:
    // 0.1 expm1(-10) = -0.09999546000702375, e^-10 = 4.5399929762484875e-05.
    let j = try Self.jet("celu", -1, ["alpha": 0.1])
    #expect(Self.ulps(j.value, -0.09999546000702375) <= 1)
    #expect(Self.ulps(j.d1, 4.5399929762484875e-05) <= 1)
    // C1 at 0 for every alpha: f'(0) = e^0 = 1 from the left, 1 from the right.
    for alpha in [0.5, 1, 2, 1e-3, 1e3] {
      #expect(try Self.jet("celu", 0, ["alpha": alpha]).d1 == 1)
      #expect(try Self.jet("celu", -0.0, ["alpha": alpha]).d1 == 1)
      #expect(try Self.jet("celu", 0x1p-1074, ["alpha": alpha]).d1 == 1)
    }
  }

  @Test("celu's value tends to -alpha and its derivative underflows gracefully")
  func celuTails() throws {
    for alpha in [0.5, 1, 2] {
      let far = try Self.jet("celu", -1e300, ["alpha": alpha])
      #expect(far.value == -alpha && far.d1 == 0 && far.d2 == 0)
      // x / alpha = -745: e^-745 = 4.94e-324 rounds to the least subnormal.
      #expect(try Self.jet("celu", -745 * alpha, ["alpha": alpha]).d1 == 0x1p-1074)
    }
    // A tiny alpha: x / alpha overflows to -inf; the value is -alpha, not NaN.
    let j = try Self.jet("celu", -1, ["alpha": 1e-308])
    #expect(j.value == -1e-308 && j.d1 == 0 && !j.d2.isNaN)
  }

  // MARK: - Kinks and jumps

  @Test("shrink functions and threshold give the catalog's values at their kinks")
  func kinks() throws {
    for lambda in [0.5, 2.0] {
      for x in [lambda, -lambda] {
        #expect(try Self.jet("hardshrink", x, ["lambda": lambda]) == Jet(value: 0, d1: 0, d2: 0))
        #expect(try Self.jet("softshrink", x, ["lambda": lambda]) == Jet(value: 0, d1: 0, d2: 0))
      }
      // Just outside: hardshrink passes x (a jump of lambda), softshrink moves it by lambda.
      #expect(try Self.jet("hardshrink", lambda.nextUp, ["lambda": lambda]) == Jet(value: lambda.nextUp, d1: 1, d2: 0))
      #expect(try Self.jet("softshrink", lambda.nextUp, ["lambda": lambda]).value == lambda.nextUp - lambda)
    }
    // lambda = 0: the identity, except the catalog's f'(0) = 0 (|x| > 0 is false).
    #expect(try Self.jet("hardshrink", 0, ["lambda": 0]) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("softshrink", 1e-300, ["lambda": 0]) == Jet(value: 1e-300, d1: 1, d2: 0))
    // threshold: f(t) = v with derivative 0; above t, x.
    #expect(try Self.jet("threshold", 1) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("threshold", 1.0.nextUp) == Jet(value: 1.0.nextUp, d1: 1, d2: 0))
    #expect(try Self.jet("threshold", -2.5, ["threshold": -2.5, "value": 7]).value == 7)
    // sparse-plus and sparse-sigmoid: the outer pieces own -1 and 1.
    #expect(try Self.jet("sparse-plus", -1) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("sparse-plus", 1) == Jet(value: 1, d1: 1, d2: 0))
    #expect(try Self.jet("sparse-sigmoid", -1) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("sparse-sigmoid", 1) == Jet(value: 1, d1: 0, d2: 0))
  }

  @Test("threshold's parameters take any finite real and reject infinities and NaN")
  func thresholdParameters() throws {
    let spec = try Catalog.function(named: "threshold")
    #expect(try Self.jet("threshold", 5, ["threshold": -1e300, "value": 1e300]).value == 5)
    for bad in [Double.infinity, -.infinity, .nan] {
      #expect(throws: CatalogError.self) { try spec.validateParameters(["threshold": bad]) }
      #expect(throws: CatalogError.self) { try spec.validateParameters(["value": bad]) }
    }
  }

  @Test("sparse-sigmoid is the derivative of sparse-plus, exactly")
  func sparseSigmoidIsSparsePlusDerivative() throws {
    let xs = (-2400...2400).map { Double($0) / 1000 } + Self.around(-1, 4) + Self.around(1, 4) + [5e-324, -5e-324]
    for x in xs {
      #expect(try Self.jet("sparse-plus", x).d1 == Self.jet("sparse-sigmoid", x).value, "at x = \(x)")
    }
    // (x + 1)^2 / 4 at x = 0.5: 2.25 / 4 = 0.5625, exact.
    #expect(try Self.jet("sparse-plus", 0.5).value == 0.5625)
  }

  // MARK: - Aliases

  @Test("the part-2 aliases of existing ids resolve to them")
  func aliases() throws {
    #expect(try Catalog.function(named: "prelu").id == "leaky-relu")
    #expect(try Catalog.function(named: "rrelu").id == "leaky-relu")
    #expect(try Catalog.function(named: "soft-margin").id == "logistic")
    #expect(try Catalog.function(named: "soft_margin").id == "logistic")
    #expect(try Catalog.function(named: "hard-silu").id == "hard-swish")
    #expect(try Catalog.function(named: "HARD_SILU").id == "hard-swish")
    #expect(Catalog.nameClashes(in: Catalog.all).isEmpty)
  }
}
