// swift-tools-version: 6.1
// Release-mode benchmarks, kept out of the root package so they never slow
// the main build. Run from this directory (or `make bench` at the root):
//   swift run -c release catalog-bench     # ns per point, every scalar function
//   swift run -c release analysis-bench    # the property engine over the catalog
//   swift run -c release sampling-bench    # ViewSamples against the bare evaluation, ns/point
//   swift run -c release charts-bench      # ms per chart, parallel set
//   swift run -c release charts-demo       # example PNGs in /tmp/charts-demo
//   swift run -c release figures-bench     # the manual's figures: ms per figure, the set
//   swift run -c release userfunctions-bench  # user formulas: compiled sweep vs catalog, safety analysis
//   swift run -c release writer-bench      # the output writer: a new folder, a rerun, fsync per file
//   swift run -c release jet-dump view <id>  # jets at points from stdin (accuracy checks, kernels/check.py)
//   swift run -c release cjk-text-bench    # Chinese chart text: µs per label, ms per figure
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its directory (a clone may be called
// LossAtlas, lossatlas or a worktree name), so the name is derived, not spelled.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("..").standardizedFileURL.lastPathComponent

let package = Package(
  name: "LossAtlasBenchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "catalog-bench",
      dependencies: [.product(name: "LossAtlasCore", package: root)]
    ),
    .executableTarget(
      name: "jet-dump",
      dependencies: [.product(name: "LossAtlasCore", package: root)]
    ),
    .executableTarget(
      name: "analysis-bench",
      dependencies: [
        .product(name: "LossAtlasCore", package: root), .product(name: "LossAtlasAnalysis", package: root),
      ]
    ),
    .executableTarget(
      name: "sampling-bench",
      dependencies: [
        .product(name: "LossAtlasCore", package: root), .product(name: "LossAtlasAnalysis", package: root),
      ]
    ),
    .executableTarget(
      name: "userfunctions-bench",
      dependencies: [
        .product(name: "LossAtlasCore", package: root), .product(name: "LossAtlasAnalysis", package: root),
      ]
    ),
    .target(
      name: "BenchFigures",
      dependencies: [.product(name: "LossAtlasCharts", package: root)]
    ),
    .executableTarget(
      name: "charts-bench",
      dependencies: ["BenchFigures", .product(name: "LossAtlasCharts", package: root)]
    ),
    .executableTarget(
      name: "charts-demo",
      dependencies: ["BenchFigures", .product(name: "LossAtlasCharts", package: root)]
    ),
    .executableTarget(
      name: "writer-bench",
      dependencies: [.product(name: "LossAtlasReport", package: root)]
    ),
    .executableTarget(
      name: "figures-bench",
      dependencies: [
        .product(name: "LossAtlasAnalysis", package: root), .product(name: "LossAtlasCharts", package: root),
        .product(name: "LossAtlasReport", package: root),
      ]
    ),
    .executableTarget(
      name: "cjk-text-bench",
      dependencies: [.product(name: "LossAtlasCharts", package: root)]
    ),
  ]
)
