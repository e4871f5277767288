import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Compares Lineage's Debian edges with Syft 1.18's on the same root filesystems. `.ci/test`
/// installs Syft (see `Peers`); elsewhere the comparison runs when it is installed. The edge
/// rules themselves are tested without it in `DebianResolverTests`.
@Suite("Debian edges against Syft")
struct DebianSyftComparisonTests {
  static var syft: String? { Peers.syft }

  /// Syft's `dependency-of` relationships as `dependent -> dependency` name pairs, and the
  /// names of the packages it reports.
  static func syftEdges(root: URL) throws -> (edges: Set<String>, names: Set<String>) {
    let output = root.appendingPathComponent("syft.json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: syft ?? "")
    process.arguments = ["scan", "dir:\(root.path)", "-q", "-o", "syft-json=\(output.path)"]
    var environment = ProcessInfo.processInfo.environment
    environment["SYFT_CHECK_FOR_APP_UPDATE"] = "false"
    process.environment = environment
    try process.run()
    process.waitUntilExit()
    let data = try Data(contentsOf: output)
    try? FileManager.default.removeItem(at: output)
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var names: [String: String] = [:]
    for artifact in json["artifacts"] as? [[String: Any]] ?? [] {
      if let id = artifact["id"] as? String, let name = artifact["name"] as? String {
        names[id] = name
      }
    }
    var edges: Set<String> = []
    for relation in json["artifactRelationships"] as? [[String: Any]] ?? [] {
      guard relation["type"] as? String == "dependency-of",
        let parent = (relation["parent"] as? String).flatMap({ names[$0] }),
        let child = (relation["child"] as? String).flatMap({ names[$0] })
      else { continue }
      edges.insert("\(child) -> \(parent)")
    }
    return (edges, Set(names.values))
  }

  @Test(
    "every edge Syft finds between installed packages, Lineage finds too",
    .enabled(if: syft != nil || Peers.required), arguments: DebianCorpusTests.statusFiles)
  func superset(_ path: String) throws {
    guard Self.syft != nil else {
      Issue.record("Syft is not installed (LINEAGE_SYFT): comparison not run")
      return
    }
    let status = TestPaths.corpus.appendingPathComponent(path)
    let root = try DebianTestSupport.makeRootFS(
      status: status, osRelease: "ID=debian\nVERSION_ID=12\n")
    defer { try? FileManager.default.removeItem(at: root) }
    let graph = try DebianTestSupport.scanDirectory(root)
    let ours = DebianTestSupport.edgeNamePairs(graph)
    let installed = Set(graph.packages.map(\.name))
    let theirs = try Self.syftEdges(root: root)
    // Syft also lists packages that are not installed (`deinstall ok config-files`,
    // `install ok unpacked`) and draws edges to them; those edges are wrong, not missed.
    let relevant = theirs.edges.filter { pair in
      let parts = pair.components(separatedBy: " -> ")
      return parts.count == 2 && installed.contains(parts[0]) && installed.contains(parts[1])
    }
    // Syft ignores version constraints, so it draws edges dpkg would not accept. Every edge it
    // has and Lineage lacks must be one of those, checked here from the status file itself:
    // the dependent's relation names the target (or a virtual the target provides) with a
    // version the target does not have (policy §7.5: an unversioned Provides never satisfies a
    // versioned relation).
    let paragraphs = try Self.paragraphs(status)
    var unexplained: [String] = []
    var explained: [String] = []
    for pair in relevant.subtracting(ours).sorted() {
      let parts = pair.components(separatedBy: " -> ")
      if let reason = Self.versionMismatch(from: parts[0], to: parts[1], in: paragraphs) {
        explained.append("\(pair): \(reason)")
      } else {
        unexplained.append(pair)
      }
    }
    #expect(unexplained.isEmpty, "\(path): Syft edges missing: \(unexplained.prefix(20))")
    print(
      "[syft] \(path): syft \(relevant.count) edges, lineage \(ours.count),"
        + " syft-only \(explained.count) \(explained.prefix(4)), lineage-only"
        + " \(ours.subtracting(relevant).count)")
  }

  /// Installed paragraphs by package name.
  static func paragraphs(_ status: URL) throws -> [String: ControlParagraph] {
    let bytes = try [UInt8](Data(contentsOf: status))
    var result: [String: ControlParagraph] = [:]
    for paragraph in DpkgStatusParser.parse(bytes, file: "status").paragraphs {
      guard let name = paragraph["Package"], paragraph["Status"]?.hasSuffix(" installed") == true
      else { continue }
      if result[name] == nil { result[name] = paragraph }
    }
    return result
  }

  /// Why no edge `from → to` exists although a relation of `from` names `to` or what `to`
  /// provides; nil when nothing in the status file explains it.
  static func versionMismatch(from: String, to: String, in paragraphs: [String: ControlParagraph])
    -> String?
  {
    guard let dependent = paragraphs[from], let target = paragraphs[to],
      let version = target["Version"]
    else { return nil }
    var provided: [String: String?] = [:]
    for relation in DebianRelationParser.parse(target["Provides"] ?? "").groups.flatMap({ $0 }) {
      provided.updateValue(relation.constraint?.version, forKey: relation.name)
    }
    let relations = ["Pre-Depends", "Depends"].flatMap {
      DebianRelationParser.parse(dependent[$0] ?? "").groups.flatMap { $0 }
    }
    for relation in relations {
      guard let constraint = relation.constraint else { continue }
      if relation.name == to && !constraint.isSatisfied(by: version) {
        return "needs \(relation), \(to) is \(version)"
      }
      if let providedVersion = provided[relation.name] {
        guard let providedVersion else {
          return "needs \(relation), \(to) provides \(relation.name) without a version"
        }
        if !constraint.isSatisfied(by: providedVersion) {
          return "needs \(relation), \(to) provides \(relation.name) = \(providedVersion)"
        }
      }
    }
    return nil
  }
}
