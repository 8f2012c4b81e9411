import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

/// One curve of a figure of chosen views: a view, its analysis, and the
/// name its series has in the legend ("" for a figure of one curve).
public struct ChosenCurve: Sendable {
  public let name: String
  public let view: ScalarView
  public let properties: ViewProperties

  public init(name: String, view: ScalarView, properties: ViewProperties) {
    self.name = name
    self.view = view
    self.properties = properties
  }
}

extension ChosenCurve {
  /// The legend name of a curve of a family at parameters `p`: every
  /// parameter with its symbol (`δ = 0.5`).
  public static func name(_ spec: FunctionSpec, parameters p: ParameterValues) -> String {
    ViewNaming.parameters(spec, p)
  }
}

extension ManualFigures {
  /// A figure of views a caller chose (`lossatlas chart` with `--view`,
  /// `--arg`, `--over`, `--from/--to`, or a family of `--param` values):
  /// value and derivative panels side by side, as a function's figure in
  /// the manual, with one series per curve in both panels, marked from its
  /// analysis (breakpoints, saturation, dead regions, minimum, max |f′|).
  ///
  /// - Parameters:
  ///   - xRange: the x axis (default: the hull of the views' plot ranges).
  ///   - parameters: the parameters shared by every curve, for the title.
  /// - Throws: ``FigureError`` when there is no curve, or the curves sweep
  ///   different arguments.
  public static func chosen(
    _ spec: FunctionSpec, curves: [ChosenCurve], xRange: ClosedRange<Double>? = nil, parameters: ParameterValues? = nil
  ) throws -> ManualFigure {
    guard let first = curves.first else { throw FigureError("a figure needs at least one curve") }
    guard curves.allSatisfy({ $0.view.argument == first.view.argument }) else {
      throw FigureError("the curves of one figure must sweep the same argument")
    }
    let range = xRange ?? curves.map(\.view.plotRange).reduce(first.view.plotRange) {
      min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound)
    }
    let members = curves.enumerated().map { k, c -> FunctionFigure.Member in
      let (color, style) = FigureStyle.seriesStyle(k)
      return FunctionFigure.Member(
        index: k, view: c.view, properties: c.properties,
        curve: SampledCurve(c.view, over: range, breakpoints: c.properties.breakpoints), name: c.name,
        color: color, style: style)
    }
    let panel = GroupPanels(spec: spec, members: members, xRange: range, row: 0, rows: 1, peers: true)
    let params = parameters.map { ViewNaming.parameters(spec, $0) } ?? ""
    // The view's label when every curve shares it and it says more than
    // the swept argument's name (`p (y = 0.7)`).
    let labels = Set(curves.map(\.view.label))
    let label = labels.count == 1 && first.view.label != first.view.argument ? first.view.label : ""
    let title = ([spec.name, label, params].filter { !$0.isEmpty }).joined(separator: ", ")
    let figure = Figure(panels: [panel.valueChart(), panel.derivativeChart()], columns: 2, size: .standard, title: title)
    var caption = "\(spec.name)\(label.isEmpty ? "" : " along \(label)")\(params.isEmpty ? "" : " at \(params)"): value (left) and derivative (right)"
    caption += curves.count > 1 ? ", " + curves.map(\.name).joined(separator: "; ") + "." : "."
    let marks = Array(Set(panel.captionParts())).sorted { FunctionFigure.captionOrder($0) < FunctionFigure.captionOrder($1) }
    if !marks.isEmpty { caption += " " + FigureText.list(marks).capitalizedFirst + "." }
    return ManualFigure(
      path: "figures/\(spec.id).png", kind: .function, functionIDs: [spec.id], caption: caption,
      altText: panel.altSentences().joined(separator: " "), figure: figure)
  }
}
