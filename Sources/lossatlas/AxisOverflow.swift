import LossAtlasAnalysis
import LossAtlasCharts

/// Why `figure` of function `id` cannot be drawn, when one of its panels
/// would need a y axis wider than the largest Double (about 1.8e308), or
/// nil when every axis can be measured.
///
/// The axis of a panel runs over its curves' finite values (a value that
/// overflows to ±inf leaves through the frame), with margins: `x * 1e308`
/// on [-5, 5] has finite values from -1.8e308 to 1.8e308, and
/// 1.8e308 - (-1.8e308) is +inf, so no tick step or pixel scale exists.
/// The message says which panel, what its values are and what to do.
func overflowingAxis(_ figure: Figure, id: String) -> String? {
  for panel in figure.panels {
    if let r = panel.y.range, r.lowerBound.isFinite, r.upperBound.isFinite, (r.upperBound - r.lowerBound).isFinite {
      continue
    }
    let ys = panel.series.flatMap(\.y)
    let finite = ys.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { continue }
    // An axis given by the figure that is still finite in width is drawn.
    if panel.y.range == nil && (hi - lo).isFinite { continue }
    let overflows = ys.contains { $0.isInfinite }
    let xs = panel.x.range.map { "x from \(Format.number($0.lowerBound)) to \(Format.number($0.upperBound))" } ?? "the chosen x range"
    let label = panel.y.label.isEmpty ? "values" : panel.y.label
    return "\(id)'s \(label) over \(xs) runs from \(Format.number(lo)) to \(Format.number(hi))"
      + (overflows ? " and overflows Double (±inf) beyond" : "")
      + ": a y axis that wide cannot be drawn (its span exceeds the largest Double, 1.8e308); give a narrower --from/--to"
  }
  return nil
}
