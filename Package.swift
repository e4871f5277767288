// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Lineage",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "lineage", targets: ["lineage"]),
    .library(name: "SBOMModel", targets: ["SBOMModel"]),
    .library(name: "LineageJSON", targets: ["LineageJSON"]),
    .library(name: "SBOMResolvers", targets: ["SBOMResolvers"]),
    .library(name: "SBOMFormats", targets: ["SBOMFormats"]),
    .library(name: "SBOMDiff", targets: ["SBOMDiff"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // SHA-256 blocks with the CPU's SHA instructions (x86 SHA-NI), a header of static inline C
    // functions behind a module map; SBOMModel.SHA256 falls back to portable Swift without them.
    .systemLibrary(name: "CSHA256"),
    // glibc's <malloc.h> (`mallopt`), for the command-line tool's allocator settings.
    .systemLibrary(name: "CMalloc"),
    // The dependency graph every resolver writes and every encoder reads: value types, no I/O.
    .target(name: "SBOMModel", dependencies: ["CSHA256"]),
    // A one-pass JSON reader over bytes and a deterministic (sorted-key) JSON writer.
    .target(name: "LineageJSON"),
    // Module map over the system libyaml, so resolvers can stream YAML parser events.
    .systemLibrary(
      name: "CYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]),
    // Ecosystem resolvers (SwiftPM, Debian, npm/yarn/pnpm) that turn lockfiles into a Graph.
    .target(name: "SBOMResolvers", dependencies: ["SBOMModel", "LineageJSON", "CYAML"]),
    // SPDX and CycloneDX encoders and decoders, mapping documents to and from the Graph.
    .target(name: "SBOMFormats", dependencies: ["SBOMModel", "LineageJSON"]),
    // Matches two graphs, classifies every change and renders reports.
    .target(name: "SBOMDiff", dependencies: ["SBOMModel", "LineageJSON"]),
    // The subcommands: argument parsing, file I/O, clock, environment and exit codes.
    .target(
      name: "LineageCommands",
      dependencies: [
        "SBOMModel", "SBOMResolvers", "SBOMFormats", "SBOMDiff", "LineageJSON",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The `lineage` executable: one entry point calling LineageCommands.
    .executableTarget(name: "lineage", dependencies: ["LineageCommands", "CMalloc"]),
    // Shared test helpers: corpus paths, validator runner, golden comparison.
    .target(
      name: "SBOMTestSupport", dependencies: ["SBOMModel", "LineageJSON"],
      path: "Sources/SBOMTestSupport"),
    .testTarget(name: "SBOMModelTests", dependencies: ["SBOMModel", "SBOMTestSupport"]),
    .testTarget(name: "LineageJSONTests", dependencies: ["LineageJSON", "SBOMTestSupport"]),
    .testTarget(
      name: "SBOMResolversTests",
      dependencies: ["SBOMResolvers", "SBOMModel", "SBOMTestSupport"]),
    .testTarget(
      name: "SBOMFormatsTests",
      dependencies: ["SBOMFormats", "SBOMResolvers", "SBOMModel", "SBOMTestSupport"]),
    .testTarget(
      name: "SBOMDiffTests",
      dependencies: ["SBOMDiff", "SBOMFormats", "SBOMResolvers", "SBOMModel", "SBOMTestSupport"]),
    .testTarget(
      name: "LineageCommandsTests",
      dependencies: ["LineageCommands", "SBOMTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
