/// The kind of value an argument holds.
public enum ArgumentKind: String, Sendable {
  /// A real number.
  case real
  /// A JSON array of real numbers.
  case vector
  /// A 0-based class index.
  case integer
}

/// The allowed values of one argument (of each element, for a vector).
public enum ArgumentDomain: Sendable, Equatable, CustomStringConvertible {
  /// Any finite real number.
  case finite
  /// A closed or half-open interval of finite reals.
  case interval(lower: Double, lowerInclusive: Bool, upper: Double, upperInclusive: Bool)
  /// One of a few labels, e.g. {-1, +1}.
  case labels([Double])
  /// Any finite real number but 0 (mape's target, which it divides by).
  case nonZero

  /// [0, 1]
  public static let unit = ArgumentDomain.interval(
    lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true)
  /// (0, inf)
  public static let positive = ArgumentDomain.interval(
    lower: 0, lowerInclusive: false, upper: .infinity, upperInclusive: false)
  /// [0, inf)
  public static let nonNegative = ArgumentDomain.interval(
    lower: 0, lowerInclusive: true, upper: .infinity, upperInclusive: false)

  /// `v` with -0 read as +0 where 0 is an end of the interval ([0, 1],
  /// [0, inf)) or one of the labels ({0, 1}): there -0 is that end, and the
  /// function must not see a sign the user did not mean (bce's d/dp at
  /// p = -0 was +inf). On the whole real line -0 is kept as given.
  public func canonical(_ v: Double) -> Double {
    guard v == 0 else { return v }
    switch self {
    case .finite: return v
    case .interval(let lo, _, let hi, _): return lo == 0 || hi == 0 ? 0 : v
    case .labels(let allowed): return allowed.contains(0) ? 0 : v
    case .nonZero: return v  // 0 of either sign is refused by `contains`
    }
  }

  /// Whether `v` is allowed. NaN and infinities never are.
  public func contains(_ v: Double) -> Bool {
    guard v.isFinite else { return false }
    switch self {
    case .finite:
      return true
    case .interval(let lo, let loIn, let hi, let hiIn):
      return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi)
    case .labels(let allowed):
      return allowed.contains(v)
    case .nonZero:
      return v != 0
    }
  }

  public var description: String {
    switch self {
    case .finite:
      return "a finite real number"
    case .interval(let lo, let loIn, let hi, let hiIn):
      if hi == .infinity { return loIn ? "a finite number >= \(formatBound(lo))" : "a finite number > \(formatBound(lo))" }
      return formatInterval(lo, closed: loIn, hi, closed: hiIn)
    case .labels(let allowed):
      return "one of " + formatLabels(allowed)
    case .nonZero:
      return "a nonzero finite real number"
    }
  }
}

/// One argument of a catalog function.
public struct ArgumentSpec: Sendable {
  /// The name used in `--arg NAME=V` and in the golden vectors.
  public let name: String
  public let kind: ArgumentKind
  /// The allowed value of the argument (of each element, for a vector).
  public let domain: ArgumentDomain
  /// The minimum length of a vector argument.
  public let minimumCount: Int
  /// One line on what the argument is ("score", "true class index").
  public let summary: String

  public init(
    name: String, kind: ArgumentKind = .real, domain: ArgumentDomain = .finite,
    minimumCount: Int = 1, summary: String
  ) {
    self.name = name
    self.kind = kind
    self.domain = domain
    self.minimumCount = minimumCount
    self.summary = summary
  }

  /// "x: a finite real number", "s: an array of >= 2 finite real numbers".
  public var domainDescription: String {
    switch kind {
    case .real: return domain.description
    case .vector:
      return "an array of \(minimumCount) or more numbers, each \(domain.description)"
    case .integer: return "a class index, an integer from 0 to C - 1"
    }
  }
}

/// An argument value as given by a caller.
public enum ArgumentValue: Sendable, Equatable {
  case real(Double)
  case vector([Double])
  case integer(Int)
}

/// Validated argument values of one evaluation.
public struct ArgumentValues: Sendable, Equatable {
  public let values: [String: ArgumentValue]

  public init(_ values: [String: ArgumentValue]) {
    self.values = values
  }

  /// The real argument `name` (validated to exist and to be real).
  public func real(_ name: String) -> Double {
    switch values[name] {
    case .real(let v)?: return v
    case .integer(let k)?: return Double(k)
    default: preconditionFailure("argument \(name) was not validated as real")
    }
  }

  /// The vector argument `name` (validated to exist and to be a vector).
  public func vector(_ name: String) -> [Double] {
    guard case .vector(let v)? = values[name] else {
      preconditionFailure("argument \(name) was not validated as a vector")
    }
    return v
  }

  /// The integer argument `name` (validated to exist and to be an integer).
  public func integer(_ name: String) -> Int {
    guard case .integer(let k)? = values[name] else {
      preconditionFailure("argument \(name) was not validated as an integer")
    }
    return k
  }
}
