// swift-tools-version: 6.1
// LossAtlas: a verified reference manual of loss and activation functions.
// Data flows one way: Core -> Analysis -> Report; Charts knows nothing of losses;
// the CLI (`lossatlas`) only parses and prints.
import PackageDescription

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
    // Exact rational arithmetic for the golden-vector accuracy rule (tests only).
    .package(url: "https://github.com/attaswift/BigInt", exact: "6.0.1"),
  ],
  targets: [
    // MARK: - libgd
    .systemLibrary(
      name: "CGD",
      pkgConfig: "gdlib",
      providers: [.apt(["libgd-dev"]), .brew(["gd"])]
    ),

    // MARK: - Libraries
    .target(name: "LossAtlasCore"),
    .target(
      name: "LossAtlasAnalysis",
      dependencies: ["LossAtlasCore", .product(name: "Yams", package: "Yams")]
    ),
    .target(name: "LossAtlasCharts", dependencies: ["CGD"]),
    // templates/ and claims/ compiled into the binary (see Plugins/EmbedResources).
    .target(name: "LossAtlasResources", plugins: ["EmbedResources"]),
    .target(
      name: "LossAtlasReport",
      dependencies: [
        "LossAtlasCore", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasResources",
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),

    // MARK: - CLI
    .executableTarget(
      name: "lossatlas",
      dependencies: [
        "LossAtlasCore", "LossAtlasAnalysis", "LossAtlasCharts", "LossAtlasReport", "LossAtlasResources",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Build tools
    .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),

    // MARK: - Tests
    .target(
      name: "TestSupport",
      dependencies: ["LossAtlasCore", .product(name: "BigInt", package: "BigInt")],
      path: "Tests/TestSupport",
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "LossAtlasCoreTests", dependencies: ["LossAtlasCore", "TestSupport"]),
    .testTarget(name: "LossAtlasAnalysisTests", dependencies: ["LossAtlasAnalysis", "TestSupport"]),
    .testTarget(name: "LossAtlasChartsTests", dependencies: ["LossAtlasCharts", "TestSupport"]),
    .testTarget(name: "LossAtlasReportTests", dependencies: ["LossAtlasReport", "TestSupport"]),
    .testTarget(name: "LossAtlasCLITests", dependencies: ["lossatlas", "TestSupport"]),
  ]
)
