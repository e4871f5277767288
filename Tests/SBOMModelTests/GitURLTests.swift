import SBOMModel
import Testing

@Suite("GitURL normalisation")
struct GitURLTests {
  static let equivalents: [String] = [
    "https://github.com/apple/swift-nio",
    "https://github.com/apple/swift-nio.git",
    "https://github.com/apple/swift-nio/",
    "https://github.com/apple/swift-nio.git/",
    "git@github.com:apple/swift-nio.git",
    "git@github.com:/apple/swift-nio.git",
    "ssh://git@github.com/apple/swift-nio.git",
    "ssh://git@github.com:22/apple/swift-nio",
    "git+ssh://git@github.com/apple/swift-nio.git",
    "git+https://github.com/apple/swift-nio.git",
    "git://github.com/apple/swift-nio.git",
    "http://github.com/apple/swift-nio",
    "https://user:token@github.com/apple/swift-nio.git",
    "https://GitHub.com/apple/swift-nio",
    "github:apple/swift-nio",
    "  https://github.com/apple/swift-nio.git  ",
    "https://github.com/apple/swift-nio.git#main",
    "HTTPS://github.com/apple/swift-nio",
    "GIT+SSH://git@github.com/apple/swift-nio.git",
  ]

  @Test("equivalent spellings of a remote normalise to one https URL", arguments: equivalents)
  func equivalent(_ raw: String) {
    #expect(GitURL.normalize(raw) == "https://github.com/apple/swift-nio")
  }

  @Test("other hosts, ports and local paths keep what distinguishes them")
  func others() {
    #expect(
      GitURL.normalize("https://gitlab.example.com:8443/a/b.git")
        == "https://gitlab.example.com:8443/a/b")
    #expect(GitURL.normalize("https://user@example.com") == "https://example.com")
    #expect(GitURL.normalize("/Users/me/src/pkg") == "/Users/me/src/pkg")
    #expect(GitURL.normalize("../pkg") == "../pkg")
  }

  @Test("components split the normalised URL into host and path")
  func components() throws {
    let parts = try #require(GitURL.components(of: "git@github.com:apple/swift-nio.git"))
    #expect(parts.host == "github.com")
    #expect(parts.path == ["apple", "swift-nio"])
  }
}
