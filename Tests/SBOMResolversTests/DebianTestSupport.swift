import Foundation
import SBOMModel
import SBOMTestSupport

@testable import SBOMResolvers

/// Helpers shared by the Debian resolver tests: scanning fixture and corpus paths, and
/// building temporary root filesystems around flat corpus status files.
enum DebianTestSupport {
  static var fixtures: URL { TestPaths.fixtures.appendingPathComponent("debian") }

  /// Scans a directory the way `lineage scan DIR` does.
  static func scanDirectory(_ url: URL, options: ScanOptions = ScanOptions()) throws -> Graph {
    let source = try DirectorySource(root: url.path, displayRoot: url.lastPathComponent)
    return try Scanner.scan(source: source, options: options)
  }

  /// Scans a single file the way `lineage scan FILE` does (recognised by content).
  static func scanFile(_ url: URL, options: ScanOptions = ScanOptions()) throws -> Graph {
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path,
      displayRoot: url.deletingLastPathComponent().lastPathComponent)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }

  /// A temporary root filesystem holding `status` at `var/lib/dpkg/status` and, when given,
  /// an os-release. The caller removes it.
  static func makeRootFS(status: URL, osRelease: String?) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-debian-\(UUID().uuidString)")
    let dpkg = root.appendingPathComponent("var/lib/dpkg")
    try FileManager.default.createDirectory(at: dpkg, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: status, to: dpkg.appendingPathComponent("status"))
    if let osRelease {
      let etc = root.appendingPathComponent("etc")
      try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
      try osRelease.write(
        to: etc.appendingPathComponent("os-release"), atomically: true, encoding: .utf8)
    }
    return root
  }

  /// Installed packages counted straight from the text, independently of the parser: paragraphs
  /// (split at empty lines) with a `Status: install ok installed` line, as `name arch` pairs.
  static func installedParagraphs(_ text: String) -> [String] {
    var result: [String] = []
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
    for paragraph in normalized.components(separatedBy: "\n\n") {
      let lines = paragraph.components(separatedBy: "\n")
      guard
        lines.contains("Status: install ok installed")
          || lines.contains("Status: hold ok installed")
      else { continue }
      let name = lines.first { $0.hasPrefix("Package: ") }?.dropFirst(9) ?? ""
      let arch = lines.first { $0.hasPrefix("Architecture: ") }?.dropFirst(14) ?? ""
      result.append("\(name) \(arch)")
    }
    return result.sorted()
  }

  /// The graph's packages as `name arch` pairs.
  static func componentPairs(_ graph: Graph) -> [String] {
    graph.packages.map { "\($0.name) \($0.property("lineage:deb:architecture") ?? "")" }.sorted()
  }

  /// Edges between packages (the OS root's edges left out) as `from -> to` name pairs.
  static func edgeNamePairs(_ graph: Graph) -> Set<String> {
    let roots = Set(graph.roots)
    var pairs: Set<String> = []
    for edge in graph.edges where !roots.contains(edge.from) {
      guard let from = graph[edge.from], let to = graph[edge.to] else { continue }
      pairs.insert("\(from.name) -> \(to.name)")
    }
    return pairs
  }
}
