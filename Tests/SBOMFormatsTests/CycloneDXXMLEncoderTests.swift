import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("CycloneDX XML encoder")
struct CycloneDXXMLEncoderTests {
  @Test("the Debian graph as CycloneDX 1.6 XML matches its golden byte for byte")
  func golden() throws {
    try Golden.check(
      EncodingHelpers.text(try SampleGraphs.debian(), as: FormatID(name: "cyclonedx-xml")),
      against: "goldens/formats/debian.cdx.xml")
  }

  @Test("markup characters are escaped and the document parses back with the same text")
  func escaping() throws {
    let text = try EncodingHelpers.text(
      try SampleGraphs.tricky(), as: FormatID(name: "cyclonedx-xml"))
    #expect(text.contains("<name>app \"quoted\" &lt;&amp;&gt; 'single'</name>"))
    // The purl is canonical (percent-encoded); a disambiguator keeps its markup, escaped.
    #expect(text.contains("bom-ref=\"pkg:generic/app%20%22quoted%22@1.0\""))
    #expect(
      text.contains(
        "bom-ref=\"pkg:generic/weird@0.1#path with spaces/and#hash &quot;q&quot; &lt;&amp;&gt;\""))
    let names = try XMLTexts.values(of: "name", in: Data(text.utf8))
    #expect(names.contains("app \"quoted\" <&> 'single'"))
    #expect(names.contains("名前 with spaces/and:colons"))
  }

  @Test("each version writes its own namespace")
  func namespaces() throws {
    for version in FormatID.cyclonedxVersions {
      let text = try EncodingHelpers.text(
        try SampleGraphs.swiftPM(), as: FormatID(name: "cyclonedx-xml@\(version)"))
      #expect(text.contains("xmlns=\"http://cyclonedx.org/schema/bom/\(version)\""))
    }
  }

  @Test("files become nested file components carrying their digests")
  func files() throws {
    let text = try EncodingHelpers.text(
      try SampleGraphs.debian(), as: FormatID(name: "cyclonedx-xml"))
    #expect(text.contains("<component type=\"file\""))
    #expect(text.contains("<hash alg=\"MD5\">0123456789abcdef0123456789abcdef</hash>"))
  }
}

/// Collects the text of every element with a given name, through Foundation's XML parser.
final class XMLTexts: NSObject, XMLParserDelegate {
  private let name: String
  private var current: String?
  private(set) var values: [String] = []

  private init(name: String) { self.name = name }

  static func values(of name: String, in data: Data) throws -> [String] {
    let collector = XMLTexts(name: name)
    let parser = XMLParser(data: data)
    parser.delegate = collector
    guard parser.parse() else {
      throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
    }
    return collector.values
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if elementName == name { current = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    current? += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    if elementName == name, let c = current { values.append(c) }
    current = nil
  }
}
