import Foundation
import SBOMModel
import SBOMTestSupport

@testable import SBOMResolvers

/// Resolves a fixture lockfile through the scanner, as `lineage scan <file>` would.
enum NodeFixtures {
  static func scan(_ relative: String, options: ScanOptions = ScanOptions()) throws -> Graph {
    let url = TestPaths.fixtures.appendingPathComponent(relative)
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path, displayRoot: "fixture")
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }

  /// `name@version` of every component that is not a root.
  static func labels(_ graph: Graph) -> [String] {
    graph.packages.map { "\($0.displayName)@\($0.version ?? "-")" }.sorted()
  }

  static func component(_ graph: Graph, _ label: String) -> Component? {
    graph.components.first { "\($0.displayName)@\($0.version ?? "-")" == label }
  }
}
