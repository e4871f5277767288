import Dispatch
import SBOMModel

/// Compares two graphs (see `../shared/DESIGN.md`, "The differ").
///
/// Components are matched by identity without version (`IdentityKey`); the copies of one
/// package on each side are paired by `VersionPairing`; each pair is classified by
/// `ChangeClassifier`; what is left over is added or removed, with the path from a root that
/// pulls it in. Edges are compared between matched packages, ignoring versions.
///
/// Roots (the scanned projects) are not compared as packages: two generators name the scanned
/// directory differently, and a release's own version bump is not a dependency change. Their
/// labels are in `DiffResult.old.roots` / `new.roots`. Components of kind `file` are skipped.
/// A package listed twice with the same identity, architecture and version counts once.
public enum SBOMDiff {
  /// Every change from `old` to `new`, sorted most alarming first, then by name.
  public static func compare(old: Graph, new: Graph) -> DiffResult {
    let (oldSide, newSide) = bothInParallel({ Prepared(old) }, { Prepared(new) })
    return compare(old: oldSide, new: newSide)
  }

  /// One graph indexed for comparing. Preparing is independent per side, so a caller can do it
  /// on the thread that loaded the graph, in parallel with loading the other side.
  public struct Prepared: Sendable {
    let side: SideIndex

    public init(_ graph: Graph) { side = SideIndex(graph) }

    /// The graph this was prepared from.
    public var graph: Graph { side.graph }
  }

  /// Every change from `old` to `new`, both prepared already; the same result as
  /// `compare(old: old.graph, new: new.graph)`.
  public static func compare(old: Prepared, new: Prepared) -> DiffResult {
    let oldSide = old.side
    let newSide = new.side
    var matcher = Matcher(old: oldSide, new: newSide)
    matcher.run()
    let changes = sortedChanges(matcher.changes)
    return DiffResult(changes: changes, old: oldSide.summary(), new: newSide.summary())
  }

  /// `changes` in `changeOrder`, equal ones in their first order (as a stable sort leaves
  /// them). Sorts positions and compares the changes where they are stored: a sort moving the
  /// changes themselves spent most of its time copying them.
  static func sortedChanges(_ changes: [Change]) -> [Change] {
    var order = Array(changes.indices)
    changes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      order.sort { a, b in
        if changeOrder(base + a, base + b) { return true }
        if changeOrder(base + b, base + a) { return false }
        return a < b
      }
    }
    return order.map { changes[$0] }
  }

  /// Total order on changes: kind (alarm order), name, purl, versions, then edge target.
  static func changeOrder(_ x: Change, _ y: Change) -> Bool {
    withUnsafePointer(to: x) { x in withUnsafePointer(to: y) { y in changeOrder(x, y) } }
  }

  private static func changeOrder(_ px: UnsafePointer<Change>, _ py: UnsafePointer<Change>) -> Bool
  {
    // Fields read through the pointers: binding `pointee` to a local would copy the change.
    if px.pointee.kind != py.pointee.kind { return px.pointee.kind < py.pointee.kind }
    if px.pointee.name != py.pointee.name { return px.pointee.name < py.pointee.name }
    if px.pointee.purl != py.pointee.purl { return px.pointee.purl < py.pointee.purl }
    let xb = px.pointee.before?.version ?? ""
    let yb = py.pointee.before?.version ?? ""
    if xb != yb { return xb < yb }
    let xa = px.pointee.after?.version ?? ""
    let ya = py.pointee.after?.version ?? ""
    if xa != ya { return xa < ya }
    let xd = px.pointee.details.dependency
    let yd = py.pointee.details.dependency
    if xd?.name != yd?.name { return (xd?.name ?? "") < (yd?.name ?? "") }
    if xd?.purl != yd?.purl { return (xd?.purl ?? "") < (yd?.purl ?? "") }
    if xd?.version != yd?.version { return (xd?.version ?? "") < (yd?.version ?? "") }
    let xr = px.pointee.details.relationship?.rawValue ?? ""
    let yr = py.pointee.details.relationship?.rawValue ?? ""
    if xr != yr { return xr < yr }
    // Same name and versions, told apart only by how the inputs spelt them (another arch).
    let xp = (px.pointee.before?.purl ?? "", px.pointee.after?.purl ?? "")
    let yp = (py.pointee.before?.purl ?? "", py.pointee.after?.purl ?? "")
    return xp < yp
  }
}

/// Runs two independent jobs on two threads.
func bothInParallel<A: Sendable, B: Sendable>(
  _ a: @Sendable () -> A, _ b: @Sendable () -> B
) -> (A, B) {
  let box = ResultBox<A, B>()
  DispatchQueue.concurrentPerform(iterations: 2) { i in
    if i == 0 { box.a = a() } else { box.b = b() }
  }
  guard let ra = box.a, let rb = box.b else {
    preconditionFailure("concurrentPerform skipped a job")
  }
  return (ra, rb)
}

/// Each slot is written by exactly one iteration and read after both finished.
private final class ResultBox<A, B>: @unchecked Sendable {
  var a: A?
  var b: B?
}

/// One graph prepared for matching: packages identified, duplicates merged, grouped by identity,
/// and edges turned into component positions so that later passes index arrays instead of
/// hashing ids.
struct SideIndex: Sendable {
  let graph: Graph
  /// Distinct packages (identity, architecture, version), in component-id order.
  var items: [IdentifiedComponent] = []
  /// Identity → indices into `items`.
  var groups: [IdentityKey: [Int]] = [:]
  /// Roots, identified, in the graph's root order.
  var roots: [IdentifiedComponent] = []
  /// Positions of the roots in `graph.components`.
  var rootPositions: [Int] = []
  /// For each position in `graph.components`: the item index (duplicates share one), a root as
  /// `-1 - rootIndex`, or `Int.min` for a skipped component (a file).
  var itemOfPosition: [Int] = []
  /// Each edge of `graph.edges` as component positions (-1 when an end is not a component).
  var edgeEnds: [(from: Int32, to: Int32)] = []

  static let skipped = Int.min

  init(_ graph: Graph) {
    self.graph = graph
    let components = graph.components
    // The graph's own index gives positions: no second table of every id.
    let position = { (id: ComponentID) -> Int32? in graph.position(of: id).map { Int32($0) } }
    itemOfPosition = [Int](repeating: SideIndex.skipped, count: components.count)
    for id in graph.roots {
      guard let p = position(id) else { continue }
      roots.append(IdentifiedComponent(components[Int(p)], position: Int(p)))
      rootPositions.append(Int(p))
      itemOfPosition[Int(p)] = -1 - (roots.count - 1)
    }
    items.reserveCapacity(components.count)
    groups.reserveCapacity(components.count)
    // Components are read in place through the buffer: passing `components[p]` on copied each
    // one (a retain and a release of every field), which cost a third of identifying it.
    components.withUnsafeBufferPointer { components in
      guard let base = components.baseAddress else { return }
      for p in components.indices where base[p].kind != .file {
        if itemOfPosition[p] != SideIndex.skipped { continue }  // a root
        addItem(IdentifiedComponent(base + p, position: p), at: p)
      }
    }
    edgeEnds.reserveCapacity(graph.edges.count)
    let edges = graph.edges
    for i in edges.indices {
      edgeEnds.append((position(edges[i].from) ?? -1, position(edges[i].to) ?? -1))
    }
  }

  /// Records the package at position `p`, or points it at an earlier copy of the same package.
  @inline(__always)
  private mutating func addItem(_ item: consuming IdentifiedComponent, at p: Int) {
    // Duplicates (same identity, architecture and version) are rare; a linear look through
    // the identity's few copies is cheaper than hashing a second key for every component.
    let index = items.count
    if let g = groups.index(forKey: item.key) {
      if let same = groups.values[g].first(where: {
        items[$0].version == item.version && items[$0].discriminator == item.discriminator
      }) {
        itemOfPosition[p] = same
        return
      }
      groups.values[g].append(index)
    } else {
      groups[item.key] = [index]
    }
    items.append(item)
    itemOfPosition[p] = index
  }

  /// The identified component at a position (an item or a root), nil when skipped.
  func identified(atPosition p: Int) -> IdentifiedComponent? {
    let i = itemOfPosition[p]
    if i == SideIndex.skipped { return nil }
    return i >= 0 ? items[i] : roots[-1 - i]
  }

  func summary() -> DiffResult.Side {
    DiffResult.Side(
      format: graph.metadata.inputFormat,
      roots: roots.map { "\(graph.components[$0.position].displayName)@\($0.version ?? "-")" },
      packageCount: items.count)
  }
}

/// Pairs the two sides and collects the changes.
private struct Matcher {
  let old: SideIndex
  let new: SideIndex
  var changes: [Change] = []
  /// Item index → slot shared by the paired copies; -1 when unpaired.
  private var oldSlot: [Int]
  private var newSlot: [Int]
  /// Root index → slot; -1 when unpaired.
  private var oldRootSlot: [Int]
  private var newRootSlot: [Int]
  private var nextSlot = 0
  private var removedItems: [Int] = []
  private var addedItems: [Int] = []

  init(old: SideIndex, new: SideIndex) {
    self.old = old
    self.new = new
    oldSlot = [Int](repeating: -1, count: old.items.count)
    newSlot = [Int](repeating: -1, count: new.items.count)
    oldRootSlot = [Int](repeating: -1, count: old.roots.count)
    newRootSlot = [Int](repeating: -1, count: new.roots.count)
  }

  mutating func run() {
    pairRoots()
    for (key, oldGroup) in old.groups {
      pairGroup(oldGroup, new.groups[key] ?? [])
    }
    for (key, newGroup) in new.groups where old.groups[key] == nil {
      pairGroup([], newGroup)
    }
    reportUnpaired()
    compareEdges()
  }

  /// One root on each side: they are the same project. Several: paired by identity.
  private mutating func pairRoots() {
    if old.roots.count == 1, new.roots.count == 1 {
      oldRootSlot[0] = nextSlot
      newRootSlot[0] = nextSlot
      nextSlot += 1
      return
    }
    for (i, root) in old.roots.enumerated() {
      if let j = new.roots.indices.first(where: {
        newRootSlot[$0] < 0 && new.roots[$0].key == root.key
      }) {
        oldRootSlot[i] = nextSlot
        newRootSlot[j] = nextSlot
        nextSlot += 1
      }
    }
  }

  private mutating func pairGroup(_ oldGroup: [Int], _ newGroup: [Int]) {
    if newGroup.isEmpty {
      removedItems += oldGroup
      return
    }
    if oldGroup.isEmpty {
      addedItems += newGroup
      return
    }
    if oldGroup.count == 1, newGroup.count == 1 {
      let o = oldGroup[0]
      let n = newGroup[0]
      if VersionPairing.compatible(old.items[o].discriminator, new.items[n].discriminator) {
        link(o, n)
      } else {
        removedItems.append(o)
        addedItems.append(n)
      }
      return
    }
    let result = VersionPairing.pair(
      old: oldGroup.map {
        VersionPairing.Entry(
          discriminator: old.items[$0].discriminator, version: old.items[$0].version)
      },
      new: newGroup.map {
        VersionPairing.Entry(
          discriminator: new.items[$0].discriminator, version: new.items[$0].version)
      })
    for pair in result.pairs { link(oldGroup[pair.old], newGroup[pair.new]) }
    removedItems += result.removed.map { oldGroup[$0] }
    addedItems += result.added.map { newGroup[$0] }
  }

  /// Pairs item `o` of the old side with item `n` of the new side and classifies the pair.
  private mutating func link(_ o: Int, _ n: Int) {
    oldSlot[o] = nextSlot
    newSlot[n] = nextSlot
    nextSlot += 1
    let kinds = Self.classify(old, o, new, n)
    // Nearly every pair is unchanged: copy the items only to describe a change.
    if kinds.isEmpty { return }
    let a = old.items[o]
    let b = new.items[n]
    for (kind, details) in kinds {
      changes.append(
        Change(
          kind: kind, name: displayName(b, in: new), purl: b.versionlessPURL(),
          ecosystem: Ecosystem(b.key.type), before: snapshot(a, in: old),
          after: snapshot(b, in: new), details: details))
    }
  }

  /// Classifies item `o` of `old` against item `n` of `new`, reading items and components in
  /// place: copying two components per pair (a retain and release of every field) cost more
  /// than classifying them.
  private static func classify(
    _ old: SideIndex, _ o: Int, _ new: SideIndex, _ n: Int
  ) -> [(Change.Kind, Change.Details)] {
    old.items.withUnsafeBufferPointer { oldItems in
      new.items.withUnsafeBufferPointer { newItems in
        old.graph.components.withUnsafeBufferPointer { oldComponents in
          new.graph.components.withUnsafeBufferPointer { newComponents in
            // Items name positions inside their graph's components, so both bases exist.
            guard let oldBase = oldComponents.baseAddress, let newBase = newComponents.baseAddress
            else { return [] }
            return ChangeClassifier.classify(
              old: oldItems[o], oldBase + oldItems[o].position, new: newItems[n],
              newBase + newItems[n].position)
          }
        }
      }
    }
  }

  private mutating func reportUnpaired() {
    reportUnpaired(removedItems, of: old, as: .removed)
    reportUnpaired(addedItems, of: new, as: .added)
  }

  /// A `removed` (old side) or `added` (new side) change per item, with a path from a root of
  /// its side that pulls it in.
  private mutating func reportUnpaired(_ items: [Int], of side: SideIndex, as kind: Change.Kind) {
    guard !items.isEmpty else { return }
    let paths = RootPaths(
      count: side.graph.components.count, roots: side.rootPositions, edges: side.edgeEnds)
    let positions = firstPositions(of: items, in: side)
    for i in items {
      let item = side.items[i]
      let state = snapshot(item, in: side)
      changes.append(
        Change(
          kind: kind, name: displayName(item, in: side), purl: item.versionlessPURL(),
          ecosystem: Ecosystem(item.key.type), before: kind == .removed ? state : nil,
          after: kind == .added ? state : nil,
          details: Change.Details(path: labels(positions[i].flatMap(paths.path(to:)), in: side))))
    }
  }

  private func firstPositions(of wanted: [Int], in side: SideIndex) -> [Int: Int] {
    var want = Set(wanted)
    var out: [Int: Int] = [:]
    for (p, item) in side.itemOfPosition.enumerated() where item >= 0 && want.contains(item) {
      out[item] = p
      want.remove(item)
    }
    return out
  }

  private func labels(_ path: [Int]?, in side: SideIndex) -> [String]? {
    path?.map { p in
      let c = side.graph.components[p]
      return "\(c.displayName)@\(c.version ?? "-")"
    }
  }

  /// Edges between packages present on both sides, keyed by slots so versions do not matter.
  private mutating func compareEdges() {
    let oldEdges = edgeMap(old, oldSlot, oldRootSlot)
    let newEdges = edgeMap(new, newSlot, newRootSlot)
    for (key, i) in newEdges where oldEdges[key] == nil {
      appendEdgeChange(.edgeAdded, edge: i, in: new)
    }
    for (key, i) in oldEdges where newEdges[key] == nil {
      appendEdgeChange(.edgeRemoved, edge: i, in: old)
    }
  }

  /// (from slot, to slot, kind) packed into one integer → index of the first such edge.
  private func edgeMap(_ side: SideIndex, _ slots: [Int], _ rootSlots: [Int]) -> [UInt64: Int] {
    func slot(_ position: Int32) -> Int {
      guard position >= 0 else { return -1 }
      let item = side.itemOfPosition[Int(position)]
      if item == SideIndex.skipped { return -1 }
      return item >= 0 ? slots[item] : rootSlots[-1 - item]
    }
    var map: [UInt64: Int] = [:]
    map.reserveCapacity(side.edgeEnds.count)
    let edges = side.graph.edges
    for (i, ends) in side.edgeEnds.enumerated() {
      let f = slot(ends.from)
      let t = slot(ends.to)
      guard f >= 0, t >= 0 else { continue }
      let kind: UInt64
      switch edges[i].kind {
      case .dependsOn: kind = 0
      case .devDependsOn: kind = 1
      case .optionalDependsOn: kind = 2
      case .peerDependsOn: kind = 3
      }
      let key = UInt64(f) << 34 | UInt64(t) << 4 | kind
      if map[key] == nil { map[key] = i }
    }
    return map
  }

  private mutating func appendEdgeChange(_ kind: Change.Kind, edge i: Int, in side: SideIndex) {
    let ends = side.edgeEnds[i]
    guard let from = side.identified(atPosition: Int(ends.from)),
      let to = side.identified(atPosition: Int(ends.to))
    else { return }
    let fromSnapshot = snapshot(from, in: side)
    let dependency = Change.Dependency(
      name: displayName(to, in: side), purl: to.versionlessPURL(), version: to.version)
    changes.append(
      Change(
        kind: kind, name: displayName(from, in: side), purl: from.versionlessPURL(),
        ecosystem: Ecosystem(from.key.type), before: kind == .edgeRemoved ? fromSnapshot : nil,
        after: kind == .edgeAdded ? fromSnapshot : nil,
        details: Change.Details(dependency: dependency, relationship: side.graph.edges[i].kind)))
  }

  private func snapshot(_ item: IdentifiedComponent, in side: SideIndex) -> Snapshot {
    Snapshot(side.graph.components[item.position], version: item.version)
  }

  /// The name as the ecosystem writes it; npm scopes come from the namespace when a generator
  /// split them off the name.
  private func displayName(_ item: IdentifiedComponent, in side: SideIndex) -> String {
    let c = side.graph.components[item.position]
    if item.key.type == "npm", !c.name.hasPrefix("@") {
      let namespace = c.namespace ?? c.purl?.namespace
      if let namespace, !namespace.isEmpty {
        let ns = namespace.hasPrefix("%40") ? "@" + namespace.dropFirst(3) : namespace
        return "\(ns)/\(c.name)"
      }
    }
    return c.name
  }
}
