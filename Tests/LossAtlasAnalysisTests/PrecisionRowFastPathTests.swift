import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The precision study's Float16 rows (session 21, precision-fast) make
/// their flags in one loop over the shared roundings
/// (``PrecisionStudy/Float16Inputs``) and answer from them
/// (``ThresholdSearch/exhaustive(flags:significandBits:)``), instead of
/// calling ``ThresholdSearch``'s predicate closure once an input. Pinned
/// here against the study and the exhaustive search as they were (main
/// 8fe79c5, kept verbatim below), on every catalog view at its default
/// parameters and on hostile views (NaN, ±inf, ±0, subnormal and tie
/// results, uncertain roundings, a refined value, an asymptotic offset,
/// a direction without Float16 inputs).
@Suite struct PrecisionRowFastPathTests {
  enum Old {
    /// ``PrecisionStudy/run(_:)`` at main 8fe79c5, verbatim apart from
    /// naming PrecisionStudy's statics and calling main's search (``searchRun(_:)``).
    static func run(_ samples: ViewSamples) -> PrecisionFacts {
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
          // Float16: every input is evaluated once, and its value's and
          // derivative's roundings are computed once, shared by the kinds
          // (the rows) that read them (an exact rounding caches its own
          // answers).
          let shared16 = format == .float16 && !studied.isExact
          // The inputs themselves are listed once too (the rows' searches
          // cover all of them: a view without an exact rounding searches the
          // whole direction).
          // (Constants, not variables: the rows' searches read them from
          // escaping closures, which check every access to a variable.)
          let xs: [Double] = shared16 ? (0..<all.count).map { all.x($0) } : []
          let jets: [Jet] = xs.map(f)
          let valueRoundings: [PrecisionStudy.Rounding?] =
            kinds.contains(where: { $0.0.isValue })
            ? jets.indices.map { i in PrecisionStudy.rounding(jets[i].value, at: xs[i], isValue: true, format: format, view: view) } : []
          let derivativeRoundings: [PrecisionStudy.Rounding?] =
            kinds.contains(where: { !$0.0.isValue })
            ? jets.indices.map { i in PrecisionStudy.rounding(jets[i].d1, at: xs[i], isValue: false, format: format, view: view) } : []
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
            let roundings16 = kind.isValue ? valueRoundings : derivativeRoundings
            var search = ThresholdSearch(inputs: inputs) { i in
              let x = shared16 ? xs[Int(i)] : inputs.x(i)
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
              let rounded: PrecisionStudy.Rounding?
              if shared16 {
                rounded = roundings16[Int(i)]
              } else {
                let j = f(x)
                rounded = PrecisionStudy.rounding(kind.isValue ? j.value : j.d1, at: x, isValue: kind.isValue, format: format, view: view)
              }
              guard let r = rounded else { return false }
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
            let result = studied.isExact ? (inputs.count > 0 ? search.bisected(inputs.count) : nil) : Old.searchRun(search)
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

    /// ``ThresholdSearch/run()`` at main 8fe79c5, through the old
    /// exhaustive search below.
    static func searchRun(_ search: ThresholdSearch) -> ThresholdSearch.Result? {
      let n = search.inputs.count
      guard n > 0 else { return nil }
      return search.inputs.format == .float16 ? exhaustive(search, n) : search.bisected(n)
    }

    /// ``ThresholdSearch/exhaustive(_:)`` at main 8fe79c5, verbatim apart
    /// from taking the search as an argument.
    static func exhaustive(_ search: ThresholdSearch, _ n: UInt64) -> ThresholdSearch.Result? {
      let inputs = search.inputs
      let holds = search.holds
      var flags = [Bool](repeating: false, count: Int(n))
      for i in 0..<Int(n) { flags[i] = holds(UInt64(i)) }
      guard flags[Int(n) - 1] else { return nil }
      var k = Int(n) - 1
      while k > 0 && flags[k - 1] { k -= 1 }
      // Earlier hits: over the binade-sized stretch before the threshold
      // (2^10 inputs), as for the other formats; farther in (gelu's value
      // rounding to 0 at x = -2^-24, where it is about x/2) is another matter.
      guard k > 0 else { return ThresholdSearch.Result(index: 0, earlierHits: 0, earlierChecked: 0, earlier: nil, exhaustive: true) }
      let start = Swift.max(0, k - (1 << inputs.format.significandBits))
      let hits = flags[start..<k].filter { $0 }.count
      let firstHit = flags[start..<k].firstIndex(of: true) ?? start
      return ThresholdSearch.Result(
        index: UInt64(k), earlierHits: Int64(hits), earlierChecked: Int64(k - firstHit),
        earlier: UInt64(firstHit)...UInt64(k - 1), exhaustive: true)
    }
  }

  /// Compares the two studies row by row; returns the rows' ties and
  /// uncertain counts (Float16 rows only), so a caller can check the
  /// hostile cases were reached.
  @discardableResult
  static func expectSame(_ label: String, _ samples: ViewSamples) -> (rows16: Int, ties: Int, uncertain: Int) {
    let new = PrecisionStudy.run(samples)
    let old = Old.run(samples)
    #expect(new == old, "\(label)")
    #expect(new.thresholds.count == old.thresholds.count, "\(label): rows")
    for (a, b) in zip(new.thresholds, old.thresholds) {
      #expect(
        a == b && a.x?.bitPattern == b.x?.bitPattern,
        "\(label) \(a.format) \(a.direction) \(a.kind): \(String(describing: a.x)) vs \(String(describing: b.x)), ties \(a.ties)/\(b.ties), uncertain \(a.uncertain)/\(b.uncertain)")
    }
    let rows = new.thresholds.filter { $0.format == .float16 && $0.exhaustive }
    return (rows.count, rows.reduce(0) { $0 + $1.ties }, rows.reduce(0) { $0 + $1.uncertain })
  }

  @Test("the precision study equals main's, row for row, on every view of every catalog function at its default parameters")
  func everyCatalogView() {
    var rows16 = 0
    var views = 0
    for spec in Catalog.all {
      for (k, view) in spec.views(spec.defaultParameters).enumerated() {
        rows16 += Self.expectSame("\(spec.id) view \(k)", ViewSamples(view, count: 4001)).rows16
        views += 1
      }
    }
    #expect(views > 100)
    #expect(rows16 > 100)
  }

  static func view(
    _ label: String, domain: RealInterval = .realLine, plot: ClosedRange<Double> = -4...4,
    refined: (@Sendable (Double) -> RefinedValue?)? = nil, _ f: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: label, argument: "x", domain: domain, plotRange: plot, declared: DeclaredProperties(), refinedValue: refined,
      evaluate: f)
  }

  /// x / (1 + |x|) (limits ±1, f' → 0), with hostile results at Float16
  /// inputs 4 ≤ |x| ≤ 60,000, chosen by the input's encoding: NaN, exact
  /// Float16 ties (1 − 2⁻¹², 2⁻²⁵), results within 4 ulp of a tie
  /// (uncertain, some decided by a refined value), ±0, a subnormal, ±inf.
  static let zoo = view("zoo", refined: { x in
    let m = NumberFormat.float16.ordinal(x).magnitude
    guard NumberFormat.float16.represents(x), abs(x) >= 4, abs(x) <= 60_000, m % 13 == 2, m % 2 == 0 else { return nil }
    return RefinedValue(hi: (x < 0 ? -1 : 1) * (1 - 0x1p-12), lo: (x < 0 ? -1 : 1) * 0x1p-60, error: 0)
  }) { x in
    let s: Double = x < 0 ? -1 : 1
    let plain = Jet(value: x / (1 + abs(x)), d1: 1 / ((1 + abs(x)) * (1 + abs(x))), d2: -2 * s / ((1 + abs(x)) * (1 + abs(x)) * (1 + abs(x))))
    guard NumberFormat.float16.represents(x), abs(x) >= 4, abs(x) <= 60_000 else { return plain }
    switch NumberFormat.float16.ordinal(x).magnitude % 13 {
    case 0: return Jet(value: .nan, d1: .nan, d2: .nan)
    case 1: return Jet(value: s * (1 - 0x1p-12), d1: 0x1p-25, d2: 0)
    case 2: return Jet(value: s * (1 - 0x1p-12 + 0x1p-52), d1: 0x1p-25 + 0x1p-77, d2: 0)
    case 3: return Jet(value: plain.value, d1: -0.0, d2: 0)
    case 4: return Jet(value: plain.value, d1: 0.0, d2: 0)
    case 5: return Jet(value: plain.value, d1: 0x1p-1070, d2: 0)
    case 6: return Jet(value: plain.value, d1: .infinity, d2: .nan)
    case 7: return Jet(value: -0.0, d1: -.infinity, d2: 0)
    case 8: return Jet(value: s, d1: 0x1p-24 * 1.5, d2: 0)
    default: return plain
    }
  }

  /// x − 1 + 1/(2x) for |x| > 1 (barron at alpha = 1): f rounds to x where
  /// c = −1 is half the spacing, a tie its residual decides.
  static let offset = view("offset") { x in
    abs(x) <= 1 ? Jet(value: x * x / 2, d1: x, d2: 1) : Jet(value: x - 1 + 1 / (2 * x), d1: 1 - 1 / (2 * x * x), d2: 1 / (x * x * x))
  }

  /// x + 1/2 exactly for |x| > 1: a residual of 0 (ties to even).
  static let half = view("half") { x in abs(x) <= 1 ? Jet(value: x, d1: 1, d2: 0) : Jet(value: x + 0.5, d1: 1, d2: 0) }

  /// e^x, overflowing toward +inf (Float16 from 11.09), vanishing toward −inf.
  static let exponential = view("exp") { x in let e = exp(x); return Jet(value: e, d1: e, d2: e) }

  /// 1 / (1.0001 − x) on [1, 1.0001): no Float16 input between the centre
  /// and the upper end (the next after 1 is 1.000977).
  static let empty = view("empty", domain: RealInterval(1, 1.0001, upperClosed: false), plot: 1...1.0001) { x in
    let g = 1.0001 - x
    return Jet(value: 1 / g, d1: 1 / (g * g), d2: 2 / (g * g * g))
  }

  @Test("the precision study equals main's on hostile views: NaN, ±inf, ±0, subnormal and exactly-tied results, uncertain roundings (some decided by a refined value), asymptotic offsets with a residual and without, overflow, and a direction without Float16 inputs")
  func hostileViews() {
    var ties = 0
    var uncertain = 0
    for v in [Self.zoo, Self.offset, Self.half, Self.exponential, Self.empty] {
      for count in [3, 4001] {
        let r = Self.expectSame("\(v.label) at \(count) samples", ViewSamples(v, count: count))
        ties += r.ties
        uncertain += r.uncertain
      }
    }
    // The hostile results were met by the Float16 rows.
    #expect(ties > 0)
    #expect(uncertain > 0)
  }

  @Test("ThresholdSearch.exhaustive(flags:) equals main's exhaustive search: random flags of every density, lengths 1 to 3,000 (shorter and longer than a binade), all true, all false, a single true at each end")
  func exhaustiveFromFlags() {
    var rng = SplitMix64(seed: 21)
    var cases: [[Bool]] = [[true], [false], [Bool](repeating: true, count: 3000), [Bool](repeating: false, count: 3000)]
    cases.append([Bool](repeating: false, count: 2999) + [true])
    cases.append([true] + [Bool](repeating: false, count: 2999))
    for _ in 0..<400 {
      let n = 1 + Int(rng.nextUnit() * 3000)
      let density = rng.nextUnit()
      let tail = Int(rng.nextUnit() * Double(n))
      // Random flags, then a run of trues at the end (a threshold).
      cases.append((0..<n).map { $0 >= n - tail || rng.nextUnit() < density })
    }
    let inputs = FormatInputs(format: .float16, direction: 1, centre: 0, domain: .realLine)
    for flags in cases {
      let search = ThresholdSearch(inputs: inputs) { flags[Int($0)] }
      let old = Old.exhaustive(search, UInt64(flags.count))
      #expect(ThresholdSearch.exhaustive(flags: flags, significandBits: 10) == old, "\(flags.count) flags")
      #expect(search.exhaustive(UInt64(flags.count)) == old, "\(flags.count) flags")
    }
  }
}
