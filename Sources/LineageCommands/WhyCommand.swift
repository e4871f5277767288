import ArgumentParser
import SBOMModel
import SBOMResolvers

struct WhyCommand: EnvironmentCommand {
  static let configuration = CommandConfiguration(
    commandName: "why",
    abstract: "Show why a package is in the build: every chain from a root to it.",
    discussion: """
      NAME matches a component's name (`@babel/core`, `libc6`, `swift-nio`), optionally with \
      @VERSION.

      Examples:
        lineage why . swift-nio
        lineage why package-lock.json debug@2.6.9
      """)

  @Argument(help: "A directory or an input file, as for `lineage scan`.")
  var path: String

  @Argument(help: "The package to explain: NAME or NAME@VERSION.")
  var package: String

  @Option(help: "Show at most this many chains.")
  var limit = 20

  func execute(in environment: CommandEnvironment) throws -> Int32 {
    let graph = try InputLoader(environment: environment).scan(path, options: ScanOptions())
    let targets = graph.components.filter { matches($0) }
    guard !targets.isEmpty else {
      throw LineageError(.usage, "no component named '\(package)' in \(path)")
    }
    var out = ""
    for target in targets {
      out += "\(target.displayName)@\(target.version ?? "-")\n"
      let chains = WhyFinder(graph: graph).chains(to: target.id, limit: limit)
      if chains.isEmpty { out += "  (no path from a root: nothing recorded depends on it)\n" }
      for chain in chains {
        out +=
          "  "
          + chain.map { id in
            graph[id].map { "\($0.displayName)@\($0.version ?? "-")" } ?? id.rawValue
          }.joined(separator: " → ") + "\n"
      }
    }
    environment.writeStdout(Array(out.utf8))
    return ExitCode.success
  }

  private func matches(_ c: Component) -> Bool {
    if c.displayName == package || c.name == package { return true }
    // NAME@VERSION, where NAME may itself start with '@' (npm scopes).
    guard let at = package.lastIndex(of: "@"), at != package.startIndex else { return false }
    let name = String(package[..<at])
    let version = String(package[package.index(after: at)...])
    return (c.displayName == name || c.name == name) && c.version == version
  }
}

/// Finds simple paths from the roots to a component, shortest first.
struct WhyFinder {
  var graph: Graph

  func chains(to target: ComponentID, limit: Int) -> [[ComponentID]] {
    // Walk backwards from the target over reversed edges (breadth first), so the shortest
    // chains come first and the search never explores parts of the graph that cannot reach it.
    var parents: [ComponentID: [ComponentID]] = [:]
    for edge in graph.edges { parents[edge.to, default: []].append(edge.from) }
    let roots = Set(graph.roots)
    var results: [[ComponentID]] = []
    var queue: [[ComponentID]] = [[target]]
    var head = 0
    while head < queue.count, results.count < limit, queue.count < 100_000 {
      let path = queue[head]
      head += 1
      guard let first = path.first else { continue }
      if roots.contains(first) {
        results.append(path)
        continue
      }
      for parent in parents[first] ?? [] where !path.contains(parent) {
        queue.append([parent] + path)
      }
    }
    return results
  }
}
