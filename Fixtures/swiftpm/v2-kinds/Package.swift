// swift-tools-version:5.9
import PackageDescription

let base = "https://github.com/example-org"
let package = Package(
  name: #"Kinds"#,
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", exact: "2.62.0"),
    .package(url: "https://github.com/apple/swift-mmio", branch: "main"),
    .package(
      url: "https://github.com/example-org/Pinned-By-Revision.git",
      revision: "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"),
    .package(url: "file:///Users/dev/src/LocalRepo", from: "0.1.0"),
    .package(url: "git@gitlab.com:group/sub/tool.git", from: "3.0.0", traits: ["Fast"]),
    .package(path: "Modules/LocalKit"),
    .package(url: base + "/computed.git", from: "1.0.0"),
  ],
  targets: [.executableTarget(name: "Kinds", dependencies: ["LocalKit"])]
)
