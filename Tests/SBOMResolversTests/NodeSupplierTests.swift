import LineageJSON
import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("Node suppliers")
struct NodeSupplierTests {
  let project = Supplier(name: "Acme")

  @Test("packages from the public registry or its yarn mirror are supplied by the npm registry")
  func defaultRegistry() {
    for url in ["https://registry.npmjs.org", "https://registry.yarnpkg.com"] {
      #expect(
        NodeSupplier.of(origin: .registry(url: url), project: project) == NodeSupplier.npmRegistry)
    }
  }

  @Test("packages from another registry are supplied by its host")
  func otherRegistry() {
    #expect(
      NodeSupplier.of(origin: .registry(url: "https://npm.pkg.github.com/acme"), project: nil)
        == Supplier(name: "npm.pkg.github.com", url: "https://npm.pkg.github.com"))
  }

  @Test("git dependencies are supplied by the repository owner on its host")
  func git() {
    #expect(
      NodeSupplier.of(
        origin: .git(url: "https://github.com/octo/lib", revision: nil, reference: nil),
        project: nil) == Supplier(name: "octo", url: "https://github.com/octo"))
  }

  @Test("tarball downloads are supplied by the download host")
  func download() {
    #expect(
      NodeSupplier.of(origin: .download(url: "https://cdn.example.com/x/x-1.tgz"), project: nil)
        == Supplier(name: "cdn.example.com", url: "https://cdn.example.com"))
  }

  @Test("workspace and path packages share the root project's supplier; unknown origins have none")
  func pathAndUnknown() {
    #expect(NodeSupplier.of(origin: .path("packages/a"), project: project) == project)
    #expect(NodeSupplier.of(origin: .unknown, project: project) == nil)
  }

  @Test("the root takes --supplier first, then author, then the repository owner, else none")
  func root() throws {
    let full = try JSONReader.parse(
      Array(
        #"{"author": "Jane Doe <jane@example.com> (https://jane.example)", "repository": "github:octo/x"}"#
          .utf8))
    let manifest = PackageJSONManifest(object: full)
    #expect(NodeSupplier.root(option: "Corp", manifest: manifest) == Supplier(name: "Corp"))
    #expect(
      NodeSupplier.root(option: nil, manifest: manifest)
        == Supplier(name: "Jane Doe", email: "jane@example.com", url: "https://jane.example"))
    let object = PackageJSONManifest(
      object: try JSONReader.parse(Array(#"{"author": {"name": "Jo", "email": "jo@x.org"}}"#.utf8)))
    #expect(
      NodeSupplier.root(option: nil, manifest: object) == Supplier(name: "Jo", email: "jo@x.org"))
    for repository in [
      #""github:octo/x""#, #""octo/x""#,
      #"{"type": "git", "url": "git+https://github.com/octo/x.git"}"#,
    ] {
      let m = PackageJSONManifest(
        object: try JSONReader.parse(Array(#"{"repository": \#(repository)}"#.utf8)))
      #expect(
        NodeSupplier.root(option: nil, manifest: m)
          == Supplier(name: "octo", url: "https://github.com/octo"), "\(repository)")
    }
    let other = PackageJSONManifest(
      object: try JSONReader.parse(Array(#"{"repository": "https://example.org/x.git"}"#.utf8)))
    #expect(NodeSupplier.root(option: nil, manifest: other) == nil)
    #expect(NodeSupplier.root(option: nil, manifest: nil) == nil)
  }
}
