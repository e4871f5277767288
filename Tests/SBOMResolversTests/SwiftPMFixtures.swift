import Foundation
import SBOMModel
import SBOMResolvers
import SBOMTestSupport

/// SwiftPM fixtures as scan roots. A directory named `.git` cannot be committed inside a git
/// repository (and `.build`, `.swiftpm` are ignored), so fixtures store them as `dot-git`,
/// `dot-build`, `dot-swiftpm`; `materialize` copies a fixture to a temporary directory of the
/// same name, renaming them back.
enum SwiftPMFixtures {
  static var directory: URL { TestPaths.fixtures.appendingPathComponent("swiftpm") }

  /// A fresh copy of `Fixtures/swiftpm/<name>` with its `dot-*` directories renamed.
  static func materialize(_ name: String) throws -> URL {
    let fm = FileManager.default
    let base = fm.temporaryDirectory.appendingPathComponent("lineage-swiftpm-\(UUID().uuidString)")
    let target = base.appendingPathComponent(name)
    try fm.createDirectory(at: base, withIntermediateDirectories: true)
    try fm.copyItem(at: directory.appendingPathComponent(name), to: target)
    try renameDotDirectories(in: target)
    return target
  }

  private static func renameDotDirectories(in url: URL) throws {
    let fm = FileManager.default
    for entry in try fm.contentsOfDirectory(atPath: url.path) {
      var child = url.appendingPathComponent(entry)
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: child.path, isDirectory: &isDir), isDir.boolValue else {
        continue
      }
      if entry.hasPrefix("dot-") {
        let renamed = url.appendingPathComponent("." + entry.dropFirst(4))
        try fm.moveItem(at: child, to: renamed)
        child = renamed
      }
      try renameDotDirectories(in: child)
    }
  }

  /// Scans a materialised fixture directory the way `lineage scan <dir>` does, naming the root
  /// by the fixture so messages and goldens do not depend on the temporary path.
  static func scan(_ name: String, options: ScanOptions = ScanOptions()) throws -> Graph {
    let root = try materialize(name)
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
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
