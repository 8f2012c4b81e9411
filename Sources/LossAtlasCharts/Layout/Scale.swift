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

// MARK: - Geometry

/// A point in pixel space.
struct Point: Hashable {
  var x: Double
  var y: Double
}

/// An axis-aligned integer rectangle of pixels `[minX, maxX) x [minY, maxY)`.
struct PixelRect: Hashable {
  var minX: Int
  var minY: Int
  var maxX: Int
  var maxY: Int

  init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  init(x: Int, y: Int, width: Int, height: Int) {
    self.init(minX: x, minY: y, maxX: x + width, maxY: y + height)
  }

  var width: Int { maxX - minX }
  var height: Int { maxY - minY }
  var isEmpty: Bool { width <= 0 || height <= 0 }

  func intersects(_ other: PixelRect) -> Bool {
    minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
  }

  func contains(_ other: PixelRect) -> Bool {
    other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
  }

  func insetBy(_ d: Int) -> PixelRect {
    PixelRect(minX: minX + d, minY: minY + d, maxX: maxX - d, maxY: maxY - d)
  }

  func intersection(_ o: PixelRect) -> PixelRect {
    PixelRect(
      minX: max(minX, o.minX), minY: max(minY, o.minY), maxX: min(maxX, o.maxX),
      maxY: min(maxY, o.maxY))
  }
}

/// Clips the segment `a`-`b` to the rectangle `[x0, x1] x [y0, y1]`
/// (Liang-Barsky). Returns the visible part as parameters `t0 <= t1` in
/// 0...1 along the segment, or nil when none is visible.
///
/// Clipping the segment, rather than dropping points outside, keeps a curve
/// that leaves the range drawn right up to the frame.
func clipParameters(
  _ a: Point, _ b: Point, x0: Double, y0: Double, x1: Double, y1: Double
) -> (Double, Double)? {
  let dx = b.x - a.x
  let dy = b.y - a.y
  var t0 = 0.0
  var t1 = 1.0
  // Each (p, q) pair is one edge: the segment is inside where p * t <= q.
  let edges = [(-dx, a.x - x0), (dx, x1 - a.x), (-dy, a.y - y0), (dy, y1 - a.y)]
  for (p, q) in edges {
    if p == 0 {
      if q < 0 { return nil }  // parallel to this edge and outside it
    } else {
      let r = q / p
      if p < 0 {
        if r > t1 { return nil }
        if r > t0 { t0 = r }
      } else {
        if r < t0 { return nil }
        if r < t1 { t1 = r }
      }
    }
  }
  return (t0, t1)
}

/// The visible part of the segment `a`-`b` inside `[x0, x1] x [y0, y1]`, or nil.
func clipSegment(
  _ a: Point, _ b: Point, x0: Double, y0: Double, x1: Double, y1: Double
) -> (Point, Point)? {
  guard let (t0, t1) = clipParameters(a, b, x0: x0, y0: y0, x1: x1, y1: y1) else { return nil }
  let dx = b.x - a.x
  let dy = b.y - a.y
  return (Point(x: a.x + t0 * dx, y: a.y + t0 * dy), Point(x: a.x + t1 * dx, y: a.y + t1 * dy))
}
