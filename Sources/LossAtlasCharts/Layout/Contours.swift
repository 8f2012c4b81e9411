// MARK: - Contours

/// Contour lines of a sampled field by marching squares (Lorensen & Cline's
/// marching cubes in two dimensions).
///
/// The field is known at grid points (i, j), `values[j * columns + i]`;
/// each cell of four neighbouring points is cut where the level lies
/// between two corners, at the linearly interpolated point on that edge.
/// The two ambiguous (saddle) cases are decided by the mean of the four
/// corners, the cell's centre. Cells with a non-finite corner are skipped.
/// Segments that share an edge point are joined into polylines, so a
/// closed contour comes back as one closed polyline. A level met exactly
/// at grid points gives each such point once.
enum Contours {
  /// A point in grid coordinates: column `x`, row `y` (grid points at integers).
  typealias GridPoint = (x: Double, y: Double)

  static func lines(values: [Double], columns: Int, rows: Int, level: Double) -> [[GridPoint]] {
    guard columns >= 2, rows >= 2, values.count == columns * rows, level.isFinite else { return [] }
    func v(_ i: Int, _ j: Int) -> Double { values[j * columns + i] }
    // Edge ids: 2 * point index for the edge to the right, + 1 for the edge up.
    func crossing(_ edge: Int) -> GridPoint {
      let p = edge / 2
      let (i, j) = (p % columns, p / columns)
      let (i1, j1) = edge % 2 == 0 ? (i + 1, j) : (i, j + 1)
      let a = v(i, j)
      let b = v(i1, j1)
      let t = a == b ? 0.5 : (level - a) / (b - a)
      return (Double(i) + t * Double(i1 - i), Double(j) + t * Double(j1 - j))
    }
    var segments: [(Int, Int)] = []
    for j in 0..<(rows - 1) {
      for i in 0..<(columns - 1) {
        // The corners counter-clockwise from the bottom left, in locals (an
        // array per cell was most of this function's time: its allocation
        // and release).
        let (c0, c1, c2, c3) = (v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1))
        guard c0.isFinite, c1.isFinite, c2.isFinite, c3.isFinite else { continue }
        // Bit k set when corner k is at or above the level.
        let index = (c0 >= level ? 1 : 0) | (c1 >= level ? 2 : 0) | (c2 >= level ? 4 : 0) | (c3 >= level ? 8 : 0)
        let bottom = 2 * (j * columns + i)
        let right = 2 * (j * columns + i + 1) + 1
        let top = 2 * ((j + 1) * columns + i)
        let left = 2 * (j * columns + i) + 1
        // Summed from 0 in corner order, as the centre always was.
        let centreAbove = (0 + c0 + c1 + c2 + c3) / 4 >= level
        switch index {
        case 1, 14: segments.append((left, bottom))
        case 2, 13: segments.append((bottom, right))
        case 3, 12: segments.append((left, right))
        case 4, 11: segments.append((right, top))
        case 6, 9: segments.append((bottom, top))
        case 7, 8: segments.append((left, top))
        case 5:  // bottom-left and top-right above
          if centreAbove {
            segments += [(bottom, right), (left, top)]
          } else {
            segments += [(left, bottom), (right, top)]
          }
        case 10:  // bottom-right and top-left above
          if centreAbove {
            segments += [(left, bottom), (right, top)]
          } else {
            segments += [(bottom, right), (left, top)]
          }
        default: break
        }
      }
    }
    // A level met exactly at a grid point is crossed there on two edges (t
    // = 0 on one, 1 on the other): one point, kept once.
    return join(segments).map { chain in
      var line: [GridPoint] = []
      for p in chain.map(crossing) where line.last.map({ $0.x != p.x || $0.y != p.y }) ?? true { line.append(p) }
      return line
    }
  }

  /// Chains of edge ids from segments sharing ends; each edge point is on
  /// at most two segments (the two cells beside the edge).
  static func join(_ segments: [(Int, Int)]) -> [[Int]] {
    var ends: [Int: [Int]] = [:]  // edge -> segment indices
    for (k, s) in segments.enumerated() {
      ends[s.0, default: []].append(k)
      ends[s.1, default: []].append(k)
    }
    var used = [Bool](repeating: false, count: segments.count)
    var chains: [[Int]] = []
    func other(_ k: Int, _ e: Int) -> Int { segments[k].0 == e ? segments[k].1 : segments[k].0 }
    func walk(from e: Int) -> [Int] {
      var chain = [e]
      var at = e
      while let k = ends[at]?.first(where: { !used[$0] }) {
        used[k] = true
        at = other(k, at)
        chain.append(at)
      }
      return chain
    }
    // Open chains start at an end used once; what is left is closed loops.
    for (k, s) in segments.enumerated() where !used[k] {
      let start = [s.0, s.1].first { ends[$0]!.count == 1 }
      guard let start else { continue }
      chains.append(walk(from: start))
    }
    for (k, s) in segments.enumerated() where !used[k] {
      chains.append(walk(from: s.0))
    }
    return chains
  }
}
