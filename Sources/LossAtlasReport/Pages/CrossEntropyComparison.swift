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
/// the probability the scores give the true class. Its words (intro,
/// table, the computed sentences) are the strings tables'
/// `page.compare.crossEntropy.*`, its figure's `figure.compare.cross-entropy-variants.*`
/// (`templates/strings/<lang>/comparisons.yaml`), in the edition's
/// language; every number is an evaluation of the catalog's functions in
/// this run.
enum CrossEntropyComparison {
  static let page = "compare-cross-entropy-variants"
  /// The navigation's English title (`site.page.compare-cross-entropy-variants`).
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

  /// The curves, each named with its parameters in the edition's words
  /// (`info-nce (τ = 0.5)`), or nil when a function is missing.
  static func evaluated(_ spec: (String) -> FunctionSpec?, strings: Strings) -> [Evaluated]? {
    var out: [Evaluated] = []
    for c in curves {
      guard let s = spec(c.id), let p = try? s.validateParameters(c.parameters) else { return nil }
      let params = ViewNaming.parameters(s, p)
      let name = params.isEmpty ? c.id : strings("page.index.nameWithParameters", ["name": c.id, "parameters": params])
      out.append(Evaluated(curve: c, name: name, view: s.views(p)[0]))
    }
    return out
  }

  static let lossRange: ClosedRange<Double> = 0...4
  static let gradientRange: ClosedRange<Double> = -3...0.25

  /// Loss (top) and ∂L/∂s_k (bottom) against p_t
  /// (`figures/compare-cross-entropy-variants.png`), in the words of
  /// `words`' edition.
  static func figure(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("compare.cross-entropy-variants." + key, values) }
    guard let list = evaluated({ index.spec($0) }, strings: words.strings) else { return nil }
    let pt = (1...999).map { Double($0) / 1000 }
    let xLabel = words.say("trueClass.xAxis")
    let lossWord = words.say("compare.loss")
    var loss = Chart(title: lossWord, x: Axis(xLabel, range: 0...1), y: Axis(lossWord, range: lossRange))
    var gradient = Chart(title: say("gradientTitle"), x: Axis(xLabel, range: 0...1), y: Axis("∂L/∂sₖ", range: gradientRange))
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
    let atEasy = list.map { e in
      let v = e.at(easyP)
      return say("alt.at", ["name": e.name, "loss": FigureText.number(v.loss), "gradient": FigureText.number(v.gradient)])
    }
    var alt = say(
      "alt.lead",
      [
        "from": FigureText.number(pt[0]), "to": FigureText.number(pt[pt.count - 1]), "p": FigureText.number(easyP),
        "values": atEasy.joined(separator: words.say("compare.alt.factSeparator")),
      ])
    if !cut.isEmpty { alt += say("alt.cut", ["names": words.list(cut)]) }
    return ManualFigure(
      path: "figures/\(page).png", kind: .comparison, functionIDs: members, caption: say("caption"), altText: alt,
      // One column: the panels get the full width, so the legend fits above
      // the curves where p_t is large (a half-width panel has no free corner).
      figure: Figure(panels: [loss, gradient], columns: 1, size: ChartSize(width: 800, height: 860), title: say("title")))
  }

  static func build(figures: [FigureInfo], strings: Strings) -> ComparisonPage {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.crossEntropy." + key, values) }
    let list = evaluated({ try? Catalog.function(named: $0) }, strings: strings) ?? []
    let reference = list.first { $0.curve.id == "cross-entropy" }
    let rows = list.map { e in
      let values = probabilities.map { e.at($0) }
      let hard = abs(e.at(hardP).gradient) / abs(e.at(easyP).gradient)
      return SettingsRow(
        cells: [e.name] + values.map { Readable.number($0.loss, digits: 4) } + values.map { Readable.number($0.gradient, digits: 4) }
          + [Readable.number(hard, digits: 4)])
    }
    let title = strings("site.page.\(page)")
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [say("intro")] + (reference.map { sentences(list, reference: $0, strings: strings) } ?? []),
      figures: figures.filter { $0.key == page }.map(\.ref),
      tables: [
        DataTable(
          caption: say("caption"),
          header: [say("column.loss")] + probabilities.map { say("column.lossAt", ["p": Readable.number($0)]) }
            + probabilities.map { say("column.gradientAt", ["p": Readable.number($0)]) }
            + [say("column.ratio", ["hard": Readable.number(hardP), "easy": Readable.number(easyP)])],
          rows: rows)
      ])
  }

  /// The page's computed sentences: each loss's gradient on a well and on
  /// a badly classified example, relative to cross-entropy's.
  static func sentences(_ list: [Evaluated], reference: Evaluated, strings: Strings) -> [String] {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.crossEntropy." + key, values) }
    var out: [String] = []
    let half = list.map { say("losses.member", ["name": $0.name, "loss": Readable.number($0.at(evenP).loss, digits: 4)]) }
    out.append(say("losses.sentence", ["p": Readable.number(evenP), "list": ph.list(half)]))
    let easy = reference.at(easyP).gradient
    let hard = reference.at(hardP).gradient
    let others = list.filter { $0.name != reference.name }
    let ratios = others.map { e in
      say(
        "ratios.member",
        [
          "name": e.name, "easy": Readable.number(e.at(easyP).gradient / easy, digits: 3),
          "hard": Readable.number(e.at(hardP).gradient / hard, digits: 3),
        ])
    }
    out.append(
      say(
        "ratios.sentence",
        [
          "easyGradient": Readable.number(easy, digits: 4), "easy": Readable.number(easyP),
          "hardGradient": Readable.number(hard, digits: 4), "hard": Readable.number(hardP),
          "ratios": ratios.joined(separator: ph.say("separator.clauses")),
        ]))
    let harder = others.filter { $0.at(easyP).gradient / easy > 1 }.map(\.name)
    let softer = others.filter { $0.at(easyP).gradient / easy < 1 }.map(\.name)
    // "pushes" for one loss, "push" for several.
    let clauses = [
      harder.isEmpty ? nil : say(harder.count == 1 ? "push.harderOne" : "push.harderMany", ["list": ph.list(harder)]),
      softer.isEmpty ? nil : say(softer.count == 1 ? "push.softerOne" : "push.softerMany", ["list": ph.list(softer)]),
    ].compactMap { $0 }
    out.append(say("push.sentence", ["p": Readable.number(easyP), "clauses": clauses.joined(separator: ph.say("separator.clauses"))]))
    return out
  }
}
