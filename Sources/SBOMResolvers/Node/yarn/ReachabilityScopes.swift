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
    var outgoing: [ComponentID: [Edge]] = [:]
    for edge in edges { outgoing[edge.from, default: []].append(edge) }
    let rootSet = Set(roots)
    // Bit i of seen[id] marks state i (devBit | optionalBit) as reached.
    var seen: [ComponentID: UInt8] = [:]
    var queue: [(ComponentID, Int)] = roots.map { ($0, 0) }
    while let (current, state) = queue.popLast() {
      for edge in outgoing[current] ?? [] where !rootSet.contains(edge.to) {
        var next = state
        if edge.kind == .devDependsOn { next |= devBit }
        if edge.kind == .optionalDependsOn { next |= optionalBit }
        let mark = UInt8(1 << next)
        let before = seen[edge.to] ?? 0
        if before & mark == 0 {
          seen[edge.to] = before | mark
          queue.append((edge.to, next))
        }
      }
    }
    return seen.mapValues { states in
      if states & 1 != 0 { return .required }
      if states & UInt8(1 << optionalBit) != 0 { return .optional }
      if states & UInt8(1 << devBit) != 0 { return .dev }
      return .devOptional
    }
  }

  /// Sets every non-root component's scope from reachability; unreachable components keep the
  /// scope they were given (the lockfile's own flags, where it has them).
  static func assign(
    to components: inout [ComponentID: Component], edges: [Edge], roots: [ComponentID]
  ) {
    let scopes = compute(edges: edges, roots: roots)
    for (id, scope) in scopes { components[id]?.scope = scope }
  }
}

extension ReachabilityScopes {
  /// `compute` over components numbered `0..<count`, with edges as (from, to, kind) positions:
  /// the same walk without hashing ids. Nil for components no root reaches (and for roots).
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
