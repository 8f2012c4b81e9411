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

  func offsetBy(dx: Int, dy: Int) -> PixelRect {
    PixelRect(minX: minX + dx, minY: minY + dy, maxX: maxX + dx, maxY: maxY + dy)
  }

  /// The smallest rectangle holding both.
  func union(_ o: PixelRect) -> PixelRect {
    PixelRect(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
  }

  /// Area of the overlap with `o` (0 when they do not overlap).
  func overlapArea(_ o: PixelRect) -> Int {
    let r = intersection(o)
    return r.isEmpty ? 0 : r.width * r.height
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
