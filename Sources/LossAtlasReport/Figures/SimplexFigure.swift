import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - SimplexFigure

/// Maps from three scores to three probabilities (softmax, sparsemax) on
/// the probability simplex (`figures/compare-<topic>.png`): each map is
/// drawn for the scores on a circle of the zero-sum plane,
///
///     z(θ) = r · (cos θ, cos(θ − 2π/3), cos(θ + 2π/3)),  θ in [0, 2π),
///
/// every direction of scores at spread r (shifting the scores changes
/// neither map). A map that gives exact zeros (sparsemax) runs along the
/// sides and through the corners; one that never does (softmax) stays
/// inside. The caption counts, from the points drawn, how many of the
/// circle's score vectors each map sends to the boundary.
///
/// It takes the maps as closures so that it does not depend on how the
/// catalog declares vector functions.
enum SimplexFigure {
  /// One map drawn.
  struct Map: Sendable {
    /// Its name in the legend (`softmax`).
    var name: String
    /// Three scores to three probabilities.
    var apply: @Sendable ([Double]) -> [Double]
  }

  /// Points on each circle (every half degree).
  static let samples = 720

  /// The scores z(θ) at spread `r` for sample `k` of ``samples``.
  static func scores(radius r: Double, sample k: Int) -> [Double] {
    let theta = 2 * Double.pi * Double(k) / Double(samples)
    return [0, -2 * Double.pi / 3, 2 * Double.pi / 3].map { r * cos(theta + $0) }
  }

  /// How many of the ``samples`` score vectors at spread `r` the map sends
  /// to the simplex's boundary (some probability exactly 0).
  static func boundaryCount(_ map: Map, radius r: Double) -> Int {
    (0..<samples).filter { map.apply(scores(radius: r, sample: $0)).contains(0) }.count
  }

  /// The figure of `maps` at each spread of `radii`, titled `title`, its
  /// words (vertex labels, legend, caption, alt text) from `words`'
  /// edition (`figure.compare.simplex.*`).
  ///
  /// - Throws: ``FigureError`` when a map gives something other than three
  ///   finite non-negative numbers summing to 1 (within 1e-9), or when
  ///   there is no map or no positive finite radius.
  static func build(
    topic: String, title: String, maps: [Map], radii: [Double], ids: [String], words: FigureWords = FigureWords(.english)
  ) throws -> ManualFigure {
    guard !maps.isEmpty, !radii.isEmpty, radii.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw FigureError("the simplex figure '\(topic)' needs at least one map and positive finite radii, not \(radii)")
    }
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("compare.simplex." + key, values) }
    var plot = TernaryPlot(vertexLabels: (1...3).map { say("vertex", ["k": String($0)]) })
    plot.points = [TernaryPlot.Point(Barycentric(1, 1, 1), label: say("uniform"))]
    var counts: [String] = []
    for (m, map) in maps.enumerated() {
      for (k, r) in radii.enumerated() {
        var points: [Barycentric] = []
        for s in 0...samples {
          let z = scores(radius: r, sample: s % samples)
          let p = map.apply(z)
          guard p.count == 3, p.allSatisfy({ $0.isFinite && $0 >= 0 }), abs(p.reduce(0, +) - 1) <= 1e-9 else {
            throw FigureError("\(map.name) of \(z) gave \(p); a simplex figure needs 3 probabilities summing to 1")
          }
          points.append(Barycentric(p[0], p[1], p[2]))
        }
        let onBoundary = boundaryCount(map, radius: r)
        plot.curves.append(
          TernaryPlot.Curve(
            say("legend", ["name": map.name, "r": FigureText.parameter(r)]), points: points,
            color: FigureStyle.seriesStyle(m).color, style: k == 0 ? .solid : .dashed, width: 2))
        counts.append(say("count", ["name": map.name, "r": FigureText.parameter(r), "count": String(onBoundary)]))
      }
    }
    var chart = Chart(title: "")
    chart.ternary = plot
    let countList = words.ph.clauses(counts)
    let caption = say("caption", ["title": title, "samples": String(samples), "counts": countList])
    let alt = say(
      "alt",
      [
        "names": words.list(maps.map(\.name)), "radii": words.list(radii.map(FigureText.parameter)),
        "samples": String(samples), "counts": countList,
      ])
    return ManualFigure(
      path: "figures/\(ComparisonFigures.stem(topic)).png", kind: .comparison, functionIDs: ids, caption: caption, altText: alt,
      figure: Figure(panels: [chart], columns: 1, size: ChartSize(width: 800, height: 620), title: title))
  }
}
