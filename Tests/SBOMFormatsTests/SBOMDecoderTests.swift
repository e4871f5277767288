import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("SBOMDecoder")
struct SBOMDecoderTests {
  static let sbomKinds: Set<String> = ["spdx", "cyclonedx", "pairs:spdx", "pairs:cyclonedx"]
  static let notSBOMs: Set<String> = ["cyclonedx/scanoss-not-cyclonedx/scanoss-sbom-cdx.json"]

  static func corpusSBOMs() throws -> [String] {
    try TestPaths.corpusFiles { sbomKinds.contains($0) }
  }

  static func bytes(_ relativePath: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(relativePath)))
  }

  @Test("every SBOM in the corpus decodes with one component per document entry")
  func corpusDecodes() throws {
    let files = try Self.corpusSBOMs()
    #expect(files.count >= 30)
    for path in files where !Self.notSBOMs.contains(path) {
      let data = try Self.bytes(path)
      let graph: Graph
      do {
        graph = try SBOMDecoder.decode(data, file: path)
      } catch {
        Issue.record("\(path): \(error)")
        continue
      }
      let expected = try IndependentCount.components(in: data)
      #expect(graph.components.count == expected, "\(path)")
      #expect(graph.metadata.inputFormat != nil, "\(path)")
      let ids = Set(graph.components.map(\.id))
      for edge in graph.edges {
        #expect(ids.contains(edge.from) && ids.contains(edge.to), "\(path): \(edge)")
      }
      for root in graph.roots { #expect(ids.contains(root), "\(path)") }
    }
  }

  @Test("a JSON file that is neither CycloneDX nor SPDX is rejected with a clear error")
  func rejectsScanoss() throws {
    let path = "cyclonedx/scanoss-not-cyclonedx/scanoss-sbom-cdx.json"
    let data = try Self.bytes(path)
    #expect(SBOMDecoder.sniff(data) == nil)
    let error = try #require(throws: LineageError.self) { try SBOMDecoder.decode(data, file: path) }
    #expect(error.code == .unrecognizedInput)
    #expect(
      error.message.contains(
        "expected a CycloneDX document (bomFormat) or an SPDX document (spdxVersion)"))
    #expect(error.location?.file == path)
  }

  @Test("the format is recognised from content, not from the file extension")
  func sniffsByContent() throws {
    #expect(
      SBOMDecoder.sniff(try Self.bytes("spdx/grype-mislabeled/grype-sbom-modified.spdx.json"))
        == .spdxTagValue)
    #expect(
      SBOMDecoder.sniff(try Self.bytes("spdx/bitnami-postgresql/.spdx-postgresql.spdx"))
        == .spdxJSON)
    #expect(
      SBOMDecoder.sniff(try Self.bytes("cyclonedx/laravel-7.12.0/bom.1.4.xml")) == .cyclonedxXML)
    #expect(
      SBOMDecoder.sniff(try Self.bytes("cyclonedx/keycloak-10.0.2/bom.json")) == .cyclonedxJSON)
    #expect(SBOMDecoder.sniff(try Self.bytes("spdx/vast/vast-sbom.spdx")) == .spdxTagValue)
    #expect(SBOMDecoder.sniff(Array("hello".utf8)) == nil)
    let grype = try SBOMDecoder.decode(
      try Self.bytes("spdx/grype-mislabeled/grype-sbom-modified.spdx.json"), file: "grype")
    #expect(grype.metadata.inputFormat == "SPDX 2.2 tag-value")
    let bitnami = try SBOMDecoder.decode(
      try Self.bytes("spdx/bitnami-postgresql/.spdx-postgresql.spdx"), file: "bitnami")
    #expect(bitnami.metadata.inputFormat == "SPDX 2.3 JSON")
  }

  @Test("invalid JSON is a syntax error with line and column")
  func invalidJSON() throws {
    let text = "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": 1.5\n  oops\n}"
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(Array(text.utf8), file: "bad.json")
    }
    #expect(error.code == .syntax)
    #expect(error.location?.line == 4)
    #expect(error.location?.column != nil)
  }

  @Test("an unknown CycloneDX specVersion names the supported versions")
  func unsupportedCycloneDXVersion() throws {
    let text = #"{"bomFormat":"CycloneDX","specVersion":"9.9","version":1}"#
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(Array(text.utf8), file: "future.json")
    }
    #expect(error.code == .unsupportedVersion)
    #expect(error.message.contains("1.2 to 1.7"))
  }

  @Test("an unknown SPDX version is refused")
  func unsupportedSPDXVersion() throws {
    let text = #"{"spdxVersion":"SPDX-1.2","SPDXID":"SPDXRef-DOCUMENT"}"#
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(Array(text.utf8), file: "old.json")
    }
    #expect(error.code == .unsupportedVersion)
  }

  @Test("empty input and plain text are unrecognised")
  func emptyInput() throws {
    for text in ["", "   \n", "just some words\n"] {
      let error = try #require(throws: LineageError.self) {
        try SBOMDecoder.decode(Array(text.utf8), file: "x")
      }
      #expect(error.code == .unrecognizedInput)
    }
  }
}

/// Counts components the simple way, with Foundation's own parsers, to check the decoders:
/// SPDX `packages` entries (or `PackageName:` lines); CycloneDX `components` entries counted
/// recursively through nested `components`, plus `metadata.component` and its nested ones.
enum IndependentCount {
  static func components(in data: [UInt8]) throws -> Int {
    let text = String(decoding: data, as: UTF8.self)
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("{") {
      let object = try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any] ?? [:]
      if let packages = object["packages"] as? [Any] { return packages.count }
      var n = recursive(object["components"] as? [[String: Any]] ?? [])
      if let root = (object["metadata"] as? [String: Any])?["component"] as? [String: Any] {
        n += 1 + recursive(root["components"] as? [[String: Any]] ?? [])
      }
      return n
    }
    if trimmed.hasPrefix("<") {
      let document = try XMLDocument(data: Data(data))
      guard let bom = document.rootElement() else { return 0 }
      var n = 0
      for child in bom.children ?? [] {
        guard let element = child as? XMLElement else { continue }
        if element.localName == "components" { n += xmlRecursive(element) }
        if element.localName == "metadata" {
          for c in element.children ?? [] where (c as? XMLElement)?.localName == "component" {
            n += 1
            for cc in c.children ?? [] where (cc as? XMLElement)?.localName == "components" {
              n += xmlRecursive(cc)
            }
          }
        }
      }
      return n
    }
    return text.split(separator: "\n").filter { $0.hasPrefix("PackageName:") }.count
  }

  static func recursive(_ components: [[String: Any]]) -> Int {
    components.reduce(0) { $0 + 1 + recursive($1["components"] as? [[String: Any]] ?? []) }
  }

  static func xmlRecursive(_ components: XMLNode) -> Int {
    var n = 0
    for child in components.children ?? [] where (child as? XMLElement)?.localName == "component" {
      n += 1
      for cc in child.children ?? [] where (cc as? XMLElement)?.localName == "components" {
        n += xmlRecursive(cc)
      }
    }
    return n
  }
}
