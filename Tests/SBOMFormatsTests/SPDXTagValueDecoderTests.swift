import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("SPDXTagValueDecoder")
struct SPDXTagValueDecoderTests {
  static func fixture(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.fixtures.appendingPathComponent(path)))
  }
  static func corpus(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(path)))
  }

  /// The facts both SPDX fixtures (tag-value and JSON) must decode to.
  static func checkRelationshipsFixture(_ graph: Graph, format: String) throws {
    #expect(graph.metadata.inputFormat == format)
    #expect(graph.metadata.documentName == "relationships-fixture")
    #expect(graph.metadata.generators == ["handwritten-1.0"])
    #expect(graph.metadata.created == "2024-01-02T03:04:05Z")
    #expect(graph.components.map(\.name).sorted() == ["app", "devtool", "extra", "lib"])
    #expect(graph.primaryRoot?.name == "app")
    #expect(graph.edgesComplete)
    let byName = Dictionary(uniqueKeysWithValues: graph.components.map { ($0.name, $0) })
    let app = try #require(byName["app"])
    #expect(app.kind == .application)
    #expect(app.supplier == Supplier(name: "Acme Corp", email: "ops@acme.example"))
    #expect(
      app.origin
        == .git(
          url: "https://github.com/acme/app", revision: "0123456789abcdef0123456789abcdef01234567",
          reference: nil))
    #expect(app.declaredLicense?.description == "MIT")
    #expect(app.concludedLicense == nil)
    let lib = try #require(byName["lib"])
    #expect(lib.supplier == Supplier(name: "Jane Doe", email: "jane@example.org"))
    #expect(lib.hashes.count == 2)
    #expect(lib.hashes.contains(Hash(.sha1, "85ed0817af83a24ad8da68c2b5094de69833983c")))
    #expect(lib.origin == .registry(url: "https://registry.npmjs.org/lib/-/lib-2.0.0.tgz"))
    #expect(lib.description == "Multi-line\ndescription")
    #expect(byName["devtool"]?.declaredLicense == nil)
    #expect(byName["devtool"]?.origin == .unknown)
    #expect(byName["extra"]?.origin == .unknown)
    let edges = graph.edges.map {
      "\(graph[$0.from]?.name ?? "?") \($0.kind.rawValue) \(graph[$0.to]?.name ?? "?")"
    }
    #expect(
      edges.sorted() == [
        "app depends-on lib", "app dev-depends-on devtool", "lib optional-depends-on extra",
      ])
    // The file relationship is skipped quietly; the unknown element is reported.
    #expect(graph.diagnostics.filter { $0.message.contains("unknown element") }.count == 1)
    #expect(graph.diagnostics.contains { $0.message.contains("SPDXRef-missing") })
  }

  @Test("packages, multi-line text, checksums, external refs and relationships are read")
  func relationshipsFixture() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/spdx-2.3-relationships.spdx"), file: "rel.spdx")
    try Self.checkRelationshipsFixture(graph, format: "SPDX 2.3 tag-value")
  }

  @Test("a <text> value that is never closed is a syntax error at its opening line")
  func unclosedText() throws {
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(try Self.fixture("sboms/spdx-2.2-unclosed-text.spdx"), file: "u.spdx")
    }
    #expect(error.code == .syntax)
    #expect(error.location?.line == 4)
  }

  @Test("a dependency on NOASSERTION makes the edges incomplete")
  func noassertionEdges() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/spdx-2.2-noassertion-edges.spdx"), file: "n.spdx")
    #expect(graph.edgesComplete == false)
    #expect(graph.edges.count == 1)
  }

  @Test("the flux tag-value and JSON twins decode to the same name and version set")
  func fluxTwins() throws {
    let tv = try SBOMDecoder.decode(
      try Self.corpus("spdx/flux-0.26.3/flux_0.26.3_sbom.spdx"), file: "flux.spdx")
    let json = try SBOMDecoder.decode(
      try Self.corpus("spdx/flux-0.26.3/flux_0.26.3_sbom.spdx.json"), file: "flux.spdx.json")
    func pairs(_ g: Graph) -> [String] {
      g.components.map { "\($0.name)@\($0.version ?? "-")" }.sorted()
    }
    #expect(tv.components.count == 244)
    #expect(pairs(tv) == pairs(json))
    #expect(tv.components.map(\.purl) == json.components.map(\.purl))
    #expect(tv.metadata.generators == ["syft-0.33.0"])
  }

  @Test("the spec example's multi-line values and packages are read")
  func specExample() throws {
    let graph = try SBOMDecoder.decode(
      try Self.corpus("spdx/spdx-spec-example-2.3/SPDXTagExample-v2.3.spdx"), file: "ex.spdx")
    let json = try SBOMDecoder.decode(
      try Self.corpus("spdx/spdx-spec-example-2.3/SPDXJSONExample-v2.3.spdx.json"), file: "ex.json")
    #expect(graph.metadata.inputFormat == "SPDX 2.3 tag-value")
    #expect(graph.components.map(\.name).sorted() == json.components.map(\.name).sorted())
    #expect(graph.roots.count == json.roots.count)
  }
}
