import Foundation
import LossAtlasCharts
import Testing

@testable import LossAtlasReport

/// The simplex figure of three-class maps, with softmax and sparsemax
/// written out here (sparsemax by Martins & Astudillo's sort-based
/// threshold), not taken from the catalog.
@Suite("Manual figures: the probability simplex")
struct SimplexFigureTests {
  static func softmax(_ z: [Double]) -> [Double] {
    let m = z.max()!
    let e = z.map { exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
  }

  /// tau = (sum of the k largest − 1) / k for the largest k with
  /// 1 + k z_(k) > sum of the k largest (Martins & Astudillo 2016, alg. 1).
  static func sparsemax(_ z: [Double]) -> [Double] {
    let sorted = z.sorted(by: >)
    var sum = 0.0
    var tau = 0.0
    for (i, v) in sorted.enumerated() {
      sum += v
      if 1 + Double(i + 1) * v > sum { tau = (sum - 1) / Double(i + 1) }
    }
    return z.map { max($0 - tau, 0) }
  }

  static let maps = [
    SimplexFigure.Map(name: "softmax", apply: softmax), SimplexFigure.Map(name: "sparsemax", apply: sparsemax),
  ]

  static func figure() throws -> ManualFigure {
    try SimplexFigure.build(
      topic: "softmax-sparsemax", title: "softmax and sparsemax on three classes", maps: maps, radii: [0.5, 2],
      ids: ["softmax", "sparsemax"])
  }

  @Test("curves through the maps' values on the score circle; the caption's boundary counts recomputed")
  func curves() throws {
    let f = try Self.figure()
    #expect(f.path == "figures/compare-softmax-sparsemax.png" && f.kind == .comparison)
    let t = try #require(f.figure.panels[0].ternary)
    #expect(t.curves.map(\.name) == ["softmax, r = 0.5", "softmax, r = 2", "sparsemax, r = 0.5", "sparsemax, r = 2"])
    // θ = 0 at r = 2: z = (2, −1, −1); sparsemax's gap 3 ≥ 1 puts it on the corner (1, 0, 0),
    // softmax at (e³, 1, 1)/(e³ + 2).
    let corner = t.curves[3].points[0]
    #expect(corner.a == 1 && corner.b == 0 && corner.c == 0)
    let soft = t.curves[1].points[0]
    #expect(abs(soft.a - exp(3) / (exp(3) + 2)) < 1e-15)
    #expect(t.curves.allSatisfy { $0.points.count == 721 && $0.points.first == $0.points.last })
    // The counts: score vectors of the circle with an exact zero.
    for (name, map) in [("softmax", Self.softmax), ("sparsemax", Self.sparsemax)] as [(String, ([Double]) -> [Double])] {
      for r in [0.5, 2.0] {
        let n = (0..<720).filter { k in
          let th = 2 * Double.pi * Double(k) / 720
          return map([r * cos(th), r * cos(th - 2 * Double.pi / 3), r * cos(th + 2 * Double.pi / 3)]).contains(0)
        }.count
        let label = "\(name) at r = \(r == 2 ? "2" : "0.5"): \(n)"
        #expect(f.caption.contains(label), "\(label)")
        if name == "softmax" { #expect(n == 0) }
        // The scores sum to 0, so sparsemax zeroes the lowest z3 exactly when
        // z3 ≤ (z1 + z2 − 1)/2 = (−z3 − 1)/2, i.e. z3 ≤ −1/3; at r = 2 the lowest
        // of three cosines 120° apart is at most −r/2 = −1: always zeroed.
        if name == "sparsemax" && r == 2 { #expect(n == 720) }
      }
    }
  }

  @Test("clean layout at scale 1 and 2 and in the phone layout; legend, vertices and the uniform point drawn")
  func layout() throws {
    let f = try Self.figure()
    let renderer = ChartRenderer()
    for scale in [1, 2] { #expect(try renderer.layoutIssues(f.scaled(scale).figure) == []) }
    #expect(try renderer.layoutIssues(f.narrowFigure) == [])
    let texts = try renderer.drawnTexts(f.figure).map(\.text)
    for s in ["class 1", "class 2", "class 3", "uniform", "sparsemax, r = 2", "softmax, r = 0.5"] {
      #expect(texts.contains(s), "\(s)")
    }
  }

  @Test("a map that does not give three probabilities is refused, naming it")
  func refused() {
    let bad = SimplexFigure.Map(name: "identity", apply: { $0 })
    #expect { try SimplexFigure.build(topic: "x", title: "x", maps: [bad], radii: [1], ids: []) } throws: {
      ($0 as? FigureError)?.description.contains("identity") == true
    }
    #expect(throws: FigureError.self) {
      try SimplexFigure.build(topic: "x", title: "x", maps: Self.maps, radii: [0], ids: [])
    }
  }
}
