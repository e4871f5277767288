import SBOMModel

/// Scopes of lockfile packages from how the roots reach them: a package is `required` when a
/// path of runtime edges reaches it, `optional` when every runtime path crosses an optional
/// edge, `dev` when only paths through a root's devDependencies reach it, and `dev-optional`
/// when those paths also cross an optional edge. Peer edges count as runtime edges: a
/// resolved peer is needed wherever its dependent runs. (pnpm's own `dev` flags agree on every
/// corpus lockfile but one 5.x file, whose flags treat packages reached only as peers of
/// runtime packages as dev.)
///
/// Computing scopes this one way for every lockfile version keeps a 5.x → 6.x → 9.x migration
/// (whose dev flags moved or vanished) from showing scope changes.
enum ReachabilityScopes {
  private static let devBit = 1
  private static let optionalBit = 2

  /// The scope of every component reachable from a root (roots excluded).
  static func compute(edges: [Edge], roots: [ComponentID]) -> [ComponentID: Component.Scope] {
    var ids: [ComponentID] = []
    var numbers: [ComponentID: Int32] = [:]
    func number(_ id: ComponentID) -> Int32 {
      if let n = numbers[id] { return n }
      numbers[id] = Int32(ids.count)
      ids.append(id)
      return Int32(ids.count - 1)
    }
    let rootNumbers = roots.map { Int(number($0)) }
    let numbered = edges.map { (number($0.from), number($0.to), $0.kind) }
    let scopes = compute(count: ids.count, edges: numbered, roots: rootNumbers)
    var out: [ComponentID: Component.Scope] = [:]
    for (n, scope) in scopes.enumerated() {
      if let scope { out[ids[n]] = scope }
    }
    return out
  }

  /// The scope of each component numbered `0..<count` (edges and roots given as numbers): a
  /// walk over arrays, which hashes nothing. Nil for components no root reaches (and for
  /// roots).
  static func compute(
    count: Int, edges: [(from: Int32, to: Int32, kind: Edge.Kind)], roots: [Int]
  ) -> [Component.Scope?] {
    // Outgoing edges grouped by source (counting sort): offsets into `targets`.
    var offsets = [Int](repeating: 0, count: count + 1)
    for edge in edges { offsets[Int(edge.from) + 1] += 1 }
    for i in 0..<count { offsets[i + 1] += offsets[i] }
    var fill = offsets
    var targets = [(to: Int32, bits: UInt8)](repeating: (0, 0), count: edges.count)
    for edge in edges {
      var bits: UInt8 = 0
      if edge.kind == .devDependsOn { bits |= UInt8(devBit) }
      if edge.kind == .optionalDependsOn { bits |= UInt8(optionalBit) }
      targets[fill[Int(edge.from)]] = (edge.to, bits)
      fill[Int(edge.from)] += 1
    }
    var isRoot = [Bool](repeating: false, count: count)
    for root in roots { isRoot[root] = true }
    var seen = [UInt8](repeating: 0, count: count)
    var queue: [(node: Int32, state: UInt8)] = roots.map { (Int32($0), 0) }
    while let (current, state) = queue.popLast() {
      for slot in offsets[Int(current)]..<offsets[Int(current) + 1] {
        let (to, bits) = targets[slot]
        if isRoot[Int(to)] { continue }
        let next = state | bits
        let mark = UInt8(1) << next
        if seen[Int(to)] & mark == 0 {
          seen[Int(to)] |= mark
          queue.append((to, next))
        }
      }
    }
    return seen.map { states -> Component.Scope? in
      if states == 0 { return nil }
      if states & 1 != 0 { return .required }
      if states & UInt8(1 << optionalBit) != 0 { return .optional }
      if states & UInt8(1 << devBit) != 0 { return .dev }
      return .devOptional
    }
  }
}
