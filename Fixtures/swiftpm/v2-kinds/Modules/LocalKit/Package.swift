// swift-tools-version:5.9
import PackageDescription

let package = Package(
  name: "LocalKit",
  dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.0.0")],
  targets: [.target(name: "LocalKit", dependencies: [.product(name: "NIO", package: "swift-nio")])]
)
