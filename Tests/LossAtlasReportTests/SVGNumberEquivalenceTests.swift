import Testing

@testable import LossAtlasCharts
@testable import LossAtlasReport

/// The SVG's numbers are written straight into a UTF-8 buffer since
/// session 21 (pages-fast) instead of a string per coordinate joined per
/// path. ``SVGNumber/format(_:decimals:)`` and the path data of curves and
/// polygons must be the bytes of the implementation before (kept verbatim
/// below as ``LegacySVGNumber`` and ``LegacySVGPath``, from commit 8fe79c5)
/// on every curve and polygon of the manual's figures (both editions, wide
/// and narrow) and on hostile numbers: NaN, ±inf, ±0, subnormals, ties at
/// every digit, values just below and above a tie, large magnitudes.
@Suite("SVG numbers: the byte writer equals the old formatting")
struct SVGNumberEquivalenceTests {
  /// Numbers built to trip a digit writer (each also negated).
  static let hostile: [Double] = {
    var out: [Double] = [
      0, .nan, .infinity, .leastNonzeroMagnitude, .leastNormalMagnitude, .leastNormalMagnitude / 3, 1e-300, 1e-9,
      0.04, 0.05, 0.06, 0.15, 0.25, 0.35, 0.45, 0.5, 0.95, 0.99, 1, 9.95, 10, 99.95, 100, 0.005, 0.0049, 0.0051,
      0.0005, 1.005, 2.675, 1e15, 123_456_789.123_456, 9e16, Double(Int.max) / 1e4, 0.1 + 0.2, 1 / 3, 2 / 3,
    ]
    for k in 0..<400 { out.append(Double(k) / 40) }  // ties and near-ties at 1 and 2 decimals
    for k in 1..<60 { out += [Double(k).nextDown / 20, Double(k).nextUp / 20] }
    return out + out.map { -$0 }
  }()

  @Test("SVGNumber.format: the hostile numbers at 0 to 4 decimals")
  func hostileNumbers() {
    var checked = 0
    for v in Self.hostile {
      for decimals in 0...4 {
        // The old code traps where v * 10^decimals overflows Int; so does the new one.
        guard !v.isFinite || abs(v) * 1e4 < 9e18 else { continue }
        checked += 1
        #expect(
          Array(SVGNumber.format(v, decimals: decimals).utf8) == Array(LegacySVGNumber.format(v, decimals: decimals).utf8),
          "\(v) at \(decimals)")
      }
    }
    #expect(checked > 4000)
    #expect(SVGNumber.format(-0.0) == "0" && SVGNumber.format(12.06) == "12.1" && SVGNumber.format(-3.25, decimals: 2) == "-3.25")
  }

  @Test("path data of every curve and polygon of the manual's figures", arguments: Language.allCases)
  func manualPaths(language: Language) throws {
    let figures = ManualFigures.all(analyses: FigureFixture.analyses, strings: try Strings.edition(language))
    let renderer = ChartRenderer()
    var strokes = 0
    var polygons = 0
    for f in figures {
      for figure in [f.figure, f.narrowFigure] {
        let (_, scene) = try renderer.renderScene(figure, paint: false)
        for item in scene.items {
          switch item {
          case .stroke(let s):
            strokes += 1
            #expect(Array(SVGWriter.pathData(s).utf8) == Array(LegacySVGPath.pathData(s).utf8), "\(f.path)")
          case .polygon(let p):
            polygons += 1
            var bytes: [UInt8] = []
            SVGWriter.appendPoints(p.points, to: &bytes)
            #expect(bytes == Array(LegacySVGPath.points(p.points).utf8), "\(f.path)")
          default: continue
          }
        }
      }
    }
    // The fixture's figures hold no polygon (only the ternary panel draws
    // one); polygons' point lists are pinned by `hostilePaths` through
    // `appendPoints`. The count is kept so a polygon, when one appears, is compared.
    #expect(strokes > 500, "\(strokes) strokes, \(polygons) polygons")
  }

  @Test("path data of hostile curves: empty, single points, NaN and infinite points, ties, clipped runs")
  func hostilePaths() {
    let clip = PixelRect(minX: 0, minY: 0, maxX: 100, maxY: 80)
    let coordinates = Self.hostile.filter { abs($0) < 1e6 }
    var runs: [[Point]] = [[], [Point(x: 1, y: 1)], [Point(x: .nan, y: 1), Point(x: 2, y: 2)]]
    for start in stride(from: 0, to: coordinates.count - 8, by: 7) {
      runs.append((0..<8).map { Point(x: 50 + coordinates[start + $0], y: 40 - coordinates[start + 7 - $0]) })
    }
    runs.append((0..<50).map { Point(x: Double($0) * 3.05 - 20, y: Double($0 % 7) * 20.25 - 30) })
    runs.append([Point(x: -.infinity, y: 5), Point(x: 5, y: 5), Point(x: .infinity, y: 5)])
    for halfWidth in [0.5, 1.25] {
      let stroke = SceneStroke(runs: runs, halfWidth: halfWidth, dash: nil, color: .ink, clip: clip, role: .series(0))
      #expect(Array(SVGWriter.pathData(stroke).utf8) == Array(LegacySVGPath.pathData(stroke).utf8))
      for run in runs {
        var bytes: [UInt8] = []
        SVGWriter.appendPoints(run, to: &bytes)
        #expect(bytes == Array(LegacySVGPath.points(run).utf8))
      }
    }
  }
}

/// ``SVGNumber`` as it was before session 21 (commit 8fe79c5), verbatim.
enum LegacySVGNumber {
  static func format(_ v: Double, decimals: Int = 1) -> String {
    guard v.isFinite else { return "0" }
    var unit = 1
    for _ in 0..<decimals { unit *= 10 }
    let n = Int((v * Double(unit)).rounded())
    if n == 0 { return "0" }
    let sign = n < 0 ? "-" : ""
    let m = n.magnitude
    let whole = m / UInt(unit)
    var frac = m % UInt(unit)
    var digits = decimals
    while digits > 0 && frac % 10 == 0 {
      frac /= 10
      digits -= 1
    }
    if digits == 0 { return sign + String(whole) }
    let f = String(frac)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
  }
}

/// ``SVGWriter/pathData(_:)`` and the polygon's points as they were before
/// session 21 (commit 8fe79c5), verbatim but for the number formatter's name.
enum LegacySVGPath {
  /// The polygon's `d` between `M` and `Z`.
  static func points(_ points: [Point]) -> String {
    points.map { "\(LegacySVGNumber.format($0.x)),\(LegacySVGNumber.format($0.y))" }.joined(separator: " ")
  }

  static func pathData(_ s: SceneStroke) -> String {
    let margin = s.halfWidth + 2
    let x0 = Double(s.clip.minX) - margin
    let y0 = Double(s.clip.minY) - margin
    let x1 = Double(s.clip.maxX) + margin
    let y1 = Double(s.clip.maxY) + margin
    var d = ""
    func emit(_ run: [Point]) {
      guard run.count >= 2 else { return }
      let thin = Simplify.polyline(run, tolerance: 0.1)
      d += "M" + thin.map { "\(LegacySVGNumber.format($0.x)),\(LegacySVGNumber.format($0.y))" }.joined(separator: " ")
    }
    for run in s.runs {
      var piece: [Point] = []
      for i in 1..<max(run.count, 1) {
        guard let (a, b) = clipSegment(run[i - 1], run[i], x0: x0, y0: y0, x1: x1, y1: y1) else {
          emit(piece)
          piece = []
          continue
        }
        if piece.isEmpty || piece.last! != a {
          emit(piece)
          piece = [a]
        }
        piece.append(b)
      }
      emit(piece)
    }
    return d
  }
}
