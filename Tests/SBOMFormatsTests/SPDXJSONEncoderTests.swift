import Foundation
import LineageJSON
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("SPDX 2.3 JSON encoder")
struct SPDXJSONEncoderTests {
  private func document(_ graph: Graph) throws -> JSONValue {
    try JSONReader.parse(EncodingHelpers.encode(graph, as: FormatID(name: "spdx-json")))
  }

  private func relationships(_ doc: JSONValue) -> [String] {
    (doc["relationships"]?.arrayValue ?? []).map {
      "\($0["spdxElementId"]?.stringValue ?? "") \($0["relationshipType"]?.stringValue ?? "") \($0["relatedSpdxElement"]?.stringValue ?? "")"
    }
  }

  private func spdxID(_ doc: JSONValue, name: String, version: String? = nil) -> String {
    (doc["packages"]?.arrayValue ?? []).first {
      $0["name"]?.stringValue == name
        && (version == nil || $0["versionInfo"]?.stringValue == version)
    }?["SPDXID"]?.stringValue ?? "?"
  }

  @Test("the SwiftPM graph as SPDX 2.3 JSON matches its golden byte for byte")
  func golden() throws {
    try Golden.check(
      EncodingHelpers.text(try SampleGraphs.swiftPM(), as: FormatID(name: "spdx-json")),
      against: "goldens/formats/swiftpm.spdx.json")
  }

  @Test("dev and optional edges are written in SPDX's reversed direction")
  func edgeDirections() throws {
    let doc = try document(try SampleGraphs.npm())
    let rels = relationships(doc)
    let root = spdxID(doc, name: "web-app")
    #expect(rels.contains("\(spdxID(doc, name: "@babel/core")) DEV_DEPENDENCY_OF \(root)"))
    #expect(rels.contains("\(spdxID(doc, name: "fsevents")) OPTIONAL_DEPENDENCY_OF \(root)"))
    #expect(rels.contains("\(root) DEPENDS_ON \(spdxID(doc, name: "lodash", version: "4.17.21"))"))
    #expect(rels.contains("\(root) DEPENDS_ON \(spdxID(doc, name: "react"))"))
    #expect(rels.contains("SPDXRef-DOCUMENT DESCRIBES \(root)"))
  }

  @Test("incomplete edges add DEPENDS_ON NOASSERTION; complete leaves get DEPENDS_ON NONE")
  func completeness() throws {
    let swift = try document(try SampleGraphs.swiftPM())
    #expect(relationships(swift).filter { $0.hasSuffix("DEPENDS_ON NOASSERTION") }.count == 4)
    let npm = try document(try SampleGraphs.npm())
    #expect(relationships(npm).contains("\(spdxID(npm, name: "fsevents")) DEPENDS_ON NONE"))
    #expect(!relationships(npm).contains { $0.hasSuffix("NOASSERTION") })
  }

  @Test("every LicenseRef used has an extracted licensing info entry")
  func extractedLicences() throws {
    let doc = try document(try SampleGraphs.debian())
    let declared = (doc["packages"]?.arrayValue ?? []).compactMap {
      $0["licenseDeclared"]?.stringValue
    }
    let refs = Set(
      declared.flatMap { $0.split(separator: " ") }.map(String.init).filter {
        $0.hasPrefix("LicenseRef-")
      })
    let extracted = Set(
      (doc["hasExtractedLicensingInfos"]?.arrayValue ?? []).compactMap {
        $0["licenseId"]?.stringValue
      })
    #expect(!refs.isEmpty)
    #expect(refs == extracted)
    #expect(declared.contains("LicenseRef-base-files OR GPL-2.0-or-later"))
    #expect(declared.contains("GPL-3.0-or-later WITH GCC-exception-3.1"))
  }

  @Test("supplier is an Organization, NOASSERTION only when unknown")
  func supplier() throws {
    let doc = try document(try SampleGraphs.swiftPM())
    let suppliers = (doc["packages"]?.arrayValue ?? []).compactMap { $0["supplier"]?.stringValue }
    #expect(suppliers.contains("Organization: apple"))
    #expect(!suppliers.contains("NOASSERTION"))
  }

  @Test("git origins become git+ download locations pinned to the revision")
  func downloadLocation() throws {
    let doc = try document(try SampleGraphs.swiftPM())
    let locations = (doc["packages"]?.arrayValue ?? []).compactMap {
      $0["downloadLocation"]?.stringValue
    }
    #expect(
      locations.contains(
        "git+https://github.com/apple/swift-nio@cf281631ff10ec6111f2761052aa81896a83a007"))
  }

  @Test("files without SHA-1 are left out and counted; files with SHA-1 get a verification code")
  func files() throws {
    let doc = try document(try SampleGraphs.debian())
    let files = doc["files"]?.arrayValue ?? []
    #expect(files.count == 1)
    let gcc = (doc["packages"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "libgcc-s1" }
    #expect(gcc?["filesAnalyzed"]?.boolValue == true)
    // SHA-1 over the sorted SHA-1 values of the package's files (here one file).
    #expect(
      gcc?["packageVerificationCode"]?["packageVerificationCodeValue"]?.stringValue
        == "10a34637ad661d98ba3344717656fcc76209c2f8")
    let libc = (doc["packages"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "libc6" }
    #expect(libc?["filesAnalyzed"]?.boolValue == false)
    let notes = (libc?["annotations"]?.arrayValue ?? []).compactMap { $0["comment"]?.stringValue }
    #expect(notes.contains("lineage:spdx:files-omitted=2 (no SHA-1 digests)"))
  }

  @Test("the document namespace is a non-resolvable URI derived from content")
  func namespace() throws {
    let a = try document(try SampleGraphs.npm())["documentNamespace"]?.stringValue ?? ""
    #expect(a.hasPrefix("https://lineage.invalid/spdxdocs/web-app-0.3.0-"))
  }

  @Test("streamed in pieces, a large document has the bytes of the one built in memory")
  func streamsTheSameBytes() throws {
    let graph = try SampleGraphs.wide(count: 9000)
    let encoder = try Encoders.encoder(for: FormatID(name: "spdx-json"))
    let whole = try encoder.encode(graph, context: EncodingHelpers.fixedContext)
    var streamed: [UInt8] = []
    var pieces = 0
    try encoder.encode(graph, context: EncodingHelpers.fixedContext) { piece in
      streamed.append(contentsOf: piece)
      pieces += 1
    }
    #expect(streamed == whole)
    #expect(pieces > 1)
  }
}
