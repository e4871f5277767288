// swift-tools-version:5.9
import PackageDescription

let package = Package(
  name: "RegistryDemo",
  dependencies: [
    .package(id: "mona.LinkedList", from: "1.0.0"),
    .package(id: "acme.parser", .upToNextMajor(from: "2.0.0")),
    .package(url: "https://github.com/apple/swift-log.git", "1.0.0"..<"2.0.0"),
  ],
  targets: [.target(name: "RegistryDemo")]
)
