#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Scale

/// Maps data values of one axis to pixel positions (linear or log 10).
///
/// `pixel(lower) == start` and `pixel(upper) == end`; `end < start` is
/// allowed (the y axis grows upwards). A value that cannot be drawn (NaN,
/// infinite, or <= 0 on a log axis) maps to NaN, which breaks a line.
public struct Scale: Sendable, Hashable {
  /// Linear or log 10.
  public var kind: AxisScale
  /// Data range shown.
  public var range: ClosedRange<Double>
  /// Pixel position of `range.lowerBound`.
  public var start: Double
  /// Pixel position of `range.upperBound`.
  public var end: Double

  /// Creates a scale; a log scale needs a positive range.
  public init(kind: AxisScale, range: ClosedRange<Double>, start: Double, end: Double) {
    self.kind = kind
    self.range = range
    self.start = start
    self.end = end
  }

  private func transform(_ v: Double) -> Double {
    switch kind {
    case .linear: return v
    case .log10: return v > 0 ? log10(v) : .nan
    }
  }

  /// The pixel position of a data value, or NaN when it cannot be drawn.
  /// Values outside the range map outside `start...end` (clipping is the
  /// caller's job, done on segments so that lines reach the frame).
  public func pixel(_ v: Double) -> Double {
    guard v.isFinite else { return .nan }
    let t0 = transform(range.lowerBound)
    let t1 = transform(range.upperBound)
    let t = transform(v)
    guard t.isFinite, t1 != t0 else { return .nan }
    return start + (t - t0) / (t1 - t0) * (end - start)
  }

  /// The data value at a pixel position (inverse of ``pixel(_:)``).
  public func value(atPixel p: Double) -> Double {
    let t0 = transform(range.lowerBound)
    let t1 = transform(range.upperBound)
    let t = t0 + (p - start) / (end - start) * (t1 - t0)
    switch kind {
    case .linear: return t
    case .log10: return pow(10, t)
    }
  }
}
