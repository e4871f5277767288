import SBOMModel

/// Shortest paths from the roots to every reachable component, found by one breadth-first walk
/// (`Graph.pathFromRoot` walks once per target, which is quadratic when thousands of packages
/// were added). Ties go to the earlier root, then to the smaller component id, as in
/// `Graph.pathFromRoot`.
struct RootPaths {
  private var parent: [ComponentID: ComponentID] = [:]
  private var reached: Set<ComponentID> = []

  init(_ graph: Graph) {
    var adjacency: [ComponentID: [ComponentID]] = [:]
    adjacency.reserveCapacity(graph.components.count)
    // Edges are sorted by (from, to), so each list comes out sorted.
    for edge in graph.edges { adjacency[edge.from, default: []].append(edge.to) }
    var queue: [ComponentID] = []
    for root in graph.roots where reached.insert(root).inserted { queue.append(root) }
    var head = 0
    while head < queue.count {
      let current = queue[head]
      head += 1
      for next in adjacency[current] ?? [] where reached.insert(next).inserted {
        parent[next] = current
        queue.append(next)
      }
    }
  }

  /// Root first, `target` last; nil when no root reaches `target`.
  func path(to target: ComponentID) -> [ComponentID]? {
    guard reached.contains(target) else { return nil }
    var path = [target]
    var cursor = target
    while let p = parent[cursor] {
      path.append(p)
      cursor = p
    }
    return path.reversed()
  }
}
