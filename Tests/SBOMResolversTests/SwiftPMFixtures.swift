import Foundation
import SBOMModel
import SBOMResolvers
import SBOMTestSupport

/// SwiftPM fixtures as scan roots (`dot-*` directories renamed back by `FixtureTree`).
enum SwiftPMFixtures {
  static var directory: URL { TestPaths.fixtures.appendingPathComponent("swiftpm") }

  /// A fresh copy of `Fixtures/swiftpm/<name>` with its `dot-*` directories renamed.
  static func materialize(_ name: String) throws -> URL {
    try FixtureTree.materialize(directory.appendingPathComponent(name))
  }

  /// Scans a materialised fixture directory the way `lineage scan <dir>` does, naming the root
  /// by the fixture so messages and goldens do not depend on the temporary path.
  static func scan(_ name: String, options: ScanOptions = ScanOptions()) throws -> Graph {
    let root = try materialize(name)
    defer { FixtureTree.remove(root) }
    let source = try DirectorySource(root: root.path, displayRoot: name)
    return try Scanner.scan(source: source, options: options)
  }

  /// Resolves one file of the fixture directory given directly.
  static func resolveFile(_ relativePath: String, options: ScanOptions = ScanOptions()) throws
    -> Graph
  {
    let url = directory.appendingPathComponent(relativePath)
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path,
      displayRoot: (relativePath as NSString).deletingLastPathComponent)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }
}
