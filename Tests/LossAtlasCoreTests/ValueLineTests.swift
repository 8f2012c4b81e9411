@testable import LossAtlasCore
import Testing

/// The value lines (``FunctionSpec/valueLine``) of the four vector losses
/// the whole-domain search evaluates most: built once from the other arguments and called with
/// many predictions in a row (the scratch storage reused from call to
/// call), each call gives the full evaluation's value bit for bit, and nil
/// exactly where the full evaluation throws. The expected numbers are the
/// full evaluator's (``FunctionSpec/evaluate(_:_:)``, which also forms the
/// gradient, in a fresh workspace per call).
@Suite struct ValueLineTests {
  static let ids = ["cosine-embedding", "dice", "triplet-margin", "tversky"]

  /// Whether the prediction's elements lie in [0, 1] (dice, tversky).
  static func unit(_ spec: FunctionSpec) -> Bool {
    spec.arguments.first { $0.name == spec.predictionArgument }?.domain != .finite
  }

  @Test("exactly the four costly vector losses and kl-div (KLDivValueLineTests) have a value line")
  func whoHasTheLine() {
    #expect(Catalog.all.filter { $0.valueLine != nil }.map(\.id).sorted() == (Self.ids + ["kl-div"]).sorted())
  }

  @Test("a line gives the full evaluation's value, bit for bit, call after call", arguments: ids)
  func sameBits(id: String) throws {
    let spec = try Catalog.function(named: id)
    let makeLine = try #require(spec.valueLine)
    let prediction = spec.predictionArgument
    var rng = SplitMix64(seed: 0x11AE5)
    var compared = 0
    var rejected = 0
    for p in ValueOnlyPathTests.settings(spec) {
      for count in [1, 2, 3, 5] {
        for _ in 0..<40 {
          // The other arguments (now and then of another length, or all zeros).
          var others = ValueOnlyPathTests.arguments(spec, &rng, count: count).values
          others[prediction] = nil
          let line = makeLine(p, ArgumentValues(others))
          for _ in 0..<12 {
            let n = rng.next() % 40 == 0 ? count + 1 : count
            let x: [Double] =
              rng.next() % 30 == 0
              ? [Double](repeating: 0, count: n)
              : ValueOnlyPathTests.vector(&rng, count: n, unit: Self.unit(spec))
            var all = others
            all[prediction] = .vector(x)
            let full = Result { () throws(CatalogError) in try spec.evaluate(p, ArgumentValues(all)) }
            let got = line(x)
            switch full {
            case .success(let e):
              let expected = try #require(e.value.scalarValue)
              let value = try #require(got, "\(id) {\(p)} at \(all): the line refuses a point the evaluator takes")
              #expect(value.bitPattern == expected.bitPattern, "\(id) {\(p)} at \(all): \(value) vs \(expected)")
              compared += 1
            case .failure:
              #expect(got == nil, "\(id) {\(p)} at \(all): the evaluator throws, the line gives \(String(describing: got))")
              rejected += 1
            }
          }
        }
      }
    }
    #expect(compared > 2000)
    #expect(rejected > 0)
  }

  /// The search's own points: every probe vector of length 2 and 3 of its
  /// grid as the prediction, against a few settings of the others, through
  /// one line per setting.
  @Test("a line gives the full value on the search's grid", arguments: ids)
  func searchGrid(id: String) throws {
    let spec = try Catalog.function(named: id)
    let makeLine = try #require(spec.valueLine)
    let prediction = spec.predictionArgument
    // The search's grid and some of its midpoints.
    let grid: [Double] =
      Self.unit(spec) ? [0, 0.3, 0.7, 1, 0.15, 0.5, 0.85, 0.35, 0.65] : [0, 1, -2, 4, 30, 0.5, -0.5, 2.5, 15, -1]
    let othersGrid = Self.unit(spec) ? 4 : 5
    var rng = SplitMix64(seed: 0x6A1D)
    for p in ValueOnlyPathTests.settings(spec) {
      for length in [2, 3] {
        var predictions: [[Double]] = [[]]
        for _ in 0..<length { predictions = predictions.flatMap { v in grid.map { v + [$0] } } }
        for _ in 0..<6 {
          var others: [String: ArgumentValue] = [:]
          for a in spec.arguments where a.name != prediction {
            switch a.kind {
            case .vector: others[a.name] = .vector((0..<length).map { _ in grid[Int(rng.next() % UInt64(othersGrid))] })
            case .real: others[a.name] = .real(rng.next() % 2 == 0 ? 1 : -1)
            case .integer: others[a.name] = .integer(0)
            }
          }
          let line = makeLine(p, ArgumentValues(others))
          for x in predictions {
            var all = others
            all[prediction] = .vector(x)
            let expected = (try? spec.evaluate(p, ArgumentValues(all)))?.value.scalarValue
            #expect(line(x)?.bitPattern == expected?.bitPattern, "\(id) {\(p)} at \(all)")
          }
        }
      }
    }
  }
}

/// The value-only kernels of triplet-margin and cosine-embedding, which now
/// form their differences and exact sums in a reusable workspace, against
/// the kernels as they were before (main at cca7f35: fresh arrays and
/// expansions per evaluation, copied below verbatim but for the names), bit
/// for bit on random and hostile inputs.
@Suite struct WorkspaceKernelTests {
  // MARK: triplet-margin before

  static func differences(_ a: [Double], _ p: [Double], _ n: [Double])
    -> (toP: [DoubleDouble], toN: [DoubleDouble], pToN: [DoubleDouble], exponent: Int)
  {
    let toP = zip(a, p).map { StableMath.residual($0, $1) }
    let toN = zip(a, n).map { StableMath.residual($0, $1) }
    let pToN = zip(n, p).map { StableMath.residual($0, $1) }
    if toP.allSatisfy({ $0.hi.isFinite }) && toN.allSatisfy({ $0.hi.isFinite }) && pToN.allSatisfy({ $0.hi.isFinite }) {
      return (toP, toN, pToN, 0)
    }
    return (
      zip(a, p).map { StableMath.halfResidual($0, $1) }, zip(a, n).map { StableMath.halfResidual($0, $1) },
      zip(n, p).map { StableMath.halfResidual($0, $1) }, 1
    )
  }

  static func squareGap(_ toP: [DoubleDouble], _ toN: [DoubleDouble], _ pToN: [DoubleDouble], _ half: Int) -> TripletMargin.Scaled {
    guard let ks = TripletMargin.largestExponent(pToN), let kt = TripletMargin.largestExponent(toP, toN) else {
      return TripletMargin.Scaled(sum: ExactSum(), exponent: 0)
    }
    var sum = ExactSum()
    for i in toP.indices {
      let s = pToN[i]
      guard s.hi != 0 else { continue }
      let sh = StableMath.scaleByPowerOfTwo(s.hi, -ks)
      let sl = StableMath.scaleByPowerOfTwo(s.lo, -ks)
      for t in [toP[i].hi, toP[i].lo, toN[i].hi, toN[i].lo] where t != 0 {
        let ts = StableMath.scaleByPowerOfTwo(t, -kt)
        sum.addProduct(sh, ts)
        sum.addProduct(sl, ts)
      }
    }
    return TripletMargin.Scaled(sum: sum, exponent: ks + kt + 2 * half)
  }

  static func tripletBefore(_ a: [Double], _ p: [Double], _ n: [Double], margin m: Double) -> Double {
    let zero = DoubleDouble(0)
    let (toP, toN, pToN, half) = differences(a, p, n)
    let kp = TripletMargin.largestExponent(toP)
    let kn = TripletMargin.largestExponent(toN)
    let ep = kp.map { TripletMargin.scaled(toP, $0) } ?? toP
    let en = kn.map { TripletMargin.scaled(toN, $0) } ?? toN
    let np = kp == nil ? zero : TripletMargin.squares(ep).doubleDouble.squareRoot()
    let nn = kn == nil ? zero : TripletMargin.squares(en).doubleDouble.squareRoot()
    let dp = kp.map { ScaledDD(np, exponent: $0 + half) } ?? .zero
    let dn = kn.map { ScaledDD(nn, exponent: $0 + half) } ?? .zero
    let gap = squareGap(toP, toN, pToN, half)
    let total = dp + dn
    let diff = total.isZero ? ScaledDD.zero : gap.value / total
    let excess = diff + ScaledDD(m)
    var active = !excess.isZero && excess.m.hi > 0
    let terms = Swift.max(diff.isZero ? Int.min / 4 : diff.e, Int(m.exponent))
    if excess.isZero || excess.e < terms - 90 {
      active = TripletMargin.exactlyPositive(toP, gap, m, half)
    }
    return active ? Swift.max(0, excess.double) : 0
  }

  // MARK: cosine-embedding before

  static func oneMinusCosine(_ A: ExactSum, _ B: ExactSum, _ D: ExactSum, _ sign: Int, _ s: DoubleDouble) -> Double {
    let d = D.doubleDouble
    if sign <= 0 { return (DoubleDouble(1) - d / s).value }
    var gram = ExactSum()
    gram.addProduct(A, B)
    var minusD = ExactSum()
    minusD.addProduct(D, -1)
    gram.addProduct(D, minusD)
    return (gram.doubleDouble / (s * (s + d))).value
  }

  static func cosineAboveMargin(
    _ A: ExactSum, _ B: ExactSum, _ D: ExactSum, _ sign: Int, _ s: DoubleDouble, margin m: Double
  ) -> Double {
    let d = D.doubleDouble
    if m == 0 { return sign > 0 ? max(0, (d / s).value) : 0 }
    if m > 0 && sign <= 0 { return 0 }
    if m < 0 && sign >= 0 { return (d / s - m).value }
    var mm = ExactSum()
    mm.add(DoubleDouble.twoProduct(m, m))
    var ab = ExactSum()
    ab.addProduct(A, B)
    var numerator = ExactSum()
    numerator.addProduct(D, D)
    var mmab = ExactSum()
    mmab.addProduct(ab, mm)
    numerator.addProduct(mmab, -1)
    let k = m > 0 ? 1.0 : -1.0
    guard numerator.sign * Int(k) > 0 else { return 0 }
    let n = numerator.doubleDouble
    let q = DoubleDouble(k * n.hi, k * n.lo)
    let denominator = s * (DoubleDouble(abs(d.hi), abs(d.lo)) + s * abs(m))
    return (q / denominator).value
  }

  /// nil where the evaluator throws (lengths differ, a zero vector).
  static func cosineBefore(_ a: [Double], _ b: [Double], y: Double, margin m: Double) -> Double? {
    guard a.count == b.count, let sa = PairwiseLosses.scaled(a), let sb = PairwiseLosses.scaled(b) else { return nil }
    let u = sa.vector
    let v = sb.vector
    var normU = ExactSum()
    var normV = ExactSum()
    var dot = ExactSum()
    for i in u.indices {
      normU.addProduct(u[i], u[i])
      normV.addProduct(v[i], v[i])
      dot.addProduct(u[i], v[i])
    }
    let s = (normU.doubleDouble * normV.doubleDouble).squareRoot()
    let dotSign = abs(dot.value) > Double(u.count) * 0x1p-1072 ? dot.sign : ExactDot.sign(a, b)
    return y == 1
      ? oneMinusCosine(normU, normV, dot, dotSign, s) : cosineAboveMargin(normU, normV, dot, dotSign, s, margin: m)
  }

  // MARK: the comparisons

  /// A vector near another one now and then (nearly parallel, nearly equal
  /// distances: the kernels' exact branches), else random and hostile.
  static func near(_ v: [Double], _ rng: inout SplitMix64) -> [Double] {
    v.map { x in rng.next() % 2 == 0 ? x : x.nextUp }
  }

  @Test("triplet-margin's value is what it was, bit for bit")
  func triplet() throws {
    let spec = try Catalog.function(named: "triplet-margin")
    var rng = SplitMix64(seed: 0x7819)
    var compared = 0
    for margin in [0.5, 1, 2, 1e-300, 1e300, 0x1p-1074] {
      let params = ParameterValues(["margin": margin])
      var work = TripletMargin.Workspace()  // one for every call: reused as a line reuses it
      for count in [1, 2, 3, 5] {
        for _ in 0..<500 {
          var a = ValueOnlyPathTests.vector(&rng, count: count, unit: false)
          var p = rng.next() % 4 == 0 ? Self.near(a, &rng) : ValueOnlyPathTests.vector(&rng, count: count, unit: false)
          if rng.next() % 10 == 0 {
            // A difference that overflows: the halved differences.
            a[0] = 1.5e308
            p[0] = -1.5e308
          }
          let n = rng.next() % 4 == 0 ? Self.near(p, &rng) : ValueOnlyPathTests.vector(&rng, count: count, unit: false)
          let expected = Self.tripletBefore(a, p, n, margin: margin)
          let reused = TripletMargin.value(a, p, n, margin: margin, &work)
          #expect(reused.bitPattern == expected.bitPattern, "\(a) \(p) \(n) m = \(margin)")
          let args = ArgumentValues(["a": .vector(a), "p": .vector(p), "n": .vector(n)])
          #expect(try spec.value(params, args)?.bitPattern == expected.bitPattern)
          #expect(try spec.evaluate(params, args).value.scalarValue?.bitPattern == expected.bitPattern)
          compared += 1
        }
      }
    }
    #expect(compared == 12_000)
  }

  @Test("cosine-embedding's value is what it was, bit for bit")
  func cosine() throws {
    let spec = try Catalog.function(named: "cosine-embedding")
    var rng = SplitMix64(seed: 0xC051)
    var compared = 0
    var rejected = 0
    for margin in [-1, -0.5, 0, 0.5, 1, -1e-300, 0x1p-1074] {
      let params = ParameterValues(["margin": margin])
      for count in [1, 2, 3, 5] {
        for _ in 0..<400 {
          let a = ValueOnlyPathTests.vector(&rng, count: count, unit: false)
          let b: [Double]
          switch rng.next() % 4 {
          case 0: b = Self.near(a, &rng)
          case 1: b = a.map { -$0 }
          default: b = ValueOnlyPathTests.vector(&rng, count: count, unit: false)
          }
          for y in [1.0, -1.0] {
            let expected = Self.cosineBefore(a, b, y: y, margin: margin)
            let args = ArgumentValues(["a": .vector(a), "b": .vector(b), "y": .real(y)])
            let value = try? spec.value(params, args)
            #expect(value?.bitPattern == expected?.bitPattern, "\(a) \(b) y = \(y) m = \(margin)")
            let makeLine = try #require(spec.valueLine)
            let line = makeLine(params, ArgumentValues(["b": .vector(b), "y": .real(y)]))
            #expect(line(a)?.bitPattern == expected?.bitPattern)
            if expected == nil { rejected += 1 } else { compared += 1 }
          }
        }
      }
    }
    #expect(compared > 10_000)
    #expect(rejected > 0)
  }
}
