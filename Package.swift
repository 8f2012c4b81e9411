// swift-tools-version: 6.1
// LossAtlas: a verified reference manual of loss and activation functions.
// Data flows one way: Core -> Analysis -> Report; Charts knows nothing of losses;
// the CLI (`lossatlas`) only parses and prints.
import Foundation
import PackageDescription

// Hardware fused multiply-add: the numerics form exact products with
// `addingProduct` (TwoProduct) throughout, which without FMA in the target
// becomes a call to libm's fma (about 5 ns each). When the building machine
// has FMA and AVX2 (read from /proc/cpuinfo), the library targets are
// compiled for it. Results are identical either way: fma is correctly
// rounded in hardware and in libm, and Swift never contracts a * b + c on its
// own. The binary is built on and for the machine that runs it.
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
let numericsSettings: [SwiftSetting] = hostHasFMA ? [.unsafeFlags(["-target-cpu", "haswell"])] : []

let package = Package(
  name: "LossAtlas",
  products: [
    .executable(name: "lossatlas", targets: ["lossatlas"]),
    .library(name: "LossAtlasCore", targets: ["LossAtlasCore"]),
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
    .target(
      name: "LossAtlasAnalysis",
      dependencies: [
        "LossAtlasCore", .product(name: "Yams", package: "Yams"),
        // The wide arithmetic of user functions' numerical-safety analysis.
        .product(name: "BigInt", package: "BigInt"),
      ],
      swiftSettings: numericsSettings
    ),
    .target(name: "LossAtlasCharts", dependencies: ["CGD"]),
    // The accuracy rule of CATALOG.md in exact arithmetic, and the golden-vector reader.
    .target(
      name: "LossAtlasVerification",
      dependencies: ["LossAtlasCore", .product(name: "BigInt", package: "BigInt")]
    ),
    // templates/ and claims/ compiled into the binary (see Plugins/EmbedResources).
    .target(name: "LossAtlasResources", plugins: ["EmbedResources"]),
    .target(
      name: "LossAtlasReport",
      dependencies: [
        "LossAtlasCore", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasResources", "LossAtlasVerification",
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),

    // MARK: - CLI
    .executableTarget(
      name: "lossatlas",
      dependencies: [
        "LossAtlasCore", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasReport", "LossAtlasResources", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Build tools
    .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),

    // MARK: - Tests
    .target(
      name: "TestSupport",
      dependencies: ["LossAtlasCore", "LossAtlasVerification"],
      path: "Tests/TestSupport",
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "LossAtlasCoreTests", dependencies: ["LossAtlasCore", "TestSupport"]),
    .testTarget(name: "LossAtlasAnalysisTests", dependencies: ["LossAtlasAnalysis", "TestSupport"]),
    .testTarget(name: "LossAtlasChartsTests", dependencies: ["LossAtlasCharts", "TestSupport"]),
    .testTarget(name: "LossAtlasReportTests", dependencies: ["LossAtlasReport", "TestSupport"]),
    .testTarget(name: "LossAtlasVerificationTests", dependencies: ["LossAtlasVerification", "TestSupport"]),
    .testTarget(name: "LossAtlasCLITests", dependencies: ["lossatlas", "template-fuzz-driver", "TestSupport"]),
    // The template renderer alone, for the fuzz test's subprocesses.
    .executableTarget(name: "template-fuzz-driver", dependencies: ["LossAtlasReport"], path: "Tests/TemplateFuzzDriver"),
  ]
)
