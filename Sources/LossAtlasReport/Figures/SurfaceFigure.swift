import LossAtlasCharts

// MARK: - SurfaceFigure

/// A function of two arguments as a heat map with contour lines
/// (`figures/<id>-surface.png`): a gated unit's f(a, b) with the gate b
/// across and the value half a up, say.
///
/// The colours are f at the centre of each of `cells × cells` cells over
/// the box (viridis, dark for the least value, yellow for the greatest);
/// contour lines are drawn at the colour bar's nice values inside the
/// sampled range, and a dashed line marks each line where f is not smooth.
/// Every number printed (the colour range, the contour levels) is computed
/// here from the samples drawn: they describe the picture, not the
/// function's extremes.
///
/// It takes a plain description (``Surface``) so that it does not depend on
/// how the catalog declares surfaces; a catalog surface maps onto it field
/// by field with `value: { surface.evaluate($0, $1).value }`.
enum SurfaceFigure {
  /// The file name without extension of surface `index` (1, 2, ...) of
  /// function `id`: `<id>-surface`, then `<id>-surface-2`, ...
  static func stem(_ id: String, index: Int) -> String { index > 1 ? "\(id)-surface-\(index)" : "\(id)-surface" }

  /// What to draw.
  struct Surface: Sendable {
    /// The function's label, e.g. `f(a, b)`.
    var label: String
    /// The argument across (horizontal axis) and up (vertical axis).
    var x: String
    var y: String
    /// The other arguments held fixed, as text (`c = 1`), or none.
    var fixed: [String] = []
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    /// Lines x = c and y = c where f or its derivatives are not smooth.
    var xBreakpoints: [Double] = []
    var yBreakpoints: [Double] = []
    /// f(x, y).
    var value: @Sendable (_ x: Double, _ y: Double) -> Double
  }

  /// Cells across and up: 200 × 200 = 40,000 evaluations, finer than the
  /// plot's pixels at scale 1 in a half-width panel.
  static let cells = 200

  /// How many contour levels the colour bar's ticks aim at.
  static let contourTarget = 8

  /// The figure of `surface` for catalog function `id`, titled `title`
  /// (default `<id>: <label>`; a page passes the name and parameters, e.g.
  /// `SwiGLU, β = 1: f(a, b)`); `index` numbers a function's second and
  /// later surfaces (`<id>-surface-2.png`).
  ///
  /// - Throws: ``FigureError`` when the box is empty or not finite, or when
  ///   f has no finite value or one value only on it.
  static func build(
    id: String, title: String? = nil, surface s: Surface, index: Int = 1, words: FigureWords = FigureWords(.english)
  ) throws -> ManualFigure {
    for (name, r) in [(s.x, s.xRange), (s.y, s.yRange)]
    where !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
      throw FigureError("the surface of \(id) has the \(name) range \(r); it must be finite and non-empty")
    }
    var heat = HeatMap(x: s.xRange, y: s.yRange, columns: cells, rows: cells, label: s.label, sampling: s.value)
    let finite = heat.values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), lo < hi else {
      throw FigureError("the surface of \(id) takes \(finite.isEmpty ? "no finite value" : "one value only") on its box")
    }
    let levels = Ticks.linear(lo...hi, target: contourTarget).map(\.value).filter { $0 > lo && $0 < hi }
    heat.contours = levels
    heat.range = lo...hi

    var chart = Chart(title: "", x: Axis(s.x, range: s.xRange), y: Axis(s.y, range: s.yRange))
    chart.heatMap = heat
    chart.referenceLines =
      s.xBreakpoints.filter { s.xRange.contains($0) }.map { .vertical($0) }
      + s.yBreakpoints.filter { s.yRange.contains($0) }.map { .horizontal($0) }
    chart.legend = .none

    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("surface." + key, values) }
    let fixed = s.fixed.isEmpty ? "" : say("fixed", ["fixed": words.list(s.fixed)])
    let box = say(
      "box",
      [
        "x": s.x, "xFrom": FigureText.number(s.xRange.lowerBound), "xTo": FigureText.number(s.xRange.upperBound),
        "y": s.y, "yFrom": FigureText.number(s.yRange.lowerBound), "yTo": FigureText.number(s.yRange.upperBound),
      ])
    let levelText = words.list(levels.map { FigureText.number($0, scale: hi - lo) })
    let kinks =
      s.xBreakpoints.filter { s.xRange.contains($0) }.map { "\(s.x) = \(FigureText.number($0))" }
      + s.yBreakpoints.filter { s.yRange.contains($0) }.map { "\(s.y) = \(FigureText.number($0))" }
    let kinkText = kinks.isEmpty ? "" : say("kinks", ["kinks": words.list(kinks), "label": s.label])
    let values = [
      "label": s.label, "id": id, "fixed": fixed, "box": box, "low": FigureText.number(lo), "high": FigureText.number(hi),
      "levels": levelText, "kinks": kinkText, "cells": String(cells),
    ]
    return ManualFigure(
      path: "figures/\(stem(id, index: index)).png", kind: .surface, functionIDs: [id], caption: say("caption", values),
      altText: say("alt", values),
      figure: Figure(panels: [chart], columns: 1, size: .standard, title: title ?? say("title", ["id": id, "label": s.label])))
  }
}
