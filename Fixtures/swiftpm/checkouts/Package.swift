// swift-tools-version:5.9
import PackageDescription

let package = Package(
  name: "CheckoutsDemo",
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.62.0")
  ],
  targets: [.target(name: "CheckoutsDemo", dependencies: [.product(name: "NIO", package: "swift-nio")])]
)
