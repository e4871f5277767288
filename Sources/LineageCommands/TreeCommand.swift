import ArgumentParser
import SBOMModel
import SBOMResolvers

struct TreeCommand: EnvironmentCommand {
  static let configuration = CommandConfiguration(
    commandName: "tree",
    abstract: "Print the dependency tree of a project, lockfile or root filesystem.",
    discussion: """
      Each component appears once in full; a repeat is marked (*) and not expanded again.

      Examples:
        lineage tree .
        lineage tree package-lock.json --depth 2
      """)

  @Argument(help: "A directory or an input file, as for `lineage scan`.")
  var path: String

  @Option(help: "Stop after this many levels below the roots.")
  var depth: Int?

  @Flag(help: "Leave out dev dependencies and what only they pull in.")
  var excludeDev = false

  func execute(in environment: CommandEnvironment) throws -> Int32 {
    let graph = try InputLoader(environment: environment).scan(
      path, options: ScanOptions(excludeDev: excludeDev))
    environment.writeStdout(Array(TreeRenderer(graph: graph, maxDepth: depth).render().utf8))
    return ExitCode.success
  }
}

/// Renders a graph as an indented tree from its roots.
struct TreeRenderer {
  var graph: Graph
  var maxDepth: Int?

  func render() -> String {
    let adjacency = graph.adjacency()
    var out = ""
    var expanded = Set<ComponentID>()
    func label(_ id: ComponentID) -> String {
      guard let c = graph[id] else { return id.rawValue }
      var s = c.displayName + (c.version.map { "@\($0)" } ?? "")
      if c.scope != .required { s += " [\(c.scope.rawValue)]" }
      return s
    }
    func walk(_ id: ComponentID, prefix: String, depth: Int) {
      let children = (adjacency[id] ?? []).map(\.to)
      for (i, child) in children.enumerated() {
        let last = i == children.count - 1
        let repeated = expanded.contains(child)
        out += prefix + (last ? "└── " : "├── ") + label(child) + (repeated ? " (*)" : "") + "\n"
        if repeated { continue }
        expanded.insert(child)
        if let maxDepth, depth + 1 >= maxDepth { continue }
        walk(child, prefix: prefix + (last ? "    " : "│   "), depth: depth + 1)
      }
    }
    for root in graph.roots {
      out += label(root) + "\n"
      expanded.insert(root)
      walk(root, prefix: "", depth: 0)
    }
    if !graph.edgesComplete {
      out += "(edges incomplete: the input does not record every dependency)\n"
    }
    // A lockfile that does not record edges (a bare Package.resolved) would otherwise show
    // nothing but its root. (With --depth, what lies deeper is cut on purpose.)
    let unreached = maxDepth != nil ? [] : graph.components.filter { !expanded.contains($0.id) }
    if !unreached.isEmpty {
      out += "not reached from a root:\n"
      for c in unreached { out += "  " + label(c.id) + "\n" }
    }
    return out
  }
}
