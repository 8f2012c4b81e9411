import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The page `compare-cross-entropy-variants`: cross-entropy, poly-1
/// (poly-cross-entropy), focal and info-nce at two temperatures, against
/// the probability the scores give the true class. Every English word of
/// the page (figure caption and alt text, intro, table, the computed
/// sentences) is in this file; every number is an evaluation of the
/// catalog's functions in this run.
enum CrossEntropyComparison {
  /// The page's shared phrasing (ranges, intervals, yes/no), in English like its prose.
  static let ph = Phrasing(Strings.english)

  static let page = "compare-cross-entropy-variants"
  static let title = "Cross-entropy, poly-1, focal and InfoNCE compared"
  static let members = ["cross-entropy", "poly-cross-entropy", "focal", "info-nce"]

  /// One curve: a catalog function at some parameters (the defaults where
  /// none are given).
  struct Curve {
    let id: String
    let parameters: [String: Double]
  }

  static let curves = [
    Curve(id: "cross-entropy", parameters: [:]), Curve(id: "poly-cross-entropy", parameters: [:]),
    Curve(id: "focal", parameters: [:]), Curve(id: "info-nce", parameters: ["tau": 0.5]),
    Curve(id: "info-nce", parameters: [:]),
  ]

  /// A badly and a well classified example, and the undecided one between:
  /// the true-class probabilities the table and sentences evaluate.
  static let hardP = 0.1
  static let evenP = 0.5
  static let easyP = 0.9
  static let probabilities: [Double] = [hardP, evenP, easyP]

  /// A curve ready to evaluate: its legend name and its primary view
  /// (two classes s = [x, 0] with k = 0, or focal's z with y = 1).
  struct Evaluated {
    let curve: Curve
    let name: String
    let view: ScalarView

    /// The loss and its derivative in the true class's score at the
    /// true-class probability p_t = σ(x): x = log p_t − log(1 − p_t).
    func at(_ pt: Double) -> (loss: Double, gradient: Double) {
      let j = view.evaluate(log(pt) - log1p(-pt))
      return (j.value, j.d1)
    }
  }

  static func evaluated(_ spec: (String) -> FunctionSpec?) -> [Evaluated]? {
    var out: [Evaluated] = []
    for c in curves {
      guard let s = spec(c.id), let p = try? s.validateParameters(c.parameters) else { return nil }
      let params = ViewNaming.parameters(s, p)
      out.append(Evaluated(curve: c, name: c.id + (params.isEmpty ? "" : " (\(params))"), view: s.views(p)[0]))
    }
    return out
  }

  static let lossRange: ClosedRange<Double> = 0...4
  static let gradientRange: ClosedRange<Double> = -3...0.25

  /// Loss (left) and ∂L/∂s_k (right) against p_t
  /// (`figures/compare-cross-entropy-variants.png`).
  static func figure(_ index: AnalysisIndex) -> ManualFigure? {
    guard let list = evaluated({ index.spec($0) }) else { return nil }
    let pt = (1...999).map { Double($0) / 1000 }
    let xLabel = "probability of the true class pₜ"
    var loss = Chart(title: "loss", x: Axis(xLabel, range: 0...1), y: Axis("loss", range: lossRange))
    var gradient = Chart(title: "gradient in the true-class score", x: Axis(xLabel, range: 0...1), y: Axis("∂L/∂sₖ", range: gradientRange))
    var cut: [String] = []
    for (k, e) in list.enumerated() {
      let (color, style) = FigureStyle.seriesStyle(k)
      let values = pt.map { e.at($0) }
      loss.series.append(Series(e.name, x: pt, y: values.map(\.loss), style: style, color: color))
      gradient.series.append(Series("", x: pt, y: values.map(\.gradient), style: style, color: color))
      if values.contains(where: { !lossRange.contains($0.loss) || !gradientRange.contains($0.gradient) }) { cut.append(e.name) }
    }
    loss.legend = .topRight
    gradient.legend = .none
    gradient.referenceLines = FigureStyle.zeroLine(gradientRange)
    let at9 = list.map { e in
      let v = e.at(easyP)
      return "\(e.name) loss \(FigureText.number(v.loss)), gradient \(FigureText.number(v.gradient))"
    }
    var alt = "Loss (top) and its derivative in the true class's score (bottom) against the probability pₜ the scores give "
      + "the true class, from 0.001 to 0.999, one colour per loss. At pₜ = \(FigureText.number(easyP)): " + at9.joined(separator: "; ") + "."
    if !cut.isEmpty { alt += " The curves of \(FigureText.list(cut)) leave the plot through its frame toward small pₜ." }
    return ManualFigure(
      path: "figures/\(page).png", kind: .comparison, functionIDs: members,
      caption: "Cross-entropy, poly-1, focal and InfoNCE at two temperatures against the probability pₜ = σ(x) that "
        + "the scores give the true class (two classes, scores [x, 0]; focal: logit x, y = 1): the loss (top) and "
        + "its derivative in the true class's score (bottom). InfoNCE divides the scores by τ before the softmax, so "
        + "its pₜ is that of the scores before the division.",
      altText: alt,
      // One column: the panels get the full width, so the legend fits above
      // the curves where p_t is large (a half-width panel has no free corner).
      figure: Figure(
        panels: [loss, gradient], columns: 1, size: ChartSize(width: 800, height: 860), title: "Cross-entropy and its variants"))
  }

  static func build(figures: [FigureInfo]) -> ComparisonPage {
    let list = evaluated { try? Catalog.function(named: $0) } ?? []
    let reference = list.first { $0.curve.id == "cross-entropy" }
    let rows = list.map { e in
      let values = probabilities.map { e.at($0) }
      let hard = abs(e.at(hardP).gradient) / abs(e.at(easyP).gradient)
      return SettingsRow(
        cells: [e.name] + values.map { Readable.number($0.loss, digits: 4) } + values.map { Readable.number($0.gradient, digits: 4) }
          + [Readable.number(hard, digits: 4)])
    }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [
        "Four losses on the probability p_t a classifier gives the true class. Cross-entropy is −log p_t. Poly-1 (poly-cross-entropy) adds ε(1 − p_t), which keeps pushing examples that are already right. Focal loss multiplies −log p_t by α(1 − p_t)^γ, which silences them. InfoNCE is cross-entropy of the scores divided by a temperature τ: a low τ sharpens the softmax, so an example whose true score is ahead contributes almost nothing and one whose true score is behind contributes up to 1/τ. Each is drawn on two classes, scores [x, 0] with the true class first (focal: logit x, label 1), so that p_t = σ(x); the gradient is the derivative in the true class's score. Every number below is an evaluation of the catalog's functions in this run.",
      ] + (reference.map { sentences(list, reference: $0) } ?? []),
      figures: figures.filter { $0.key == page }.map(\.ref),
      tables: [
        DataTable(
          caption: "Loss and gradient in the true class's score at three true-class probabilities",
          header: ["loss"] + probabilities.map { "L at pₜ = \(Readable.number($0))" }
            + probabilities.map { "∂L/∂sₖ at pₜ = \(Readable.number($0))" } + ["|∂L/∂sₖ| at pₜ = \(Readable.number(hardP)) ÷ at pₜ = \(Readable.number(easyP))"],
          rows: rows)
      ])
  }

  /// The page's computed sentences: each loss's gradient on a well and on
  /// a badly classified example, relative to cross-entropy's.
  static func sentences(_ list: [Evaluated], reference: Evaluated) -> [String] {
    var out: [String] = []
    let half = list.map { "\($0.name) \(Readable.number($0.at(evenP).loss, digits: 4))" }
    out.append("At p_t = \(Readable.number(evenP)) the losses are " + FigureText.list(half) + ".")
    let easy = reference.at(easyP).gradient
    let hard = reference.at(hardP).gradient
    let others = list.filter { $0.name != reference.name }
    let ratios = others.map { e in
      "\(e.name) \(Readable.number(e.at(easyP).gradient / easy, digits: 3)) and \(Readable.number(e.at(hardP).gradient / hard, digits: 3)) times"
    }
    out.append(
      "Cross-entropy's gradient in the true class's score is \(Readable.number(easy, digits: 4)) at p_t = \(Readable.number(easyP)) and \(Readable.number(hard, digits: 4)) at p_t = \(Readable.number(hardP)). "
        + "Relative to it, at p_t = \(Readable.number(easyP)) and at p_t = \(Readable.number(hardP)): " + ratios.joined(separator: "; ") + ".")
    let harder = others.filter { $0.at(easyP).gradient / easy > 1 }.map(\.name)
    let softer = others.filter { $0.at(easyP).gradient / easy < 1 }.map(\.name)
    out.append(
      "On an example already right (p_t = \(Readable.number(easyP))), "
        // "pushes" for one loss, "push" for several.
        + [harder.isEmpty ? nil : "\(FigureText.list(harder)) \(harder.count == 1 ? "pushes" : "push") harder than cross-entropy",
          softer.isEmpty ? nil : "\(FigureText.list(softer)) \(softer.count == 1 ? "pushes" : "push") less"].compactMap { $0 }.joined(separator: "; ") + ".")
    return out
  }
}
