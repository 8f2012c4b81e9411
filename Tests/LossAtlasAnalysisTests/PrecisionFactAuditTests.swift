import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The fact audit of the floating-point facts the manual prints: each
/// threshold and first naive failure is recomputed here by a second method
/// written independently of the engine's (its own enumeration of the
/// format's bit patterns, its own rounding predicate, its own scan) and the
/// two must agree exactly. To be folded into the FactAudit suite.
@Suite struct PrecisionFactAuditTests {
  // MARK: - Independent machinery

  /// The engine's facts of a function's primary view at its default parameters.
  static func facts(_ id: String) throws -> (view: ScalarView, precision: PrecisionFacts) {
    let view = try Catalog.function(named: id).primaryView
    return (view, FloatingPointStudy.precisionFacts(ViewSamples(view, count: 4001)))
  }

  static func engine(_ id: String, _ format: NumberFormat, _ direction: Int, _ kind: PrecisionThreshold.Kind) throws -> Double? {
    let f = try facts(id).precision.thresholds
    return try #require(f.first { $0.format == format && $0.direction == direction && $0.kind == kind }).x
  }

  /// Whether the Float16 nearest to the exact value (known as `d`) equals
  /// `target`, decided from the two Float16 neighbours of `d` and their
  /// distances (not by converting `d`): the nearer one, or on a tie the one
  /// with an even significand.
  static func float16Rounds(_ d: Double, to target: Double) -> Bool {
    if d.isNaN { return false }
    let maxF = Double(Float16.greatestFiniteMagnitude)
    let overflow = maxF + (maxF - Double(Float16.greatestFiniteMagnitude.nextDown)) / 2
    if abs(d) >= overflow { return target == (d > 0 ? Double.infinity : -Double.infinity) }
    // Bracket d between consecutive Float16 values by scanning bit patterns.
    var lo = -Float16.greatestFiniteMagnitude
    var hi = Float16.greatestFiniteMagnitude
    // Binary search over the ordered finite values.
    while lo.nextUp < hi {
      let a = Double(lo)
      let b = Double(hi)
      var mid = Float16((a + b) / 2)
      if mid == lo { mid = lo.nextUp }
      if mid == hi { mid = hi.nextDown }
      if Double(mid) <= d { lo = mid } else { hi = mid }
    }
    let dl = d - Double(lo)
    let dh = Double(hi) - d
    let nearest: Float16
    if dl < dh {
      nearest = lo
    } else if dh < dl {
      nearest = hi
    } else {
      nearest = lo.significandBitPattern & 1 == 0 ? lo : hi
    }
    return Double(nearest) == target
  }

  /// The Float16 threshold by brute force: every finite Float16 beyond the
  /// plot centre, sorted outward; the first from which `holds` is true at
  /// every farther one.
  static func float16Threshold(_ view: ScalarView, direction: Int, holds: (Double, Jet) -> Bool) -> Double? {
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var xs: [Double] = []
    for bits in UInt16.min...UInt16.max {
      let x = Double(Float16(bitPattern: bits))
      guard x.isFinite, x != 0 || bits == 0, view.domain.contains(x) else { continue }
      if direction > 0 ? x > centre : x < centre { xs.append(x) }
    }
    xs.sort { direction > 0 ? $0 < $1 : $0 > $1 }
    var threshold: Double?
    for x in xs.reversed() {
      guard holds(x, view.evaluate(x)) else { break }
      threshold = x
    }
    return threshold
  }

  /// A monotone threshold by bisection on the bit pattern of |x| (Float32
  /// as UInt32, Float64 as UInt64) between `near` (fails) and `far` (holds).
  static func bitBisect32(near: Float, far: Float, holds: (Float) -> Bool) -> Float {
    var f = near.magnitude.bitPattern
    var t = far.magnitude.bitPattern
    let sign: Float = far < 0 ? -1 : 1
    while t - f > 1 {
      let m = f + (t - f) / 2
      if holds(sign * Float(bitPattern: m)) { t = m } else { f = m }
    }
    return sign * Float(bitPattern: t)
  }

  static func bitBisect64(near: Double, far: Double, holds: (Double) -> Bool) -> Double {
    var f = near.magnitude.bitPattern
    var t = far.magnitude.bitPattern
    let sign: Double = far < 0 ? -1 : 1
    while t - f > 1 {
      let m = f + (t - f) / 2
      if holds(sign * Double(bitPattern: m)) { t = m } else { f = m }
    }
    return sign * Double(bitPattern: t)
  }

  // MARK: - Float16, exhaustive (independent enumeration and rounding)

  /// (id, direction, kind) of Float16 thresholds the manual prints.
  static let float16Cases: [(String, Int, PrecisionThreshold.Kind)] = [
    ("gelu", 1, .valueEqualsInput), ("gelu", -1, .valueReachesLimit), ("gelu", -1, .derivativeVanishes),
    ("gelu-tanh", 1, .valueEqualsInput), ("silu", 1, .valueEqualsInput), ("silu", -1, .valueReachesLimit),
    ("mish", 1, .valueEqualsInput), ("softplus", 1, .valueEqualsInput), ("softplus", -1, .valueReachesLimit),
    ("log-sigmoid", -1, .valueEqualsInput), ("huber", 1, .valueEqualsInput), ("smooth-l1", 1, .valueEqualsInput),
    ("log-cosh", 1, .valueEqualsInput), ("barron", 1, .valueEqualsInput), ("sigmoid", 1, .valueReachesLimit),
    ("sigmoid", -1, .valueReachesLimit), ("sigmoid", 1, .derivativeVanishes), ("tanh", 1, .valueReachesLimit),
    ("tanh", 1, .derivativeVanishes), ("elu", -1, .valueReachesLimit), ("selu", -1, .valueReachesLimit),
    ("softsign", 1, .derivativeVanishes), ("logistic", 1, .valueReachesLimit), ("exponential", 1, .valueReachesLimit),
    ("softplus", 1, .derivativeReachesLimit), ("log-cosh", 1, .derivativeReachesLimit), ("mse", 1, .valueOverflows),
  ]

  @Test("Float16 thresholds: the engine agrees with a brute-force pass over all 65,536 bit patterns", arguments: float16Cases)
  func float16Exhaustive(_ id: String, _ direction: Int, _ kind: PrecisionThreshold.Kind) throws {
    let (view, study) = try Self.facts(id)
    let t = try #require(study.thresholds.first { $0.format == .float16 && $0.direction == direction && $0.kind == kind })
    let limit = Double(Float16(t.limit))
    let brute = Self.float16Threshold(view, direction: direction) { x, j in
      let d = kind.isValue ? j.value : j.d1
      return Self.float16Rounds(d, to: kind == .valueEqualsInput ? x : limit)
    }
    #expect(t.x == brute, "\(id) \(kind.rawValue) toward \(direction)")
    #expect(t.uncertain == 0)
  }

  // MARK: - Float32 and Float64, a second bisection on the bit pattern

  /// Monotone (id, direction, kind) thresholds: a second bisection on the
  /// bit pattern with a predicate written on Float / Double directly.
  static let monotoneCases: [(String, Int, PrecisionThreshold.Kind)] = [
    ("gelu", 1, .valueEqualsInput), ("gelu", -1, .valueReachesLimit), ("silu", 1, .valueEqualsInput),
    ("softplus", 1, .valueEqualsInput), ("softplus", -1, .valueReachesLimit), ("log-sigmoid", -1, .valueEqualsInput),
    ("sigmoid", 1, .valueReachesLimit), ("sigmoid", -1, .valueReachesLimit), ("tanh", 1, .valueReachesLimit),
    ("tanh", -1, .derivativeVanishes), ("elu", -1, .valueReachesLimit), ("mish", 1, .valueEqualsInput),
    ("gelu-tanh", -1, .valueReachesLimit), ("exponential", 1, .valueReachesLimit),
  ]

  @Test("Float32 thresholds agree with a bisection on the UInt32 bit pattern", arguments: monotoneCases)
  func float32Bisection(_ id: String, _ direction: Int, _ kind: PrecisionThreshold.Kind) throws {
    let (view, study) = try Self.facts(id)
    let t = try #require(study.thresholds.first { $0.format == .float32 && $0.direction == direction && $0.kind == kind })
    let limit = Float(t.limit)
    let holds: (Float) -> Bool = { x in
      let j = view.evaluate(Double(x))
      let d = Float(kind.isValue ? j.value : j.d1)
      return kind == .valueEqualsInput ? d == x : d == limit
    }
    // One unit out from the centre: it fails there in every case here.
    let near = Float((view.plotRange.lowerBound + view.plotRange.upperBound) / 2 + Double(direction))
    let far = Float(direction) * Float.greatestFiniteMagnitude
    #expect(!holds(near) && holds(far))
    let x = Self.bitBisect32(near: near, far: far, holds: holds)
    #expect(t.x == Double(x), "\(id) \(kind.rawValue) toward \(direction)")
  }

  @Test("Float64 thresholds agree with a bisection on the UInt64 bit pattern", arguments: monotoneCases)
  func float64Bisection(_ id: String, _ direction: Int, _ kind: PrecisionThreshold.Kind) throws {
    let (view, study) = try Self.facts(id)
    let t = try #require(study.thresholds.first { $0.format == .float64 && $0.direction == direction && $0.kind == kind })
    let holds: (Double) -> Bool = { x in
      let j = view.evaluate(x)
      let d = kind.isValue ? j.value : j.d1
      return kind == .valueEqualsInput ? d == x : d == t.limit
    }
    let near = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2 + Double(direction)
    let far = Double(direction) * Double.greatestFiniteMagnitude
    #expect(!holds(near) && holds(far))
    #expect(t.x == Self.bitBisect64(near: near, far: far, holds: holds), "\(id) \(kind.rawValue) toward \(direction)")
  }

  // MARK: - Hand-known thresholds

  @Test("huber (delta 1): value x − 1/2 rounds to x from 2048, 2^24, 2^53: the spacing must reach 1 and the tie go to even x, which holds at every x only from the binade of spacing 2")
  func huberRoundsToX() throws {
    #expect(try Self.engine("huber", .float16, 1, .valueEqualsInput) == 2048)
    #expect(try Self.engine("huber", .float32, 1, .valueEqualsInput) == 0x1p24)
    #expect(try Self.engine("huber", .float64, 1, .valueEqualsInput) == 0x1p53)
    // The structure below 2^53: odd doubles round to x - 1, even ones to x.
    let view = try Catalog.function(named: "huber").primaryView
    #expect(view.evaluate(0x1p52 + 1).value == 0x1p52)
    #expect(view.evaluate(0x1p52 + 2).value == 0x1p52 + 2)
    #expect(view.evaluate(0x1p53 - 1).value == 0x1p53 - 2)
  }

  @Test("log-cosh: value x − ln 2 + (tiny) rounds to x only where the spacing is 2: from 2050, 2^24 + 2, 2^53 + 2 (at 2^k itself it rounds to 2^k − 1)")
  func logCoshRoundsToX() throws {
    #expect(try Self.engine("log-cosh", .float16, 1, .valueEqualsInput) == 2050)
    #expect(try Self.engine("log-cosh", .float32, 1, .valueEqualsInput) == 0x1p24 + 2)
    #expect(try Self.engine("log-cosh", .float64, 1, .valueEqualsInput) == 0x1p53 + 2)
  }

  @Test("barron (alpha 1): x − 1 + 1/(2x) rounds to x only where the spacing below x is 2 (the residual 1/(2x) > 0 breaks the tie toward x): from 2050, 2^24 + 2, 2^53 + 2; at 2^53 itself it rounds to 2^53 − 1")
  func barronRoundsToX() throws {
    #expect(try Self.engine("barron", .float16, 1, .valueEqualsInput) == 2050)
    #expect(try Self.engine("barron", .float32, 1, .valueEqualsInput) == 0x1p24 + 2)
    #expect(try Self.engine("barron", .float64, 1, .valueEqualsInput) == 0x1p53 + 2)
  }

  @Test("sigmoid rounds to 1 once 1 − σ(x) ≤ half the spacing below 1 (a tie goes to 1): x ≥ ln(2^12 − 1) in Float16, ln(2^25 − 1) in Float32, ln(2^54 − 1) in Float64")
  func sigmoidRoundsToOne() throws {
    let f16 = try #require(try Self.engine("sigmoid", .float16, 1, .valueReachesLimit))
    // The first Float16 at or above ln(4095) = 8.31751...
    #expect(f16 >= log(4095.0) && Double(Float16(f16).nextDown) < log(4095.0))
    let f32 = try #require(try Self.engine("sigmoid", .float32, 1, .valueReachesLimit))
    #expect(f32 >= log(33_554_431.0) && Double(Float(f32).nextDown) < log(33_554_431.0))
    let f64 = try #require(try Self.engine("sigmoid", .float64, 1, .valueReachesLimit))
    #expect(abs(f64 - log(0x1p54 - 1)) < 1e-13)
  }

  @Test("the issue's Float16 / Float32 thresholds: gelu 3.447 / 5.348, softplus 6.238 / 14.556, silu 8.008 / 16.68")
  func issueThresholds() throws {
    func near(_ a: Double?, _ b: Double, _ tol: Double) -> Bool { a.map { abs($0 - b) <= tol } ?? false }
    #expect(near(try Self.engine("gelu", .float16, 1, .valueEqualsInput), 3.447, 5e-4))
    #expect(near(try Self.engine("gelu", .float32, 1, .valueEqualsInput), 5.348, 5e-4))
    #expect(near(try Self.engine("softplus", .float16, 1, .valueEqualsInput), 6.238, 5e-4))
    #expect(near(try Self.engine("softplus", .float32, 1, .valueEqualsInput), 14.556, 5e-4))
    #expect(near(try Self.engine("silu", .float16, 1, .valueEqualsInput), 8.008, 5e-4))
    #expect(near(try Self.engine("silu", .float32, 1, .valueEqualsInput), 16.68, 5e-3))
  }

  @Test("softplus and log-sigmoid are mirror images (log σ(x) = −softplus(−x)): every threshold agrees with x negated")
  func mirrorImages() throws {
    let a = try Self.facts("softplus").precision.thresholds
    let b = try Self.facts("log-sigmoid").precision.thresholds
    #expect(a.count == b.count && !a.isEmpty)
    for t in a {
      let mirror = b.first { $0.format == t.format && $0.direction == -t.direction && $0.kind.isValue == t.kind.isValue && ($0.kind == .valueEqualsInput) == (t.kind == .valueEqualsInput) }
      #expect(mirror?.x == t.x.map { -$0 }, "\(t.format.rawValue) \(t.kind.rawValue) \(t.direction)")
    }
  }

  // MARK: - Exact half-lines

  @Test("exact tails: relu 0 for x ≤ 0, hinge 0 for s ≥ 1, hard-swish' 0 for x < −3 (f'(−3) = −1/2), identity' 1 everywhere; no grid step as a threshold")
  func exactTails() throws {
    let relu = try Self.facts("relu").precision
    #expect(relu.exact.contains(ExactTail(direction: -1, kind: .valueReachesLimit, limit: 0, boundary: 0, closed: true)))
    #expect(relu.thresholds.isEmpty)
    let hinge = try Self.facts("hinge").precision
    #expect(hinge.exact.contains(ExactTail(direction: 1, kind: .valueReachesLimit, limit: 0, boundary: 1, closed: true)))
    let hs = try Self.facts("hard-swish")
    #expect(hs.view.evaluate(-3).d1 == -0.5)
    #expect(hs.precision.exact.contains(ExactTail(direction: -1, kind: .derivativeVanishes, limit: 0, boundary: -3, closed: false)))
    let id = try Self.facts("identity").precision
    #expect(id.exact.allSatisfy { $0.boundary == nil && $0.limit == 1 } && !id.exact.isEmpty)
    #expect(id.thresholds.isEmpty)
    for f in ["zero-one", "hinge", "multiclass-hinge", "crammer-singer", "mae", "quantile", "leaky-relu", "elu", "selu"] {
      let p = try Self.facts(f).precision
      #expect(!p.exact.isEmpty, "\(f)")
      #expect(p.thresholds.allSatisfy { t in t.x.map { abs($0) > 0.01 } ?? true }, "\(f)")
    }
  }

  @Test("bce, mse and gaussian-nll have rows: mse = r² overflows in Float16 from r = 256 (255.875² < 65520 ≤ 256²)")
  func previouslyEmpty() throws {
    #expect(try Self.engine("mse", .float16, 1, .valueOverflows) == 256)
    for id in ["bce", "gaussian-nll"] {
      #expect(try !Self.facts(id).precision.thresholds.isEmpty, "\(id)")
    }
  }

  @Test("a refined value decides a rounding the Double cannot: below, above, on and across Float16's overflow boundary 65520")
  func refinedRounding() {
    let f = NumberFormat.float16
    #expect(f.roundExact(65520.0).certainty != .certain, "the Double alone: on the boundary")
    let below = f.roundExact(RefinedValue(hi: 65520, lo: -3.6e-12, error: 1e-13))
    #expect(below?.value == 65504 && below?.certainty == .certain)
    let above = f.roundExact(RefinedValue(hi: 65520, lo: 3.6e-12, error: 1e-13))
    #expect(above?.value == .infinity && above?.certainty == .certain)
    let tie = f.roundExact(RefinedValue(hi: 65520, lo: 0, error: 0))
    #expect(tie?.value == .infinity && tie?.certainty == .exactTie, "a true tie, to even")
    #expect(f.roundExact(RefinedValue(hi: 65520, lo: 1e-13, error: 1e-12)) == nil, "the interval straddles the boundary")
    #expect(NumberFormat.float64.roundExact(RefinedValue(hi: 1, lo: 0, error: 0)) == nil)
  }

  @Test("info-nce at tau = 0.1 overflows Float16 from x = -6556: at -6552 the Double 65520 is the boundary, the exact value below it")
  func infoNCEOverflowBoundary() throws {
    // tau is the Double 0.1 = 3602879701896397 / 2^55 > 1/10 (the nearest
    // Double to 0.1 lies above it: 3602879701896397 * 10 = 36028797018963970
    // > 2^55 = 36028797018963968), so -x / tau < 10 |x| = 65520 at
    // x = -6552, and the log1p term is e^-65520: the exact L rounds to
    // Float16's largest 65504. At -6556, L = 65560 (1 - 5.6e-17) > 65520.
    #expect(3_602_879_701_896_397 * 10 > 1 << 55)
    let view = try Catalog.function(named: "info-nce").primaryView
    #expect(view.evaluate(-6552).value == 65520, "the correctly rounded Double is the boundary itself")
    let refined = try #require(view.refinedValue?(-6552))
    // L - 65520 = -65520 (tau - 1/10) / tau with tau - 1/10 = 2 / (10 * 2^55).
    let expected = -65520 * (2 / (10 * 0x1p55)) / 0.1
    #expect(refined.hi == 65520 && abs(refined.lo - expected) <= 1e-15 && refined.error < -refined.lo)
    #expect(try Self.engine("info-nce", .float16, -1, .valueOverflows) == -6556)
    #expect(view.refinedValue?(1) == nil, "x >= 0: L = log1p(e^-u), nothing to refine")
  }

  @Test("no rounding in the catalog's precision study is undecidable from the Double")
  func noUncertainty() throws {
    for spec in Catalog.all {
      let f = FloatingPointStudy.precisionFacts(ViewSamples(spec.primaryView, count: 4001))
      for t in f.thresholds where t.uncertain > 0 {
        Issue.record("\(spec.id) \(t.format.rawValue) \(t.kind.rawValue) \(t.direction): \(t.uncertain) undecidable")
      }
    }
  }
}
