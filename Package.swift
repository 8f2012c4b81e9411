// swift-tools-version: 6.1
// LossAtlas: a verified reference manual of loss and activation functions.
// Data flows one way: Core -> Analysis -> Report; Charts knows nothing of losses;
// the CLI (`lossatlas`) only parses and prints.
import Foundation
import PackageDescription

// Hardware fused multiply-add, opt-in: `LOSSATLAS_NATIVE=1 swift build ...`
// (or `make NATIVE=1 ...`). The numerics form exact products with
// `addingProduct` (TwoProduct) throughout, which without FMA in the target
// becomes a call to libm's fma. With LOSSATLAS_NATIVE=1, on an x86_64 Linux
// machine whose /proc/cpuinfo lists FMA, AVX2 and BMI2, the numeric targets
// are compiled for that CPU (-target-cpu haswell); the binary then runs only
// on such CPUs. It is off by default because these are unsafe flags: SwiftPM
// refuses a package with unsafe flags as a versioned dependency, and a
// release binary must run on any x86_64. Results are bit-identical either
// way: fma is correctly rounded in hardware and in libm, and Swift never
// contracts a * b + c on its own (BENCHMARKS.md has both timings; the
// golden tests and `make check-manual` pass both ways).
let nativeRequested = ProcessInfo.processInfo.environment["LOSSATLAS_NATIVE"] == "1"
let hostHasFMA: Bool = {
  #if arch(x86_64) && os(Linux)
    guard let data = FileManager.default.contents(atPath: "/proc/cpuinfo"),
      let text = String(data: data, encoding: .utf8),
      let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return false }
    let set = Set(flags.split(separator: " ").map(String.init))
    return set.contains("fma") && set.contains("avx2") && set.contains("bmi2")
  #else
    return false
  #endif
}()
let numericsSettings: [SwiftSetting] =
  nativeRequested && hostHasFMA ? [.unsafeFlags(["-target-cpu", "haswell"])] : []

let package = Package(
  name: "LossAtlas",
  // Synchronization's Mutex and Atomic (the parallel chart and page
  // renderers) need macOS 15. Linux has no minimum beyond Swift 6.3's.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "lossatlas", targets: ["lossatlas"]),
    .library(name: "LossAtlasCore", targets: ["LossAtlasCore"]),
    .library(name: "LossAtlasIO", targets: ["LossAtlasIO"]),
    .library(name: "LossAtlasAnalysis", targets: ["LossAtlasAnalysis"]),
    .library(name: "LossAtlasCharts", targets: ["LossAtlasCharts"]),
    .library(name: "LossAtlasReport", targets: ["LossAtlasReport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    // Exact rational arithmetic for the golden-vector accuracy rule.
    .package(url: "https://github.com/attaswift/BigInt", exact: "6.0.1"),
  ],
  targets: [
    // MARK: - libgd
    .systemLibrary(
      name: "CGD",
      pkgConfig: "gdlib",
      providers: [.apt(["libgd-dev"]), .brew(["gd"])]
    ),

    // glibc's mallopt, for the CLI's allocator tuning.
    .systemLibrary(name: "CMalloc"),

    // MARK: - Libraries
    .target(name: "LossAtlasCore", swiftSettings: numericsSettings),
    // The one parallel-for, ordered parallel map, counter, result slots and
    // lock that every target running work on several threads uses.
    .target(name: "LossAtlasParallel"),
    // Reading and writing: the JSON value, parser and writer, the JSON Lines
    // evaluation request (`eval --jsonl`) and the number syntax people type.
    .target(name: "LossAtlasIO", dependencies: ["LossAtlasCore"]),
    .target(
      name: "LossAtlasAnalysis",
      dependencies: [
        "LossAtlasCore", "LossAtlasIO", "LossAtlasParallel", .product(name: "Yams", package: "Yams"),
        // The wide arithmetic of user functions' numerical-safety analysis.
        .product(name: "BigInt", package: "BigInt"),
      ],
      swiftSettings: numericsSettings
    ),
    .target(name: "LossAtlasCharts", dependencies: ["CGD", "LossAtlasParallel"]),
    // The catalog's accuracy rule in exact arithmetic, and the golden-vector reader.
    .target(
      name: "LossAtlasVerification",
      dependencies: ["LossAtlasCore", "LossAtlasIO", .product(name: "BigInt", package: "BigInt")]
    ),
    // templates/ and claims/ compiled into the binary (see Plugins/EmbedResources).
    .target(name: "LossAtlasResources", plugins: ["EmbedResources"]),
    // The version (VERSION), the source fingerprint and, when built in a git
    // checkout, the commit (see Plugins/StampBuildInfo and the README).
    .target(name: "LossAtlasBuildInfo", plugins: ["StampBuildInfo"]),
    .target(
      name: "LossAtlasReport",
      dependencies: [
        "LossAtlasCore", "LossAtlasIO", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasResources",
        "LossAtlasVerification", "LossAtlasBuildInfo", "LossAtlasParallel", .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),

    // MARK: - CLI
    .executableTarget(
      name: "lossatlas",
      dependencies: [
        "LossAtlasCore", "LossAtlasIO", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasReport", "LossAtlasResources",
        "CMalloc",
        "LossAtlasBuildInfo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Build tools
    .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
    .executableTarget(name: "build-info", path: "Sources/build-info"),
    .plugin(name: "StampBuildInfo", capability: .buildTool(), dependencies: ["build-info"]),

    // MARK: - Tests
    .target(
      name: "TestSupport",
      dependencies: ["LossAtlasCore", "LossAtlasIO", "LossAtlasVerification"],
      path: "Tests/TestSupport",
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "LossAtlasCoreTests", dependencies: ["LossAtlasCore", "TestSupport"]),
    .testTarget(name: "LossAtlasIOTests", dependencies: ["LossAtlasIO", "TestSupport"]),
    .testTarget(name: "LossAtlasParallelTests", dependencies: ["LossAtlasParallel"]),
    .testTarget(name: "LossAtlasAnalysisTests", dependencies: ["LossAtlasAnalysis", "TestSupport"]),
    .testTarget(name: "LossAtlasChartsTests", dependencies: ["LossAtlasCharts", "TestSupport"]),
    .testTarget(name: "LossAtlasReportTests", dependencies: ["LossAtlasReport", "TestSupport"]),
    .testTarget(name: "LossAtlasVerificationTests", dependencies: ["LossAtlasVerification", "TestSupport"]),
    .testTarget(name: "LossAtlasCLITests", dependencies: ["lossatlas", "template-fuzz-driver", "TestSupport"]),
    // The template renderer alone, for the fuzz test's subprocesses.
    .executableTarget(name: "template-fuzz-driver", dependencies: ["LossAtlasReport"], path: "Tests/TemplateFuzzDriver"),
    // The repository's own files: workflows, action.yml, CITATION.cff, Dockerfile.
    .testTarget(
      name: "RepositoryTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")]),
  ]
)
