import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - GainFigure

/// The gradient with weights through depth (`figures/gain.png`): for He and
/// Xavier initialisation side by side, the mean-field model's expected
/// squared gradient after k layers (``GradientGain/depthRatio``, lines) and
/// the finite networks' (``GainSimulation``, dots every five layers), on a
/// log axis, with the line y = 1 where the gradient neither shrinks nor
/// grows.
enum GainFigure {
  /// The figure's file name without extension (`figures/gain.png`).
  static let stem = "gain"

  /// The activations drawn, in this order.
  static let ids = ["sigmoid", "tanh", "relu", "elu", "gelu", "softplus"]

  static func build(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("gain." + key, values) }
    let maxDepth = String(GradientGain.maxDepth)
    let rows = ids.compactMap { id -> (String, FunctionFacts)? in
      guard let f = index.analysis(id)?.facts, f.gains.count == WeightInit.allCases.count else { return nil }
      return (id, f)
    }
    guard !rows.isEmpty else { return nil }
    var panels: [Chart] = []
    var sentences: [String] = []
    let simulated = rows.allSatisfy { $0.1.gainSimulations.count == WeightInit.allCases.count }
    for (p, initialization) in WeightInit.allCases.enumerated() {
      var chart = Chart(
        title: words.ph.initialization(initialization),
        x: Axis(say("xAxis"), range: 1...Double(GradientGain.maxDepth)),
        y: Axis(say("yAxis"), scale: .log10))
      var lowest = 1.0
      var highest = 1.0
      var ends: [String] = []
      for (k, row) in rows.enumerated() {
        let (id, facts) = row
        let g = facts.gains[p]
        let (color, _) = FigureStyle.seriesStyle(k)
        let xs = (1...g.depthRatio.count).map(Double.init)
        chart.series.append(Series(p == 0 ? id : "", x: xs, y: g.depthRatio, color: color))
        lowest = min(lowest, g.depthRatio.filter { $0 > 0 }.min() ?? lowest)
        highest = max(highest, g.depthRatio.max() ?? highest)
        if simulated {
          let sim = facts.gainSimulations[p]
          for depth in stride(from: 5, through: sim.depthRatio.count, by: 5) where sim.depthRatio[depth - 1] > 0 {
            chart.markers.append(Marker(x: Double(depth), y: sim.depthRatio[depth - 1], color: color, radius: 3))
            lowest = min(lowest, sim.depthRatio[depth - 1])
            highest = max(highest, sim.depthRatio[depth - 1])
          }
        }
        ends.append(
          say("end", ["ratio": FigureText.number(g.depthRatio.last ?? 0), "id": id, "gain": FigureText.number(g.gain)]))
      }
      // Headroom above the highest value: one decade, or a tenth of the
      // decades shown when more, so that the label of y = 1 has a place above
      // its line (the Xavier panel spans 64 decades, and its curves stay
      // near 1 all the way: one decade was 6 px, too little for the label).
      let bottom = Int(log10(lowest).rounded(.down))
      let top = Int(log10(highest).rounded(.up))
      let headroom = max(1, Int((Double(top - bottom) / 10).rounded(.up)))
      chart.y.range = DepthFigure.pow10(bottom)...DepthFigure.pow10(top + headroom)
      chart.referenceLines = [.horizontal(1, label: say("kept"), color: .ink)]
      chart.legend = p == 0 ? .bottomLeft : .none
      panels.append(chart)
      sentences.append(
        say("sentence", ["initialization": words.ph.initialization(initialization), "max": maxDepth, "ends": words.list(ends)]))
    }
    let lead = ["max": maxDepth, "ids": words.list(rows.map(\.0))]
    let alt = (simulated
      ? say("alt.leadSimulated", lead.merging(["width": String(rows[0].1.gainSimulations[0].settings.width)]) { $1 })
      : say("alt.lead", lead))
      + sentences.map { say("alt.sentence", ["sentence": $0]) }.joined()
    return ManualFigure(
      path: "figures/\(stem).png", kind: .depth, functionIDs: rows.map(\.0), caption: say("caption"), altText: alt,
      figure: Figure(panels: panels, columns: 2, size: .standard, title: say("title")))
  }
}
