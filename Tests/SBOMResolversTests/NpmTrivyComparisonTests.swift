import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Trivy 0.59 (`--include-dev-deps`) as a second opinion on package-lock v2/v3 edges: every
/// exact edge it finds must be among ours. `.ci/test` installs Trivy (see `Peers`); elsewhere the
/// comparison runs when it is installed.
@Suite("npm edges compared with Trivy")
struct NpmTrivyComparisonTests {
  static var trivy: String { Peers.trivy ?? "trivy" }
  static var available: Bool { Peers.trivy != nil }

  /// `from -> to` edges as `name@version` labels, the root project as `ROOT`.
  static func trivyEdges(lockfile: URL) throws -> Set<String> {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-trivy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: lockfile, to: dir.appendingPathComponent("package-lock.json"))
    // Output and cache live beside the scanned folder, not in it, so Trivy scans the lockfile alone.
    let scratch = dir.appendingPathExtension("out")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("trivy.cdx.json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: trivy)
    process.arguments = [
      "fs", "--scanners", "license", "--offline-scan", "--include-dev-deps", "--quiet",
      "--cache-dir", scratch.appendingPathComponent("cache").path,
      "--format", "cyclonedx", "--output", output.path, dir.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let data = try Data(contentsOf: output)
    let bom = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var labels: [String: String] = [:]
    if let meta = (bom["metadata"] as? [String: Any])?["component"] as? [String: Any],
      let ref = meta["bom-ref"] as? String
    {
      labels[ref] = "META"
    }
    for c in bom["components"] as? [[String: Any]] ?? [] {
      guard let ref = c["bom-ref"] as? String else { continue }
      if c["type"] as? String == "application" {
        labels[ref] = "ROOT"
      } else {
        let group = (c["group"] as? String).map { $0 + "/" } ?? ""
        labels[ref] =
          "\(group)\(c["name"] as? String ?? "")@\(c["version"] as? String ?? "")".lowercased()
      }
    }
    var edges = Set<String>()
    for d in bom["dependencies"] as? [[String: Any]] ?? [] {
      guard let from = (d["ref"] as? String).flatMap({ labels[$0] }), from != "META" else {
        continue
      }
      for to in d["dependsOn"] as? [String] ?? [] {
        edges.insert("\(from) -> \(labels[to] ?? to)")
      }
    }
    return edges
  }

  static func ourEdges(_ graph: Graph) -> Set<String> {
    func label(_ id: ComponentID) -> String {
      // Trivy lowercases names (`JSONStream` → `jsonstream`).
      graph.roots.first == id ? "ROOT" : npmLabel(graph, id).lowercased()
    }
    return Set(graph.edges.map { "\(label($0.from)) -> \(label($0.to))" })
  }

  @Test(
    "every edge Trivy finds in a package-lock v2/v3 is one of ours",
    arguments: NpmCorpusTests.v2v3Paths.filter { $0 != NpmCorpusTests.conflictFile })
  func trivyEdgesAreOurs(path: String) throws {
    guard Self.available else {
      if Peers.required {
        Issue.record("Trivy is not installed (LINEAGE_TRIVY): comparison not run")
      } else {
        withKnownIssue("Trivy is not installed: comparison not run") {
          Issue.record("trivy missing")
        }
      }
      return
    }
    let theirs = try Self.trivyEdges(lockfile: TestPaths.corpus.appendingPathComponent(path))
    let graph = try NpmCorpusTests.scan(path)
    let ours = Self.ourEdges(graph)
    let trivyOnly = theirs.subtracting(ours).sorted()
    // Trivy hangs on the root every package its name@version merging leaves without a parent,
    // and the dependencies of workspaces. Those are Trivy's mistakes when the root declares
    // nothing of that name; we still must reach the package from the root some other way.
    let declared = Set((Self.rootDeclared(path)).map { $0.lowercased() })
    let reachable = Set(Self.reachableLabels(graph))
    var wrong: [String] = []
    var missing: [String] = []
    for edge in trivyOnly {
      let target = String(edge.dropFirst("ROOT -> ".count))
      let name = String(target[..<(target.lastIndex(of: "@") ?? target.endIndex)])
      if edge.hasPrefix("ROOT -> "), !declared.contains(name), reachable.contains(target) {
        wrong.append(edge)
      } else {
        missing.append(edge)
      }
    }
    print(
      "trivy-compare \(path): trivy \(theirs.count) edges, ours \(ours.count), shared "
        + "\(theirs.count - trivyOnly.count), trivy-only \(trivyOnly.count) "
        + "(undeclared root edges \(wrong.count), unexplained \(missing.count))")
    #expect(missing.isEmpty, "\(missing.count) Trivy edges we lack: \(missing.prefix(8))")
  }

  /// Names the lockfile's root entry declares in any dependency section.
  static func rootDeclared(_ path: String) -> [String] {
    guard let data = try? Data(contentsOf: TestPaths.corpus.appendingPathComponent(path)),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let root = (json["packages"] as? [String: Any])?[""] as? [String: Any]
    else { return [] }
    return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
      .flatMap { ((root[$0] as? [String: Any]) ?? [:]).keys }
  }

  static func reachableLabels(_ graph: Graph) -> [String] {
    let adjacency = graph.adjacency()
    var seen = Set(graph.roots)
    var queue = graph.roots
    while let id = queue.popLast() {
      for e in adjacency[id] ?? [] where seen.insert(e.to).inserted { queue.append(e.to) }
    }
    return seen.map { npmLabel(graph, $0).lowercased() }
  }

  @Test("Trivy hangs a nested copy on the root; we link it from the package whose folder holds it")
  func trivyMergesNestedCopies() throws {
    // insomnia: jest-util@26.6.2 sits at node_modules/jest-util and again under ts-jest, where
    // it resolves chalk to the nested node_modules/ts-jest/node_modules/chalk@4.1.1. Trivy
    // merges the two jest-util copies by name@version, loses the nested edge, and reports
    // chalk@4.1.1 as a direct dependency of the root, which declares no chalk at all.
    let path = "npm/insomnia-2022/package-lock.json"
    let graph = try NpmCorpusTests.scan(path)
    let ours = Self.ourEdges(graph)
    #expect(ours.contains("jest-util@26.6.2 -> chalk@4.1.1"))
    #expect(!ours.contains("ROOT -> chalk@4.1.1"))
    #expect(!Self.rootDeclared(path).contains("chalk"))
    // The alias `wrap-ansi-cjs` (npm:wrap-ansi@^7.0.0) is another: Trivy cannot follow it and
    // roots wrap-ansi@7.0.0; @isaacs/cliui is what needs it.
    let jellyfin = Self.ourEdges(try NpmCorpusTests.scan("npm/jellyfin-web/package-lock.json"))
    #expect(jellyfin.contains("@isaacs/cliui@8.0.2 -> wrap-ansi@7.0.0"))
    #expect(!jellyfin.contains("ROOT -> wrap-ansi@7.0.0"))
    // Trivy's own output for this lockfile is not asserted: which of the merged jest-util
    // copies keeps its edges varies from run to run (seen here: `ROOT -> chalk@4.1.1` in some
    // runs, not in others), which is the defect itself — a merge by name@version in map order.
  }
}
