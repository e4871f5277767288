/// Shortest paths from the roots to every reachable component, found by one breadth-first walk
/// over component positions (`Graph.pathFromRoot` walks once per target, which is quadratic
/// when thousands of packages were added). Ties go to the earlier root, then to the edge that
/// sorts first, as in `Graph.pathFromRoot`.
struct RootPaths {
  private var parent: [Int32]
  private var reached: [Bool]

  /// `count` components; `roots` and `edges` as positions in the graph's component array, edges
  /// in the graph's (sorted) order; an edge end of -1 is ignored.
  init(count: Int, roots: [Int], edges: [(from: Int32, to: Int32)]) {
    parent = [Int32](repeating: -1, count: count)
    reached = [Bool](repeating: false, count: count)
    // Adjacency in compressed form: offsets into one array of targets.
    var offsets = [Int](repeating: 0, count: count + 1)
    for e in edges where e.from >= 0 && e.to >= 0 { offsets[Int(e.from) + 1] += 1 }
    for i in 0..<count { offsets[i + 1] += offsets[i] }
    var fill = offsets
    var targets = [Int32](repeating: 0, count: offsets[count])
    for e in edges where e.from >= 0 && e.to >= 0 {
      targets[fill[Int(e.from)]] = e.to
      fill[Int(e.from)] += 1
    }
    var queue: [Int] = []
    queue.reserveCapacity(count)
    for root in roots where root >= 0 && root < count && !reached[root] {
      reached[root] = true
      queue.append(root)
    }
    var head = 0
    while head < queue.count {
      let current = queue[head]
      head += 1
      for k in offsets[current]..<offsets[current + 1] {
        let next = Int(targets[k])
        if reached[next] { continue }
        reached[next] = true
        parent[next] = Int32(current)
        queue.append(next)
      }
    }
  }

  /// Positions from a root to `target`, root first; nil when no root reaches `target`.
  func path(to target: Int) -> [Int]? {
    guard target >= 0, target < reached.count, reached[target] else { return nil }
    var path = [target]
    var cursor = target
    while parent[cursor] >= 0 {
      cursor = Int(parent[cursor])
      path.append(cursor)
    }
    return path.reversed()
  }
}
