import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("npm lockfile helpers")
struct NodeLockfileSupportTests {
  @Test("the shared fast SRI decoder (NodeIntegrity) agrees with the model's on odd input too")
  func sri() {
    let samples = [
      "sha512-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==",
      "sha1-AAECAwQFBgcICQoLDA0ODxAREhM= sha256-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "sha384-bad!", "md4-AAAA", "", "SHA256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
      "md5-1B2M2Y8AsgTpgAmY7PhCfg==", "sha1-AAECAwQFBgcICQoLDA0ODxAREhM=\r",
      "  sha1-AAECAwQFBgcICQoLDA0ODxAREhM=  ",
    ]
    for s in samples {
      #expect(NodeIntegrity.hashes(s) == Hash.fromSubresourceIntegrity(s), "\(s)")
    }
  }

  @Test(
    "resolved URLs become registry, git, download or path origins",
    arguments: [
      (
        "https://registry.yarnpkg.com/@a/b/-/b-1.0.0.tgz#abc", "@a/b",
        "registry:https://registry.npmjs.org"
      ),
      (
        "https://npm.corp.example/repo/@a%2fb/-/b-1.0.0.tgz", "@a/b",
        "registry:https://npm.corp.example/repo"
      ),
      (
        "https://codeload.github.com/o/r/tar.gz/0123456789abcdef0123456789abcdef01234567", "r",
        "git:https://github.com/o/r"
      ),
      (
        "git+ssh://git@github.com/o/r.git#0123456789abcdef0123456789abcdef01234567", "r",
        "git:https://github.com/o/r"
      ),
      (
        "https://github.com/o/r.git#commit=0123456789abcdef0123456789abcdef01234567", "r",
        "git:https://github.com/o/r"
      ),
      ("https://example.com/files/r.tgz", "r", "download:https://example.com/files/r.tgz"),
      ("file:../local.tgz", "r", "path:../local.tgz"),
    ])
  func classify(_ url: String, _ name: String, _ expected: String) {
    let source = NodeResolvedSource.classify(url, name: name)
    let text: String
    switch source.origin {
    case .registry(let u): text = "registry:\(u)"
    case .git(let u, _, _): text = "git:\(u)"
    case .download(let u): text = "download:\(u)"
    case .path(let p): text = "path:\(p)"
    default: text = "other"
    }
    #expect(text == expected)
  }

  @Test("descriptors split at the @ that ends the name")
  func descriptors() {
    #expect(
      splitNameAtRange("@babel/core@^7.0.0").map { "\($0.name) \($0.range)" }
        == "@babel/core ^7.0.0")
    #expect(splitNameAtRange("a@npm:b@^1").map { "\($0.name) \($0.range)" } == "a npm:b@^1")
    #expect(splitNameAtRange("plain") == nil)
  }

  @Test("scopes come from reachability: dev only through dev edges, optional through optional ones")
  func scopes() {
    let r = ComponentID("root"), a = ComponentID("a"), b = ComponentID("b"), c = ComponentID("c")
    let scopes = ReachabilityScopes.compute(
      edges: [
        Edge(from: r, to: a, kind: .devDependsOn), Edge(from: a, to: b),
        Edge(from: r, to: c, kind: .optionalDependsOn), Edge(from: a, to: c),
        Edge(from: c, to: a),
      ], roots: [r])
    #expect(scopes[a] == .optional)  // dev path, and root → c (optional) → a
    #expect(scopes[b] == .optional)
    #expect(scopes[c] == .optional)
  }
}
