import Foundation
import SBOMModel

/// A sorted, one-line-per-fact text dump of a graph, for resolver goldens:
///
///     root lineage@0.1.0 pkg:swift/github.com/acme/lineage@0.1.0
///     component swift-nio@2.62.0 pkg:swift/github.com/apple/swift-nio@2.62.0 origin=git:https://github.com/apple/swift-nio@abc… scope=required
///     edge lineage@0.1.0 [depends-on] swift-nio@2.62.0 (from: "2.0.0")
///     edges-complete false
public enum GraphDump {
  public static func text(_ graph: Graph) -> String {
    func label(_ id: ComponentID) -> String {
      guard let c = graph[id] else { return id.rawValue }
      return "\(c.displayName)@\(c.version ?? "-")"
    }
    var lines: [String] = []
    for root in graph.roots {
      lines.append("root \(label(root)) \(graph[root]?.purl?.description ?? "-")")
    }
    for c in graph.components {
      var line = "component \(label(c.id)) \(c.purl?.description ?? "-") origin=\(origin(c.origin))"
      line += " scope=\(c.scope.rawValue)"
      if !c.hashes.isEmpty {
        line +=
          " hashes="
          + c.hashes.sorted().map { "\($0.algorithm.rawValue):\($0.value.prefix(16))" }.joined(
            separator: ",")
      }
      if let l = c.declaredLicense { line += " license=\(l)" }
      if let s = c.supplier { line += " supplier=\(s.name)" }
      lines.append(line)
    }
    for e in graph.edges {
      var line = "edge \(label(e.from)) [\(e.kind.rawValue)] \(label(e.to))"
      if let r = e.requirement { line += " (\(r))" }
      if let g = e.alternativeGroup { line += " alt=\(g)" }
      lines.append(line)
    }
    lines.append("edges-complete \(graph.edgesComplete)")
    return lines.sorted().joined(separator: "\n") + "\n"
  }

  static func origin(_ o: Origin) -> String {
    switch o {
    case .registry(let url): "registry:\(url)"
    case .git(let url, let rev, let ref):
      "git:\(url)@\(rev ?? "-")"
        + (ref.map { r in
          switch r {
          case .tag(let t): " tag=\(t)"
          case .branch(let b): " branch=\(b)"
          }
        } ?? "")
    case .path(let p): "path:\(p)"
    case .download(let u): "download:\(u)"
    case .distribution(let d):
      "distribution:\(d.vendor)/\(d.release ?? "-")"
        + (d.archive.map {
          " archive=\($0.origin ?? "-")/\($0.suite ?? "-")/\($0.component ?? "-")"
        } ?? "")
    case .unknown: "unknown"
    }
  }
}

/// Compares text with a golden file under `Fixtures/`. With `UPDATE_GOLDENS=1` it rewrites the
/// golden and fails, so that every change to a golden is looked at before it is committed.
public enum Golden {
  public struct Mismatch: Error, CustomStringConvertible {
    public var description: String
  }

  public static func check(_ actual: String, against relativePath: String) throws {
    let url = TestPaths.fixtures.appendingPathComponent(relativePath)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      throw Mismatch(
        description: "golden \(relativePath) rewritten (UPDATE_GOLDENS=1): review it and rerun")
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      throw Mismatch(description: "golden \(relativePath) missing: run with UPDATE_GOLDENS=1")
    }
    if expected != actual {
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      var firstDiff = 0
      while firstDiff < min(e.count, a.count), e[firstDiff] == a[firstDiff] { firstDiff += 1 }
      let exp = firstDiff < e.count ? String(e[firstDiff]) : "<end>"
      let act = firstDiff < a.count ? String(a[firstDiff]) : "<end>"
      throw Mismatch(
        description:
          "golden \(relativePath) differs at line \(firstDiff + 1):\n  expected: \(exp)\n  actual:   \(act)"
      )
    }
  }
}
