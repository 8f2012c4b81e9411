import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The precision study's and the gain computations' fast paths give the
/// same bits as the straightforward computations they replace (session 18,
/// perf-facts): each test runs the plain version, written out here, beside
/// the library's, on real and hostile inputs.
@Suite struct FactsFastPathTests {
  // MARK: GaussianExpectation.mean: each top-level piece evaluated once

  /// Counts the calls of an integrand (a class: the closure is not
  /// `inout`-capturable through `mean`).
  final class Counter {
    var calls = 0
  }

  /// The mean as it was before the depth-0 step reused the first pass: a
  /// first pass of the 21-point rule over every top-level piece for the ∫|h|
  /// scale, then `integrate` from depth 0, which evaluates the same pieces
  /// again. Returns the mean and how many evaluations the first pass made.
  static func twoPassMean(_ g: @escaping (Double) -> Double, variance: Double = 1, breakpoints: [Double] = []) -> (
    mean: Double, firstPass: Int
  ) {
    typealias E = GaussianExpectation
    let s = variance.squareRoot()
    var cuts: Set<Double> = [1, 2, 4, 8, 16, E.zMax]
    for b in breakpoints where b.isFinite {
      let z = abs(b / s)
      if z > 0 && z < E.zMax { cuts.insert(z) }
    }
    let edges = [0] + cuts.sorted()
    let h: (Double) -> Double = { z in g(s * z) * E.density(z) }
    var firstPass = 0
    let counted: (Double) -> Double = { z in
      firstPass += 1
      return h(z)
    }
    var magnitude = 0.0
    for i in 0..<(edges.count - 1) {
      magnitude +=
        E.kronrod(counted, edges[i], edges[i + 1]).absolute + E.kronrod(counted, -edges[i], -edges[i + 1]).absolute
    }
    var budget = E.Budget(floor: 1e-18 * max(1, magnitude.isFinite ? magnitude : 1))
    var right = CompensatedSum()
    var mirrored = CompensatedSum()
    for i in 0..<(edges.count - 1) {
      E.integrate(h, edges[i], edges[i + 1], depth: 0, budget: &budget, into: &right)
      E.integrate(h, -edges[i], -edges[i + 1], depth: 0, budget: &budget, into: &mirrored)
    }
    return (right.value - mirrored.value, firstPass)
  }

  /// Runs both on `g` and checks: the same bits (NaN payload included), and
  /// the new one makes exactly the first pass's evaluations fewer.
  static func expectSameMean(
    _ label: String, _ g: @escaping (Double) -> Double, variance: Double = 1, breakpoints: [Double] = []
  ) -> (mean: Double, before: Int, after: Int) {
    let old = Counter()
    let new = Counter()
    let reference = twoPassMean({ old.calls += 1; return g($0) }, variance: variance, breakpoints: breakpoints)
    let mean = GaussianExpectation.mean({ new.calls += 1; return g($0) }, variance: variance, breakpoints: breakpoints)
    #expect(mean.bitPattern == reference.mean.bitPattern, "\(label) q = \(variance): \(mean) vs \(reference.mean)")
    #expect(new.calls == old.calls - reference.firstPass, "\(label) q = \(variance): \(new.calls) vs \(old.calls) − \(reference.firstPass)")
    // The first pass is one 21-point rule per top-level piece, both sides.
    #expect(reference.firstPass % 42 == 0 && reference.firstPass >= 6 * 42)
    return (reference.mean, old.calls, new.calls)
  }

  @Test("GaussianExpectation.mean equals the two-pass mean bit for bit: the x² variance recursion q → 2·3q² (E[x⁴] = 3q²) from q = 1 past 1e120 to overflow, x⁴ at q = 1e200 (inf × 0 = NaN), odd, kinked and growing integrands")
  func meanReusesTheFirstPass() {
    // The depth recursion of f(x) = x² at He: q_(l+1) = 2 E[(x²)²] = 6 q_l²,
    // 1, 6, 216, 2.8e5, ... 1e120 and on until the mean overflows.
    var q = 1.0
    var steps = 0
    var passed1e120 = false
    while steps < 20 {
      let m = Self.expectSameMean("x⁴", { x in let s = x * x; return s * s }, variance: q).mean
      steps += 1
      if q > 1e120 { passed1e120 = true }
      guard m.isFinite else { break }
      q = 2 * m
      guard q.isFinite else { break }
    }
    #expect(passed1e120, "the recursion stopped at q = \(q) after \(steps) steps")
    // DefinitionTests.quadratureScales' variances, and the overflowing one.
    for v in [1.0, 1e10, 1e30, 1e60, 1e120, 1e200] {
      _ = Self.expectSameMean("x⁴", { x in let s = x * x; return s * s }, variance: v)
    }
    // Odd (exactly 0), a kink at 0, growth, a jump, and a non-finite tail.
    _ = Self.expectSameMean("x³ + sin x", { $0 * $0 * $0 + sin($0) })
    _ = Self.expectSameMean("|x|", { abs($0) }, breakpoints: [0])
    _ = Self.expectSameMean("e^x", { exp($0) }, variance: 7.5)
    _ = Self.expectSameMean("e^x (overflows)", { exp($0) }, variance: 1e6)
    _ = Self.expectSameMean("step at 0.3", { $0 < 0.3 ? -1 : 2 }, variance: 0.01, breakpoints: [0.3])
    _ = Self.expectSameMean("NaN beyond 3", { $0 > 3 ? .nan : $0 * $0 }, breakpoints: [3])
  }

  @Test("GaussianExpectation.mean equals the two-pass mean bit for bit on the gain model's integrands (f'² and f²) of every catalog activation, q from 1e-8 to 1e8")
  func meanOfTheCatalogsIntegrands() {
    var before = 0
    var after = 0
    var means = 0
    for spec in Catalog.all where spec.family == .activation {
      let view = spec.primaryView
      let f = view.evaluate
      for q in [1e-8, 0.3, 1, 2.5, 1e8] {
        let d = Self.expectSameMean(spec.id + " f'²", { let d = f($0).d1; return d * d }, variance: q, breakpoints: view.breakpoints)
        let v = Self.expectSameMean(spec.id + " f²", { let v = f($0).value; return v * v }, variance: q, breakpoints: view.breakpoints)
        before += d.before + v.before
        after += d.after + v.after
        means += 2
      }
    }
    #expect(means > 0 && after < before)
  }

  // MARK: The precision study: Float16 roundings shared by the rows

  /// ``NumberFormat/roundExact(_:)`` as it was, through the reference
  /// rounding ``Binary16/round(_:)`` (Float32 and Float64 unchanged).
  static func referenceRoundExact(_ format: NumberFormat, _ d: Double) -> (value: Double, certainty: NumberFormat.Certainty) {
    func round(_ v: Double) -> Double { format == .float16 ? Binary16.round(v) : format.round(v) }
    let r = round(d)
    if format == .float64 || !d.isFinite { return (r, .certain) }
    let margin = 4 * d.ulp
    if round(d - margin) == r && round(d + margin) == r { return (r, .certain) }
    return (r, d == format.midpoint(near: d) ? .exactTie : .uncertain)
  }

  /// The study as it was before the Float16 roundings were shared: each
  /// row (kind) rounds every input's result again, through the reference
  /// rounding.
  static func referenceStudy(_ samples: ViewSamples) -> PrecisionFacts {
    let view = samples.view
    let f = view.evaluate
    let studied = StudiedNumbers(view)
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var thresholds: [PrecisionThreshold] = []
    var exact: [ExactTail] = []
    for direction in [-1, 1] {
      let far = studied.far(direction < 0 ? samples.towardLower : samples.towardUpper)
      let end = direction < 0 ? view.domain.lower : view.domain.upper
      guard !far.isEmpty else { continue }
      let valueLimit = Limit.estimate(far.map { ($0.x, $0.jet.value) })
      let d1Limit = Limit.estimate(far.map { ($0.x, $0.jet.d1) })
      // Asymptotic to x: f(x) - x is bounded (it rounds away at 1e300)
      // but f is not x itself near the centre.
      let step = centre + Double(direction)
      let asymptoticToX =
        end.isInfinite && Limit.estimate(far.map { ($0.x, $0.jet.value - $0.x) }) == .finite(0)
        && view.domain.contains(step) && studied.value(step) != step
      var kinds: [(PrecisionThreshold.Kind, Double)] = []
      switch valueLimit {
      case .finite(let l)? where end.isInfinite: kinds.append((.valueReachesLimit, l))
      case .infinite(let s)?: kinds.append((.valueOverflows, s == .minus ? -.infinity : .infinity))
      default: break
      }
      if asymptoticToX { kinds.append((.valueEqualsInput, 0)) }
      switch d1Limit {
      case .finite(let l)? where end.isInfinite: kinds.append((l == 0 ? .derivativeVanishes : .derivativeReachesLimit, l))
      case .infinite(let s)?: kinds.append((.derivativeOverflows, s == .minus ? -.infinity : .infinity))
      default: break
      }
      var exactBoundary: [PrecisionThreshold.Kind: Double?] = [:]
      for (kind, limit) in kinds {
        if let tail = PrecisionStudy.exactTail(samples, direction: direction, kind: kind, limit: limit) {
          exact.append(tail)
          exactBoundary[kind] = .some(tail.boundary)
        }
      }
      for format in NumberFormat.allCases {
        let all = FormatInputs(format: format, direction: direction, centre: centre, domain: view.domain)
        // Float16: every input is evaluated once and shared by the kinds
        // (an exact rounding caches its own answers).
        var jets: [Jet] = []
        if format == .float16 && !studied.isExact { jets = (0..<all.count).map { f(all.x($0)) } }
        for (kind, limit) in kinds {
          var ties = 0
          var uncertain = 0
          var undecided = 0
          let target = format.round(limit)
          let offset = kind == .valueEqualsInput && !studied.isExact ? AsymptoticOffset.read(f, direction: direction) : nil
          let part: ExactPart = kind.isValue ? .value : .derivative
          // Only the stretch where the exact number is decided is searched.
          let stretch = studied.decidedStretch(all, part: part)
          let inputs = stretch.inputs
          var search = ThresholdSearch(inputs: inputs) { i in
            let x = inputs.x(i)
            if studied.isExact {
              // Three-valued: an undecided number never counts as rounding,
              // so no threshold is placed on it.
              guard let r = studied.rounded(x, part, format) else {
                undecided += 1
                return false
              }
              return kind == .valueEqualsInput ? r == x : r == target
            }
            if let offset, let decided = offset.decides(x, format) {
              ties += 1
              return decided
            }
            let j = format == .float16 ? jets[Int(i)] : f(x)
            let d = kind.isValue ? j.value : j.d1
            if d.isNaN { return false }
            var r = Self.referenceRoundExact(format, d)
            // A Double on or near a boundary: the view's refined value,
            // where it has one, decides (info-nce's x / 0.1 is 65520 as a
            // Double at x = -6552, Float16's overflow boundary, while the
            // exact value is 3.6e-12 below it).
            if r.certainty != .certain, kind.isValue, let refined = view.refinedValue?(x),
              let decided = format.roundExact(refined)
            {
              r = decided
            }
            switch r.certainty {
            case .certain: break
            case .exactTie: ties += 1
            case .uncertain: uncertain += 1
            }
            return kind == .valueEqualsInput ? r.value == x : r.value == target
          }
          // Each exact check is a ball evaluation (up to 4,096 bits at
          // log(1 + e^x) near x = -745): 16 + 16 earlier checks, not 256 + 256.
          if studied.isExact { search.earlierPicks = 16 }
          // An exact view's Float16 inputs are searched like the other
          // formats' (bisection and spot checks), not one by one: each
          // costs a ball evaluation. Its rows say "sampled".
          let result = studied.isExact ? (inputs.count > 0 ? search.bisected(inputs.count) : nil) : search.run()
          let x = result.map { inputs.x($0.index) }
          // Overflow that never happens is not worth a row; a rounding
          // that only happens where the exact tail already holds is the
          // exact statement, not a rounding one.
          if x == nil && (kind == .valueOverflows || kind == .derivativeOverflows) { continue }
          if let b = exactBoundary[kind] {
            guard let x, let b else { continue }
            if direction > 0 ? x >= b : x <= b { continue }
          }
          let earlier = result.flatMap { r -> PrecisionThreshold.Earlier? in
            guard r.earlierHits > 0, let e = r.earlier else { return nil }
            return PrecisionThreshold.Earlier(
              hits: r.earlierHits, checked: r.earlierChecked, from: inputs.x(e.lowerBound), to: inputs.x(e.upperBound),
              exhaustive: r.exhaustive)
          }
          thresholds.append(
            PrecisionThreshold(
              format: format, direction: direction, kind: kind, limit: kind == .valueEqualsInput ? 0 : limit, x: x,
              earlier: earlier, exhaustive: format == .float16 && !studied.isExact, ties: ties, uncertain: uncertain,
              undecidedFrom: stretch.undecidedFrom, undecided: undecided))
        }
      }
    }
    return PrecisionFacts(thresholds: thresholds, exact: exact)
  }

  @Test("the precision study equals the per-row study bit for bit (thresholds, earlier hits, ties, uncertain counts) on views with two value rows (softplus, gelu, elu, mish toward +inf), ties (huber, smooth-l1), a refined value (info-nce), exact tails (relu, hardtanh), finite domains (bce, hinge) and saturating ones (sigmoid, tanh, log-sigmoid)")
  func precisionStudyMatchesThePerRowStudy() throws {
    let ids = [
      "softplus", "gelu", "elu", "mish", "huber", "smooth-l1", "info-nce", "relu", "hard-tanh", "bce", "hinge", "sigmoid",
      "tanh", "log-sigmoid",
    ]
    var twoValueRows = 0
    for id in ids {
      let spec = try Catalog.function(named: id)
      let samples = ViewSamples(spec.primaryView, count: 4001)
      let study = PrecisionStudy.run(samples)
      let reference = Self.referenceStudy(samples)
      #expect(study == reference, "\(id)")
      #expect(study.thresholds.count == reference.thresholds.count, "\(id)")
      for (a, b) in zip(study.thresholds, reference.thresholds) {
        #expect(a == b, "\(id) \(a.format) \(a.direction) \(a.kind): \(String(describing: a.x)) vs \(String(describing: b.x)), ties \(a.ties)/\(b.ties), uncertain \(a.uncertain)/\(b.uncertain)")
      }
      // Two value kinds searched in one direction: the value grows without
      // bound (an overflow search, whose row is dropped when it never
      // happens, as for f(x) ≈ x) and rounds to x.
      for direction in [-1, 1] {
        let far = direction < 0 ? samples.towardLower : samples.towardUpper
        guard case .infinite? = Limit.estimate(far.map { ($0.x, $0.jet.value) }) else { continue }
        if study.thresholds.contains(where: { $0.format == .float16 && $0.direction == direction && $0.kind == .valueEqualsInput }) {
          twoValueRows += 1
        }
      }
    }
    // The sharing is exercised (softplus, gelu, elu, mish toward +inf).
    #expect(twoValueRows > 0)
  }

  // MARK: Binary16Bits.round = Binary16.round

  /// Calls `body` with every binary16 value (magnitude bits 0 ... 0x7BFF),
  /// every midpoint between neighbours (where ties are decided), 65520 (the
  /// tie between 65504 and 65536, overflow) and every power of two of
  /// Double, each with the `neighbours` Doubles either side, both signs.
  static func forEachBinary16Boundary(neighbours k: Int, _ body: (Double) -> Void) {
    func around(_ v: Double) {
      var up = v
      var down = v
      for _ in 0...k {
        for s in [up, down, -up, -down] { body(s) }
        up = up.nextUp
        down = down.nextDown
      }
    }
    for bits in UInt16(0)...0x7BFF {
      let v = Binary16.value(magnitudeBits: bits)
      around(v)
      let next = bits == 0x7BFF ? 65536.0 : Binary16.value(magnitudeBits: bits + 1)
      around(v / 2 + next / 2)
    }
    around(65520)
    for e in -1074...1023 { around(Double(sign: .plus, exponent: e, significand: 1)) }
  }

  static func expectSameRounding(_ v: Double, _ failures: inout Int) {
    let fast = Binary16Bits.round(v)
    let reference = Binary16.round(v)
    if fast.bitPattern != reference.bitPattern {
      failures += 1
      if failures <= 10 { Issue.record("\(v) (\(String(v.bitPattern, radix: 16))): \(fast) vs \(reference)") }
    }
  }

  @Test("Binary16Bits.round equals Binary16.round bit for bit: every binary16 value and rounding boundary with the 8 Doubles either side, both signs; every power of two of Double with its neighbours; the overflow boundary 65520; ±0, ±inf, NaN; 2,000,000 random encodings")
  func binary16BitsRound() {
    var failures = 0
    var checked = 0
    Self.forEachBinary16Boundary(neighbours: 8) { s in
      Self.expectSameRounding(s, &failures)
      checked += 1
    }
    for v in [0.0, .infinity, .nan, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude] {
      Self.expectSameRounding(v, &failures)
      Self.expectSameRounding(-v, &failures)
    }
    var rng = SplitMix64(seed: 20261206)
    for _ in 0..<2_000_000 {
      Self.expectSameRounding(Double(bitPattern: rng.next()), &failures)
      checked += 1
    }
    #expect(failures == 0, "\(failures) of \(checked) differ")
  }

  // MARK: GainSimulation.layerRatios: one evaluation per pre-activation

  /// The layer ratios as they were computed before: every pre-activation
  /// kept, f evaluated in the forward pass for the value and again in the
  /// backward pass for the derivative, and h^(depth+1) formed.
  static func referenceLayerRatios(_ jobs: [GainSimulation.Job], seed: UInt64, settings: GainSimulation.Settings) -> [[Double]] {
    let n = settings.width
    let depth = settings.depth
    let draws = GainSimulation.Draws(seed: seed, width: n, depth: depth)
    let scales = jobs.map { ($0.initialization.weightVariance / Double(n)).squareRoot() }
    var h = jobs.map { job in [draws.start.map { $0 * job.q.squareRoot() }] }
    var x = [[Double]](repeating: [Double](repeating: 0, count: n), count: jobs.count)
    for l in 0..<depth {
      for c in jobs.indices {
        let f = jobs[c].view.evaluate
        let last = h[c][l]
        for i in 0..<n { x[c][i] = f(last[i]).value }
      }
      let next = Self.referenceMultiply(draws, layer: l, x, transposed: false, scales: scales)
      for c in jobs.indices { h[c].append(next[c]) }
    }
    var delta = [[Double]](repeating: draws.top, count: jobs.count)
    var norms = [[Double]](repeating: [Double](repeating: 0, count: depth + 1), count: jobs.count)
    for c in jobs.indices { norms[c][depth] = GainSimulation.squaredNorm(delta[c]) }
    for l in stride(from: depth - 1, through: 0, by: -1) {
      delta = Self.referenceMultiply(draws, layer: l, delta, transposed: true, scales: scales)
      for c in jobs.indices {
        let f = jobs[c].view.evaluate
        let pre = h[c][l]
        for i in 0..<n { delta[c][i] *= f(pre[i]).d1 }
        norms[c][l] = GainSimulation.squaredNorm(delta[c])
      }
    }
    return norms.map { nc in (0..<depth).map { l in nc[l] / nc[l + 1] } }
  }

  /// Draws.multiply as it was: the transposed product one row at a time,
  /// out loaded and stored for every row.
  static func referenceMultiply(_ draws: GainSimulation.Draws, layer: Int, _ vs: [[Double]], transposed: Bool, scales: [Double]) -> [[Double]] {
    let n = draws.width
    var outs = [[Double]](repeating: [Double](repeating: 0, count: n), count: vs.count)
    let stride = MemoryLayout<Double>.stride
    draws.weights.withUnsafeBufferPointer { w in
      let base = UnsafeRawPointer(w.baseAddress! + layer * n * n)
      for c in vs.indices {
        vs[c].withUnsafeBufferPointer { v in
          outs[c].withUnsafeMutableBufferPointer { out in
            let vp = UnsafeRawPointer(v.baseAddress!)
            let op = UnsafeMutableRawPointer(out.baseAddress!)
            for i in 0..<n {
              let row = base + i * n * stride
              if transposed {
                // out_j += W_ij v_i: row i scaled by v_i.
                let vi = SIMD4<Double>(repeating: v[i])
                var j = 0
                while j < n {
                  let o = op.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  let a = row.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  op.storeBytes(of: o + a * vi, toByteOffset: j * stride, as: SIMD4<Double>.self)
                  j += 4
                }
              } else {
                // out_i = sum_j W_ij v_j: four vector accumulators of four
                // lanes (16 partial sums, so that the additions do not wait
                // on each other), added in a fixed order at the end.
                var a0 = SIMD4<Double>(repeating: 0)
                var a1 = a0
                var a2 = a0
                var a3 = a0
                var j = 0
                while j + 16 <= n {
                  let o = j * stride
                  a0 += row.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                  a1 += row.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
                  a2 += row.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
                  a3 += row.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
                  j += 16
                }
                while j < n {
                  a0 += row.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  j += 4
                }
                let acc = (a0 + a1) + (a2 + a3)
                out[i] = (acc[0] + acc[1]) + (acc[2] + acc[3])
              }
            }
            for i in 0..<n { out[i] *= scales[c] }
          }
        }
      }
    }
    return outs
  }

  @Test("GainSimulation.layerRatios equals the two-evaluation reference bit for bit (NaN included) for every catalog activation at He and Xavier, q = 0.01, 1 and 30 (hard-shrink's dead zone gives 0/0), width 32 and 256, several seeds")
  func layerRatiosMatchTheReference() throws {
    let activations = Catalog.all.filter { $0.family == .activation }
    var jobs: [GainSimulation.Job] = []
    for spec in activations {
      for initialization in WeightInit.allCases {
        for q in [0.01, 1, 30] { jobs.append(GainSimulation.Job(view: spec.primaryView, initialization: initialization, q: q)) }
      }
    }
    var nonFinite = 0
    for settings in [
      GainSimulation.Settings(width: 32, depth: 12, seeds: [1, 2, 3]), GainSimulation.Settings(width: 256, depth: 2, seeds: [7]),
      GainSimulation.Settings(width: 4, depth: 1, seeds: [9]),
    ] {
      for seed in settings.seeds {
        let fast = GainSimulation.layerRatios(jobs, seed: seed, settings: settings)
        let reference = Self.referenceLayerRatios(jobs, seed: seed, settings: settings)
        #expect(fast.count == reference.count)
        for (c, (a, b)) in zip(fast, reference).enumerated() {
          #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(jobs[c].view.label) \(jobs[c].initialization) width \(settings.width) seed \(seed)")
          nonFinite += a.filter { !$0.isFinite }.count
        }
      }
    }
    // The comparison covers ratios that are not finite (0/0 where a layer's
    // gradient is zero), not only the ordinary ones.
    #expect(nonFinite > 0)
  }

  // MARK: FormatInputs.spotChecks: sorted without a Set

  /// The spot checks as they were computed: every pick collected, then
  /// `Array(Set(...)).sorted()`.
  static func referenceSpotChecks(_ inputs: FormatInputs, in range: ClosedRange<UInt64>) -> [UInt64] {
    let perBinadeEnds: Int64 = 2
    let perBinadeSpread: Int64 = 4
    let leading: UInt64 = 1024
    var out: [UInt64] = []
    let lead = range.upperBound - range.lowerBound < leading ? range.upperBound : range.lowerBound + leading - 1
    out.append(contentsOf: range.lowerBound...lead)
    let a = inputs.ordinal(range.lowerBound)
    let b = inputs.ordinal(range.upperBound)
    let lo = Swift.min(a, b)
    let hi = Swift.max(a, b)
    let bits = Int64(inputs.format.significandBits)
    var segments: [(sign: Int64, m0: Int64, m1: Int64)] = []
    if hi >= 0 { segments.append((1, Swift.max(lo, 0), hi)) }
    if lo < 0 { segments.append((-1, Swift.max(-hi, 0), -lo)) }
    for s in segments {
      var e = s.m0 >> bits
      while (e << bits) <= s.m1 {
        let p0 = Swift.max(e << bits, s.m0)
        let p1 = Swift.min(((e + 1) << bits) - 1, s.m1)
        var picks: [Int64] = []
        for k in 0..<perBinadeEnds {
          picks.append(Swift.min(p0 + k, p1))
          picks.append(Swift.max(p1 - k, p0))
        }
        for k in 1...perBinadeSpread { picks.append(p0 + (p1 - p0) / (perBinadeSpread + 1) * k) }
        for m in picks { out.append(inputs.index(ordinal: s.sign * m)) }
        e += 1
      }
    }
    return Array(Set(out.filter { range.contains($0) })).sorted()
  }

  @Test("FormatInputs.spotChecks equals the Set-based spot checks in every format, both directions, centres 0, 3 and -0.7, whole lines and finite domains, on ranges from one input to all of them and ranges crossing 0")
  func spotChecksMatchTheReference() {
    var compared = 0
    var rng = SplitMix64(seed: 18)
    let domains = [RealInterval.realLine, RealInterval(0, 1, lowerClosed: false, upperClosed: false), RealInterval(-5, 1e10)]
    for format in NumberFormat.allCases {
      for direction in [-1, 1] {
        for centre in [0.0, 3, -0.7] {
          for domain in domains {
            let inputs = FormatInputs(format: format, direction: direction, centre: centre, domain: domain)
            let n = inputs.count
            guard n > 0 else { continue }
            var ranges: [ClosedRange<UInt64>] = [0...(n - 1), (n - 1)...(n - 1), 0...0, (n / 2)...(n - 1), 0...(n / 3)]
            for _ in 0..<12 {
              let x = rng.next() % n
              let y = rng.next() % n
              ranges.append(Swift.min(x, y)...Swift.max(x, y))
              // Short ranges: within the 1,024 leading inputs or just past them.
              let start = rng.next() % n
              ranges.append(start...Swift.min(n - 1, start + rng.next() % 2048))
            }
            for r in ranges {
              let fast = inputs.spotChecks(in: r)
              #expect(fast == Self.referenceSpotChecks(inputs, in: r), "\(format) \(direction) centre \(centre) \(domain) \(r)")
              compared += 1
            }
          }
        }
      }
    }
    #expect(compared > 300)
  }

  // MARK: GradientGain.compute: each moment once per q

  /// The variance search as it was: every q's second moment computed anew.
  static func referenceVariance(_ view: ScalarView, weightVariance w: Double) -> (Double, GradientGain.VarianceSource) {
    func excess(_ logQ: Double) -> Double {
      let q = exp(logQ)
      return w * GradientGain.secondMoment(view, q: q) / q - 1
    }
    let grid = (-32...32).map { Double($0) / 4 * log(10.0) }
    let values = grid.map { x -> Double in
      let r = excess(x)
      return abs(r) <= 1e-10 ? 0 : r
    }
    if values.allSatisfy({ $0 == 0 }) { return (1, .everyVariance) }
    var stable: [Double] = []
    var last: (x: Double, v: Double)?
    for (x, v) in zip(grid, values) where v != 0 {
      if let l = last, l.v > 0, v < 0 {
        let root = RootFinding.bisect(excess, l.x, x, relativeTolerance: 0)
        stable.append(exp(root))
      }
      last = (x, v)
    }
    guard let best = stable.min(by: { abs(log($0)) < abs(log($1)) }) else { return (1, .noFixedPoint) }
    return (best, .fixedPoint)
  }

  /// The gain model as it was computed: every layer's chi and second
  /// moment computed anew, and the gain computed again at the end.
  static func referenceGain(_ view: ScalarView, initialization: WeightInit, depth: Int = GradientGain.maxDepth) -> GradientGain {
    let w = initialization.weightVariance
    let (q, source) = Self.referenceVariance(view, weightVariance: w)
    var ratios: [Double] = []
    var product = 1.0
    var ql = q
    for _ in 0..<depth {
      product *= GradientGain.chi(view, weightVariance: w, q: ql)
      ratios.append(product)
      ql = w * GradientGain.secondMoment(view, q: ql)
      if !(ql.isFinite && ql > 0) { break }
    }
    return GradientGain(
      initialization: initialization, q: q, source: source, gain: GradientGain.chi(view, weightVariance: w, q: q),
      depthRatio: ratios)
  }

  @Test("GradientGain.compute equals the model computed without remembered moments, bit for bit, for every catalog activation at He and Xavier")
  func gainModelMatchesTheReference() {
    for spec in Catalog.all where spec.family == .activation {
      for initialization in WeightInit.allCases {
        let gain = GradientGain.compute(spec.primaryView, initialization: initialization)
        let reference = Self.referenceGain(spec.primaryView, initialization: initialization)
        let label = "\(spec.id) \(initialization)"
        #expect(gain.q.bitPattern == reference.q.bitPattern, "\(label): q \(gain.q) vs \(reference.q)")
        #expect(gain.source == reference.source, "\(label)")
        #expect(gain.gain.bitPattern == reference.gain.bitPattern, "\(label): gain \(gain.gain) vs \(reference.gain)")
        #expect(gain.depthRatio.map(\.bitPattern) == reference.depthRatio.map(\.bitPattern), "\(label)")
      }
    }
  }

  // MARK: Session 19 (perf-facts2): Float16 certainty from the encoding

  static func expectSameRoundExact(_ d: Double, _ failures: inout Int, _ fastCertain: inout Int) {
    let fast = NumberFormat.float16.roundExact(d)
    let reference = Self.referenceRoundExact(.float16, d)
    if Binary16Bits.roundIfCertain(d) != nil || d.isNaN { fastCertain += 1 }
    if fast.value.bitPattern != reference.value.bitPattern || fast.certainty != reference.certainty {
      failures += 1
      if failures <= 10 {
        Issue.record("\(d) (\(String(d.bitPattern, radix: 16))): \(fast) vs \(reference)")
      }
    }
  }

  @Test("NumberFormat.float16.roundExact (certainty read from the encoding) equals the three-rounding reference bit for bit, value and certainty: every binary16 value and rounding boundary with the 24 Doubles either side, both signs; every power of two of Double with 24 neighbours; Doubles whose dropped 42 bits lie within 24 of a block's start, half and end at every exponent from 2^-14 to 2^1023; ±0, ±inf, NaN; 2,000,000 random encodings and 2,000,000 random values below 2^16")
  func float16RoundExactFromTheEncoding() {
    var failures = 0
    var checked = 0
    var fastCertain = 0
    Self.forEachBinary16Boundary(neighbours: 24) { s in
      Self.expectSameRoundExact(s, &failures, &fastCertain)
      checked += 1
    }
    // Blocks of 2^42 encodings (one binary16 spacing) at every exponent of
    // the fast path, including far beyond binary16's range (all overflow):
    // the dropped bits near 0, half and the end, for a few kept patterns.
    var rng = SplitMix64(seed: 20261207)
    let unit: UInt64 = 1 << 42
    for biased in UInt64(1009)...2046 {
      for _ in 0..<4 {
        let kept = biased << 52 | (rng.next() & ((1 << 52) - 1)) & ~(unit - 1)
        for centre in [0, unit >> 1, unit] {
          for offset in -24...24 {
            let dropped = Int64(bitPattern: centre) + Int64(offset)
            guard dropped >= 0 else { continue }
            let d = Double(bitPattern: kept + UInt64(dropped))
            guard d.isFinite else { continue }
            for s in [d, -d] {
              Self.expectSameRoundExact(s, &failures, &fastCertain)
              checked += 1
            }
          }
        }
      }
    }
    for v in [0.0, .infinity, .nan, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, 0x1p-26, 0x1p-25, 0x1p-14] {
      Self.expectSameRoundExact(v, &failures, &fastCertain)
      Self.expectSameRoundExact(-v, &failures, &fastCertain)
    }
    for _ in 0..<2_000_000 {
      Self.expectSameRoundExact(Double(bitPattern: rng.next()), &failures, &fastCertain)
      Self.expectSameRoundExact(Double(rng.next() >> 11) * 0x1p-37 - 0x1p15, &failures, &fastCertain)
      checked += 2
    }
    #expect(failures == 0, "\(failures) of \(checked) differ")
    // Both paths are exercised: most inputs are decided from the encoding,
    // and many thousands (the boundaries' neighbourhoods) by the full check.
    #expect(fastCertain > checked / 2)
    #expect(checked - fastCertain > 100_000)
  }

  @Test("Binary16Bits.value(magnitudeBits:) equals Binary16.value(magnitudeBits:) bit for bit on all 65,536 encodings")
  func binary16BitsValue() {
    var failures = 0
    for bits in UInt16(0)...UInt16.max {
      let fast = Binary16Bits.value(magnitudeBits: bits)
      let reference = Binary16.value(magnitudeBits: bits)
      if fast.bitPattern != reference.bitPattern {
        failures += 1
        if failures <= 10 { Issue.record("\(String(bits, radix: 16)): \(fast) vs \(reference)") }
      }
    }
    #expect(failures == 0)
    // Through the format's ordinals, both signs.
    for k in Int64(-0x7BFF)...0x7BFF {
      let v = NumberFormat.float16.value(ordinal: k)
      let m = Binary16.value(magnitudeBits: UInt16(k.magnitude))
      #expect(v.bitPattern == (k < 0 ? -m : m).bitPattern)
    }
  }

  // MARK: Session 19: naive scans share the view's jets at the scan points

  /// ``NaiveFailureScan/first`` as it was: every scan point's failure
  /// computed from fresh evaluations of `naive` and `accurate`, and the
  /// zero run found by evaluating `naive` again.
  static func referenceFirst(
    component: String, formula: String, naive: @escaping (Double) -> Double, accurate: @escaping (Double) -> Double, centre: Double,
    direction: Int, domain: RealInterval
  ) -> NaiveFailure? {
    typealias S = NaiveFailureScan
    let fails: (Double) -> Bool = { x in S.mode(naive(x), accurate(x)) != nil }
    let points = S.scanPoints(centre: centre, direction: direction, domain: domain)
    let failing = points.map(fails)
    guard let k = failing.firstIndex(of: true) else { return nil }
    var x = k == 0 ? points[0] : RootFinding.boundary(fails, from: points[k - 1], to: points[k]).firstTrue
    let dir = Double(direction)
    for _ in 0..<64 {
      let u = S.unit(x, centre: centre)
      guard u > 0 else { break }
      let start = x - dir * u
      var earlier: Int?
      for i in 0..<S.denseCount {
        let p = start + dir * u * Double(i) / Double(S.denseCount)
        if fails(p) {
          earlier = i
          break
        }
      }
      guard let i = earlier else { break }
      let p = start + dir * u * Double(i) / Double(S.denseCount)
      x = i == 0 ? p : RootFinding.boundary(fails, from: start + dir * u * Double(i - 1) / Double(S.denseCount), to: p).firstTrue
    }
    let u = S.unit(x, centre: centre, after: true, domain: domain, direction: direction)
    var failed = 0
    var checked = 0
    for i in 0..<S.afterCount {
      let p = x + dir * u * Double(i) / Double(S.afterCount)
      guard domain.contains(p) else { continue }
      checked += 1
      if fails(p) { failed += 1 }
    }
    var best: (start: Int, end: Int)?
    var i = k
    while i < points.count {
      guard failing[i] else {
        i += 1
        continue
      }
      var j = i
      while j + 1 < points.count && failing[j + 1] { j += 1 }
      if best.map({ j - i > $0.end - $0.start }) ?? true { best = (i, j) }
      i = j + 1
    }
    var always: Double?
    var alwaysTo: Double?
    if let r = best, r.start > k {
      always = RootFinding.boundary(fails, from: points[r.start - 1], to: points[r.start]).firstTrue
      if r.end + 1 < points.count {
        alwaysTo = RootFinding.boundary({ !fails($0) }, from: points[r.end], to: points[r.end + 1]).lastFalse
      }
    }
    var zeroFrom: Double?
    let isZero: (Double) -> Bool = { p in naive(p) == 0 }
    var z = points.count
    while z > k && isZero(points[z - 1]) { z -= 1 }
    if z < points.count {
      let start = z > k ? RootFinding.boundary(isZero, from: points[z - 1], to: points[z]).firstTrue : x
      if accurate(start) != 0 && isZero(start) { zeroFrom = start }
    }
    let n = naive(x)
    let s = accurate(x)
    return NaiveFailure(
      component: component, formula: formula, direction: direction, x: x, mode: S.mode(n, s) ?? .inaccurate, naive: n,
      stable: s, unit: u, fractionFailingAfter: checked > 0 ? Double(failed) / Double(checked) : 1, alwaysFrom: always,
      alwaysTo: alwaysTo, alwaysMode: always.flatMap { S.mode(naive($0), accurate($0)) }, zeroFrom: zeroFrom)
  }

  /// ``FloatingPointStudy/naiveFailures`` as it was: each part scanned
  /// with its own evaluations (``referenceFirst``).
  static func referenceNaiveFailures(_ samples: ViewSamples, naive: NaiveForm, parameters: ParameterValues) -> [NaiveFailure] {
    let view = samples.view
    let f = view.evaluate
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var parts: [(String, String, (Double) -> Double, (Double) -> Double)] = [
      ("value", naive.valueFormula, naive.value(parameters), { f($0).value }),
      ("derivative", naive.derivativeFormula, naive.derivative(parameters), { f($0).d1 }),
    ]
    for i in naive.intermediates {
      parts.append(("in " + i.within, i.formula, i.naive(parameters), i.accurate(parameters)))
    }
    var out: [NaiveFailure] = []
    for (component, formula, g, stable) in parts {
      for direction in [-1, 1] {
        if let failure = referenceFirst(
          component: component, formula: formula, naive: g, accurate: stable, centre: centre, direction: direction,
          domain: view.domain)
        {
          out.append(failure)
        }
      }
    }
    return out
  }

  static func bitsOf(_ f: NaiveFailure) -> [UInt64?] {
    [f.x, f.naive, f.stable, f.unit, f.fractionFailingAfter].map(\.bitPattern)
      + [f.alwaysFrom, f.alwaysTo, f.zeroFrom].map { $0?.bitPattern }
  }

  @Test("FloatingPointStudy.naiveFailures (the value's and the derivative's scans reading one set of jets) equals the per-part reference bit for bit for every catalog function with a naive form (intermediates: gelu, gelu-tanh; settling at 0; finite domains)")
  func naiveFailuresMatchTheReference() throws {
    var compared = 0
    var zeroRuns = 0
    for spec in Catalog.all {
      guard let naive = spec.naive else { continue }
      let parameters = spec.defaultParameters
      let samples = ViewSamples(spec.views(parameters)[0], count: 4001)
      let fast = FloatingPointStudy.naiveFailures(samples, naive: naive, parameters: parameters)
      let reference = Self.referenceNaiveFailures(samples, naive: naive, parameters: parameters)
      #expect(fast.count == reference.count, "\(spec.id)")
      for (a, b) in zip(fast, reference) {
        #expect(a.component == b.component && a.formula == b.formula && a.direction == b.direction, "\(spec.id)")
        #expect(a.mode == b.mode && a.alwaysMode == b.alwaysMode, "\(spec.id) \(a.component) \(a.direction)")
        #expect(Self.bitsOf(a) == Self.bitsOf(b), "\(spec.id) \(a.component) \(a.direction): \(a) vs \(b)")
        compared += 1
        if a.zeroFrom != nil { zeroRuns += 1 }
      }
    }
    // Many failures compared, some with a run settling at 0.
    #expect(compared > 40)
    #expect(zeroRuns > 0)
  }

  // MARK: Session 19: Draws.normals in rounds

  /// The normals as they were drawn: one point at a time, appended.
  static func referenceNormals(_ count: Int, _ rng: inout SplitMix64) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(count)
    while out.count < count {
      let u = 2 * rng.nextUnit() - 1
      let v = 2 * rng.nextUnit() - 1
      let s = u * u + v * v
      guard s > 0 && s < 1 else { continue }
      let factor = (-2 * log(s) / s).squareRoot()
      out.append(u * factor)
      if out.count < count { out.append(v * factor) }
    }
    return out
  }

  @Test("GainSimulation.Draws.normals equals the one-point-at-a-time reference bit for bit, and leaves the generator in the same state, for counts 0 ... 9, around the round size (8,191 ... 8,193) and 256 × 256 × 3, seeds 1 ... 6, drawn one after another as Draws does")
  func normalsMatchTheReference() {
    for seed in UInt64(1)...6 {
      var fast = SplitMix64(seed: seed)
      var reference = SplitMix64(seed: seed)
      for count in Array(0...9) + [8191, 8192, 8193, 256, 256, 256 * 256 * 3] {
        let a = GainSimulation.Draws.normals(count, &fast)
        let b = Self.referenceNormals(count, &reference)
        #expect(a.count == count)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "seed \(seed), count \(count)")
        // The generator's state: the next draws agree (copies: the
        // sequence goes on from the states themselves).
        var nextFast = fast
        var nextReference = reference
        #expect(nextFast.next() == nextReference.next(), "seed \(seed), count \(count)")
      }
    }
    // Draws itself: start, top, then the weights, from one generator.
    var rng = SplitMix64(seed: 3)
    let draws = GainSimulation.Draws(seed: 3, width: 16, depth: 4)
    #expect(draws.start.map(\.bitPattern) == Self.referenceNormals(16, &rng).map(\.bitPattern))
    #expect(draws.top.map(\.bitPattern) == Self.referenceNormals(16, &rng).map(\.bitPattern))
    #expect(draws.weights.map(\.bitPattern) == Self.referenceNormals(16 * 16 * 4, &rng).map(\.bitPattern))
  }
}
