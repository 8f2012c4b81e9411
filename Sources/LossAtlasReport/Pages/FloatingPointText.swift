import LossAtlasAnalysis
import LossAtlasCore

/// How the pages word the floating-point facts: the precision study and the
/// textbook formula's failures, in the edition's language (the sentences
/// are the strings tables' `page.precision.*` and `page.naive.*`).
struct FloatingPointText {
  let strings: Strings

  init(_ strings: Strings) { self.strings = strings }

  /// `x → −∞`, or `p → 1` toward a finite end of the view's domain, in
  /// the view's variable as its figure's axis names it (ŷ, s, p, x).
  static func toward(_ direction: Int, _ view: ScalarView) -> String {
    let end = direction < 0 ? view.domain.lower : view.domain.upper
    let variable = ViewNaming.variable(view)
    if end.isInfinite { return Phrasing.direction(direction, variable: variable) }
    return "\(variable) → \(Readable.number(end))"
  }

  /// An input of a format as readers should see it: a power of two (or one
  /// within 16 of it, for large integers) as `2⁵³` or `(2⁵³ + 2)`; a
  /// Float16 or Float32 input exactly when its decimal expansion has at
  /// most 8 significant digits (`32768`, `−17.34375`), else by the fewest
  /// digits, at least 4, that read back as the same input (`3.447` for
  /// 3.447265625, `6.238` for 6.23828125); a
  /// Float64 input by 6 significant digits, or as `3 − 1 ulp` when those
  /// digits would name a different Double a few ulps away.
  static func input(_ x: Double, _ format: NumberFormat) -> String {
    let m = abs(x)
    let sign = x < 0 ? "−" : ""
    if m >= 0x1p20, m == m.rounded() {
      let k = Int(m.exponent)
      for (p, e) in [(Double(sign: .plus, exponent: k, significand: 1), k), (Double(sign: .plus, exponent: k + 1, significand: 1), k + 1)] {
        let d = m - p
        if abs(d) <= 16 {
          let base = "2" + Readable.superscript(e)
          if d == 0 { return sign + base }
          return sign + "(\(base) \(d > 0 ? "+" : "−") \(Int(abs(d))))"
        }
      }
    }
    switch format {
    case .float16, .float32:
      // Exact when short: the value times 10^k is an integer for some k
      // with at most 8 significant digits.
      for digits in 1...8 {
        let e = Int(log10(m).rounded(.down))
        let scale = Readable.pow10(digits - 1 - e)
        let n = (m * scale).rounded()
        if n / scale == m && (m * scale) == n { return Readable.number(x, digits: digits) }
      }
      // Else the fewest significant digits (at least 4) that read back as
      // the same input: 6.238 for 6.23828125, not the 6.24 that also would.
      for digits in 4...9 {
        let e = Int(log10(m).rounded(.down))
        let scale = Readable.pow10(digits - 1 - e)
        let candidate = (m * scale).rounded() / scale
        if format.round(candidate) == m { return Readable.number(x, digits: digits) }
      }
      return Readable.number(x, digits: 9)
    case .float64:
      // A 6-digit neighbour a few ulps away: say so.
      let e = Int(log10(m).rounded(.down))
      let scale = Readable.pow10(5 - e)
      let near = (m * scale).rounded() / scale
      if near != m && abs(near - m) <= 4 * m.ulp {
        let ulps = Int((abs(near - m) / m.ulp).rounded())
        let nearText = Readable.number(near)
        return sign + "(\(nearText) \(m < near ? "−" : "+") \(ulps) ulp)"
      }
      return Readable.number(x)
    }
  }

  /// The table rows of the precision study: one per (direction, kind), a
  /// cell per format.
  func rows(_ facts: [PrecisionThreshold], view: ScalarView) -> [PrecisionRow] {
    let variable = ViewNaming.variable(view)
    var rows: [PrecisionRow] = []
    for direction in [-1, 1] {
      for kind in PrecisionThreshold.Kind.allCases {
        let cells = NumberFormat.allCases.map { format in
          facts.first { $0.direction == direction && $0.kind == kind && $0.format == format }
        }
        guard let any = cells.compactMap({ $0 }).first else { continue }
        let text = cells.map { t -> String in
          guard let t else { return "—" }
          // A user function's exact numbers stop being decided at some input.
          let undecided =
            t.undecidedFrom.map {
              strings("page.precision.undecidedFrom", ["x": Self.input($0, t.format), "variable": variable])
            } ?? ""
          return cell(t, variable: variable) + undecided
        }
        rows.append(
          PrecisionRow(
            direction: Self.toward(direction, view), what: what(kind, limit: any.limit, variable: variable),
            float16: text[0], float32: text[1],
            float64: text[2]))
      }
    }
    return rows
  }

  /// One format's cell: where the rounding starts, and where it also
  /// happens nearer the centre; `variable` is the view's (x, ŷ, s).
  func cell(_ t: PrecisionThreshold, variable: String) -> String {
    // Not up to where the exact numbers stop being decided: not "never".
    guard let x = t.x else { return strings(t.undecidedFrom == nil ? "page.precision.never" : "page.precision.notDecided") }
    let from = strings("page.precision.from", ["x": Self.input(x, t.format), "variable": variable])
    guard let e = t.earlier else { return from }
    let lo = Swift.min(e.from, e.to)
    let hi = Swift.max(e.from, e.to)
    let values = [
      "from": from, "hits": Readable.count(e.hits), "checked": Readable.count(e.checked),
      "span": "[\(Self.input(lo, t.format)), \(Self.input(hi, t.format))]",
    ]
    return strings(e.exhaustive ? "page.precision.alsoExhaustive" : "page.precision.alsoSampled", values)
  }

  /// `value rounds to its limit 1`, `derivative rounds to 0`, `value
  /// overflows to ∞`, `value rounds to x` (in the view's variable).
  func what(_ kind: PrecisionThreshold.Kind, limit: Double, variable: String) -> String {
    let key: String
    switch kind {
    case .valueReachesLimit: key = "valueReachesLimit"
    case .valueEqualsInput: key = "valueEqualsInput"
    case .derivativeVanishes: key = "derivativeVanishes"
    case .derivativeReachesLimit: key = "derivativeReachesLimit"
    case .valueOverflows: key = "valueOverflows"
    case .derivativeOverflows: key = "derivativeOverflows"
    }
    return strings("page.precision.what." + key, ["limit": Readable.number(limit), "variable": variable])
  }

  /// The exact half-line statements of `view`: `value exactly 0 for x ≤ 0`
  /// (in the view's variable). A statement that holds for every x is
  /// printed once.
  func exact(_ tails: [ExactTail], view: ScalarView) -> [String] {
    let variable = ViewNaming.variable(view)
    var out: [String] = []
    for t in tails {
      let what = t.kind.isValue ? "value" : "derivative"
      let equals = t.kind == .valueEqualsInput ? variable : Readable.number(t.limit)
      let line: String
      if let b = t.boundary {
        let op = t.direction > 0 ? (t.closed ? "≥" : ">") : (t.closed ? "≤" : "<")
        line = strings(
          "page.precision.exact.\(what)From", ["equals": equals, "condition": "\(variable) \(op) \(Readable.number(b))"])
      } else {
        line = strings("page.precision.exact.\(what)Everywhere", ["equals": equals, "variable": variable])
      }
      if !out.contains(line) { out.append(line) }
    }
    return out
  }

  /// What the section says when the study found nothing to report.
  func none(_ view: ScalarView) -> String { strings("page.precision.none") }

  /// A naive-formula failure as a page fact.
  func naive(_ f: NaiveFailure, view: ScalarView, component: String? = nil) -> Fact {
    let variable = ViewNaming.variable(view)
    let name: String
    switch f.component {
    case "value": name = strings("page.naive.value", ["formula": f.formula])
    case "derivative": name = strings("page.naive.derivative", ["formula": f.formula])
    default: name = strings("page.naive.subexpression", ["formula": f.formula, "component": component ?? f.component])
    }
    var value = strings(
      "page.naive.first",
      [
        "mode": mode(f.mode), "x": Readable.number(f.x, digits: 8), "naive": Readable.number(f.naive),
        "stable": Readable.number(f.stable), "variable": variable,
      ])
    let after = f.fractionFailingAfter
    if after < 1 {
      let end = f.x + Double(f.direction) * f.unit
      let span = "[\(Readable.number(Swift.min(f.x, end))), \(Readable.number(Swift.max(f.x, end)))]"
      value += strings("page.naive.fraction", ["percent": Readable.percent(after), "span": span])
    }
    if let a = f.alwaysFrom {
      if let b = f.alwaysTo {
        value += strings(
          "page.naive.alwaysFromTo", ["from": Readable.number(a), "to": Readable.number(b), "variable": variable])
      } else {
        value += strings("page.naive.alwaysFrom", ["from": Readable.number(a), "variable": variable])
      }
      if let m = f.alwaysMode, m != f.mode { value += strings("page.naive.alwaysMode", ["mode": mode(m)]) }
    }
    if let z = f.zeroFrom, z != f.x {
      value += strings("page.naive.zeroFrom", ["x": Readable.number(z), "variable": variable])
    }
    return Fact(name: strings("page.naive.name", ["name": name, "toward": Self.toward(f.direction, view)]), value: value)
  }

  /// How the textbook formula fails: `overflows`, `gives NaN`.
  func mode(_ m: NaiveFailure.Mode) -> String {
    switch m {
    case .overflow: return strings("page.naive.mode.overflow")
    case .nan: return strings("page.naive.mode.nan")
    case .zero: return strings("page.naive.mode.zero")
    case .inaccurate: return strings("page.naive.mode.inaccurate")
    }
  }
}
