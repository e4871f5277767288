import Foundation
import LineageJSON
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("SPDX 3.0 JSON-LD encoder")
struct SPDX3JSONEncoderTests {
  private func elements(_ graph: Graph) throws -> [JSONValue] {
    let doc = try JSONReader.parse(EncodingHelpers.encode(graph, as: FormatID(name: "spdx3-json")))
    #expect(doc["@context"]?.stringValue == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld")
    return doc["@graph"]?.arrayValue ?? []
  }

  @Test("the npm graph as SPDX 3.0 JSON-LD matches its golden byte for byte")
  func golden() throws {
    try Golden.check(
      EncodingHelpers.text(try SampleGraphs.npm(), as: FormatID(name: "spdx3-json")),
      against: "goldens/formats/npm.spdx3.json")
  }

  @Test("one SpdxDocument, a software_Sbom root and a software_Package per component")
  func shape() throws {
    let graph = try SampleGraphs.npm()
    let all = try elements(graph)
    func count(_ type: String) -> Int { all.filter { $0["type"]?.stringValue == type }.count }
    #expect(count("SpdxDocument") == 1)
    #expect(count("software_Sbom") == 1)
    #expect(count("CreationInfo") == 1)
    #expect(count("software_Package") == graph.components.count)
    let lodash = all.first { $0["software_packageUrl"]?.stringValue == "pkg:npm/lodash@4.17.21" }
    #expect(
      lodash?["externalIdentifier"]?.arrayValue?.first?["identifier"]?.stringValue
        == "pkg:npm/lodash@4.17.21")
    #expect(lodash?["verifiedUsing"]?.arrayValue?.first?["algorithm"]?.stringValue == "sha512")
  }

  @Test("dev edges are development-scoped dependsOn; optional and peer have their own types")
  func edgeKinds() throws {
    let all = try elements(try SampleGraphs.npm())
    let types = all.filter { ($0["type"]?.stringValue ?? "").hasSuffix("Relationship") }.map {
      "\($0["type"]?.stringValue ?? "") \($0["relationshipType"]?.stringValue ?? "") \($0["scope"]?.stringValue ?? "-")"
    }
    #expect(types.contains("LifecycleScopedRelationship dependsOn development"))
    #expect(types.contains("Relationship hasOptionalDependency -"))
    #expect(types.contains("Relationship hasProvidedDependency -"))
  }

  @Test("incomplete graphs mark dependency relationships incomplete")
  func completeness() throws {
    let all = try elements(try SampleGraphs.swiftPM())
    let values = Set(all.compactMap { $0["completeness"]?.stringValue })
    #expect(values.contains("incomplete"))
    #expect(!values.contains("complete"))
  }
}
