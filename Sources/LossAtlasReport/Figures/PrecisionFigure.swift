import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - PrecisionFigure

/// Where a function's value rounds to its limit (`figures/precision-<id>.png`):
/// for each end where the value approaches a finite limit L without ever
/// reaching it, log₁₀ of the distance |f(x) − L| against |x|, with the
/// rounding resolution of Float16, Float32 and Float64 next to L as
/// horizontal lines and the precision study's thresholds as dots.
///
/// The resolution of a format next to L is how close f must come to L to
/// round to the format's nearest value to L (L itself when L is
/// representable): half the spacing there on the side f comes from, or half
/// the smallest subnormal when L = 0 (then rounding to L is underflow). The
/// thresholds are the precision table's (``PrecisionStudy``: the first
/// input of each format from which the correctly rounded value is the
/// limit), printed with the same digits, so each dot sits where its line
/// meets the curve and reads as the table does.
///
/// The distance is computed so that it stays accurate where f itself has
/// already rounded to L in Double: as |f(x)| when L = 0, and otherwise as
/// ∫ |f′| from x to the end (f approaches L monotonically there; the
/// catalog's f′ stays accurate when f − L cancels), by 8-point
/// Gauss-Legendre (see ``Tail``).
enum PrecisionFigure {
  /// The file name without extension of function `id`'s precision figure
  /// (`figures/precision-<id>.png`), drawn when its value rounds to a limit.
  static func stem(_ id: String) -> String { "precision-\(id)" }

  /// One end of the primary view where the value approaches its limit.
  struct End {
    let direction: Int
    let limit: Double
    /// +1 when f approaches L from above, −1 from below.
    let side: Double
    let thresholds: [PrecisionThreshold]
  }

  static func build(
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, words: FigureWords = FigureWords(.english)
  ) -> ManualFigure? {
    let p = spec.defaultParameters
    guard analysis.settings.indices.contains(analysis.defaultIndex),
      analysis.settings[analysis.defaultIndex].parameters == p
    else { return nil }
    let view = spec.views(p)[0]
    let ends = [-1, 1].compactMap { end(view, direction: $0, facts: analysis.facts.precision) }
    guard !ends.isEmpty else { return nil }
    var panels: [Chart] = []
    var alt: [String] = []
    for e in ends {
      let (chart, sentence) = panel(spec, view, e, words: words)
      panels.append(chart)
      alt.append(sentence)
    }
    // The primary view's own names (b for a gated unit's view in b, s for a margin loss); a loss
    // keeps f, since its own symbol L would read as the limit.
    let v = ViewNaming.variable(view)
    let name = spec.family.isLoss ? "f(\(v))" : ViewNaming.valueSymbol(spec, variable: v)
    let caption = words.say("precision.caption", ["name": words.name(spec), "value": name, "variable": v])
    return ManualFigure(
      path: "figures/\(stem(spec.id)).png", kind: .precision, functionIDs: [spec.id], caption: caption,
      altText: alt.joined(separator: words.say("precision.alt.separator")),
      figure: Figure(
        panels: panels, columns: panels.count, size: .standard, title: words.say("precision.title", ["name": words.name(spec)])))
  }

  // MARK: Ends

  /// The end toward `direction`, when the study found a "value rounds to
  /// its limit" threshold there and the value approaches the limit without
  /// reaching it (f′ ≠ 0 at the plot range's edge: relu's exact 0 on x < 0
  /// is no rounding effect).
  static func end(_ view: ScalarView, direction: Int, facts: [PrecisionThreshold]) -> End? {
    let ts = facts.filter { $0.direction == direction && $0.kind == .valueReachesLimit }
    guard ts.contains(where: { $0.x != nil }) else { return nil }
    let edge = direction < 0 ? view.plotRange.lowerBound : view.plotRange.upperBound
    let far = ViewSamples(view, count: 3)
    let seq = (direction < 0 ? far.towardLower : far.towardUpper).map { ($0.x, $0.jet.value) }
    guard case .finite(let limit)? = Limit.estimate(seq) else { return nil }
    let j = view.evaluate(edge)
    guard j.d1 != 0, j.value != limit, j.value.isFinite else { return nil }
    return End(direction: direction, limit: limit, side: j.value > limit ? 1 : -1, thresholds: ts)
  }

  // MARK: Resolution

  /// How close to `limit` a value must come (from `side`) to round to the
  /// format's value nearest the limit, as log₁₀ of that distance, with a
  /// short text ("2⁻¹²", "2⁻¹⁰⁷⁵", or the number).
  ///
  /// For L = 0 in Float64 the distance, 2⁻¹⁰⁷⁵, is below every Double: its
  /// logarithm is computed as −1075 log₁₀ 2.
  static func resolution(_ format: NumberFormat, limit: Double, side: Double) -> (log10: Double, text: String) {
    if limit == 0 && format == .float64 {
      return (-1075 * log10(2.0), "2" + TickFormatter.superscript(-1075))
    }
    func neighbours(_ v: Double) -> (rounded: Double, up: Double, down: Double) {
      switch format {
      case .float16:
        // Binary16 computes what Float16 does, also where Float16 is unavailable (Intel Macs).
        let f = Binary16.round(v)
        return (f, Binary16.nextUp(f), Binary16.nextDown(f))
      case .float32:
        let f = Float(v)
        return (Double(f), Double(f.nextUp), Double(f.nextDown))
      case .float64:
        return (v, v.nextUp, v.nextDown)
      }
    }
    let n = neighbours(limit)
    let r = side > 0
      ? (n.rounded - limit) + (n.up - n.rounded) / 2
      : (limit - n.rounded) + (n.rounded - n.down) / 2
    let text = r.significand == 1
      ? "2" + TickFormatter.superscript(Int(r.exponent)) + " = " + FigureText.number(r) : FigureText.number(r)
    return (log10(r), text)
  }

  // MARK: Panel

  /// One end's panel. The y axis carries log₁₀ of the distance on a linear
  /// scale (rather than a log axis): the distances span up to 330 decades,
  /// down to 2⁻¹⁰⁷⁵, which no Double (and so no log axis) reaches.
  static func panel(
    _ spec: FunctionSpec, _ view: ScalarView, _ e: End, words: FigureWords = FigureWords(.english)
  ) -> (Chart, String) {
    let found = e.thresholds.compactMap { t in t.x.map { abs($0) } }
    let far = found.max() ?? 1
    let near = found.min() ?? 1
    let logX = near > 0 && far / near > 100
    // Distances |x| drawn: linear from 0, or log from a decade below the
    // nearest threshold (at least 1), to a bit beyond the farthest.
    let n = 800
    let us: [Double]
    let xRange: ClosedRange<Double>
    if logX {
      let a = max(1, DepthFigure.pow10(Int(log10(near).rounded(.down)) - 1))
      let b = DepthFigure.pow10(Int(log10(far).rounded(.down)) + 1)
      us = (0..<n).map { i in a * pow(b / a, Double(i) / Double(n - 1)) }
      xRange = a...b
    } else {
      let b = 1.2 * far
      us = (0..<n).map { Double($0) * b / Double(n - 1) }
      xRange = 0...b
    }
    // log₁₀ of 0 is −∞: the line ends where the distance underflows.
    let logs = gap(view, e, at: us).map { log10($0) }
    let v = ViewNaming.variable(view)
    let name = ViewNaming.valueSymbol(spec, variable: v)
    let lText = FigureText.number(e.limit)
    let yLabel = e.limit == 0
      ? "log₁₀ |\(name)|"
      : "log₁₀ |\(name) \(e.limit < 0 ? "+" : "−") \(FigureText.number(abs(e.limit)))|"
    var chart = Chart(
      title: "\(v) → \(e.direction < 0 ? FigureText.minus : "+")∞: \(name) → \(lText)",
      x: Axis(e.direction < 0 ? "|\(v)|   (\(v) < 0)" : v, range: xRange, scale: logX ? .log10 : .linear),
      y: Axis(yLabel))
    chart.series = [Series("", x: us, y: logs, color: FigureStyle.seriesStyle(0).color)]
    let colors: [NumberFormat: ChartColor] = [
      .float16: FigureStyle.seriesStyle(1).color, .float32: FigureStyle.seriesStyle(2).color,
      .float64: FigureStyle.seriesStyle(4).color,
    ]
    var items: [String] = []
    var lowest = logs.filter(\.isFinite).min() ?? 0
    for format in NumberFormat.allCases {
      let r = resolution(format, limit: e.limit, side: e.side)
      lowest = min(lowest, r.log10)
      chart.referenceLines.append(.horizontal(r.log10, label: "\(format.rawValue): \(r.text)", color: colors[format]!))
      if let x = e.thresholds.first(where: { $0.format == format })?.x {
        // At the threshold the distance meets the resolution (it may have
        // underflowed to 0 in Double there: then the line's level is used).
        let g = log10(gap(view, e, at: [abs(x)])[0])
        chart.markers.append(
          Marker(x: abs(x), y: g.isFinite ? g : r.log10, label: "\(v) = \(FloatingPointText.input(x, format))", color: colors[format]!))
        items.append(
          words.say(
            "precision.alt.at",
            ["format": format.rawValue, "resolution": r.text, "variable": v, "x": FloatingPointText.input(x, format)]))
      } else {
        items.append(words.say("precision.alt.nowhere", ["format": format.rawValue, "resolution": r.text]))
      }
    }
    let top = logs.filter(\.isFinite).max() ?? 0
    let span = max(top - lowest, 1)
    chart.y.range = (lowest - 0.06 * span)...(top + 0.04 * span)
    chart.legend = .none
    let values = [
      "toward": e.direction < 0 ? "−∞" : "+∞", "name": words.name(spec), "limit": lText, "variable": v,
      "items": words.ph.clauses(items),
    ]
    let sentence = words.say(
      "precision.alt." + (logX ? "logScale" : "linearScale") + (e.limit == 0 ? "Underflow" : "Rounds"), values)
    return (chart, sentence)
  }

  // MARK: Distance to the limit

  /// |f(x) − L| at x = direction × u for increasing distances `us` ≥ 0.
  static func gap(_ view: ScalarView, _ e: End, at us: [Double]) -> [Double] {
    let d = Double(e.direction)
    if e.limit == 0 { return us.map { abs(view.evaluate(d * $0).value) } }
    // f′ must keep one sign from the first distance outward, else the
    // integral is not the distance: fall back to the Double difference.
    let signs = us.map { view.evaluate(d * $0).d1 }.filter { $0 != 0 }
    if signs.contains(where: { $0 > 0 }) && signs.contains(where: { $0 < 0 }) {
      return us.map { abs(view.evaluate(d * $0).value - e.limit) }
    }
    let tail = Tail(view: view, direction: d)
    var out = [Double](repeating: 0, count: us.count)
    var total = tail.integral(from: us[us.count - 1])
    out[us.count - 1] = total
    for i in stride(from: us.count - 2, through: 0, by: -1) {
      total += tail.integral(us[i], us[i + 1])
      out[i] = total
    }
    return out
  }

  /// ∫ |f′(d·t)| dt along the distance t from the centre, by 8-point
  /// Gauss-Legendre on steps no longer than a quarter of max(1, t) nor half
  /// the integrand's local scale |f′ / f″| (so e^(−t) is integrated on
  /// steps of 1/2 however far out, 1 / (1 + t)² on steps growing with t).
  struct Tail {
    let view: ScalarView
    let direction: Double

    func g(_ t: Double) -> Double { abs(view.evaluate(direction * t).d1) }

    func step(_ t: Double) -> Double {
      let j = view.evaluate(direction * t)
      let scale = j.d2 == 0 ? Double.infinity : abs(j.d1 / j.d2)
      return max(1e-3, min(0.25 * max(1, abs(t)), 0.5 * scale))
    }

    /// ∫_a^b.
    func integral(_ a: Double, _ b: Double) -> Double {
      var total = 0.0
      var t = a
      while t < b {
        let e = min(b, t + step(t))
        let mid = (t + e) / 2
        let half = (e - t) / 2
        var s = 0.0
        for (node, weight) in zip(gaussNodes, gaussWeights) {
          s += weight * (g(mid - half * node) + g(mid + half * node))
        }
        total += s * half
        t = e
      }
      return total
    }

    /// ∫ from a outward, until the integrand vanishes or its pieces stop
    /// mattering (below 10⁻²² of the sum), summed smallest first.
    func integral(from a: Double) -> Double {
      var parts: [Double] = []
      var t = a
      var sum = 0.0
      while t < 1e300 {
        let b = t + 16 * step(t)
        let c = integral(t, b)
        parts.append(c)
        sum += c
        if (c == 0 && g(b) == 0) || (c > 0 && c < 1e-22 * sum) { break }
        t = b
      }
      return parts.reversed().reduce(0, +)
    }
  }

  /// Positive nodes and weights of 8-point Gauss-Legendre on [−1, 1]
  /// (Abramowitz & Stegun, Table 25.4).
  static let gaussNodes: [Double] = [
    0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363,
  ]
  static let gaussWeights: [Double] = [
    0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
  ]
}
