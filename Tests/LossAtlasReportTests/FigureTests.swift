import Foundation
import LossAtlasAnalysis
@testable import LossAtlasCharts
import LossAtlasCore
@testable import LossAtlasReport
import Testing

// MARK: - Fixture

/// The analyses and figures every test reads, computed once. The primary
/// views are sampled at 20,001 points instead of the manual's 1,000,001:
/// the properties the figures draw are root-refined to 1e-9 either way
/// (a test below checks that the two give the same PNG for sigmoid).
enum FigureFixture {
  static let analyses = CatalogAnalysis.run(primarySamples: 20_001, threads: 2)
  static let figures = ManualFigures.all(analyses: analyses)

  static func analysis(_ id: String) -> FunctionAnalysis { analyses.first { $0.id == id }! }
  static func figure(_ path: String) -> ManualFigure? { figures.first { $0.path == path } }
  static func function(_ id: String) -> ManualFigure { figure("figures/\(id).png")! }
  static func defaults(_ id: String) -> SettingAnalysis {
    let a = analysis(id)
    return a.settings[a.defaultIndex]
  }
}

/// A rendered figure: its PNG decoded back to pixels, and where each
/// panel's plot and scales landed.
struct Drawn {
  let png: [UInt8]
  let width: Int
  let height: Int
  let pixels: [UInt32]
  let panels: [PanelDiagnostics]

  init(_ figure: Figure) throws {
    let renderer = ChartRenderer()
    png = try renderer.renderPNG(figure)
    let decoded = try decodePNG(png)
    (width, height, pixels) = (decoded.width, decoded.height, decoded.pixels)
    panels = try renderer.renderImage(figure).1
  }

  func pixel(_ x: Int, _ y: Int) -> UInt32 { pixels[y * width + x] }

  /// The pixel at data point (x, y) of panel `p`.
  func pixel(panel p: Int, x: Double, y: Double) -> UInt32 {
    pixel(Int(panels[p].xScale.pixel(x)), Int(panels[p].yScale.pixel(y)))
  }

  /// Whether a pixel within `radius` of data point (x, y) has exactly `color`.
  func touches(panel p: Int, x: Double, y: Double, color: ChartColor, radius: Int = 1) -> Bool {
    let cx = Int(panels[p].xScale.pixel(x).rounded())
    let cy = Int(panels[p].yScale.pixel(y).rounded())
    for dy in -radius...radius {
      for dx in -radius...radius where pixel(cx + dx, cy + dy) == rgb(color) { return true }
    }
    return false
  }
}

func rgb(_ c: ChartColor) -> UInt32 { UInt32(c.red) << 16 | UInt32(c.green) << 8 | UInt32(c.blue) }

/// Big-endian UInt32 at `offset` of PNG bytes.
func be32(_ bytes: [UInt8], _ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }

// MARK: - The set of figures

@Suite("Manual figures: the set")
struct FigureSetTests {
  @Test("every catalog id has its function figure")
  func everyIDHasAFunctionFigure() {
    for id in Catalog.ids {
      let f = FigureFixture.figure("figures/\(id).png")
      #expect(f?.kind == .function, "\(id)")
      #expect(f?.functionIDs == [id], "\(id)")
    }
  }

  @Test("paths are unique, in a fixed order, and the issue's figures are there")
  func pathsAndOrder() {
    let paths = FigureFixture.figures.map(\.path)
    #expect(Set(paths).count == paths.count)
    #expect(paths.prefix(Catalog.ids.count) == ArraySlice(Catalog.ids.map { "figures/\($0).png" }))
    #expect(paths == ManualFigures.all(analyses: FigureFixture.analyses).map(\.path))
    var expected = [
      "figures/family-leaky-relu-slope.png", "figures/family-elu-alpha.png", "figures/family-softplus-beta.png",
      "figures/family-silu-beta.png", "figures/family-focal-gamma.png", "figures/compare-margin-losses.png",
      "figures/compare-sigmoid-like.png", "figures/compare-relu-like.png", "figures/compare-gelu-gelu-tanh.png",
      "figures/depth.png", "figures/precision-sigmoid.png", "figures/precision-tanh.png", "figures/precision-softsign.png",
      // Catalog part 2 (p2-scalar): the shrink and GLU comparisons and two parameter families.
      "figures/compare-shrink.png", "figures/compare-glu-variants.png", "figures/family-celu-alpha.png",
      "figures/family-squareplus-b.png",
      // Issue 10 section 2's comparison pages: the two-class slice and the
      // simplex of softmax and sparsemax, cross-entropy and its variants.
      "figures/compare-softmax-sparsemax-slice.png", "figures/compare-softmax-sparsemax.png",
      "figures/compare-cross-entropy-variants.png",
    ]
    // The regression losses arrive from another branch.
    if Catalog.ids.contains("huber") {
      expected += [
        "figures/family-huber-delta.png", "figures/family-smooth-l1-beta.png", "figures/family-barron-alpha.png",
        "figures/family-quantile-tau.png", "figures/compare-regression-losses.png",
      ]
    }
    for p in expected { #expect(paths.contains(p), "\(p)") }
    // Kinds come in blocks: functions, surfaces (the gated units' heat
    // maps), families, comparisons, depth, precision.
    let kinds = FigureFixture.figures.map(\.kind)
    let order: [ManualFigure.Kind] = [.function, .surface, .family, .comparison, .depth, .precision]
    #expect(Set(order) == Set(ManualFigure.Kind.allCases))
    #expect(kinds == kinds.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
  }

  @Test("no precision figure for a limit reached exactly (relu, hard-tanh)")
  func precisionOnlyWhereTheLimitIsApproached() {
    for id in ["relu", "relu6", "hard-sigmoid", "hard-tanh", "identity", "leaky-relu"] {
      #expect(FigureFixture.figure("figures/precision-\(id).png") == nil, "\(id)")
    }
  }

  @Test("the generator's figure step builds every figure, in order, whatever the threads; each renders to its info's size")
  func generatorStep() throws {
    let some = FigureFixture.analyses.filter { ["sigmoid", "relu", "tanh", "gelu", "gelu-tanh"].contains($0.id) }
    let built = ManualFigures.built(analyses: some, threads: 2)
    let figures = ManualFigures.all(analyses: some)
    // (Figures hold NaN gaps in their series, so they are compared by what
    // identifies them, not by ==.)
    func identity(_ f: [ManualFigure]) -> [String] { f.map { "\($0.path)|\($0.caption)|\($0.altText)" } }
    #expect(identity(built) == identity(figures))
    #expect(identity(ManualFigures.built(analyses: some, threads: 1)) == identity(figures))
    let infos = built.map(\.info)
    #expect(infos.map(\.key).contains("sigmoid"))
    #expect(infos.map(\.key).contains("compare-gelu-gelu-tanh"))
    let files = try ManualFigures.render(built, threads: 2)
    for (info, file) in zip(infos, files) {
      #expect(file.path == info.file)
      #expect(info.width == be32(file.bytes, 16) && info.height == be32(file.bytes, 20), "\(info.file)")
      #expect(!info.alt.isEmpty && !info.caption.isEmpty)
    }
  }
}

// MARK: - Structure of the function figures

@Suite("Manual figures: function figures")
struct FunctionFigureTests {
  @Test("two panels per argument, one series per view in each", arguments: Catalog.ids)
  func panelsAndSeries(id: String) throws {
    let spec = try Catalog.function(named: id)
    let views = spec.primaryViewsByArgument
    let f = FigureFixture.function(id).figure
    #expect(f.size == .standard)
    #expect(f.columns == 2 && f.panels.count == 2 * views.count)
    for (g, group) in views.enumerated() {
      let value = f.panels[2 * g]
      let derivative = f.panels[2 * g + 1]
      #expect(value.series.count == group.count)
      // Derivative: one series per view, then legend swatches (no points).
      #expect(derivative.series.filter { !$0.x.isEmpty }.count == group.count)
      #expect(derivative.series.filter(\.x.isEmpty).allSatisfy { $0.width == FigureStyle.swatchWidth })
      // No series draws a non-finite value: those are NaN (a break).
      for s in value.series + derivative.series {
        #expect(s.y.allSatisfy { $0.isNaN || $0.isFinite })
      }
    }
  }

  @Test("a band over every saturation interval and dead region in range (first view)", arguments: Catalog.ids)
  func bandsFromTheAnalysis(id: String) throws {
    let props = FigureFixture.defaults(id).views[0]
    let derivative = FigureFixture.function(id).figure.panels[1]
    let range = try #require(derivative.x.range)
    let span = range.upperBound - range.lowerBound
    func expectBand(_ i: RealInterval, _ color: ChartColor, _ what: String) {
      let a = max(i.lower, range.lowerBound)
      let b = min(i.upper, range.upperBound)
      // Narrower than about a pixel: not shaded (FigureStyle.visibleBandFraction).
      guard b - a > FigureStyle.visibleBandFraction * span else {
        #expect(!derivative.bands.contains { $0.lower < b && $0.upper > a && $0.color == color }, "\(id): \(what) \(i) too narrow to shade")
        return
      }
      #expect(
        derivative.bands.contains {
          abs($0.lower - a) <= 1e-9 * span && abs($0.upper - b) <= 1e-9 * span && $0.color == color
        }, "\(id): \(what) \(i)")
    }
    for d in props.deadRegions { expectBand(d.interval, FigureStyle.dead, "dead region") }
    // A saturation interval is shaded as such where it is not dead (the
    // views here with both have them apart or nested; test the simple case).
    if props.deadRegions.isEmpty {
      for s in props.saturationIntervals { expectBand(s.interval, FigureStyle.saturation, "saturation interval") }
    }
    // Nothing shaded that no view's analysis found.
    let found = FigureFixture.defaults(id).views.contains { !$0.deadRegions.isEmpty || !$0.saturationIntervals.isEmpty }
    if !found { #expect(derivative.bands.isEmpty, "\(id)") }
  }

  @Test("a dashed vertical line at every breakpoint that jumps, in both panels", arguments: Catalog.ids)
  func referenceLinesAtBreakpoints(id: String) throws {
    let f = FigureFixture.function(id).figure
    // One row of two panels per argument, in view order (cosine-embedding
    // sweeps the angle t in the first row and the cosine c in the second).
    var arguments: [String] = []
    for props in FigureFixture.defaults(id).views where !arguments.contains(props.argument) {
      arguments.append(props.argument)
    }
    for props in FigureFixture.defaults(id).views {
      let row = arguments.firstIndex(of: props.argument)!
      let panels = f.panels[(2 * row)..<(2 * row + 2)]
      let range = panels.first!.x.range!
      for b in props.breakpoints where b.firstJumpOrder != nil && b.x > range.lowerBound && b.x < range.upperBound {
        for panel in panels {
          #expect(
            panel.referenceLines.contains { $0.orientation == .vertical && $0.value == b.x && $0.dashed },
            "\(id) breakpoint \(b.x)")
        }
      }
    }
  }

  @Test("markers where the minimum and max |f′| are attained at a point")
  func markers() throws {
    for id in ["gelu", "silu", "mish", "hard-swish"] {
      let props = FigureFixture.defaults(id).views[0]
      guard case .point(let xMin) = props.infimum.location else {
        Issue.record("\(id): minimum not at a point")
        continue
      }
      let value = FigureFixture.function(id).figure.panels[0]
      #expect(value.markers.contains { $0.x == xMin && $0.y == props.infimum.value }, "\(id)")
      #expect(value.markers.first?.label.contains(FigureText.number(xMin)) == true, "\(id)")
    }
    let sigmoid = FigureFixture.defaults("sigmoid").views[0]
    guard case .point(let xPeak) = sigmoid.maxAbsDerivative.location else {
      Issue.record("sigmoid: max |f′| not at a point")
      return
    }
    let derivative = FigureFixture.function("sigmoid").figure.panels[1]
    #expect(derivative.markers.count == 1)
    #expect(derivative.markers[0].x == xPeak && derivative.markers[0].y == sigmoid.maxAbsDerivative.value)
    // relu's minimum and max |f′| are attained on whole pieces: no marker.
    #expect(FigureFixture.function("relu").figure.panels.allSatisfy { $0.markers.isEmpty })
  }

  @Test("lines break at jumps: zero-one's value at 0, relu's derivative at 0")
  func jumpsBreakLines() {
    let zeroOne = FigureFixture.function("zero-one").figure.panels[0].series[0]
    let relu = FigureFixture.function("relu").figure.panels[1].series[0]
    for (s, name) in [(zeroOne, "zero-one"), (relu, "relu′")] {
      let gap = zip(s.x, s.y).filter { $0.1.isNaN }.map(\.0)
      #expect(gap.contains { abs($0) < 1e-6 }, "\(name) has no break at 0")
      #expect(gap.count == 1, "\(name) breaks only at its jump")
    }
  }

  @Test("blow-ups are cut: bce's −log p at p = 0, exponential's mirrored view")
  func clipping() throws {
    let bce = FigureFixture.function("bce")
    let top = try #require(bce.figure.panels[0].y.range).upperBound
    #expect(top.isFinite && top < 10)
    #expect(bce.altText.contains("The plot cuts off values above"))
    // The y = +1 view of e^(−ys) on [−2, 3] sets the axis; y = −1 (e^s) leaves the frame.
    let exponential = FigureFixture.function("exponential").figure.panels[0]
    let primaryMax = exponential.series[0].y.filter(\.isFinite).max()!
    #expect(try #require(exponential.y.range).upperBound < 1.2 * primaryMax)
    #expect(exponential.series[1].y.contains { $0 > exponential.y.range!.upperBound })
  }

  @Test("alt text holds the analysis' numbers")
  func altText() throws {
    let sigmoid = FigureFixture.defaults("sigmoid").views[0]
    let s = sigmoid.saturationIntervals.map(\.interval)
    #expect(s.count == 2)
    let alt = FigureFixture.function("sigmoid").altText
    // The wording of issue 4's example, every number formatted from the analysis.
    #expect(
      alt == "Value and derivative of Sigmoid (logistic) for x from −8 to 8. The derivative peaks at "
        + "\(FigureText.number(sigmoid.maxAbsDerivative.value)) at x = 0 and is below 1% of that peak for "
        + "x ≤ \(FigureText.number(s[0].upper)) and x ≥ \(FigureText.number(s[1].lower)) (shaded).")
    // The saturation tails are closed at their bisected ends.
    #expect(s[0].upperClosed && s[1].lowerClosed)
    #expect(alt.contains("x ≤ −5.99") && alt.contains("0.25"))
    let gelu = FigureFixture.defaults("gelu").views[0]
    guard case .point(let x) = gelu.infimum.location else { return }
    #expect(FigureFixture.function("gelu").altText.contains("attained at x = \(FigureText.number(x))"))
    // relu'(0) = 0 (the catalog's subgradient): the dead set and the set
    // where the minimum 0 is attained are closed at 0.
    #expect(FigureFixture.function("relu").altText.contains("exactly 0 for x ≤ 0 (shaded grey)"))
    #expect(FigureFixture.function("relu").altText.contains("minimum 0 is attained for x ≤ 0"))
    // gelu's flat zone around its minimum is not shaded as saturation.
    let geluFigure = FigureFixture.function("gelu")
    let geluZone = try #require(gelu.flatZones.first)
    #expect(!geluFigure.figure.panels[1].bands.contains { $0.lower <= geluZone.interval.lower && $0.upper >= geluZone.interval.upper })
    #expect(FigureFixture.function("relu").altText.contains("kink at x = 0"))
  }

  @Test("a function figure at other parameters, and errors for missing ones")
  func parameters() throws {
    let elu = try Catalog.function(named: "elu")
    let p = try elu.validateParameters(["alpha": 2])
    let f = try ManualFigures.function(elu, FigureFixture.analysis("elu"), parameters: p)
    #expect(f.figure.title.contains("α = 2"))
    let missing = try elu.validateParameters(["alpha": 3])
    #expect(throws: FigureError.self) { try ManualFigures.function(elu, FigureFixture.analysis("elu"), parameters: missing) }
    #expect(throws: FigureError.self) { try ManualFigures.function(elu, FigureFixture.analysis("relu")) }
  }

  /// The command line analyses one setting alone with 20,001 samples per
  /// view; the manual's primary view gets 1,000,001. The figure is the same.
  @Test("the per-view path gives the manual's PNG")
  func perViewPathMatchesTheManual() throws {
    let spec = try Catalog.function(named: "sigmoid")
    let manual = try ManualFigures.function(spec, CatalogAnalysis.run(ids: ["sigmoid"], threads: 2)[0])
    let p = spec.defaultParameters
    let alone = try ManualFigures.function(
      spec, properties: spec.views(p).indices.map { PropertyEngine.analyze(spec, parameters: p, viewIndex: $0) },
      parameters: p)
    #expect(try manual.png() == alone.png())
    #expect(manual.altText == alone.altText)
  }
}

// MARK: - Rendering

@Suite("Manual figures: rendering")
struct FigureRenderingTests {
  @Test("PNG signature and 800x500")
  func signatureAndSize() throws {
    for id in ["sigmoid", "bce", "softmax"] {
      let png = try FigureFixture.function(id).png()
      #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
      #expect(be32(png, 16) == 800 && be32(png, 20) == 500, "\(id)")
    }
    let big = try FigureFixture.function("sigmoid").scaled(2).png()
    #expect(be32(big, 16) == 1600 && be32(big, 20) == 1000)
  }

  @Test("probe pixels: the curve crosses its point, bands have their colour")
  func probes() throws {
    // σ(0) = 1/2: the value curve covers the pixel of (0, 0.5) in its colour.
    let sigmoid = try Drawn(FigureFixture.function("sigmoid").figure)
    #expect(sigmoid.width == 800 && sigmoid.height == 500)
    #expect(sigmoid.touches(panel: 0, x: 0, y: 0.5, color: FigureStyle.seriesStyle(0).color))
    // Inside the saturation band x > 5.99 of the derivative panel, between grid lines.
    #expect(sigmoid.pixel(panel: 1, x: 7, y: 0.1375) == rgb(FigureStyle.saturation))
    // Outside it: the background.
    #expect(sigmoid.pixel(panel: 1, x: 3.3, y: 0.1375) == rgb(.white))
    // relu: dead region x < 0 in grey; the value curve through (2, 2).
    let relu = try Drawn(FigureFixture.function("relu").figure)
    #expect(relu.pixel(panel: 1, x: -2.5, y: 0.5) == rgb(FigureStyle.dead))
    #expect(relu.touches(panel: 0, x: 2, y: 2, color: FigureStyle.seriesStyle(0).color))
    // hinge: the y = −1 view (second colour) passes through (0, 1).
    let hinge = try Drawn(FigureFixture.function("hinge").figure)
    #expect(hinge.touches(panel: 0, x: 0.5, y: 1.5, color: FigureStyle.seriesStyle(1).color))
  }

  @Test("the same figure gives the same bytes, on 1 or 2 threads")
  func determinism() throws {
    let picks = FigureFixture.figures.filter { f in
      ["figures/sigmoid.png", "figures/hinge.png", "figures/depth.png", "figures/compare-relu-like.png",
        "figures/precision-sigmoid.png", "figures/family-softplus-beta.png", "figures/bce.png", "figures/cross-entropy.png",
      ].contains(f.path)
    }
    #expect(picks.count == 8)
    let a = try picks.map { try $0.png() }
    let b = try picks.map { try $0.png() }
    #expect(a == b)
    let one = try ManualFigures.render(picks, threads: 1)
    let two = try ManualFigures.render(picks, threads: 2)
    #expect(one == two)
    #expect(one.map(\.bytes) == a)
    // Built again from the same analyses: the same files and text. (Figures
    // hold NaN line breaks, so they are compared by their bytes, not by ==.)
    let again = ManualFigures.all(analyses: FigureFixture.analyses)
    #expect(again.map(\.path) == FigureFixture.figures.map(\.path))
    #expect(again.map(\.altText) == FigureFixture.figures.map(\.altText))
    #expect(again.map(\.caption) == FigureFixture.figures.map(\.caption))
    let rebuilt = try again.filter { f in picks.contains { $0.path == f.path } }.map { try $0.png() }
    #expect(rebuilt == a)
  }
}

// MARK: - Depth and precision

@Suite("Manual figures: depth and precision")
struct DepthPrecisionFigureTests {
  @Test("relu's median (0.5 at L = 1, 0 from L = 2) is drawn by its mean and said so")
  func depth() throws {
    let f = try #require(FigureFixture.figure("figures/depth.png"))
    let chart = f.figure.panels[0]
    #expect(chart.y.scale == .log10)
    #expect(chart.referenceLines.contains { $0.orientation == .horizontal && $0.value == GradientDepth.threshold })
    let relu = try #require(chart.series.first { $0.name.hasPrefix("relu") })
    #expect(relu.style == .dashed && relu.name.contains("median 0 from L = 2"))
    let depth = try #require(FigureFixture.analysis("relu").facts.depth)
    #expect(relu.y == depth.mean)
    // The ordinary median of 5,000 zeros and 5,000 ones.
    #expect(depth.median[0] == 0.5 && depth.median[1] == 0)
    #expect(f.altText.contains("median is exactly 0 from L = 2 (it is 0.5 at L = 1"))
    let sigmoidDepth = try #require(FigureFixture.analysis("sigmoid").facts.depth?.depthToVanish)
    #expect(f.altText.contains("L = \(sigmoidDepth) for sigmoid"))
    #expect(DepthFigure.ids.allSatisfy { id in chart.series.contains { $0.name.hasPrefix(id) } })
    // Lines are named beside them (no legend): relu's as a mean.
    #expect(chart.legend == .none)
    #expect(Set(chart.annotations.map(\.text)) == Set(DepthFigure.ids.map { $0 == "relu" ? "relu (mean)" : $0 }))
  }

  @Test("precision: lines at each format's resolution, dots at the study's thresholds")
  func precision() throws {
    let f = try #require(FigureFixture.figure("figures/precision-sigmoid.png"))
    #expect(f.figure.panels.count == 2)
    let right = f.figure.panels[1]
    let thresholds = FigureFixture.analysis("sigmoid").facts.precision.filter {
      $0.direction == 1 && $0.kind == .valueReachesLimit
    }
    for t in thresholds {
      let x = try #require(t.x)
      #expect(right.markers.contains { $0.x == x }, "\(t.format)")
      #expect(f.altText.contains("at x = \(FigureText.number(x))"))
    }
    // Resolution next to 1 from below: half the spacing below 1, 2^-(p+1)
    // for a p-bit significand (11, 24, 53 bits).
    func same(_ a: [Double], _ b: [Double]) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) }
    }
    let lines = right.referenceLines.filter { $0.orientation == .horizontal }.map(\.value)
    #expect(same(lines, [-12, -25, -54].map { Double($0) * log10(2.0) }), "\(lines)")
    // Toward −∞ the limit is 0: half the smallest subnormal, 2^-25, 2^-150, 2^-1075.
    let left = f.figure.panels[0].referenceLines.filter { $0.orientation == .horizontal }.map(\.value)
    #expect(same(left, [-25, -150, -1075].map { Double($0) * log10(2.0) }), "\(left)")
  }

  /// The distance to the limit, from the tail integral of |f′|, against
  /// closed forms: 1 − σ(x) = σ(−x), 1 − tanh x = 2 / (e^(2x) + 1),
  /// 1 − softsign x = 1 / (1 + x).
  @Test("the distance to the limit stays accurate where f rounds to it")
  func tailIntegral() throws {
    let cases: [(String, Double, Double)] = [
      ("sigmoid", 30, 1 / (1 + exp(30))), ("sigmoid", 40, 1 / (1 + exp(40))),
      ("tanh", 10, 2 / (exp(20) + 1)), ("tanh", 25, 2 / (exp(50) + 1)),
      ("softsign", 1e10, 1 / (1 + 1e10)), ("softsign", 1e17, 1 / (1 + 1e17)),
    ]
    for (id, u, exact) in cases {
      let spec = try Catalog.function(named: id)
      let end = PrecisionFigure.End(direction: 1, limit: 1, side: -1, thresholds: [])
      let g = PrecisionFigure.gap(spec.primaryView, end, at: [u])[0]
      // 8-point Gauss-Legendre on these smooth tails is exact to rounding;
      // the sum of a few hundred positive terms keeps ~1e-14 relative.
      #expect(abs(g - exact) <= 1e-12 * exact, "\(id) at \(u): \(g) vs \(exact)")
    }
  }
}

// MARK: - Text

@Suite("Manual figures: numbers in text")
struct FigureTextTests {
  @Test func numbers() {
    #expect(FigureText.number(-0.7517915246935645) == "−0.752")
    #expect(FigureText.number(5.986445695312498) == "5.99")
    #expect(FigureText.number(0.25) == "0.25")
    #expect(FigureText.number(9.996) == "10")
    #expect(FigureText.number(100_000) == "100000")
    #expect(FigureText.number(1.8014398509481982e16) == "1.8×10¹⁶")
    // The manual's one formatter (Readable) writes 10⁻⁴ ... 10⁶ in fixed point.
    #expect(FigureText.number(0.000473) == "0.000473")
    #expect(FigureText.number(0.0000473) == "4.73×10⁻⁵")
    #expect(FigureText.number(Double.leastNonzeroMagnitude) == "4.94×10⁻³²⁴")
    #expect(FigureText.number(1e300) == "10³⁰⁰")
    #expect(FigureText.number(0) == "0")
    #expect(FigureText.number(-.infinity) == "−∞")
    #expect(FigureText.number(-5.55e-17, scale: 3.5) == "0")
    #expect(FigureText.number(-5.55e-17) == "−5.55×10⁻¹⁷")
  }

  @Test("conditions say ≤ at a closed end and < at an open one")
  func conditions() {
    #expect(FigureText.condition(RealInterval(-.infinity, -3), variable: "x") == "x ≤ −3")
    #expect(FigureText.condition(RealInterval(-.infinity, -3, upperClosed: false), variable: "x") == "x < −3")
    #expect(FigureText.condition(RealInterval(1, .infinity), variable: "s") == "s ≥ 1")
    #expect(FigureText.condition(RealInterval(1, .infinity, lowerClosed: false), variable: "s") == "s > 1")
    #expect(FigureText.condition(RealInterval(-0.75, 0.5), variable: "x") == "−0.75 ≤ x ≤ 0.5")
    #expect(FigureText.condition(RealInterval(-0.75, 0.5, lowerClosed: false, upperClosed: false), variable: "x") == "−0.75 < x < 0.5")
    #expect(FigureText.list(["a", "b", "c"]) == "a, b and c")
  }
}

// MARK: - Helpers

extension FunctionSpec {
  /// The default parameters' views grouped by argument, in view order.
  fileprivate var primaryViewsByArgument: [[ScalarView]] {
    var groups: [[ScalarView]] = []
    for v in views(defaultParameters) {
      if let g = groups.firstIndex(where: { $0[0].argument == v.argument }) {
        groups[g].append(v)
      } else {
        groups.append([v])
      }
    }
    return groups
  }
}
