// swift-tools-version: 6.1
// libFuzzer targets, one per parser. Not part of CI: build and run them with `bash Fuzz/run`.
import PackageDescription

let parsers = [
  "FuzzJSONReader", "FuzzPackageResolved", "FuzzDpkgStatus", "FuzzPackageLock", "FuzzYarnLock",
  "FuzzPnpmLock", "FuzzSBOMDecoder",
]

let package = Package(
  name: "LineageFuzz",
  dependencies: [.package(name: "Lineage", path: "..")],
  targets: [
    // Shared driver: runs one input through Lineage as a named file.
    .target(
      name: "FuzzSupport",
      dependencies: [
        .product(name: "SBOMResolvers", package: "Lineage"),
        .product(name: "SBOMFormats", package: "Lineage"),
        .product(name: "LineageJSON", package: "Lineage"),
      ])
  ]
    + parsers.map {
      .executableTarget(
        name: $0, dependencies: ["FuzzSupport"],
        swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
        linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])])
    }
)
