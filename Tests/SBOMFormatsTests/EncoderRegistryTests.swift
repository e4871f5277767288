import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("Encoder registry")
struct EncoderRegistryTests {
  @Test("every writable format and version has an encoder")
  func everyFormatHasAnEncoder() throws {
    for format in EncodingHelpers.allFormats {
      _ = try Encoders.encoder(for: format)
    }
  }

  @Test("every sample graph in every format and version passes the official validators")
  func allOutputsValidate() throws {
    let dir = try EncodingHelpers.temporaryDirectory("validate")
    var documents: [(String, [UInt8])] = []
    for (name, graph) in try SampleGraphs.all() {
      for format in EncodingHelpers.allFormats {
        let file =
          "\(name)-\(format.name)-\(format.version).\(EncodingHelpers.fileExtension(format))"
        documents.append((file, try EncodingHelpers.encode(graph, as: format)))
      }
    }
    let files = try EncodingHelpers.write(documents, into: dir)
    let results = try Validators.validate(files)
    #expect(results.count == files.count)
    for result in results where !result.ok {
      Issue.record("\(result.file):\n\(result.summary)")
    }
  }

  @Test("encoding the same graph twice gives identical bytes")
  func deterministic() throws {
    for (_, graph) in try SampleGraphs.all() {
      for format in EncodingHelpers.allFormats {
        let a = try EncodingHelpers.encode(graph, as: format)
        let b = try EncodingHelpers.encode(graph, as: format)
        #expect(a == b, "\(format) is not deterministic")
      }
    }
  }

  @Test("a graph built in another insertion order encodes to the same bytes")
  func insertionOrderDoesNotMatter() throws {
    let graph = try SampleGraphs.npm()
    let reversed = Graph(
      components: graph.components.reversed(), edges: graph.edges.reversed(), roots: graph.roots,
      edgesComplete: graph.edgesComplete)
    for format in EncodingHelpers.allFormats {
      #expect(
        try EncodingHelpers.encode(graph, as: format)
          == EncodingHelpers.encode(reversed, as: format), "\(format)")
    }
  }

  @Test("another timestamp changes only the timestamp and the identifiers derived from it")
  func timestampChangesOnlyTimeAndIdentity() throws {
    let graph = try SampleGraphs.swiftPM()
    let later = EncodingContext(timestamp: Timestamp(secondsSinceEpoch: 1_800_000_000))
    for format in EncodingHelpers.allFormats {
      let a = try EncodingHelpers.text(graph, as: format).split(separator: "\n")
      let b = try EncodingHelpers.text(graph, as: format, context: later).split(separator: "\n")
      #expect(a.count == b.count)
      for (x, y) in zip(a, b) where x != y {
        let allowed =
          x.contains("2023-11-14T22:13:20Z") || x.contains("urn:uuid:")
          || x.contains("lineage.invalid/spdxdocs/")
        #expect(allowed, "\(format): unexpected change \(x) → \(y)")
      }
    }
  }

  @Test("an unknown version is refused with a usage error")
  func unknownVersion() {
    #expect(throws: LineageError.self) {
      try Encoders.encoder(for: FormatID(family: .cyclonedx, encoding: .json, version: "1.3"))
    }
  }
}
