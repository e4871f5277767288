import Foundation
import LineageJSON
import SBOMModel
import SBOMResolvers
import SBOMTestSupport
import Testing

@testable import SBOMFormats

@Suite("CycloneDX JSON component writer")
struct CycloneDXJSONComponentWriterTests {
  /// Every component of `graph` written both ways, in every version: straight from the model,
  /// and through `CycloneDXMapping.component` (which the XML encoder still uses).
  private func bothWays(_ graph: Graph, version: String) throws -> (
    direct: [UInt8], mapped: [UInt8]
  ) {
    let v = try #require(CycloneDXVersion(version))
    let encoder = CycloneDXJSONEncoder(version: v)
    let mapping = CycloneDXMapping(
      graph: graph, context: EncodingHelpers.fixedContext, version: v)
    let roots = Set(graph.roots)
    var direct = JSONStreamWriter()
    var writer = CycloneDXJSONComponentWriter(mapping: mapping, primaryID: graph.roots.first)
    direct.beginArray()
    for c in graph.components {
      writer.write(c, isRoot: roots.contains(c.id), encoder: encoder, to: &direct)
    }
    direct.endArray()
    var mapped = JSONStreamWriter()
    var licenses = SPDXLicenseMapper()
    mapped.beginArray()
    for c in graph.components {
      encoder.write(
        mapping.component(c, isRoot: roots.contains(c.id), licenses: &licenses), to: &mapped)
    }
    mapped.endArray()
    return (direct.finish(), mapped.finish())
  }

  @Test("writing from the model gives the bytes of the mapped component, in every version")
  func sameAsMapping() throws {
    for (name, graph) in try SampleGraphs.all() {
      for version in ["1.4", "1.5", "1.6", "1.7"] {
        let (direct, mapped) = try bothWays(graph, version: version)
        #expect(
          String(decoding: direct, as: UTF8.self) == String(decoding: mapped, as: UTF8.self),
          "\(name) \(version)")
      }
    }
  }

  @Test("every corpus input's components are written as the mapping would write them")
  func corpusSameAsMapping() throws {
    let kinds: Set = ["swiftpm", "debian", "npm", "pnpm", "yarn"]
    let paths = try TestPaths.corpusFiles { kind in
      kinds.contains(kind.hasPrefix("pairs:") ? String(kind.dropFirst(6)) : kind)
    }
    #expect(!paths.isEmpty)
    var compared = 0
    for path in paths {
      let url = TestPaths.corpus.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: url.path),
        let source = try? DirectorySource(
          root: url.deletingLastPathComponent().path,
          displayRoot: (path as NSString).deletingLastPathComponent),
        // Inputs the corpus marks as bad are not encoded at all.
        let graph = try? Scanner.scan(
          source: source, file: url.lastPathComponent, options: ScanOptions())
      else { continue }
      let (direct, mapped) = try bothWays(graph, version: "1.6")
      #expect(direct == mapped, "\(path)")
      compared += 1
    }
    #expect(compared > 0)
  }
}
