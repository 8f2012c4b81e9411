// MARK: - Simplify

/// Fewer points for the same picture: the Ramer-Douglas-Peucker algorithm
/// (Ramer 1972; Douglas & Peucker 1973) keeps a point only where dropping
/// it would move the polyline by more than `tolerance` pixels.
///
/// A smooth 1201-point curve keeps a few dozen points at 0.1 px, which is
/// what makes the SVG of a figure about as small as its PNG. The first and
/// last points are always kept; the result never strays from the input
/// polyline by more than the tolerance.
enum Simplify {
  static func polyline(_ points: [Point], tolerance: Double) -> [Point] {
    guard points.count > 2 else { return points }
    var keep = [Bool](repeating: false, count: points.count)
    keep[0] = true
    keep[points.count - 1] = true
    // An explicit stack instead of recursion: runs may hold 10⁵ points.
    var stack: [(Int, Int)] = [(0, points.count - 1)]
    let t2 = tolerance * tolerance
    while let (first, last) = stack.popLast() {
      guard last > first + 1 else { continue }
      var worst = -1.0
      var index = first
      for i in (first + 1)..<last {
        let d = distance2(points[i], points[first], points[last])
        if d > worst {
          worst = d
          index = i
        }
      }
      if worst > t2 {
        keep[index] = true
        stack.append((first, index))
        stack.append((index, last))
      }
    }
    return points.indices.filter { keep[$0] }.map { points[$0] }
  }

  /// Squared distance from `p` to the segment `a`-`b`.
  static func distance2(_ p: Point, _ a: Point, _ b: Point) -> Double {
    let dx = b.x - a.x
    let dy = b.y - a.y
    let l2 = dx * dx + dy * dy
    var t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0
    t = min(max(t, 0), 1)
    let ex = p.x - (a.x + t * dx)
    let ey = p.y - (a.y + t * dy)
    return ex * ex + ey * ey
  }
}
