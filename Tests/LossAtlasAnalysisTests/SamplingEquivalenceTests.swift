import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The sampled views are organised for speed (the sweep and its summary
/// block by block, the summary's common case from branch-free block
/// reductions). Every sample and every number they give must be bit for
/// bit what the straightforward computation gives: here each is compared
/// with a reference written the plain way (evaluate the view at each x,
/// one x after another; summarise with whole-array scans), on catalog
/// views of every shape the catalog has and on a hostile synthetic one.
@Suite struct SamplingEquivalenceTests {
  static func view(_ id: String, _ index: Int = 0) throws -> ScalarView {
    let spec = try Catalog.function(named: id)
    return spec.views(spec.defaultParameters)[index]
  }

  /// Bitwise equality (tells -0 from +0 and compares NaNs by their bits).
  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
  }

  /// The samples the plain way: the breakpoints and the far points inside
  /// the domain, then the grid lo + i (hi - lo)/(n - 1) (hi itself last)
  /// inside the domain, sorted (stably), repeats dropped; f at each, one
  /// by one. Of two equal points the first kept is the breakpoint or far
  /// point: a breakpoint -0 (the margin losses' y = -1 views) against a
  /// grid point +0 stays -0.
  static func referenceXs(_ view: ScalarView, search: ClosedRange<Double>, count: Int) -> [Double] {
    let (lo, hi) = (search.lowerBound, search.upperBound)
    let n = max(count, 2)
    let step = (hi - lo) / Double(n - 1)
    var xs = view.breakpoints.filter(view.domain.contains)
    xs += ViewSamples.outward(from: lo, toward: view.domain.lower, closed: view.domain.lowerClosed).filter(view.domain.contains)
    xs += ViewSamples.outward(from: hi, toward: view.domain.upper, closed: view.domain.upperClosed).filter(view.domain.contains)
    xs += (0..<n).map { i in i == n - 1 ? hi : lo + Double(i) * step }.filter(view.domain.contains)
    xs.sort()
    var unique: [Double] = []
    for x in xs where unique.last != x { unique.append(x) }
    return unique
  }

  /// Indices i < j of the non-zero, non-NaN entries of `q` between which
  /// the sign changes (zeros and NaNs stepped over).
  static func referenceBrackets(_ q: [Double]) -> [(Int, Int)] {
    let nonzero = q.indices.filter { q[$0] != 0 && !q[$0].isNaN }
    return zip(nonzero, nonzero.dropFirst()).filter { (q[$0] < 0) != (q[$1] < 0) }.map { ($0, $1) }
  }

  /// Every field of `s` against the plain computation.
  static func checkAgainstReference(_ s: ViewSamples, count: Int, _ name: String) {
    let view = s.view
    let xs = referenceXs(view, search: s.search, count: count)
    #expect(same(s.xs, xs), "\(name): sample points")
    let jets = xs.map(view.evaluate)
    let values = jets.map(\.value)
    let d1 = jets.map(\.d1)
    let d2 = jets.map(\.d2)
    #expect(same(s.values, values), "\(name): f")
    #expect(same(s.d1, d1), "\(name): f'")
    #expect(same(s.d2, d2), "\(name): f''")

    // The summary from whole-array scans (min(by:) and max(by:) keep the
    // first of equal elements, as the summary does).
    let summary = s.summary
    #expect(summary.d1Positive == d1.contains { $0 > 0 }, "\(name)")
    #expect(summary.d1Negative == d1.contains { $0 < 0 }, "\(name)")
    #expect(summary.d2Positive == d2.contains { $0 > 0 }, "\(name)")
    #expect(summary.d2Negative == d2.contains { $0 < 0 }, "\(name)")
    let valued = values.indices.filter { !values[$0].isNaN }
    let sloped = d1.indices.filter { !d1[$0].isNaN }
    #expect(summary.minValue == (valued.min { values[$0] < values[$1] } ?? -1), "\(name): smallest f")
    #expect(summary.maxValue == (valued.max { values[$0] < values[$1] } ?? -1), "\(name): largest f")
    #expect(summary.minAbsSlope == (sloped.min { abs(d1[$0]) < abs(d1[$1]) } ?? -1), "\(name): smallest |f'|")
    #expect(summary.maxAbsSlope == (sloped.max { abs(d1[$0]) < abs(d1[$1]) } ?? -1), "\(name): largest |f'|")
    let valueBrackets = referenceBrackets(d1)
    let slopeBrackets = referenceBrackets(d1.indices.map { d1[$0] == 0 ? 0 : (d1[$0] < 0 ? -d2[$0] : d2[$0]) })
    #expect(summary.valueBrackets.map { [$0.0, $0.1] } == valueBrackets.map { [$0.0, $0.1] }, "\(name): sign changes of f'")
    #expect(summary.slopeBrackets.map { [$0.0, $0.1] } == slopeBrackets.map { [$0.0, $0.1] }, "\(name): sign changes of sign(f') f''")

    // The far-field sequences: the far points, f at each.
    let lower = ViewSamples.outward(from: s.search.lowerBound, toward: view.domain.lower, closed: view.domain.lowerClosed)
    let upper = ViewSamples.outward(from: s.search.upperBound, toward: view.domain.upper, closed: view.domain.upperClosed)
    #expect(same(s.towardLower.map { $0.x }, lower), "\(name): far points toward the lower end")
    #expect(same(s.towardUpper.map { $0.x }, upper), "\(name): far points toward the upper end")
    // f at each far point as the sweep used to give it, evaluated anew
    // (`lowerFar.map { ($0, f($0)) }`), against the jets read back from the sweep.
    let lowerJets = lower.map { ($0, view.evaluate($0)) }
    let upperJets = upper.map { ($0, view.evaluate($0)) }
    for (got, want, end) in [(s.towardLower, lowerJets, "lower"), (s.towardUpper, upperJets, "upper")] {
      #expect(same(got.map { $0.jet.value }, want.map { $0.1.value }), "\(name): f toward the \(end) end")
      #expect(same(got.map { $0.jet.d1 }, want.map { $0.1.d1 }), "\(name): f' toward the \(end) end")
      #expect(same(got.map { $0.jet.d2 }, want.map { $0.1.d2 }), "\(name): f'' toward the \(end) end")
    }
  }

  /// Every view of every catalog function at its default parameters, at a
  /// coarse count, the facts' 4001 (the far points, read back from the
  /// sweep, are as many as at any count).
  @Test("ViewSamples equals the plain computation on every catalog view at 4001 points")
  func everyCatalogView() {
    for spec in Catalog.all {
      for (index, view) in spec.views(spec.defaultParameters).enumerated() {
        Self.checkAgainstReference(ViewSamples(view, count: 4001), count: 4001, "\(spec.id) view \(index) at 4001")
      }
    }
  }

  /// A far point equal to a sample but of the other sign of zero: the
  /// closed end -0 of [-0, 1] is the last far point toward the lower end,
  /// while the merge keeps the breakpoint +0 (sorted first of the two
  /// equal points) in the samples. f tells them apart (1/x), so the far
  /// jet must be evaluated at -0, not read from the +0 sample; with NaN
  /// and infinite jets on the way and a subnormal breakpoint.
  @Test("Far jets: -0 at a closed end is evaluated, not read from the sample +0", arguments: [2, 101, 4001])
  func signedZeroEnd(count: Int) {
    let view = ScalarView(
      label: "x", argument: "x", domain: RealInterval(-0.0, 1), plotRange: 0.25...0.75,
      breakpoints: [0.0, .leastNonzeroMagnitude, 0.5], declared: DeclaredProperties()
    ) { x in
      if x > 0.9 { return Jet(value: .nan, d1: .infinity, d2: -.infinity) }
      return Jet(value: 1 / x, d1: -1 / (x * x), d2: x == 0 ? -.infinity : 2 / (x * x * x))
    }
    let s = ViewSamples(view, count: count)
    #expect(s.xs.first?.bitPattern == (0.0).bitPattern, "the sample kept is +0")
    #expect(s.towardLower.last?.x.bitPattern == (-0.0).bitPattern, "the far point is -0")
    #expect(s.towardLower.last?.jet.value == -.infinity)
    Self.checkAgainstReference(s, count: count, "[-0, 1] at \(count)")
  }

  /// Catalog views at the counts the analysis uses (1,000,001 for a
  /// primary view, 20,001 for the others, 4001 for the facts): a smooth
  /// one on the real line, kinks, a breakpoint on the grid, open and
  /// closed half-lines, a closed interval with a breakpoint inside.
  @Test(
    "ViewSamples equals evaluating the view at each x, and the summary equals whole-array scans",
    arguments: [
      ("sigmoid", 0, 1_000_001),  // smooth, the real line
      ("hard-swish", 0, 1_000_001),  // breakpoints -3, 3; f' = 0 on a tail
      ("relu", 0, 20_001),  // a kink at 0, f' = 0 on a half-line
      ("msle", 0, 1_000_001),  // the open half-line (-1, inf)
      ("triplet-margin", 0, 20_001),  // the closed half-line [-3, inf)
      ("gaussian-nll", 1, 20_001),  // the open half-line (0, inf) in var
      ("cosine-embedding", 1, 4001),  // the closed [-1, 1] with a breakpoint inside
      ("bce", 0, 4001),  // the closed [0, 1], f infinite at an end
    ])
  func catalogViews(id: String, index: Int, count: Int) throws {
    let view = try Self.view(id, index)
    Self.checkAgainstReference(ViewSamples(view, count: count), count: count, "\(id) view \(index) at \(count)")
  }

  /// A view built to be hostile to a block-wise summary: f' changes sign
  /// at nearly every sample (so brackets fall on the block boundaries),
  /// exact zeros of f' and f'' on stretches, NaN values and slopes, ±inf,
  /// -0, ties of the extremes; counts below, at and just past a block.
  @Test("ViewSamples on a hostile synthetic view equals the plain computation", arguments: [2, 1023, 1024, 1025, 3000, 20_001])
  func hostileView(count: Int) {
    let view = ScalarView(
      label: "x", argument: "x", plotRange: -1...1, breakpoints: [0.25, 0.5],
      declared: DeclaredProperties()
    ) { x in
      if x < -2.5 { return Jet(value: .nan, d1: .nan, d2: 1) }
      if x < -2 { return Jet(value: -0.0, d1: 0, d2: -0.0) }
      if x > 2.5 { return Jet(value: .infinity, d1: -.infinity, d2: .nan) }
      if x > 2 { return Jet(value: 7, d1: 7, d2: 0) }  // ties of the largest f and |f'|
      let t = (x * 1000).rounded(.down)
      let sign: Double = Int(t).isMultiple(of: 2) ? 1 : -1
      let d1 = x > 0.25 && x < 0.5 ? 0 : sign * (1 + x * x)
      return Jet(value: sin(x * 900), d1: d1, d2: Int(t).isMultiple(of: 3) ? 0 : -sign * x)
    }
    Self.checkAgainstReference(ViewSamples(view, count: count), count: count, "synthetic at \(count)")
  }

  /// The sweep the data export writes: f, f', f'' at the given x, in order.
  @Test("Sweep.run equals evaluating the view at each x", arguments: [0, 1, 1024, 2049])
  func sweepRun(count: Int) throws {
    let view = try Self.view("softplus")
    let xs = (0..<count).map { -40 + Double($0) * 0.05 }
    let block = Sweep.run(view, parameters: ParameterValues(), xs: xs)
    #expect(Self.same(block.xs, xs))
    #expect(Self.same(block.values, xs.map { view.evaluate($0).value }))
    #expect(Self.same(block.d1, xs.map { view.evaluate($0).d1 }))
    #expect(Self.same(block.d2, xs.map { view.evaluate($0).d2 }))
  }
}
