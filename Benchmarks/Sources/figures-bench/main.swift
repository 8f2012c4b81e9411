import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasReport

#if canImport(Glibc)
  import Glibc
#endif

// Release-mode timing of the manual's figures (Sources/LossAtlasReport/Figures):
//   figures-bench [rounds=5]
// Analyses the catalog once (not timed), then times building every figure
// from the analyses, rendering each one alone (the fastest of `rounds`
// renders, per figure and per kind), and rendering the whole set on 1 and
// 2 threads (wall and CPU time).

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 5

func cpuMilliseconds() -> Double { Double(clock()) * 1000 / Double(CLOCKS_PER_SEC) }

func milliseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

func fixed(_ x: Double, _ decimals: Int = 1) -> String {
  let p = (0..<decimals).reduce(1.0) { acc, _ in acc * 10 }
  let n = Int((x * p).rounded())
  let frac = String(n % Int(p))
  return "\(n / Int(p))" + (decimals > 0 ? "." + String(repeating: "0", count: decimals - frac.count) + frac : "")
}

let timer = ContinuousClock()
let analyses = CatalogAnalysis.run(threads: 2)
var figures: [ManualFigure] = []
let build = timer.measure { figures = ManualFigures.all(analyses: analyses) }
print("built \(figures.count) figures from the analyses in \(fixed(milliseconds(build))) ms")

let renderer = ChartRenderer()
do {
  _ = try renderer.renderAll(figures.map(\.figure), threads: 2)  // warm up: font cache, text cache
  var best: [Double] = Array(repeating: .infinity, count: figures.count)
  for _ in 0..<rounds {
    for (i, f) in figures.enumerated() {
      let t = try timer.measure { _ = try renderer.renderPNG(f.figure) }
      best[i] = min(best[i], milliseconds(t))
    }
  }
  print("\nfastest of \(rounds) renders, one figure at a time (ms):")
  for kind in ManualFigure.Kind.allCases {
    let times = zip(figures, best).filter { $0.0.kind == kind }.map(\.1)
    guard !times.isEmpty else { continue }
    let mean = times.reduce(0, +) / Double(times.count)
    print("  \(kind.rawValue): \(times.count) figures, mean \(fixed(mean)), min \(fixed(times.min()!)), max \(fixed(times.max()!))")
  }
  for (f, t) in zip(figures, best) { print("  \(fixed(t)) \(f.path)") }

  print("\nthe whole set:")
  for threads in [1, 2] {
    var wall = Double.infinity
    var cpu = Double.infinity
    for _ in 0..<rounds {
      let c0 = cpuMilliseconds()
      let t = try timer.measure { _ = try ManualFigures.render(figures, threads: threads) }
      wall = min(wall, milliseconds(t))
      cpu = min(cpu, cpuMilliseconds() - c0)
    }
    print("  \(threads) thread(s): \(fixed(wall)) ms wall (\(fixed(wall / Double(figures.count), 2)) ms per figure), \(fixed(cpu)) ms CPU")
  }
} catch {
  print("error: \(error)")
  exit(1)
}
