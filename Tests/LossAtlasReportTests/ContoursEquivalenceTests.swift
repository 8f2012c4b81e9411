import Foundation
import Testing

@testable import LossAtlasCharts
@testable import LossAtlasReport

// MARK: - Marching squares before session 20, verbatim

/// `Contours.lines` as it was before session 20 (main at 03bd8ba), copied
/// verbatim apart from its name: the corners of each cell in an array (an
/// allocation per cell). The faster version keeps them in locals and must
/// give the same polylines, bit for bit. `join` is shared (unchanged).
enum ReferenceContours {
  typealias GridPoint = Contours.GridPoint

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
        let corners = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1)]
        guard corners.allSatisfy(\.isFinite) else { continue }
        var index = 0
        for (k, c) in corners.enumerated() where c >= level { index |= 1 << k }
        let bottom = 2 * (j * columns + i)
        let right = 2 * (j * columns + i + 1) + 1
        let top = 2 * ((j + 1) * columns + i)
        let left = 2 * (j * columns + i) + 1
        let centreAbove = corners.reduce(0, +) / 4 >= level
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
    return Contours.join(segments).map { chain in
      var line: [GridPoint] = []
      for p in chain.map(crossing) where line.last.map({ $0.x != p.x || $0.y != p.y }) ?? true { line.append(p) }
      return line
    }
  }
}

// MARK: - Tests

/// `Contours.lines` against the verbatim reference: the same polylines in
/// the same order, every coordinate the same bits, on every heat map of
/// the manual's figures (both editions, every contour level) and on
/// hostile fields. The contours are stroked into the surface figures'
/// PNGs and SVGs, so equal lines mean equal figures.
@Suite("Contours: the same lines as the verbatim reference")
struct ContoursEquivalenceTests {
  /// Polylines as bit patterns, so -0.0 and 0.0 (and NaN payloads) differ.
  static func bits(_ lines: [[Contours.GridPoint]]) -> [[UInt64]] {
    lines.map { $0.flatMap { [$0.x.bitPattern, $0.y.bitPattern] } }
  }

  static func same(_ values: [Double], _ columns: Int, _ rows: Int, _ level: Double) -> Bool {
    bits(Contours.lines(values: values, columns: columns, rows: rows, level: level))
      == bits(ReferenceContours.lines(values: values, columns: columns, rows: rows, level: level))
  }

  @Test(arguments: Language.allCases)
  func manualHeatMaps(language: Language) throws {
    let figures = ManualFigures.all(analyses: FigureFixture.analyses, strings: try Strings.edition(language))
    var maps = 0
    var points = 0
    for f in figures {
      for chart in f.figure.panels + f.narrowFigure.panels {
        guard let h = chart.heatMap else { continue }
        maps += 1
        for level in h.contours {
          #expect(Self.same(h.values, h.columns, h.rows, level), "\(f.path), level \(level)")
          points += Contours.lines(values: h.values, columns: h.columns, rows: h.rows, level: level).map(\.count).reduce(0, +)
        }
      }
    }
    // The manual has surface figures with contours (not a vacuous loop).
    #expect(maps >= 8)
    #expect(points > 1000)
  }

  /// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
  struct Generator {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
  }

  @Test func hostileFields() {
    var random = Generator(state: 20)
    let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      .leastNonzeroMagnitude, 0.5, 2]
    var cases: [(values: [Double], columns: Int, rows: Int, level: Double)] = []
    // Grids of every small shape, values drawn from the specials (saddles,
    // plateaus at the level, non-finite corners, sums that overflow).
    for (columns, rows) in [(2, 2), (3, 2), (2, 5), (4, 4), (7, 3)] {
      for _ in 0..<200 {
        let values = (0..<(columns * rows)).map { _ in specials[Int(random.next() * Double(specials.count))] }
        for level in [0, -0.0, 1, 0.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -1] {
          cases.append((values, columns, rows, level))
        }
      }
    }
    // Smooth random fields (many crossings, both saddle decisions) and a
    // field on the lattice of the level (every crossing at a grid point).
    for _ in 0..<20 {
      var values: [Double] = []
      for k in 0..<(30 * 20) {
        let column = Double(k % 30)
        let row = Double(k / 30)
        values.append(sin(column * random.next()) + cos(row * 0.7))
      }
      cases.append((values, 30, 20, random.next() - 0.5))
    }
    let lattice: [Double] = (0..<100).map { k in Double((k % 10 + k / 10) % 3) }
    cases.append((lattice, 10, 10, 1))
    // What the guards refuse: one column or row, a short array, a non-finite level.
    let refused: [(values: [Double], columns: Int, rows: Int, level: Double)] = [
      ([1, 2, 3], 1, 3, 1.5), ([1, 2, 3], 2, 2, 1.5), ([0, 1, 1, 0], 2, 2, .nan), ([0, 1, 1, 0], 2, 2, .infinity),
    ]
    cases += refused
    var crossings = 0
    for c in cases {
      #expect(Self.same(c.values, c.columns, c.rows, c.level), "\(c)")
      crossings += ReferenceContours.lines(values: c.values, columns: c.columns, rows: c.rows, level: c.level).count
    }
    #expect(crossings > 1000)
  }
}
