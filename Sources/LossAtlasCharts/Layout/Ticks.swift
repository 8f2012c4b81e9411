#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Tick

/// One tick of an axis: its position in data units and its label.
public struct Tick: Sendable, Hashable {
  /// Position in data units.
  public var value: Double
  /// Label text ("" for an unlabelled minor tick).
  public var label: String
  /// Major ticks are longer, labelled and carry a grid line; minor ticks are short.
  public var isMajor: Bool

  /// Creates a tick.
  public init(value: Double, label: String, isMajor: Bool = true) {
    self.value = value
    self.label = label
    self.isMajor = isMajor
  }
}

// MARK: - Ticks

/// "Nice" tick positions and their labels.
///
/// Linear axes follow Heckbert's "Nice numbers for graph labels" (Graphics
/// Gems, 1990): the step is 1, 2 or 5 times a power of ten, chosen so that
/// about `target` ticks fall in the range. Ticks are computed as integer
/// multiples of the step (`k * m * 10^e`), never by repeated addition, and
/// labelled from those integers, so a label is never `0.30000000000000004`.
///
/// Log-10 axes put major ticks on powers of ten (every `s`-th decade when
/// there are many), with minor ticks at 2...9 times each power when there are
/// few decades, and fall back to linear nice ticks inside one decade.
///
/// [Heckbert]: https://doi.org/10.1016/B978-0-08-050753-8.50019-4
public enum Ticks {
  /// A tick step `mantissa * 10^exponent` with `mantissa` in {1, 2, 5}.
  public struct Step: Sendable, Hashable {
    /// 1, 2 or 5.
    public var mantissa: Int
    /// Power of ten.
    public var exponent: Int

    /// The step as a Double.
    public var value: Double { TickFormatter.scaled(mantissa, exponent) }
  }

  // MARK: Heckbert's nice numbers

  /// Heckbert's `nicenum`: a number 1, 2, 5 or 10 times a power of ten close
  /// to `x` (rounded when `round`, else the smallest such number >= `x`).
  /// Returned as (mantissa in {1, 2, 5, 10}, exponent).
  static func niceNumber(_ x: Double, round: Bool) -> (mantissa: Int, exponent: Int) {
    precondition(x > 0 && x.isFinite, "niceNumber needs a positive finite input")
    let exponent = floorLog10(x)
    let fraction = x / TickFormatter.scaled(1, exponent)
    let mantissa: Int
    if round {
      mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    if mantissa == 10 { return (1, exponent + 1) }
    return (mantissa, exponent)
  }

  /// The nice step for about `target` ticks over `span`: Heckbert's
  /// `nicenum(span / (target - 1), round: true)`.
  ///
  /// Heckbert first rounds the span itself up to a nice number; that extra
  /// step can double the tick spacing (-3...3 with 4 ticks would get a step
  /// of 5 and a single tick at 0), so the span is used as it is.
  public static func step(span: Double, target: Int) -> Step {
    let t = max(target, 2)
    let x = span / Double(t - 1)
    // A span of a few subnormals (a chart from 0 to 5e-324) divides to 0, which has no nice
    // number (niceNumber trapped on it): the step is then the least one, 1e-323.
    let (m, e) = niceNumber(x == 0 && span > 0 ? .leastNonzeroMagnitude : x, round: true)
    return Step(mantissa: m, exponent: e)
  }

  /// Heckbert's loose range: `lower...upper` widened outwards to multiples of
  /// the nice step. A degenerate range (one value, or a width below Double's
  /// resolution at that magnitude) is first widened around its centre.
  public static func looseRange(_ lower: Double, _ upper: Double, target: Int) -> ClosedRange<Double> {
    let (lo, hi) = widenDegenerate(lower, upper)
    let s = step(span: hi - lo, target: target)
    let d = s.value
    let kLo = (lo / d).rounded(.down)
    let kHi = (hi / d).rounded(.up)
    return TickFormatter.scaled(Int(kLo) * s.mantissa, s.exponent)...TickFormatter.scaled(
      Int(kHi) * s.mantissa, s.exponent)
  }

  /// Widens a range too narrow to label: a single value `v` becomes
  /// `v -+ 10%` (or `-1...1` for zero), and a width below about 1e-13 of the
  /// magnitude (where ticks would not be distinct Doubles) is widened to that.
  static func widenDegenerate(_ lower: Double, _ upper: Double) -> (Double, Double) {
    let magnitude = max(abs(lower), abs(upper))
    let minimumWidth = magnitude * 1e-13
    if upper - lower > minimumWidth && upper - lower > 0 { return (lower, upper) }
    let centre = (lower + upper) / 2
    if centre == 0 { return (-1, 1) }
    let half = max(abs(centre) * 0.1, minimumWidth)
    return (centre - half, centre + half)
  }

  // MARK: Linear ticks

  /// Major ticks inside `range` for a linear axis, about `target` of them,
  /// labelled by ``TickFormatter/labels(multiples:step:)``.
  public static func linear(_ range: ClosedRange<Double>, target: Int) -> [Tick] {
    let (lo, hi) = widenDegenerate(range.lowerBound, range.upperBound)
    let s = step(span: hi - lo, target: target)
    let d = s.value
    // A tick within a millionth of a step of the bounds still counts as inside,
    // so 0...1 keeps its end ticks despite rounding in lo / d.
    let kLo = Int((lo / d - 1e-6).rounded(.up))
    let kHi = Int((hi / d + 1e-6).rounded(.down))
    guard kLo <= kHi else { return [] }
    let multiples = (kLo...kHi).map { $0 * s.mantissa }
    let labels = TickFormatter.labels(multiples: multiples, exponent: s.exponent)
    return zip(multiples, labels).map { n, label in
      Tick(value: TickFormatter.scaled(n, s.exponent), label: label)
    }
  }

  /// Ticks at given positions (an axis override), labelled with as few
  /// decimals as make every label exact to 12 significant digits and all
  /// labels share that number of decimals.
  public static func fixed(_ values: [Double], in range: ClosedRange<Double>) -> [Tick] {
    let inside = values.filter { $0.isFinite && range.contains($0) }
    let labels = TickFormatter.labels(values: inside)
    return zip(inside, labels).map { Tick(value: $0, label: $1) }
  }

  // MARK: Log ticks

  /// Ticks for a log-10 axis over the positive `range`: powers of ten labelled
  /// `10ⁿ` (every `s`-th decade when there are more than `target`), minor
  /// ticks at 2...9 times each power when there are at most `target / 2 + 1`
  /// decades, or at the skipped decades otherwise.
  public static func log10(_ range: ClosedRange<Double>, target: Int) -> [Tick] {
    let a = decimalLog(range.lowerBound)
    let b = decimalLog(range.upperBound)
    let kLo = Int((a - 1e-9).rounded(.up))
    let kHi = Int((b + 1e-9).rounded(.down))
    let decades = kHi - kLo + 1
    guard decades >= 2 else { return linear(range, target: target) }
    let strides = [1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
    let s = strides.first { (decades + $0 - 1) / $0 <= max(target, 2) } ?? 1000
    var ticks: [Tick] = []
    for k in kLo...kHi {
      let power = TickFormatter.scaled(1, k)
      if k % s == 0 {
        ticks.append(Tick(value: power, label: TickFormatter.powerOfTen(k)))
      } else {
        ticks.append(Tick(value: power, label: "", isMajor: false))
      }
    }
    if s == 1 && decades <= target / 2 + 1 {
      // Minor ticks 2...9 x 10^k in every decade touching the range.
      for k in (kLo - 1)...kHi {
        for j in 2...9 {
          let v = TickFormatter.scaled(j, k)
          if v >= range.lowerBound && v <= range.upperBound {
            ticks.append(Tick(value: v, label: "", isMajor: false))
          }
        }
      }
    }
    return ticks.sorted { $0.value < $1.value }
  }
}

// MARK: - Small math helpers

/// floor(log10(x)) exactly for positive finite x: the library log10 may land
/// just below an integer for an exact power of ten (or just above for the
/// Double below it), so the result is checked against the power it names.
func floorLog10(_ x: Double) -> Int {
  var e = Int(decimalLog(x).rounded(.down))
  if TickFormatter.scaled(1, e + 1) <= x { e += 1 }
  if TickFormatter.scaled(1, e) > x { e -= 1 }
  return e
}

/// The C library's log10, under a name that `Ticks.log10` does not shadow.
@inline(__always) func decimalLog(_ x: Double) -> Double { log10(x) }
