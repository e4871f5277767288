import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMFormats

@Suite("CycloneDXXMLDecoder")
struct CycloneDXXMLDecoderTests {
  static func fixture(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.fixtures.appendingPathComponent(path)))
  }

  @Test("components, nested components, tools, dependencies and compositions are read")
  func nested() throws {
    let graph = try SBOMDecoder.decode(
      try Self.fixture("sboms/cyclonedx-1.6-nested.xml"), file: "nested.xml")
    #expect(graph.metadata.inputFormat == "CycloneDX 1.6 XML")
    #expect(graph.metadata.generators == ["acme/bomtool 2.1"])
    #expect(graph.metadata.created == "2024-01-02T03:04:05Z")
    #expect(graph.components.map(\.name).sorted() == ["app", "bundled", "dev-tool", "left-pad"])
    #expect(graph.primaryRoot?.name == "app")
    #expect(graph.edgesComplete == false)
    let byName = Dictionary(uniqueKeysWithValues: graph.components.map { ($0.name, $0) })
    let leftPad = try #require(byName["left-pad"])
    #expect(leftPad.scope == .optional)
    #expect(leftPad.hashes == [Hash(.sha512, "abcdef")])
    #expect(leftPad.concludedLicense?.description == "MIT")
    #expect(leftPad.declaredLicense == nil)
    #expect(
      leftPad.supplier
        == Supplier(
          name: "Left Pad Org", email: "ops@left-pad.example", url: "https://left-pad.example"))
    #expect(
      leftPad.origin == .registry(url: "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"))
    #expect(leftPad.property("cdx:npm:package:path") == "node_modules/left-pad")
    let bundled = try #require(byName["bundled"])
    #expect(bundled.declaredLicense?.description == "Apache-2.0 OR MIT")
    #expect(
      bundled.origin
        == .git(
          url: "https://github.com/acme/bundled",
          revision: "0123456789abcdef0123456789abcdef01234567", reference: nil))
    let devTool = try #require(byName["dev-tool"])
    #expect(devTool.scope == .dev)
    #expect(devTool.declaredLicense?.description == "LicenseRef-Some-Custom-Licence")
    let edges = graph.edges.map { "\(graph[$0.from]?.name ?? "?")->\(graph[$0.to]?.name ?? "?")" }
    #expect(edges.sorted() == ["app->dev-tool", "app->left-pad", "left-pad->bundled"])
    #expect(graph.diagnostics.contains { $0.message.contains("'ghost'") })
  }

  @Test("the XML twin of a JSON document decodes to the same components and edges")
  func xmlJSONTwins() throws {
    let xmlPath = "cyclonedx/juice-shop-npm-xml/bom.1.6.xml"
    let jsonPath = "pairs/juice-shop-cdx-1.2-to-1.6/new/bom.1.6.json"
    let xml = try SBOMDecoder.decode(
      Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(xmlPath))), file: xmlPath)
    let json = try SBOMDecoder.decode(
      Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(jsonPath))), file: jsonPath
    )
    #expect(xml.components.count == json.components.count)
    #expect(xml.components == json.components)
    #expect(xml.edges == json.edges)
    #expect(xml.roots == json.roots)
  }

  @Test("a document with a DTD is refused before parsing")
  func refusesDTD() throws {
    for name in ["xml-external-entity", "xml-entity-expansion"] {
      let error = try #require(throws: LineageError.self) {
        try SBOMDecoder.decode(try Self.fixture("hostile/\(name)/bom.xml"), file: "bom.xml")
      }
      #expect(error.code == .syntax)
      #expect(error.message.contains("DTDs are not allowed in CycloneDX"))
      #expect(error.location?.line == 2)
    }
  }

  @Test("the XML parser itself does not read an external entity")
  func parserIgnoresExternalEntities() throws {
    let bytes = try Self.fixture("hostile/xml-external-entity/bom.xml")
    let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:"
    let firstLine = String(passwd.split(separator: "\n").first ?? "root:")
    do {
      let bom = try CycloneDXXMLDecoder.parse(bytes, file: "bom.xml")
      let names = bom.components.compactMap(\.name)
      #expect(!names.contains { $0.contains(firstLine) || $0.contains("root:") })
    } catch let error as LineageError {
      #expect(!error.message.contains(firstLine))
    }
  }

  @Test("exponential entity expansion in the parser itself stays bounded in time and size")
  func parserBoundsEntityExpansion() throws {
    let bytes = try Self.fixture("hostile/xml-entity-expansion/bom.xml")
    let clock = ContinuousClock()
    let start = clock.now
    var longest = 0
    do {
      let bom = try CycloneDXXMLDecoder.parse(bytes, file: "bom.xml")
      longest = bom.components.map { $0.name?.utf8.count ?? 0 }.max() ?? 0
    } catch is LineageError {}
    #expect(clock.now - start < .seconds(5))
    // Fully expanded, the name would be 3 × 10^9 bytes.
    #expect(longest < 10_000_000)
  }

  @Test("a root element that is not a CycloneDX bom is unrecognised")
  func notABOM() throws {
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(try Self.fixture("sboms/cyclonedx-1.3-not-a-bom.xml"), file: "pom.xml")
    }
    #expect(error.code == .unrecognizedInput)
  }

  @Test("the spec version comes from the namespace, and unknown ones are refused")
  func namespaceVersion() throws {
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(try Self.fixture("sboms/cyclonedx-9.9.xml"), file: "future.xml")
    }
    #expect(error.code == .unsupportedVersion)
    #expect(error.message.contains("1.2 to 1.7"))
  }

  @Test("malformed XML is a syntax error with a line number")
  func truncated() throws {
    let error = try #require(throws: LineageError.self) {
      try SBOMDecoder.decode(try Self.fixture("sboms/cyclonedx-1.5-truncated.xml"), file: "t.xml")
    }
    #expect(error.code == .syntax)
    #expect(error.location?.line != nil)
  }
}
