import BenchFigures
import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

/// CPU time of the whole process (all threads), in ms: compared with wall
/// time it shows whether both threads really ran (another process on the
/// machine can take a core).
func cpuMilliseconds() -> Double { Double(clock()) * 1000 / Double(CLOCKS_PER_SEC) }

// Release-mode timing of the charts renderer; see BENCHMARKS.md.
//   charts-bench [iterations=200]
// Prints ms per chart for the floor-comparable chart (one panel, two
// 2001-point curves, ~25 labels) under several encoder settings, and the
// wall time of a 50-figure manual-like set on 1 and 2 threads.

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 200

func milliseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

/// PNG colour type from the IHDR chunk: 3 = palette, 2 = truecolor.
func colorType(_ png: [UInt8]) -> String { png[25] == 3 ? "palette" : "truecolor" }

func time(_ label: String, _ renderer: ChartRenderer, _ figure: Figure) throws {
  var bytes: [UInt8] = []
  for _ in 0..<10 { bytes = try renderer.renderPNG(figure) }  // warm up (font cache, allocator)
  let clock = ContinuousClock()
  let cpu0 = cpuMilliseconds()
  let elapsed = try clock.measure {
    for _ in 0..<iterations { bytes = try renderer.renderPNG(figure) }
  }
  let cpu = (cpuMilliseconds() - cpu0) / Double(iterations)
  let ms = milliseconds(elapsed) / Double(iterations)
  print("\(label): \(format3(ms)) ms per chart (\(format3(cpu)) ms CPU), \(bytes.count) bytes, \(colorType(bytes))")
}

func format3(_ x: Double) -> String {
  let scaled = Int((x * 100).rounded())
  return "\(scaled / 100).\(String(scaled % 100).count == 1 ? "0" : "")\(scaled % 100)"
}

do {
  let figure = BenchFigures.floorComparable()
  let standard = ChartRenderer()
  try time("floor-comparable, default renderer (zlib \(standard.compressionLevel), palette, text cache)", standard, figure)
  try time("floor-comparable, default, text cache off", ChartRenderer(cachesText: false), figure)
  for level in [1, 3, 4, 5, 6, 9] {
    try time("floor-comparable, palette on,  zlib \(level)", ChartRenderer(compressionLevel: level), figure)
  }
  for level in [1, 6] {
    try time("floor-comparable, palette off, zlib \(level)", ChartRenderer(compressionLevel: level, usePalette: false), figure)
  }

  let renderer = ChartRenderer()
  for (name, f) in BenchFigures.examples() {
    let png = try renderer.renderPNG(f)
    print("example \(name): \(png.count) bytes, \(colorType(png))")
  }

  let set = BenchFigures.manualSet(count: 50)
  _ = try renderer.renderAll(set, threads: 2)  // warm up
  let clock = ContinuousClock()
  for threads in [1, 2] {
    var out: [[UInt8]] = []
    let cpu0 = cpuMilliseconds()
    let elapsed = try clock.measure { out = try renderer.renderAll(set, threads: threads) }
    let cpu = cpuMilliseconds() - cpu0
    let ms = milliseconds(elapsed)
    print("manual set: 50 figures on \(threads) thread(s): \(format3(ms)) ms wall (\(format3(cpu)) ms CPU), \(format3(ms / 50)) ms per figure, \(out.map(\.count).reduce(0, +)) bytes")
  }
} catch {
  print("error: \(error)")
}
