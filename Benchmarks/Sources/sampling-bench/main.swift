// Where ViewSamples' time per point goes, view by view. For each primary
// view (default parameters, 1,000,001 interior points, as `generate`
// samples it), thread CPU time per point of
// - "plot range": the view's closure over catalog-bench's grid (as many
//   points, evenly over the plot range only), summing f + f' + f'';
// - "samples": the same bare loop over the very points ViewSamples takes
//   (the search interval, three plot-range widths, and the far points out
//   to 1e300), the samples' own `xs`;
// - "ViewSamples": `ViewSamples(view, count:)` itself (grid, sweep into
//   three arrays, summary, far jets).
// "samples" minus "plot range" is what the wider interval costs the
// kernel; "ViewSamples" minus "samples" is the sampling's overhead. Min of
// `repeats`, alternated. Below 100,000 points every view at every
// parameter setting is measured (the secondary samplings), one row per id.
//
//   swift run -c release sampling-bench [points] [repeats] [ids]
import Foundation
import LossAtlasAnalysis
import LossAtlasCore

// As `lossatlas` does at start-up: freed arrays stay in the process instead
// of being unmapped and faulted in again (else each million-point sampling
// here pays ~18 ns/point of page faults that `generate` does not).
// (glibc's mallopt, declared here: <malloc.h> is not in the Glibc module;
// M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3.)
@_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
_ = mallopt(-3, 1 << 30)
_ = mallopt(-1, 1 << 30)

let points = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_001 : 1_000_001
let repeats = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5 : 5
let only: Set<String>? = CommandLine.arguments.count > 3
  ? Set(CommandLine.arguments[3].split(separator: ",").map(String.init)) : nil

/// CPU time of the calling thread, in nanoseconds.
func threadTime() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

var sink = 0.0
/// ns per point of the bare loop over `xs`.
@MainActor func bare(_ f: (Double) -> Jet, _ xs: [Double]) -> Double {
  let start = threadTime()
  var acc = 0.0
  for x in xs {
    let j = f(x)
    acc += j.value + j.d1 + j.d2
  }
  sink += acc
  return Double(threadTime() - start) / Double(max(xs.count, 1))
}

struct Row {
  var id: String
  var n = 0  // sampled points
  var plot = 0.0, samples = 0.0, sampling = 0.0  // ns, summed over the points
}
let everyView = points < 100_000
var rows: [Row] = []
for spec in Catalog.all where only?.contains(spec.id) ?? true {
  let views = everyView ? ParameterGrid.settings(spec).flatMap { spec.views($0) } : [spec.primaryView]
  var row = Row(id: spec.id + (everyView ? " (\(views.count) views)" : ""))
  for view in views {
    let (lo, hi) = (view.plotRange.lowerBound, view.plotRange.upperBound)
    let step = (hi - lo) / Double(points - 1)
    let plotXs = (0..<points).map { lo + Double($0) * step }.filter(view.domain.contains)
    var (plot, samples, sampling) = ([Double](), [Double](), [Double]())
    var xs: [Double] = []
    for _ in 0..<repeats {
      let start = threadTime()
      let s = ViewSamples(view, count: points)
      sampling.append(Double(threadTime() - start) / Double(s.xs.count))
      sink += s.values[s.values.count / 2]
      xs = s.xs
      samples.append(bare(view.evaluate, xs))
      plot.append(bare(view.evaluate, plotXs))
    }
    let n = Double(xs.count)
    row.n += xs.count
    row.plot += plot.min()! * n
    row.samples += samples.min()! * n
    row.sampling += sampling.min()! * n
  }
  rows.append(row)
}
func f2(_ x: Double) -> String { String(format: "%.2f", x) }
print("| id | points | plot range ns/point | samples ns/point | ViewSamples ns/point | wider interval ms | overhead ms |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for r in rows.sorted(by: { $0.sampling - $0.samples > $1.sampling - $1.samples }) {
  let n = Double(r.n)
  print("| \(r.id) | \(r.n) | \(f2(r.plot / n)) | \(f2(r.samples / n)) | \(f2(r.sampling / n)) | \(f2((r.samples - r.plot) / 1e6)) | \(f2((r.sampling - r.samples) / 1e6)) |")
}
let t = rows.reduce(into: Row(id: "all")) { $0.n += $1.n; $0.plot += $1.plot; $0.samples += $1.samples; $0.sampling += $1.sampling }
print("\n\(rows.count) ids, \(t.n) points: plot range \(f2(t.plot / 1e6)) ms, samples \(f2(t.samples / 1e6)) ms, ViewSamples \(f2(t.sampling / 1e6)) ms")
if sink == 42 { print("") }
