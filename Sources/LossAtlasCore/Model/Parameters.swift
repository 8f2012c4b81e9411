/// The set of values a parameter may take, e.g. `(0, inf)`, `[0, 1]`, or
/// "any real, or -inf" for barron's alpha.
public struct ParameterRange: Sendable, Equatable, CustomStringConvertible {
  public let lower: Double
  public let lowerInclusive: Bool
  public let upper: Double
  public let upperInclusive: Bool
  /// Whether -inf is accepted although the finite part is bounded by `lower`
  /// (barron's alpha = -inf is a limit the catalog defines).
  public let allowsNegativeInfinity: Bool

  public init(
    lower: Double, lowerInclusive: Bool, upper: Double, upperInclusive: Bool,
    allowsNegativeInfinity: Bool = false
  ) {
    self.lower = lower
    self.lowerInclusive = lowerInclusive
    self.upper = upper
    self.upperInclusive = upperInclusive
    self.allowsNegativeInfinity = allowsNegativeInfinity
  }

  /// (0, inf)
  public static let positive = ParameterRange(
    lower: 0, lowerInclusive: false, upper: .infinity, upperInclusive: false)
  /// [0, inf)
  public static let nonNegative = ParameterRange(
    lower: 0, lowerInclusive: true, upper: .infinity, upperInclusive: false)
  /// [0, 1]
  public static let unitClosed = ParameterRange(
    lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true)
  /// (0, 1)
  public static let unitOpen = ParameterRange(
    lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
  /// Any real number, or -inf.
  public static let realOrNegativeInfinity = ParameterRange(
    lower: -.infinity, lowerInclusive: false, upper: .infinity, upperInclusive: false,
    allowsNegativeInfinity: true)

  /// `v` with -0 read as the range's end 0 (+0) when 0 is an end of the
  /// range ([0, 1], [0, inf)): there -0 is not a number below the end, and
  /// a function must not see a sign of zero the user did not mean.
  public func canonical(_ v: Double) -> Double {
    v == 0 && (lower == 0 || upper == 0) ? 0 : v
  }

  /// Whether `v` is allowed. NaN never is.
  public func contains(_ v: Double) -> Bool {
    if v.isNaN { return false }
    if v == -.infinity { return allowsNegativeInfinity }
    if !v.isFinite { return false }
    let aboveLower = lowerInclusive ? v >= lower : v > lower
    let belowUpper = upperInclusive ? v <= upper : v < upper
    return aboveLower && belowUpper
  }

  /// Interval notation, e.g. `(0, inf)`, `[0, 1]`, `any real or -inf`.
  public var description: String {
    if allowsNegativeInfinity && lower == -.infinity && upper == .infinity {
      return "any real number or -inf"
    }
    return formatInterval(lower, closed: lowerInclusive, upper, closed: upperInclusive)
  }
}

/// One parameter of a catalog function.
public struct ParameterSpec: Sendable {
  /// The name used in `--param NAME=V` and in the golden vectors.
  public let name: String
  /// The symbol in formulas, in LaTeX (e.g. `\beta`).
  public let symbol: String
  public let defaultValue: Double
  public let range: ParameterRange
  /// The values later stages sweep (charts' families, property grids).
  public let grid: [Double]
  /// One line on what the parameter does.
  public let summary: String

  public init(
    name: String, symbol: String, defaultValue: Double, range: ParameterRange,
    grid: [Double], summary: String
  ) {
    self.name = name
    self.symbol = symbol
    self.defaultValue = defaultValue
    self.range = range
    self.grid = grid
    self.summary = summary
  }
}

/// Validated parameter values of one function, every parameter present.
///
/// Look-ups happen when a view or an evaluation is set up, never per point.
public struct ParameterValues: Sendable, Hashable, CustomStringConvertible {
  public private(set) var values: [String: Double]

  public init(_ values: [String: Double] = [:]) {
    self.values = values
  }

  /// The value of `name`; a missing name is a programming error in the catalog.
  public subscript(_ name: String) -> Double {
    guard let v = values[name] else {
      preconditionFailure("parameter \(name) was not validated into ParameterValues")
    }
    return v
  }

  /// `alpha=1, c=0.5`, in name order.
  public var description: String {
    values.keys.sorted().map { "\($0)=\(formatBound(values[$0]!))" }.joined(separator: ", ")
  }
}

/// Shortest round-tripping text for a bound, with `inf` / `-inf` spelled
/// out and integers without a fraction (`1`, not `1.0`).
public func formatBound(_ v: Double) -> String {
  if v == .infinity { return "inf" }
  if v == -.infinity { return "-inf" }
  if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
  return v.description
}

/// An interval in the manual's notation, its ends as ``formatBound(_:)``
/// writes them: `[0, 1]`, `(0, inf)`, `[-1, 1)`, a bracket for a closed
/// end and a parenthesis for an open one.
public func formatInterval(_ lower: Double, closed lowerClosed: Bool, _ upper: Double, closed upperClosed: Bool) -> String {
  "\(lowerClosed ? "[" : "(")\(formatBound(lower)), \(formatBound(upper))\(upperClosed ? "]" : ")")"
}

/// A set of labels in the manual's notation: `{-1, +1}` when a label is
/// negative (the positive ones then signed), else `{0, 1}`.
public func formatLabels(_ labels: [Double]) -> String {
  let signed = labels.contains { $0 < 0 }
  return "{" + labels.map { signed && $0 > 0 ? "+" + formatBound($0) : formatBound($0) }.joined(separator: ", ") + "}"
}
