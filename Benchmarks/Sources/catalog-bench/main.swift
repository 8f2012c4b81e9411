// ns per point of value + derivative + second derivative (the whole Jet)
// for every scalar view of the catalog,
// over a 1,000,000-point grid of its plot range, on one thread (release);
// then, for the functions with a two-argument plot box (the gated units),
// ns per (a, b) point of the value, gradient and Hessian.
//
//   swift run -c release catalog-bench [points] [repeats] [ids]
//
// `ids` (optional) is a comma-separated list of catalog ids: only those are
// measured (for A/B runs of one kernel), e.g. `catalog-bench 1000000 7 kl-div,focal`.
//
// Each function's primary view at its default parameters is swept `repeats`
// times; the fastest sweep is reported (the others are disturbed by the
// machine). The loop is the hot path of every sweep: one call of the view's
// closure per point, value, f' and f'' summed so that none of the three
// can be elided (issue 10 counts all three). The pairwise losses
// (perceptron, margin-ranking, ..., msle) are swept through their primary
// view, against the difference they depend on.
import Foundation
import LossAtlasCore

let points = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let repeats = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 7 : 7
let only: Set<String>? = CommandLine.arguments.count > 3
  ? Set(CommandLine.arguments[3].split(separator: ",").map(String.init)) : nil
let selected = Catalog.all.filter { only?.contains($0.id) ?? true }
if let only, let unknown = only.subtracting(selected.map(\.id)).sorted().first {
  FileHandle.standardError.write(Data("catalog-bench: unknown id \(unknown)\n".utf8))
  exit(2)
}

/// CPU time of the calling thread, in nanoseconds.
func threadTime() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

print("| id | family | ns/point (min of \(repeats)) | median |")
print("| --- | --- | --- | --- |")
var sink = 0.0
for spec in selected {
  let view = spec.primaryView
  let lo = view.plotRange.lowerBound
  let hi = view.plotRange.upperBound
  let step = (hi - lo) / Double(points - 1)
  let xs = (0..<points).map { lo + Double($0) * step }.filter(view.domain.contains)
  let f = view.evaluate
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = threadTime()
    var acc = 0.0
    for x in xs {
      let j = f(x)
      acc += j.value + j.d1 + j.d2
    }
    let ns = Double(threadTime() - start) / Double(xs.count)
    sink += acc
    times.append(ns)
  }
  times.sort()
  print("| \(spec.id) | \(spec.family.rawValue) | \(String(format: "%.1f", times[0])) | \(String(format: "%.1f", times[times.count / 2])) |")
}

// Functions of two differentiated arguments (the gated units), per (a, b)
// point: value, both gradient components and the Hessian (the full
// SurfaceJet) over a 1000 x 1000 grid of the function's plot box.
let side = Int(Double(points).squareRoot().rounded())
let surfaces = selected.compactMap { spec in spec.surfaces(spec.defaultParameters).first.map { (spec, $0) } }
if !surfaces.isEmpty {
  print("")
  print("| id (per (a, b) point, value + gradient + Hessian) | family | ns/point (min of \(repeats)) | median |")
  print("| --- | --- | --- | --- |")
}
for (spec, surface) in surfaces {
  let xs = (0..<side).map { surface.xRange.lowerBound + Double($0) * (surface.xRange.upperBound - surface.xRange.lowerBound) / Double(side - 1) }
  let ys = (0..<side).map { surface.yRange.lowerBound + Double($0) * (surface.yRange.upperBound - surface.yRange.lowerBound) / Double(side - 1) }
  let f = surface.evaluate
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = threadTime()
    var acc = 0.0
    for y in ys {
      for x in xs {
        let j = f(x, y)
        acc += j.value + j.dx + j.dy + j.dxx + j.dxy + j.dyy
      }
    }
    let ns = Double(threadTime() - start) / Double(side * side)
    sink += acc
    times.append(ns)
  }
  times.sort()
  print("| \(spec.id) | \(spec.family.rawValue) | \(String(format: "%.1f", times[0])) | \(String(format: "%.1f", times[times.count / 2])) |")
}
if sink == 42 { print("") }
