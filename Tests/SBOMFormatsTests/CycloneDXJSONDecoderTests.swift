import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("CycloneDXJSONDecoder")
struct CycloneDXJSONDecoderTests {
  static func fixture(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.fixtures.appendingPathComponent(path)))
  }

  @Test(
    "every entry is a component: nested ones, metadata's nested ones, duplicates and those without a bom-ref"
  )
  func entries() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.4-fields.json"), file: "f.json")
    #expect(graph.metadata.inputFormat == "CycloneDX 1.4 JSON")
    #expect(graph.metadata.generators == ["scanner 3.2.1"])
    #expect(graph.metadata.created == "2024-05-06T07:08:09Z")
    #expect(graph.components.count == 8)
    #expect(Set(graph.components.map(\.id)).count == 8)
    #expect(graph.primaryRoot?.name == "shop")
    #expect(graph.roots.count == 1)
    // Two entries share identity without a bom-ref: told apart by position.
    #expect(graph.components.filter { $0.name == "noref" }.count == 2)
    #expect(graph.components.filter { $0.name == "noref" }.allSatisfy { $0.version == nil })
  }

  @Test("supplier, hashes, licences and the lineage:scope property are read")
  func fields() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.4-fields.json"), file: "f.json")
    let first = try #require(graph.components.first { $0.name == "dup" && !$0.hashes.isEmpty })
    #expect(
      first.supplier
        == Supplier(name: "Scope Inc", email: "x@scope.example", url: "https://scope.example"))
    #expect(first.hashes == [Hash(.sha256, "aa")])
    #expect(first.declaredLicense?.description == "MIT AND LicenseRef-Custom--see-LICENSE-")
    #expect(first.scope == .peer)
    #expect(graph.diagnostics.contains { $0.message.contains("WHIRLPOOL") })
    let noref = try #require(
      graph.components.first { $0.name == "noref" && $0.declaredLicense != nil })
    #expect(noref.supplier == nil)
  }

  @Test("a malformed purl keeps the component without it and warns")
  func malformedPurl() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.4-fields.json"), file: "f.json")
    let bad = try #require(graph.components.first { $0.name == "bad-purl" })
    #expect(bad.purl == nil)
    #expect(bad.ecosystem == .generic)
    #expect(graph.diagnostics.contains { $0.message.contains("not a purl at all") })
  }

  @Test("dependencies become edges; unknown refs are dropped with a warning")
  func dependencies() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.4-fields.json"), file: "f.json")
    #expect(graph.edges.count == 4)
    #expect(graph.edges.allSatisfy { $0.kind == .dependsOn })
    #expect(graph.diagnostics.contains { $0.message.contains("'nowhere'") })
    #expect(graph.diagnostics.contains { $0.message.contains("'ghost'") })
    #expect(graph.edgesComplete)
  }

  @Test("a document without dependencies has incomplete edges; 1.5 tools objects are read")
  func noDependencies() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.5-no-dependencies.json"), file: "n.json")
    #expect(graph.edgesComplete == false)
    #expect(graph.roots.isEmpty)
    #expect(graph.metadata.generators == ["@cyclonedx/cdxgen 9.8.8"])
  }

  @Test("decoding is deterministic: the same bytes give the same graph")
  func deterministic() throws {
    let bytes = try Self.fixture("sboms/cyclonedx-1.4-fields.json")
    #expect(
      try SBOMDecoder.decode(bytes, file: "f.json") == SBOMDecoder.decode(bytes, file: "f.json"))
  }

  @Test(
    "the order of metadata, components and dependencies does not change the graph or its warnings"
  )
  func memberOrder() throws {
    // Components are mapped while read when metadata comes first, and collected otherwise:
    // every order must give the same graph, diagnostics and JSON paths included.
    let bytes = try Self.fixture("sboms/cyclonedx-1.4-fields.json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    func member(_ key: String) throws -> String {
      let value = try #require(object[key])
      let data = try JSONSerialization.data(
        withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
      return "\"\(key)\":" + String(decoding: data, as: UTF8.self)
    }
    let fixed = try ["bomFormat", "specVersion", "version"].map(member)
    let moved = ["metadata", "components", "dependencies"]
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    var graphs: [Graph] = []
    for order in orders {
      let members = try fixed + order.map { try member(moved[$0]) }
      let text = "{" + members.joined(separator: ",") + "}"
      graphs.append(try SBOMDecoder.decode(Array(text.utf8), file: "f.json"))
    }
    #expect(!graphs[0].diagnostics.isEmpty)
    #expect(graphs[0].edges.count > 0)
    for (order, graph) in zip(orders, graphs) {
      #expect(graph == graphs[0], "order \(order.map { moved[$0] })")
      #expect(GraphDump.text(graph) == GraphDump.text(graphs[0]))
    }
  }

  @Test("a bomFormat other than CycloneDX is unrecognised")
  func wrongBomFormat() throws {
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(
        Array(#"{"bomFormat":"SWID","specVersion":"1.4"}"#.utf8), file: "x.json")
    }
    #expect(error.code == .unrecognizedInput)
    #expect(error.location?.jsonPath == "$.bomFormat")
  }

  @Test("an npm package's vcs reference is its project repository, not its origin")
  func npmVCSIsNotOrigin() throws {
    let path = "pairs/juice-shop-cdx-1.2-to-1.6/old/bom.json"
    let graph = try SBOMDecoder.decode(
      Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(path))), file: path)
    let npmGit = graph.components.filter {
      $0.purl?.type == "npm" && $0.origin.kindName == "git" && $0.purl?.qualifiers["vcs_url"] == nil
    }
    #expect(npmGit.isEmpty)
  }
}
