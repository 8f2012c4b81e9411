import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - DepthFigure

/// Gradient through depth (`figures/depth.png`): the median of |∏ f′| over
/// the random paths of ``GradientDepth`` against depth 1...100, on a log
/// axis, for the activations the manual compares, with the 10⁻⁶ threshold.
///
/// A log axis cannot show 0. Where a median is exactly 0 from depth 1 or 2
/// (relu: exactly half the paths keep the factor 1 at L = 1, so the
/// ordinary median there is 0.5, and it is 0 from L = 2), no line can be
/// drawn of it: the mean is drawn instead, dashed, and its legend entry and
/// the alt text say so; where a median drops to 0 later, its line ends there
/// and the legend says from which depth.
enum DepthFigure {
  /// The figure's file name without extension (`figures/depth.png`).
  static let stem = "depth"

  /// The activations drawn, in this order.
  static let ids = ["sigmoid", "tanh", "relu", "leaky-relu", "elu", "gelu", "silu"]

  static func build(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("depth." + key, values) }
    let rows = ids.compactMap { id -> (String, GradientDepth)? in
      index.analysis(id)?.facts.depth.map { (id, $0) }
    }
    guard !rows.isEmpty else { return nil }
    var chart = Chart(
      title: "", subtitle: "",
      x: Axis(say("xAxis"), range: 1...Double(GradientDepth.maxDepth)),
      y: Axis(say("yAxis"), scale: .log10))
    var sentences: [String] = []
    var vanish: [String] = []
    var lowest = GradientDepth.threshold
    for (k, row) in rows.enumerated() {
      let (id, d) = row
      let (color, _) = FigureStyle.seriesStyle(k)
      let xs = d.depths.map(Double.init)
      if let zeroFrom = d.median.firstIndex(of: 0) {
        let depth = d.depths[zeroFrom]
        if zeroFrom <= 1 {
          // At most one point of the median is positive: no line can be
          // drawn of it. Draw the mean instead, dashed.
          chart.series.append(
            Series(say("seriesMean", ["id": id, "depth": String(depth)]), x: xs, y: d.mean, style: .dashed, color: color))
          let lastPositive = d.mean.lastIndex { $0 > 0 }
          let meanText = lastPositive.map { i in
            i + 1 < d.mean.count
              ? say("meanZeroLater", ["mean": FigureText.number(d.mean[0]), "depth": String(d.depths[i + 1])])
              : say(
                "meanFalls",
                ["mean": FigureText.number(d.mean[0]), "last": FigureText.number(d.mean[i]), "depth": String(d.depths[i])])
          } ?? say("meanZero")
          let values = ["id": id, "depth": String(depth), "mean": meanText, "median": FigureText.number(d.median[0])]
          sentences.append(say(zeroFrom == 0 ? "sentenceMean" : "sentenceMeanHalf", values))
          lowest = min(lowest, d.mean.filter { $0 > 0 }.min() ?? lowest)
        } else {
          chart.series.append(Series(say("seriesEnds", ["id": id, "depth": String(depth)]), x: xs, y: d.median, color: color))
          sentences.append(say("sentenceEnds", ["id": id, "depth": String(depth)]))
        }
      } else {
        chart.series.append(Series(id, x: xs, y: d.median, color: color))
      }
      lowest = min(lowest, d.median.filter { $0 > 0 }.min() ?? lowest)
      if let v = d.depthToVanish, d.median[0] > 0 {
        let i = v - d.depths[0]
        if d.median[i] > 0 { chart.markers.append(Marker(x: Double(v), y: d.median[i], color: color, radius: 3.5)) }
        vanish.append(say("vanishAt", ["id": id, "depth": String(v)]))
      } else if let v = d.depthToVanish {
        vanish.append(say("vanishAt", ["id": id, "depth": String(v)]))
      } else if d.depthToVanish == nil {
        vanish.append(
          say(
            "vanishNever",
            ["id": id, "max": String(GradientDepth.maxDepth), "median": FigureText.number(d.median.last ?? 0)]))
      }
    }
    // Whole decades from just below the lowest drawn value (at most down to
    // 10⁻⁴⁰, where every crossing of 10⁻⁶ is long past) to 10.
    let floor = max(lowest, bottom)
    chart.y.range = pow10(Int(log10(floor).rounded(.down)))...10
    chart.referenceLines = [
      .horizontal(GradientDepth.threshold, label: say("threshold"), color: .ink)
    ]
    chart.annotations = labels(chart.series, names: rows.map(\.0), bottom: chart.y.range!.lowerBound, words: words)
    chart.legend = .none
    if rows.contains(where: { d in d.1.median.firstIndex(of: 0).map { $0 <= 1 } ?? false }) {
      chart.subtitle = say("subtitleMean")
    } else {
      chart.subtitle = say("subtitle")
    }
    let medians = words.list(
      rows.filter { $0.1.median.last! > 0 }.map { say("alt.median", ["value": FigureText.number($0.1.median.last!), "id": $0.0]) })
    let maxDepth = String(GradientDepth.maxDepth)
    let alt = say(
      "alt.lead",
      ["samples": String(GradientDepth.sampleCount), "max": maxDepth, "ids": words.list(rows.map(\.0)), "vanish": words.list(vanish)])
      + sentences.map { say("alt.sentence", ["sentence": words.sentence($0)]) }.joined()
      + (lowest < bottom
        ? say("alt.endCut", ["max": maxDepth, "medians": medians, "bottom": FigureText.number(bottom)])
        : say("alt.end", ["max": maxDepth, "medians": medians]))
    let caption = say("caption", ["samples": String(GradientDepth.sampleCount)])
    return ManualFigure(
      path: "figures/\(stem).png", kind: .depth, functionIDs: rows.map(\.0), caption: caption, altText: alt,
      figure: Figure(panels: [chart], columns: 1, size: .standard, title: say("title")))
  }

  /// Each line's name written beside it, in its colour (seven crossing
  /// lines leave no corner free for a legend): where the line is about to
  /// leave through the bottom, or near its right end if it stays in, or at
  /// the end of a line that stops (relu's mean, 0 from some depth on).
  static func labels(
    _ series: [Series], names: [String], bottom: Double, words: FigureWords = FigureWords(.english)
  ) -> [Annotation] {
    zip(series, names).compactMap { s, name in
      let text = s.style == .dashed ? words.say("depth.labelMean", ["id": name]) : name
      let color = s.color ?? .ink
      guard let last = s.y.lastIndex(where: { $0 > 0 }) else { return nil }
      if last < s.y.count - 1 {
        return Annotation(text, x: s.x[last], y: s.y[last], anchor: .left, color: color)
      }
      if let exit = s.y.firstIndex(where: { $0 < bottom * 1e3 }), exit > 0 {
        return Annotation(text, x: s.x[exit], y: s.y[exit], anchor: .left, color: color)
      }
      // Stays in range: just above the line, ending a few layers before the right edge.
      let i = max(0, last - 3)
      return Annotation(text, x: s.x[i], y: s.y[i] * 30, anchor: .right, color: color)
    }
  }

  /// The lowest value the axis shows; lines going lower leave through the frame.
  static let bottom = 1e-40

  /// 10^k as a Double.
  static func pow10(_ k: Int) -> Double { Double("1e\(k)")! }
}
