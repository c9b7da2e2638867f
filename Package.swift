// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "aafilter",
  products: [
    .library(name: "FilterDSL", targets: ["FilterDSL"]),
    .library(name: "FilterEval", targets: ["FilterEval"]),
    .library(name: "FilterFormats", targets: ["FilterFormats"]),
    .library(name: "FilterSQL", targets: ["FilterSQL"]),
    .library(name: "FilterSuggest", targets: ["FilterSuggest"]),
    .executable(name: "aafilter", targets: ["aafilter"]),
    .executable(name: "aafilter-bench", targets: ["aafilter-bench"]),
  ],
  targets: [
    .target(name: "FilterDSL"),
    .target(name: "FilterEval", dependencies: ["FilterDSL"]),
    .target(name: "FilterFormats", dependencies: ["FilterDSL"]),
    .target(name: "FilterSQL", dependencies: ["FilterDSL", "FilterEval"]),
    .target(name: "FilterSuggest", dependencies: ["FilterDSL", "FilterEval"]),
    // The commands live in a library so tests can run them in-process; `aafilter` only forwards.
    .target(
      name: "AAFilterCLI",
      dependencies: ["FilterDSL", "FilterEval", "FilterSQL", "FilterFormats", "FilterSuggest"]),
    .executableTarget(name: "aafilter", dependencies: ["AAFilterCLI"]),
    .executableTarget(
      name: "aafilter-bench",
      dependencies: ["FilterDSL", "FilterEval", "FilterSuggest", "AAFilterTestSupport"]),
    // Generators and the reference evaluator, for the tests, the benchmark and the interop
    // harness; not a product, so nothing outside the package links them.
    .target(
      name: "AAFilterTestSupport", dependencies: ["FilterDSL", "FilterEval", "FilterFormats"]),
    // The checks against third-party tools (scripts/interop runs it with them).
    .executableTarget(
      name: "aafilter-interop",
      dependencies: [
        "AAFilterCLI", "FilterDSL", "FilterEval", "FilterFormats", "FilterSQL",
        "AAFilterTestSupport",
      ]),
    .testTarget(
      name: "FilterDSLTests", dependencies: ["FilterDSL", "FilterFormats", "AAFilterTestSupport"]),
    .testTarget(
      name: "FilterFormatsTests",
      dependencies: ["FilterFormats", "FilterDSL", "AAFilterTestSupport"]),
    .testTarget(
      name: "FilterEvalTests", dependencies: ["FilterDSL", "FilterEval", "AAFilterTestSupport"]),
    .testTarget(
      name: "AAFilterCLITests",
      dependencies: ["AAFilterCLI", "FilterDSL", "FilterSuggest", "AAFilterTestSupport"]),
    .testTarget(
      name: "FilterSQLTests",
      dependencies: ["FilterSQL", "FilterDSL", "FilterEval", "AAFilterCLI", "AAFilterTestSupport"]),
    .testTarget(
      name: "FilterSuggestTests",
      dependencies: ["FilterSuggest", "FilterDSL", "FilterEval", "AAFilterTestSupport"]),
    // The harness's own logic (reading answers, counting checks), without the tools it drives.
    .testTarget(
      name: "InteropHarnessTests", dependencies: ["aafilter-interop", "FilterDSL", "FilterSQL"]),
  ]
)
