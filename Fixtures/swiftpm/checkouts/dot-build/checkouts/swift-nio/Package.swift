// swift-tools-version:5.8
import PackageDescription

let package = Package(
  name: "swift-nio",
  dependencies: [
    .package(url: "https://github.com/apple/swift-atomics.git", from: "1.1.0"),
    .package(url: "https://github.com/apple/swift-collections.git", from: "1.0.2"),
    // Used only by tests: SwiftPM does not fetch it, so it has no pin.
    .package(url: "https://github.com/apple/swift-docc-plugin", from: "1.0.0"),
  ],
  targets: []
)
