// swift-tools-version:5.3
import PackageDescription

/* A block comment: .package(url: "https://github.com/fake/ignored.git", from: "1.0.0")
   /* nested */ still inside the comment */
let package = Package(
    // name: "NotThis",
    name: "V1Demo",
    dependencies: [
        .package(name: "llbuild", url: "https://github.com/apple/swift-llbuild.git", .upToNextMinor(from: "0.5.0")),
        .package(
            url: "git@github.com:Quick/Nimble.git",
            "9.0.0"..<"10.0.0"
        ),
    ],
    targets: [
        .target(name: "V1Demo", dependencies: [.product(name: "llbuild", package: "llbuild")]),
        .testTarget(name: "V1DemoTests", dependencies: ["V1Demo", "Nimble"]),
    ]
)
