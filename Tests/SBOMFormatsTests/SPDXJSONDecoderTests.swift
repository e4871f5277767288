import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("SPDXJSONDecoder")
struct SPDXJSONDecoderTests {
  static func corpus(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(path)))
  }

  @Test("the JSON fixture decodes to the same facts as its tag-value twin")
  func relationshipsFixture() throws {
    let graph = try SBOMDecoder.decode(
      try SPDXTagValueDecoderTests.fixture("sboms/spdx-2.3-relationships.spdx.json"),
      file: "rel.json")
    try SPDXTagValueDecoderTests.checkRelationshipsFixture(graph, format: "SPDX 2.3 JSON")
  }

  @Test("Trivy's DESCRIBE and CONTAINS chain gives a root and edges to every package")
  func trivyContains() throws {
    let path = "pairs/grafana-image-trivy-spdx/new/spdx-trivy-grafana_grafana.json"
    let graph = try SBOMDecoder.decode(try Self.corpus(path), file: path)
    #expect(graph.roots.count == 1)
    #expect(graph.edgesComplete)
    let reachable = graph.components.filter { graph.pathFromRoot(to: $0.id) != nil }
    #expect(reachable.count == graph.components.count)
  }

  @Test("Microsoft sbom-tool's minified document gives DEPENDS_ON edges from its root")
  func sbomTool() throws {
    let path = "spdx/powershell-7.2.1/powershell.spdx.json"
    let graph = try SBOMDecoder.decode(try Self.corpus(path), file: path)
    #expect(graph.primaryRoot?.name == "Coordinated Packages")
    #expect(graph.edges.count == 330)
    #expect(graph.metadata.generators == ["Microsoft.SBOMTool-2.0.88"])
  }

  @Test("a document without relationships has incomplete edges")
  func noRelationships() throws {
    let path = "spdx/flux-0.26.3/flux_0.26.3_sbom.spdx.json"
    let graph = try SBOMDecoder.decode(try Self.corpus(path), file: path)
    #expect(graph.edgesComplete == false)
    #expect(graph.edges.isEmpty)
  }

  @Test("packages whose purl appears twice stay two components")
  func duplicatePurls() throws {
    let text = #"""
      {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"dup","packages":[
        {"SPDXID":"SPDXRef-a1","name":"a","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]},
        {"SPDXID":"SPDXRef-a2","name":"a","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]},
        {"SPDXID":"SPDXRef-b","name":"b","versionInfo":"2"}],
       "relationships":[{"spdxElementId":"SPDXRef-a2","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-b"}]}
      """#
    let graph = try SBOMDecoder.decode(Array(text.utf8), file: "dup.json")
    #expect(graph.components.count == 3)
    #expect(Set(graph.components.map(\.id)).count == 3)
    #expect(graph.edges.count == 1)
    let again = try SBOMDecoder.decode(Array(text.utf8), file: "dup.json")
    #expect(again.components.map(\.id) == graph.components.map(\.id))
  }

  @Test("relationships naming one undeclared element give one warning, not one per relationship")
  func unknownElementWarnedOnce() throws {
    let path = "spdx/constellation-2.2.2/constellation-spdx.json"
    let graph = try SBOMDecoder.decode(try Self.corpus(path), file: path)
    let unknown = graph.diagnostics.filter { $0.message.contains("unknown element") }
    #expect(unknown.count == 1)
    #expect(unknown.first?.message.contains("1303 relationships") == true)
    #expect(graph.edgesComplete == false)
  }
}
