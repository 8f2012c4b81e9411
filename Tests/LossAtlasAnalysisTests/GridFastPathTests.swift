import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ViewSamples writes four grid points at a time where no extra point
/// (breakpoint, far sample) falls among them and the grid strictly
/// increases (session 21, precision-fast). Pinned here against the
/// point-by-point merge it replaces (main 8fe79c5, kept verbatim below):
/// every catalog view at its default parameters, primary views at
/// 1,000,001 samples, and hostile grids: steps below an ulp (repeated grid
/// points: the point-by-point path), breakpoints on and between grid
/// points, every count from 2 to 40, a domain cutting the grid.
@Suite struct GridFastPathTests {
  /// The sample points and the search interval as main computed them in
  /// ``ViewSamples/init(_:count:)``, verbatim apart from returning them.
  static func oldXs(_ view: ScalarView, count: Int) -> (xs: [Double], search: ClosedRange<Double>) {
    let domain = view.domain
    let width = view.plotRange.upperBound - view.plotRange.lowerBound
    var lo = view.plotRange.lowerBound - width
    var hi = view.plotRange.upperBound + width
    for b in view.breakpoints {
      lo = min(lo, b - width / 4)
      hi = max(hi, b + width / 4)
    }
    // Clip to the domain; an open end is approached by the outer samples,
    // so the search interval stops halfway between it and the plot range.
    if lo <= domain.lower {
      lo = domain.lowerClosed ? domain.lower : domain.lower + (view.plotRange.lowerBound - domain.lower) / 2
    }
    if hi >= domain.upper {
      hi = domain.upperClosed ? domain.upper : domain.upper - (domain.upper - view.plotRange.upperBound) / 2
    }
    let search = lo...hi

    // The dense grid is sorted already; the few extra points (breakpoints,
    // far samples) are sorted on their own and merged in while the grid is
    // generated, so the million points are neither re-sorted nor copied.
    let lowerFar = ViewSamples.outward(from: lo, toward: domain.lower, closed: domain.lowerClosed)
    let upperFar = ViewSamples.outward(from: hi, toward: domain.upper, closed: domain.upperClosed)
    // Open domain ends are approached, never evaluated.
    let extra = (view.breakpoints + lowerFar + upperFar).filter(domain.contains).sorted()
    let n = max(count, 2)
    let step = (hi - lo) / Double(n - 1)
    let unique = [Double](unsafeUninitializedCapacity: n + extra.count) { buffer, filled in
      var k = 0
      var j = 0
      func push(_ x: Double) {
        // Drop duplicates (a breakpoint on the grid, the search edge twice).
        if k > 0 && buffer[k - 1] == x { return }
        buffer[k] = x
        k += 1
      }
      // The grid runs from lo to hi, which were clipped into the domain
      // above; when both are inside (always, for the catalog's views) the
      // million grid points need no domain test each.
      let checked = !(domain.contains(lo) && domain.contains(hi))
      extra.withUnsafeBufferPointer { extra in
        for i in 0..<n {
          let x = i == n - 1 ? hi : lo + Double(i) * step
          while j < extra.count && extra[j] <= x {
            push(extra[j])
            j += 1
          }
          if !checked || domain.contains(x) { push(x) }
        }
      }
      while j < extra.count {
        push(extra[j])
        j += 1
      }
      filled = k
    }
    return (unique, search)
  }


  static func expectSame(_ view: ScalarView, count: Int, _ label: String) {
    let new = ViewSamples(view, count: count)
    let old = Self.oldXs(view, count: count)
    #expect(new.search == old.search, "\(label): search interval")
    #expect(
      new.xs.count == old.xs.count && zip(new.xs, old.xs).allSatisfy { $0.bitPattern == $1.bitPattern },
      "\(label): \(new.xs.count) vs \(old.xs.count) points")
  }

  @Test("the sample points equal main's on every catalog view at its default parameters (20,001 and 4001) and primary views at 1,000,001")
  func catalogViews() throws {
    for spec in Catalog.all {
      for (k, view) in spec.views(spec.defaultParameters).enumerated() {
        for count in [20_001, 4001] { Self.expectSame(view, count: count, "\(spec.id) view \(k) at \(count)") }
      }
    }
    for id in ["sigmoid", "hard-swish", "msle", "bce", "hinge", "huber", "triplet-margin"] {
      Self.expectSame(try Catalog.function(named: id).primaryView, count: 1_000_001, "\(id) at 1,000,001")
    }
  }

  static func view(
    domain: RealInterval = .realLine, plot: ClosedRange<Double>, breakpoints: [Double] = []
  ) -> ScalarView {
    ScalarView(label: "x", argument: "x", domain: domain, plotRange: plot, breakpoints: breakpoints, declared: DeclaredProperties()) {
      x in Jet(value: x, d1: 1, d2: 0)
    }
  }

  @Test("the sample points equal main's on hostile grids: sub-ulp steps, breakpoints on and between grid points, counts 2 to 40 and around a block, a domain cutting the grid")
  func hostileGrids() {
    var views: [(ScalarView, String)] = []
    // Steps of a fraction of an ulp: grid points repeat (1e17 has an ulp of 16).
    views.append((Self.view(plot: 1e17...(1e17 + 64)), "sub-ulp steps at 1e17"))
    views.append((Self.view(plot: 1...(1 + 1e-14)), "steps near the ulp at 1"))
    views.append((Self.view(plot: -1e-300...1e-300), "subnormal-scale steps"))
    // Breakpoints on grid points (0.25 is one at every count 4k + 1) and between them.
    views.append((Self.view(plot: -1...1, breakpoints: [-0.5, 0.25, 1.0 / 3, 0.3333, 0.33334, 0.75, 0.7500000000000001]), "breakpoints"))
    views.append((Self.view(plot: -1...1, breakpoints: (0..<200).map { -1 + Double($0) / 100 + 1e-9 }), "200 breakpoints"))
    // A finite domain cutting the widened interval, open and closed.
    views.append((Self.view(domain: RealInterval(0, 1, lowerClosed: false), plot: 0.1...0.9, breakpoints: [0.5]), "(0, 1]"))
    views.append((Self.view(domain: RealInterval(-3, 5), plot: -2...4), "[-3, 5]"))
    views.append((Self.view(domain: RealInterval(0, .infinity, lowerClosed: false), plot: 0...2), "(0, inf)"))
    for (v, label) in views {
      for count in Array(2...40) + [1023, 1024, 1025, 4001, 20_001] { Self.expectSame(v, count: count, "\(label) at \(count)") }
    }
    // The sub-ulp grid repeats points: the merge drops them.
    let subUlp = ViewSamples(views[0].0, count: 4001)
    #expect(subUlp.xs.count < 4001 + subUlp.towardLower.count + subUlp.towardUpper.count)
  }
}
