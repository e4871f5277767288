import Foundation
import SBOMFormats
import SBOMModel
import SBOMResolvers
import SBOMTestSupport
import Testing

/// Every corpus `Package.resolved` (MANIFEST kinds `swiftpm`, `pairs:swiftpm`), resolved and
/// written as CycloneDX JSON and SPDX JSON, must pass the validators. A bare Package.resolved
/// outside a git checkout says nothing about the root project's version or supplier, which NTIA
/// requires, so the scan gives them the way a user would (`--source-version`, `--supplier`).
@Suite("SwiftPM corpus encoding")
struct SwiftPMCorpusEncodingTests {
  @Test("every corpus Package.resolved encodes to valid, NTIA-conformant CycloneDX and SPDX JSON")
  func corpusValidates() throws {
    let paths = try TestPaths.corpusFiles { $0 == "swiftpm" || $0 == "pairs:swiftpm" }.filter {
      FileManager.default.fileExists(atPath: TestPaths.corpus.appendingPathComponent($0).path)
    }
    #expect(!paths.isEmpty)
    let dir = try EncodingHelpers.temporaryDirectory("swiftpm-corpus")
    var documents: [(String, [UInt8])] = []
    for (i, path) in paths.enumerated() {
      let url = TestPaths.corpus.appendingPathComponent(path)
      let source = try DirectorySource(
        root: url.deletingLastPathComponent().path,
        displayRoot: (path as NSString).deletingLastPathComponent)
      let graph = try Scanner.scan(
        source: source, file: url.lastPathComponent,
        options: ScanOptions(sourceVersion: "1.0.0", supplier: "Example Org"))
      for format in ["cyclonedx-json", "spdx-json"] {
        let id = try FormatID(name: format)
        documents.append(
          (
            "\(i)-\(format).\(EncodingHelpers.fileExtension(id))",
            try EncodingHelpers.encode(graph, as: id)
          ))
      }
    }
    let files = try EncodingHelpers.write(documents, into: dir)
    let results = try Validators.validate(files)
    #expect(results.count == files.count)
    for result in results where !result.ok {
      let index =
        Int(result.file.split(separator: "/").last?.split(separator: "-").first ?? "") ?? -1
      let input = paths.indices.contains(index) ? paths[index] : "?"
      Issue.record("\(input) → \(result.file):\n\(result.summary)")
    }
  }
}
