import Foundation
import SBOMModel
import SBOMResolvers
import SBOMTestSupport
import Testing

/// Every `Package.resolved` of the shared corpus (MANIFEST kinds `swiftpm` and
/// `pairs:swiftpm`), read in place.
@Suite("SwiftPM corpus")
struct SwiftPMCorpusTests {
  static let files: [String] =
    (try? TestPaths.corpusFiles { $0 == "swiftpm" || $0 == "pairs:swiftpm" }) ?? []

  static var present: [String] {
    files.filter {
      FileManager.default.fileExists(atPath: TestPaths.corpus.appendingPathComponent($0).path)
    }
  }

  /// Pins counted independently of the resolver, with Foundation's JSON parser.
  static func pinCount(_ url: URL) throws -> Int {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    let pins =
      (object?["pins"] as? [Any]) ?? ((object?["object"] as? [String: Any])?["pins"] as? [Any])
    return pins?.count ?? 0
  }

  @Test("the manifest lists SwiftPM files, and every listed file is present")
  func manifestListsFiles() {
    #expect(!Self.files.isEmpty)
    #expect(!Self.present.isEmpty)
    let missing = Set(Self.files).subtracting(Self.present).sorted()
    if !missing.isEmpty {
      withKnownIssue("corpus files listed in MANIFEST.tsv are absent from ../shared/corpus") {
        Issue.record("missing: \(missing.joined(separator: ", "))")
      }
    }
  }

  @Test(
    "every corpus Package.resolved resolves to one component per pin plus the root",
    arguments: present)
  func resolves(path: String) throws {
    let url = TestPaths.corpus.appendingPathComponent(path)
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path,
      displayRoot: (path as NSString).deletingLastPathComponent)
    let graph = try Scanner.scan(
      source: source, file: url.lastPathComponent, options: ScanOptions())
    let pins = try Self.pinCount(url)
    #expect(graph.components.count == pins + 1)
    #expect(graph.roots.count == 1)
    #expect(graph.primaryRoot?.kind == .application)
    #expect(graph.edges.isEmpty, "a bare Package.resolved says nothing about edges")
    #expect(!graph.edgesComplete)
    if pins == 0 { #expect(graph.diagnostics.count == 1) }
    for component in graph.packages {
      #expect(component.version != nil, "\(component.id)")
      #expect(component.purl?.type == "swift", "\(component.id)")
      #expect(component.supplier != nil, "\(component.id)")
      #expect(component.property("lineage:swift:identity") != nil, "\(component.id)")
      guard case .git(let url, let revision, _) = component.origin else {
        Issue.record("\(component.id): expected a git origin, got \(component.origin)")
        continue
      }
      #expect(url.hasPrefix("https://"), "\(component.id)")
      #expect(revision?.utf8.count == 40, "\(component.id)")
    }
  }

  @Test("a corpus directory holding Package.resolved is found by detect", arguments: present)
  func detects(path: String) throws {
    guard path.hasSuffix("/Package.resolved") else { return }
    let url = TestPaths.corpus.appendingPathComponent(path)
    let source = try DirectorySource(root: url.deletingLastPathComponent().path)
    #expect(SwiftPMResolver().detect(in: source, directory: "") == ["Package.resolved"])
  }
}
