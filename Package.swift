// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "aafilter",
  products: [
    .library(name: "FilterDSL", targets: ["FilterDSL"]),
    .library(name: "FilterEval", targets: ["FilterEval"]),
    .library(name: "FilterSQL", targets: ["FilterSQL"]),
    .library(name: "FilterFormats", targets: ["FilterFormats"]),
    .executable(name: "aafilter", targets: ["aafilter"]),
    .executable(name: "aafilter-bench", targets: ["aafilter-bench"]),
  ],
  targets: [
    .target(name: "FilterDSL"),
    .target(name: "FilterEval", dependencies: ["FilterDSL"]),
    .target(name: "FilterSQL", dependencies: ["FilterDSL"]),
    .target(name: "FilterFormats", dependencies: ["FilterDSL"]),
    // The commands live in a library so tests can run them in-process; `aafilter` only forwards.
    .target(
      name: "AAFilterCLI", dependencies: ["FilterDSL", "FilterEval", "FilterSQL", "FilterFormats"]),
    .executableTarget(name: "aafilter", dependencies: ["AAFilterCLI"]),
    .executableTarget(name: "aafilter-bench", dependencies: ["FilterDSL", "FilterEval"]),
    .testTarget(name: "FilterDSLTests", dependencies: ["FilterDSL"]),
    .testTarget(name: "FilterFormatsTests", dependencies: ["FilterFormats", "FilterDSL"]),
    .testTarget(name: "FilterEvalTests", dependencies: ["FilterDSL", "FilterEval"]),
    .testTarget(name: "AAFilterCLITests", dependencies: ["AAFilterCLI", "FilterDSL"]),
    .testTarget(
      name: "FilterSQLTests", dependencies: ["FilterSQL", "FilterDSL", "FilterEval", "AAFilterCLI"],
      exclude: ["engines.py"]),
  ]
)
