import Foundation
import LineageJSON
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMFormats

@Suite("CycloneDX JSON encoder")
struct CycloneDXJSONEncoderTests {
  private func document(_ graph: Graph, _ format: String = "cyclonedx-json") throws -> JSONValue {
    try JSONReader.parse(EncodingHelpers.encode(graph, as: FormatID(name: format)))
  }

  @Test("the npm graph as CycloneDX 1.6 JSON matches its golden byte for byte")
  func golden() throws {
    try Golden.check(
      EncodingHelpers.text(try SampleGraphs.npm(), as: FormatID(name: "cyclonedx-json")),
      against: "goldens/formats/npm.cdx.json")
  }

  @Test("every component has a dependencies entry, even with nothing to depend on")
  func everyComponentHasDependencies() throws {
    let graph = try SampleGraphs.npm()
    let doc = try document(graph)
    let refs = (doc["dependencies"]?.arrayValue ?? []).compactMap { $0["ref"]?.stringValue }
    #expect(refs == graph.components.map(\.id.rawValue))
  }

  @Test("incomplete edges become an incomplete composition, complete ones a complete one")
  func compositions() throws {
    let incomplete = try document(try SampleGraphs.swiftPM())
    #expect(
      incomplete["compositions"]?.arrayValue?.first?["aggregate"]?.stringValue == "incomplete")
    let complete = try document(try SampleGraphs.npm())
    #expect(complete["compositions"]?.arrayValue?.first?["aggregate"]?.stringValue == "complete")
  }

  @Test("the primary root is metadata.component and not repeated in components")
  func primaryRoot() throws {
    let graph = try SampleGraphs.npm()
    let doc = try document(graph)
    let root = graph.roots[0].rawValue
    #expect(doc["metadata"]?["component"]?["bom-ref"]?.stringValue == root)
    let refs = (doc["components"]?.arrayValue ?? []).compactMap { $0["bom-ref"]?.stringValue }
    #expect(!refs.contains(root))
  }

  @Test("dev scope is excluded with the exact scope kept as a property")
  func devScope() throws {
    let doc = try document(try SampleGraphs.npm())
    let core = (doc["components"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "core" }
    #expect(core?["scope"]?.stringValue == "excluded")
    #expect(core?["group"]?.stringValue == "@babel")
    let props = (core?["properties"]?.arrayValue ?? []).map {
      "\($0["name"]?.stringValue ?? "")=\($0["value"]?.stringValue ?? "")"
    }
    #expect(props.contains("lineage:scope=dev"))
  }

  @Test("1.4 writes tools as an array and no lifecycles; 1.5 and later write tool components")
  func versionDifferences() throws {
    let graph = try SampleGraphs.swiftPM()
    let old = try document(graph, "cyclonedx-json@1.4")
    #expect(old["metadata"]?["tools"]?.arrayValue?.count == 1)
    #expect(old["metadata"]?["lifecycles"] == nil)
    for version in ["1.5", "1.6", "1.7"] {
      let doc = try document(graph, "cyclonedx-json@\(version)")
      #expect(doc["specVersion"]?.stringValue == version)
      #expect(doc["metadata"]?["tools"]?["components"]?.arrayValue?.count == 1)
      #expect(
        doc["metadata"]?["lifecycles"]?.arrayValue?.first?["phase"]?.stringValue == "pre-build")
    }
  }

  @Test("the serial number is a version 5 style UUID URN derived from content")
  func serialNumber() throws {
    let a = try document(try SampleGraphs.npm())["serialNumber"]?.stringValue ?? ""
    let b = try document(try SampleGraphs.debian())["serialNumber"]?.stringValue ?? ""
    #expect(a.hasPrefix("urn:uuid:") && a.count == 45)
    #expect(Array(a)[23] == "5")
    #expect(a != b)
  }

  @Test("git origins become vcs references with the revision in the comment")
  func gitOrigin() throws {
    let doc = try document(try SampleGraphs.swiftPM())
    let nio = (doc["components"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "swift-nio" }
    let ref = nio?["externalReferences"]?.arrayValue?.first
    #expect(ref?["type"]?.stringValue == "vcs")
    #expect(ref?["url"]?.stringValue == "https://github.com/apple/swift-nio")
    #expect(
      ref?["comment"]?.stringValue
        == "revision=cf281631ff10ec6111f2761052aa81896a83a007; tag=2.62.0")
  }

  @Test("streamed in pieces, a large document has the bytes of the one built in memory")
  func streamsTheSameBytes() throws {
    let graph = try SampleGraphs.wide(count: 9000)
    let encoder = try Encoders.encoder(for: FormatID(name: "cyclonedx-json"))
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

  @Test(
    "components are split into consecutive pairs of runs, the worker's a quarter of this thread's")
  func componentRuns() {
    for count in [0, 1999] {
      let runs = CycloneDXJSONEncoder.runs(count)
      #expect(runs.count == 1 && runs[0].own == 0..<count && runs[0].worker == nil)
    }
    for count in [2000, 2001, 5120, 5121, 10_001, 100_000] {
      let runs = CycloneDXJSONEncoder.runs(count)
      let ranges = runs.flatMap { [$0.own] + ($0.worker.map { [$0] } ?? []) }
      #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count, "\(count)")
      #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
      for run in runs {
        let worker = run.worker?.count ?? 0
        #expect(run.own.count + worker <= 5120, "\(count)")
        #expect(abs(run.own.count - 4 * worker) <= 5, "\(count): \(run)")
      }
    }
  }
}
