// Wall time of the property engine over the catalog (every declared
// property at every parameter setting, primary views at 1e6 samples), per
// function on one thread and for the whole catalog on 1 and 2 threads.
//
//   swift run -c release analysis-bench
import Foundation
import LossAtlasAnalysis
import LossAtlasCore

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

print("| id | settings x views | ms (1 thread) |")
print("| --- | --- | --- |")
var total = 0.0
for spec in Catalog.all {
  let start = now()
  let a = CatalogAnalysis.run(ids: [spec.id], threads: 1)[0]
  let ms = (now() - start) * 1000
  total += ms
  print("| \(spec.id) | \(a.settings.reduce(0) { $0 + $1.views.count }) | \(String(format: "%.1f", ms)) |")
}
print("\nsum of per-function times: \(String(format: "%.0f", total)) ms")
for threads in [1, 2] {
  let start = now()
  _ = CatalogAnalysis.run(threads: threads)
  print("whole catalog, \(threads) thread(s): \(String(format: "%.0f", (now() - start) * 1000)) ms")
}
