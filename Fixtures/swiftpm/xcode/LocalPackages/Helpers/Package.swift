// swift-tools-version:5.9
import PackageDescription

let package = Package(
  name: "Helpers",
  dependencies: [.package(url: "https://github.com/Alamofire/Alamofire", from: "5.0.0")],
  targets: [.target(name: "Helpers", dependencies: ["Alamofire"])]
)
