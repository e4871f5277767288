import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("Hostile XML")
struct HostileXMLTests {
  static func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("hostile/\(relative)")))
  }

  @Test("an element name that is not UTF-8 is a syntax error, not a crash in FoundationXML")
  func invalidUTF8Name() throws {
    // Found by the FuzzSBOMDecoder libFuzzer target: XMLParser traps on such names.
    let input = try Self.bytes("xml-invalid-utf8-name/bom.xml")
    #expect(throws: LineageError.self) { try SBOMDecoder.decode(input, file: "bom.xml") }
  }

  @Test("external entities and entity expansion are refused before parsing")
  func entities() throws {
    for name in ["xml-external-entity/bom.xml", "xml-entity-expansion/bom.xml"] {
      let input = try Self.bytes(name)
      #expect(throws: LineageError.self) { try SBOMDecoder.decode(input, file: name) }
    }
  }
}
