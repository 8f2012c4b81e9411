import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

// MARK: - FunctionFigure

/// A function's figure: value and derivative as two panels side by side,
/// every view of the function as a series in each, with what the analysis
/// found marked on them.
///
/// - Series: one per view (hinge for y = +1 and y = −1), the same colour in
///   both panels; a vector function through its 1-D slice view. Views whose
///   argument differs (gaussian-nll in ŷ and in var) get their own row.
/// - Derivative panel: saturation intervals (the tails where |f′| < 1% of
///   max |f′|, pale orange) and dead regions (f′ exactly 0, grey), with
///   legend swatches; a dead region is not also shaded as saturated, and a
///   bounded flat zone around a minimum (gelu's, huber's) is not shaded.
/// - Both panels: a dashed vertical line at every breakpoint where the
///   analysis found a jump in f, f′, f″ or f‴; y = 0 when it lies inside.
/// - Markers: where a minimum is attained at a point (value panel) and
///   where max |f′| is attained at a point (derivative panel).
/// - y-ranges: see ``RobustRange``; the derivative panel shows every
///   view's derivative whole (unless it blows up); what is cut off is said
///   in the caption and the alt text.
struct FunctionFigure {
  let spec: FunctionSpec
  let parameters: ParameterValues
  /// The analysis of every view at `parameters`, in view order.
  let properties: [ViewProperties]
  /// The edition's words (titles, legends, caption and alt text).
  var strings: Strings = .english

  /// One view with what is needed to draw it.
  struct Member {
    let index: Int
    let view: ScalarView
    let properties: ViewProperties
    let curve: SampledCurve
    let name: String
    let color: ChartColor
    let style: LineStyle
  }

  func build() -> ManualFigure {
    let views = spec.views(parameters)
    // Group views by argument, in view order.
    var groups: [[Int]] = []
    for (i, v) in views.enumerated() {
      if let g = groups.firstIndex(where: { views[$0[0]].argument == v.argument }) {
        groups[g].append(i)
      } else {
        groups.append([i])
      }
    }
    var panels: [Chart] = []
    var alt: [String] = []
    var captionParts: [GroupPanels.CaptionPart] = []
    var cuts: [String] = []
    for (gi, group) in groups.enumerated() {
      let xRange = group.map { views[$0].plotRange }.reduce(views[group[0]].plotRange) {
        min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound)
      }
      let members = group.enumerated().map { k, i -> Member in
        let (color, style) = FigureStyle.seriesStyle(k)
        let curve = SampledCurve(views[i], over: xRange, breakpoints: properties[i].breakpoints)
        return Member(
          index: i, view: views[i], properties: properties[i], curve: curve,
          name: group.count > 1 ? ViewNaming.shortLabel(views[i], Phrasing(strings)) : "", color: color, style: style)
      }
      let panel = GroupPanels(
        spec: spec, members: members, xRange: xRange, row: gi, rows: groups.count, strings: strings)
      panels += [panel.valueChart(), panel.derivativeChart()]
      alt += panel.altSentences()
      captionParts += panel.orderedCaptionParts()
      for c in panel.cutParts where !cuts.contains(c) { cuts.append(c) }
    }
    let params = ViewNaming.parameters(spec, parameters)
    let ph = Phrasing(strings)
    let name = ph.name(spec)
    let named = ["name": name, "parameters": params]
    let title = params.isEmpty ? name : strings("figure.function.titleWithParameters", named)
    let figure = Figure(panels: panels, columns: 2, size: .standard, title: title)
    let atDefaults = parameters == spec.defaultParameters
    // "value and derivative", not "(left) ... (right)": the phone layout stacks the panels.
    var caption = strings(
      params.isEmpty ? "figure.function.caption.lead"
        : (atDefaults ? "figure.function.caption.leadDefaults" : "figure.function.caption.leadAt"), named)
    // In a fixed order, ties (two rows' "shaded grey" parts: ∂f/∂a and ∂f/∂b) by their text, so
    // that the caption does not depend on the Set's iteration order.
    let marks = Array(Set(captionParts)).sorted { ($0.order, $0.text) < ($1.order, $1.text) }.map(\.text)
    if !marks.isEmpty {
      caption += strings("figure.function.caption.marks", ["marks": FigureWords(strings).sentence(ph.clauses(marks))])
    }
    if !cuts.isEmpty { caption += strings("figure.function.caption.cut", ["cuts": ph.list(cuts)]) }
    return ManualFigure(
      path: "figures/\(spec.id).png", kind: .function, functionIDs: [spec.id], caption: caption,
      altText: alt.joined(separator: strings("figure.function.alt.separator")), figure: figure)
  }

  /// Caption fragments in a fixed order.
  static func captionOrder(_ s: String) -> Int {
    ["shaded orange", "shaded grey", "dashed lines", "dots"].firstIndex { s.hasPrefix($0) } ?? 9
  }
}

// MARK: - GroupPanels

/// The value and derivative panels of the views that share one argument.
struct GroupPanels {
  let spec: FunctionSpec
  let members: [FunctionFigure.Member]
  let xRange: ClosedRange<Double>
  let row: Int
  let rows: Int
  /// Whether the members are peers (a family a caller overlays, `lossatlas
  /// chart --param delta=0.5,1,2`): the axes then hold every member's
  /// range, not the first member's with the others clipped.
  var peers = false
  /// The edition's words.
  var strings: Strings = .english

  var ph: Phrasing { Phrasing(strings) }

  /// A figure's text from the strings table: `figure.<key>` filled in.
  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("figure." + key, values) }

  var variable: String { ViewNaming.variable(members[0].view) }
  var valueSymbol: String { ViewNaming.valueSymbol(spec, variable: variable) }
  var derivativeSymbol: String { ViewNaming.derivativeSymbol(spec, variable: variable) }
  var primeName: String {
    if spec.family == .gatedUnit { return "∂f/∂\(variable)" }
    return spec.family.isLoss ? "∂L/∂\(variable)" : "f′"
  }

  /// The x-axis title; a single view says what it holds fixed (a slice,
  /// what it slices).
  var xLabel: String { ViewNaming.axisLabel(members.map(\.view), ph) }

  /// In a figure of several rows a panel is too short for the charts
  /// layer's tick spacing to give more than one labelled y tick; about five
  /// "nice" ones are asked for instead. One row: the automatic ticks.
  func denseTicks(_ range: ClosedRange<Double>) -> [Double]? {
    rows > 1 ? Ticks.linear(range, target: 5).map(\.value) : nil
  }

  /// Panel titles on the first row only (further rows are told apart by
  /// their x-axis titles, and a 500-point figure has no height to spare).
  func title(_ what: String) -> String { row == 0 ? what : "" }

  // MARK: Ranges

  var valueRange: RobustRange {
    let ranges = members.compactMap { RobustRange($0.curve.gridValues) }
    return RobustRange.combined(ranges, peers: peers)
  }

  /// The views' derivative ranges joined (see
  /// ``RobustRange/combined(_:peers:)``), and then widened to every
  /// view's largest |f′| where it is attained inside the drawn range: a
  /// peak is a feature the figure marks and must show (focal's y = 0 view
  /// peaks at 0.847, three times the y = 1 view's 0.282), while a curve
  /// that only keeps growing to the edge (e^s beside e^(−s)) may leave
  /// through the frame.
  var derivativeRange: RobustRange {
    let ranges = members.compactMap { RobustRange($0.curve.gridD1) }
    var r = RobustRange.combined(ranges, peers: peers)
    for m in members {
      guard let y = peakDerivative(m) else { continue }
      r.upper = max(r.upper, y)
      r.lower = min(r.lower, y)
    }
    r.clippedUpper = ranges.contains { $0.upper > r.upper || ($0.clippedUpper && $0.upper >= r.upper) }
    r.clippedLower = ranges.contains { $0.lower < r.lower || ($0.clippedLower && $0.lower <= r.lower) }
    return r
  }

  /// f′ where the view's |f′| is largest, when that is a point inside the
  /// drawn range (the derivative panel's marker).
  func peakDerivative(_ m: FunctionFigure.Member) -> Double? {
    let e = m.properties.maxAbsDerivative
    guard e.attained, e.value.isFinite, case .point(let x) = e.location, xRange.contains(x) else { return nil }
    let y = m.view.evaluate(x).d1
    return y.isFinite ? y : nil
  }

  /// The size of the values drawn (for printing numbers to that scale).
  var valueScale: Double {
    let r = valueRange
    return max(abs(r.lower), abs(r.upper))
  }

  // MARK: Decorations from the analysis

  /// Breakpoints (x, lowest jumping order) inside the x range, merged over views.
  var breakpoints: [(x: Double, order: Int)] {
    var out: [(x: Double, order: Int)] = []
    for m in members {
      for b in m.properties.breakpoints {
        guard let order = b.firstJumpOrder, b.x > xRange.lowerBound, b.x < xRange.upperBound else { continue }
        if let k = out.firstIndex(where: { $0.x == b.x }) {
          out[k].order = min(out[k].order, order)
        } else {
          out.append((b.x, order))
        }
      }
    }
    return out.sorted { $0.x < $1.x }
  }

  /// The label of a breakpoint's line: `jump`, `kink`, `f″ jumps`.
  func breakpointLabel(_ order: Int) -> String { say("breakpoint.label.\(min(order, 3))") }

  /// A breakpoint named in a sentence: `jump of f`, `kink`, `jump of f″`.
  func breakpointName(_ order: Int) -> String { say("breakpoint.name.\(min(order, 3))") }

  /// The shaded regions of one view, clipped to the x range: dead regions,
  /// and saturation intervals with the dead parts taken out. A region
  /// narrower than ``FigureStyle/visibleBandFraction`` of the range would
  /// be less than about a pixel wide: it is not shaded, listed in the
  /// legend or named in the caption (the alt text still gives it).
  func regions(_ m: FunctionFigure.Member, fraction: Double = FigureStyle.visibleBandFraction) -> [ShadedRegion] {
    let span = xRange.upperBound - xRange.lowerBound
    let dead = m.properties.deadRegions.map(\.interval)
    let minimumWidth = fraction * span
    var out: [ShadedRegion] = dead.compactMap { ShadedRegion(.dead, $0, clip: xRange, minimumWidth: minimumWidth) }
    for s in m.properties.saturationIntervals.map(\.interval) {
      var pieces: [(Double, Double)] = [(s.lower, s.upper)]
      for d in dead {
        pieces = pieces.flatMap { a, b -> [(Double, Double)] in
          if d.upper <= a || d.lower >= b { return [(a, b)] }
          return [(a, d.lower), (d.upper, b)].filter { $0.1 > $0.0 }
        }
      }
      out += pieces.compactMap {
        ShadedRegion(.saturated, RealInterval($0.0, $0.1), clip: xRange, minimumWidth: minimumWidth)
      }
    }
    return out
  }

  /// How the views' shaded regions are drawn.
  enum BandPolicy {
    /// One view, or every view has the same regions: drawn once, unlabelled.
    case shared
    /// Each view's own regions, labelled with the view (hinge: y = −1 on
    /// the left, y = +1 on the right).
    case perView
    /// Only the first view's regions, named in the legend: the views'
    /// regions overlap without being equal (cross-entropy for 2 and 3
    /// classes), or their names are too long to label a band.
    case primaryOnly
  }

  var bandPolicy: BandPolicy {
    let all = members.map { regions($0) }
    let same = all.allSatisfy { rs in rs.count == all[0].count && rs.allSatisfy { all[0].contains($0) } }
    if members.count == 1 || same { return .shared }
    for (i, a) in all.enumerated() {
      for b in all[(i + 1)...] {
        for r in a {
          for t in b where r != t && r.lower < t.upper && t.lower < r.upper { return .primaryOnly }
        }
      }
    }
    return members.contains { $0.name.count > 12 } ? .primaryOnly : .perView
  }

  /// The members whose regions are shaded.
  var shadedMembers: [Int] {
    switch bandPolicy {
    case .shared, .primaryOnly: return [0]
    case .perView: return Array(members.indices)
    }
  }

  // MARK: Charts

  func valueChart() -> Chart {
    let range = valueRange.axisRange
    var chart = Chart(
      title: title(say("panel.value")), x: Axis(xLabel, range: xRange),
      y: Axis(valueSymbol, range: range))
    chart.series = members.map { m in
      Series(m.name, x: m.curve.x, y: m.curve.value, style: m.style, color: m.color)
    }
    chart.referenceLines = referenceLines(yRange: range, labelled: true)
    for m in members {
      guard m.properties.infimum.attained, case .point(let x) = m.properties.infimum.location else { continue }
      let y = m.properties.infimum.value
      guard xRange.contains(x), range.contains(y) else { continue }
      chart.markers.append(
        Marker(
          x: x, y: y,
          label: say(
            "function.marker.minimum",
            ["value": FigureText.number(y, scale: valueScale), "variable": variable, "x": FigureText.number(x)]),
          color: members.count > 1 ? m.color : .ink))
    }
    chart.legend = members.count > 1 ? .automatic : .none
    chart.y.range = GroupPanels.headroom(range, for: chart.markers)
    chart.y.ticks = denseTicks(chart.y.range!)
    return chart
  }

  func derivativeChart() -> Chart {
    let range = derivativeRange.axisRange
    var chart = Chart(
      title: title(say("panel.derivative")), x: Axis(xLabel, range: xRange),
      y: Axis(derivativeSymbol, range: range))
    chart.series = members.map { m in
      Series("", x: m.curve.x, y: m.curve.d1, style: m.style, color: m.color)
    }
    // Bands: saturation first, dead regions over them.
    let shaded = shadedMembers
    var bands: [Band] = []
    var kinds = Set<ShadedRegion.Kind>()
    for kind in [ShadedRegion.Kind.saturated, .dead] {
      var seen: [ShadedRegion] = []
      for k in shaded {
        for r in regions(members[k]) where r.kind == kind && !seen.contains(r) {
          seen.append(r)
          let label = bandPolicy == .perView && !shaded.allSatisfy({ regions(members[$0]).contains(r) })
            ? members[k].name : ""
          bands.append(
            Band(r.lower, r.upper, label: label, color: kind == .dead ? FigureStyle.dead : FigureStyle.saturation))
          kinds.insert(kind)
        }
      }
    }
    chart.bands = bands
    chart.referenceLines = referenceLines(yRange: range, labelled: false)
    for m in members {
      let e = m.properties.maxAbsDerivative
      guard e.attained, e.value.isFinite, case .point(let x) = e.location, xRange.contains(x) else { continue }
      let y = m.view.evaluate(x).d1
      guard range.contains(y) else { continue }
      // With several curves in the panel the markers are coloured as their
      // curves and the caption gives each max |f'|: labels for all of them
      // find no free place beside the curves (the gated units' three values
      // of a, cosine-embedding's two labels).
      let label = members.count > 1
        ? ""
        : say(
          "function.marker.maxSlope",
          ["prime": primeName, "value": FigureText.number(e.value), "variable": variable, "x": FigureText.number(x)])
      chart.markers.append(Marker(x: x, y: y, label: label, color: members.count > 1 ? m.color : .ink))
    }
    // Only the first view shaded: the swatches say which view it is (the
    // caption says what saturated means).
    let only = bandPolicy == .primaryOnly
    // Short entries: a wide legend finds no corner free of the curve in a
    // half-width panel; the caption gives the definitions.
    if kinds.contains(.saturated) {
      chart.series.append(
        FigureStyle.swatch(
          only ? say("function.legend.saturatedView", ["view": members[0].name]) : say("function.legend.saturated"),
          FigureStyle.saturation))
    }
    if kinds.contains(.dead) {
      chart.series.append(
        FigureStyle.swatch(
          only
            ? say("function.legend.deadView", ["prime": primeName, "view": members[0].name])
            : say("function.legend.dead", ["prime": primeName]),
          FigureStyle.dead))
    }
    chart.legend = kinds.isEmpty ? .none : .automatic
    chart.y.range = GroupPanels.headroom(range, for: chart.markers)
    chart.y.ticks = denseTicks(chart.y.range!)
    return chart
  }

  /// `range` widened by 12% of its span on the side where a marker sits in
  /// the outer tenth, so that the marker's label fits beside it.
  static func headroom(_ range: ClosedRange<Double>, for markers: [Marker]) -> ClosedRange<Double> {
    let span = range.upperBound - range.lowerBound
    var lo = range.lowerBound
    var hi = range.upperBound
    if markers.contains(where: { $0.y > hi - 0.1 * span }) { hi += 0.12 * span }
    if markers.contains(where: { $0.y < lo + 0.1 * span }) { lo -= 0.12 * span }
    return lo...hi
  }

  func referenceLines(yRange: ClosedRange<Double>, labelled: Bool) -> [ReferenceLine] {
    var lines = FigureStyle.zeroLine(yRange)
    for b in breakpoints {
      lines.append(.vertical(b.x, label: labelled ? breakpointLabel(b.order) : ""))
    }
    return lines
  }

  // MARK: Text

  /// A part of the caption with its place in the caption's fixed order
  /// (saturation, dead regions, breakpoints).
  struct CaptionPart: Hashable {
    let order: Int
    let text: String
  }

  func orderedCaptionParts() -> [CaptionPart] {
    var parts: [CaptionPart] = []
    let regions = shadedMembers.flatMap { self.regions(members[$0]) }
    if regions.contains(where: { $0.kind == .saturated }) {
      parts.append(CaptionPart(order: 0, text: say("function.caption.saturated", ["prime": primeName])))
    }
    if regions.contains(where: { $0.kind == .dead }) {
      parts.append(CaptionPart(order: 1, text: say("function.caption.dead", ["prime": primeName])))
    }
    if !breakpoints.isEmpty { parts.append(CaptionPart(order: 2, text: say("function.caption.breakpoints"))) }
    return parts
  }

  func captionParts() -> [String] { orderedCaptionParts().map(\.text) }

  func places(_ e: Extremum, variable v: String) -> String { FigureWords(strings).places(e, variable: v) }

  func condition(_ i: RealInterval, variable v: String) -> String { FigureWords(strings).condition(i, variable: v) }

  func altSentences() -> [String] {
    let v = variable
    var out: [String] = []
    let names = members.map(\.name).filter { !$0.isEmpty }
    var lead = [
      "name": ph.name(spec), "variable": v, "from": FigureText.number(xRange.lowerBound),
      "to": FigureText.number(xRange.upperBound),
    ]
    let laterRow = rows > 1 && row > 0
    if names.isEmpty {
      out.append(say(laterRow ? "function.alt.leadRow" : "function.alt.lead", lead))
    } else {
      lead["names"] = ph.list(names)
      out.append(say(laterRow ? "function.alt.leadRowCurves" : "function.alt.leadCurves", lead))
    }
    for (k, m) in members.enumerated() {
      let p = m.properties
      var s: [String] = []
      if p.infimum.attained {
        switch p.infimum.location {
        case .point, .interval:
          s.append(
            say(
              "function.alt.minimum",
              ["value": FigureText.number(p.infimum.value, scale: valueScale), "places": places(p.infimum, variable: v)]))
        case .approached:
          break
        }
      }
      let e = p.maxAbsDerivative
      var peak: String?
      var isPeak = false
      let slope = ["prime": primeName, "value": FigureText.number(e.value), "variable": v]
      if !e.value.isFinite {
        peak = say("function.alt.slopeUnbounded", slope)
      } else if e.value == 0 {
        peak = say("function.alt.slopeZero", slope)
      } else {
        switch e.location {
        case .point where !e.otherLocations.isEmpty, .interval:
          peak = say("function.alt.slopeAtMost", slope.merging(["places": places(e, variable: v)]) { $1 })
        case .point(let x):
          let d = m.view.evaluate(x).d1
          let at = ["value": FigureText.number(d), "variable": v, "x": FigureText.number(x)]
          isPeak = d >= 0
          peak = say(d >= 0 ? "function.alt.derivativePeak" : "function.alt.derivativeMostNegative", at)
        case .approached:
          peak = say("function.alt.slopeApproaches", slope.merging(["places": places(e, variable: v)]) { $1 })
        }
      }
      // Every region the analysis found (down to a millionth of the range),
      // "(shaded)" only where the figure shades one.
      let regions = self.regions(m, fraction: 1e-6)
      let drawn = self.regions(m)
      let saturated = regions.filter { $0.kind == .saturated }.map { condition($0.interval, variable: v) }
      let dead = regions.filter { $0.kind == .dead }.map { condition($0.interval, variable: v) }
      let isShaded = shadedMembers.contains(k) && drawn.contains { $0.kind == .saturated }
      let isShadedDead = shadedMembers.contains(k) && drawn.contains { $0.kind == .dead }
      if var peak {
        if !saturated.isEmpty {
          peak += say(
            isPeak ? "function.alt.saturatedAfterPeak" : "function.alt.saturatedAfterMaximum",
            ["prime": primeName, "conditions": ph.list(saturated)])
          if isShaded { peak += say("function.alt.shaded") }
        }
        s.append(peak)
      }
      if !dead.isEmpty {
        s.append(
          say("function.alt.dead", ["prime": primeName, "conditions": ph.list(dead)])
            + (isShadedDead ? say("function.alt.shadedGrey") : ""))
      }
      guard !s.isEmpty else { continue }
      let clauses = ph.clauses(s)
      out.append(
        (m.name.isEmpty
          ? say("function.alt.member", ["clauses": clauses])
          : say("function.alt.memberNamed", ["name": m.name, "clauses": clauses])).sentenceCased(strings))
    }
    let kinks = breakpoints
    if !kinks.isEmpty {
      let items = kinks.map {
        say("function.alt.breakpoint", ["name": breakpointName($0.order), "variable": v, "x": FigureText.number($0.x)])
      }
      out.append(say("function.alt.breakpoints", ["items": ph.list(items)]))
    }
    let cut = cutParts
    if !cut.isEmpty { out.append(say("function.alt.cut", ["cuts": ph.list(cut)])) }
    return out
  }

  /// What the y-axes cut off ("values above 1.5"), for the alt text and
  /// the caption: a reader must not take a curve leaving the frame for
  /// its end.
  var cutParts: [String] {
    let vr = valueRange
    let dr = derivativeRange
    var cut: [String] = []
    if vr.clippedUpper { cut.append(say("function.cut.valuesAbove", ["value": FigureText.number(vr.upper)])) }
    if vr.clippedLower { cut.append(say("function.cut.valuesBelow", ["value": FigureText.number(vr.lower)])) }
    if dr.clippedUpper { cut.append(say("function.cut.derivativesAbove", ["value": FigureText.number(dr.upper)])) }
    if dr.clippedLower { cut.append(say("function.cut.derivativesBelow", ["value": FigureText.number(dr.lower)])) }
    return cut
  }
}

// MARK: - ShadedRegion

/// A saturation interval or dead region clipped to a drawn x range.
struct ShadedRegion: Equatable {
  enum Kind: Hashable { case saturated, dead }
  let kind: Kind
  /// The region as the analysis found it (unclipped, for the text).
  let interval: RealInterval
  /// The drawn part.
  let lower: Double
  let upper: Double

  init?(_ kind: Kind, _ interval: RealInterval, clip: ClosedRange<Double>, minimumWidth: Double) {
    let a = max(interval.lower, clip.lowerBound)
    let b = min(interval.upper, clip.upperBound)
    guard b - a > minimumWidth else { return nil }
    self.kind = kind
    self.interval = interval
    lower = a
    upper = b
  }

  /// Same kind and same drawn extent (to a millionth of its width).
  static func == (l: ShadedRegion, r: ShadedRegion) -> Bool {
    let tolerance = 1e-6 * max(l.upper - l.lower, r.upper - r.lower)
    return l.kind == r.kind && abs(l.lower - r.lower) <= tolerance && abs(l.upper - r.upper) <= tolerance
  }
}

extension String {
  /// The string as a sentence of `strings`' language: first letter
  /// upper-cased in English, unchanged in Chinese.
  func sentenceCased(_ strings: Strings) -> String { FigureWords(strings).sentence(self) }

  /// The string with its first letter upper-cased.
  var capitalizedFirst: String {
    guard let f = first else { return self }
    return f.uppercased() + dropFirst()
  }

}
