import Testing

@testable import SBOMResolvers

@Suite("SwiftPM package locations")
struct SwiftPackageLocationTests {
  @Test(
    "identity, namespace and name come from the URL as SwiftPM derives them",
    arguments: [
      ("https://github.com/apple/swift-nio.git", "swift-nio", "github.com/apple", "swift-nio"),
      ("git@github.com:Quick/Nimble.git", "nimble", "github.com/Quick", "Nimble"),
      ("ssh://git@gitlab.com/group/sub/Tool", "tool", "gitlab.com/group/sub", "Tool"),
      ("https://GitHub.com/Alamofire/Alamofire/", "alamofire", "github.com/Alamofire", "Alamofire"),
    ])
  func remote(url: String, identity: String, namespace: String, name: String) {
    let location = SwiftPackageLocation(url)
    #expect(location.identity == identity)
    #expect(location.namespace == namespace)
    #expect(location.repositoryName == name)
    #expect(!location.isLocal)
  }

  @Test("local paths and file URLs are local, named by their last component")
  func local() {
    for raw in ["/Users/dev/src/LocalRepo", "file:///Users/dev/src/LocalRepo/", "../LocalRepo"] {
      let location = SwiftPackageLocation(raw)
      #expect(location.isLocal)
      #expect(location.identity == "localrepo")
      #expect(location.supplier == nil)
    }
  }

  @Test("the supplier is the owner on its host")
  func supplier() {
    let supplier = SwiftPackageLocation("https://github.com/apple/swift-nio").supplier
    #expect(supplier?.name == "apple")
    #expect(supplier?.url == "https://github.com/apple")
    #expect(SwiftPackageLocation("https://example.com/repo.git").supplier == nil)
  }
}
