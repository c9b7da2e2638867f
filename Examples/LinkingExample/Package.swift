// swift-tools-version:6.0
// Another tool, as it would link aafilter's libraries: by path here, by URL in real life.
import PackageDescription

let package = Package(
  name: "LinkingExample",
  // Named, because a path dependency is otherwise known by its directory name, which differs
  // between clones.
  dependencies: [.package(name: "aafilter", path: "../..")],
  targets: [
    .executableTarget(
      name: "LinkingExample",
      dependencies: [
        .product(name: "FilterDSL", package: "aafilter"),
        .product(name: "FilterEval", package: "aafilter"),
      ])
  ]
)
