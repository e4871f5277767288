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
    let (oldSide, newSide) = bothInParallel({ SideIndex(old) }, { SideIndex(new) })
    var matcher = Matcher(old: oldSide, new: newSide)
    matcher.run()
    var changes = matcher.changes
    changes.sort(by: changeOrder)
    return DiffResult(changes: changes, old: oldSide.summary(), new: newSide.summary())
  }

  /// Total order on changes: kind (alarm order), name, purl, versions, then edge target.
  static func changeOrder(_ x: Change, _ y: Change) -> Bool {
    if x.kind != y.kind { return x.kind < y.kind }
    if x.name != y.name { return x.name < y.name }
    if x.purl != y.purl { return x.purl < y.purl }
    let xb = x.before?.version ?? ""
    let yb = y.before?.version ?? ""
    if xb != yb { return xb < yb }
    let xa = x.after?.version ?? ""
    let ya = y.after?.version ?? ""
    if xa != ya { return xa < ya }
    let xd = x.details.dependency
    let yd = y.details.dependency
    if xd?.name != yd?.name { return (xd?.name ?? "") < (yd?.name ?? "") }
    if xd?.purl != yd?.purl { return (xd?.purl ?? "") < (yd?.purl ?? "") }
    if xd?.version != yd?.version { return (xd?.version ?? "") < (yd?.version ?? "") }
    let xr = x.details.relationship?.rawValue ?? ""
    let yr = y.details.relationship?.rawValue ?? ""
    if xr != yr { return xr < yr }
    // Same name and versions, told apart only by how the inputs spelt them (another arch).
    let xp = (x.before?.purl ?? "", x.after?.purl ?? "")
    let yp = (y.before?.purl ?? "", y.after?.purl ?? "")
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
  guard let ra = box.a, let rb = box.b else { preconditionFailure("concurrentPerform skipped a job") }
  return (ra, rb)
}

/// Each slot is written by exactly one iteration and read after both finished.
private final class ResultBox<A, B>: @unchecked Sendable {
  var a: A?
  var b: B?
}

/// One graph prepared for matching: packages identified, duplicates merged, grouped by identity.
struct SideIndex: Sendable {
  let graph: Graph
  /// Distinct packages (identity, architecture, version), in component-id order.
  var items: [IdentifiedComponent] = []
  /// Identity → indices into `items`.
  var groups: [IdentityKey: [Int]] = [:]
  /// Roots, identified.
  var roots: [IdentifiedComponent] = []
  /// Component id → index into `items` (duplicates share one); roots map to `-1 - rootIndex`.
  var itemOfComponent: [ComponentID: Int] = [:]

  init(_ graph: Graph) {
    self.graph = graph
    let rootIDs = graph.roots
    for (i, id) in rootIDs.enumerated() {
      guard let component = graph[id] else { continue }
      roots.append(IdentifiedComponent(component))
      itemOfComponent[id] = -1 - i
    }
    let rootSet = Set(rootIDs)
    var seen: [DedupKey: Int] = [:]
    items.reserveCapacity(graph.components.count)
    itemOfComponent.reserveCapacity(graph.components.count)
    for component in graph.components where component.kind != .file {
      if rootSet.contains(component.id) { continue }
      let item = IdentifiedComponent(component)
      let dedup = DedupKey(key: item.key, discriminator: item.discriminator, version: item.version)
      if let existing = seen[dedup] {
        itemOfComponent[component.id] = existing
        continue
      }
      let index = items.count
      seen[dedup] = index
      items.append(item)
      groups[item.key, default: []].append(index)
      itemOfComponent[component.id] = index
    }
  }

  private struct DedupKey: Hashable {
    var key: IdentityKey
    var discriminator: String?
    var version: String?
  }

  func summary() -> DiffResult.Side {
    DiffResult.Side(
      format: graph.metadata.inputFormat,
      roots: roots.map { "\($0.component.displayName)@\($0.version ?? "-")" },
      packageCount: items.count)
  }
}

/// Pairs the two sides and collects the changes.
private struct Matcher {
  let old: SideIndex
  let new: SideIndex
  var changes: [Change] = []
  /// Item index → slot number shared by the paired copies (roots use `-1 - rootIndex` items).
  private var oldSlot: [Int: Int] = [:]
  private var newSlot: [Int: Int] = [:]
  private var nextSlot = 0
  private var removedItems: [Int] = []
  private var addedItems: [Int] = []

  init(old: SideIndex, new: SideIndex) {
    self.old = old
    self.new = new
  }

  mutating func run() {
    oldSlot.reserveCapacity(old.items.count + old.roots.count)
    newSlot.reserveCapacity(new.items.count + new.roots.count)
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
      link(-1, -1)
      return
    }
    var used = Set<Int>()
    for (i, root) in old.roots.enumerated() {
      if let j = new.roots.indices.first(where: { !used.contains($0) && new.roots[$0].key == root.key })
      {
        used.insert(j)
        link(-1 - i, -1 - j)
      }
    }
  }

  private mutating func link(_ o: Int, _ n: Int) {
    oldSlot[o] = nextSlot
    newSlot[n] = nextSlot
    nextSlot += 1
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
    let result = VersionPairing.pair(
      old: oldGroup.map { VersionPairing.Entry(discriminator: old.items[$0].discriminator, version: old.items[$0].version) },
      new: newGroup.map { VersionPairing.Entry(discriminator: new.items[$0].discriminator, version: new.items[$0].version) })
    for pair in result.pairs {
      let o = oldGroup[pair.old]
      let n = newGroup[pair.new]
      link(o, n)
      let a = old.items[o]
      let b = new.items[n]
      for (kind, details) in ChangeClassifier.classify(old: a, new: b) {
        changes.append(
          Change(
            kind: kind, name: displayName(b), purl: b.versionlessPURL(),
            ecosystem: Ecosystem(b.key.type), before: Snapshot(a.component, version: a.version),
            after: Snapshot(b.component, version: b.version), details: details))
      }
    }
    removedItems += result.removed.map { oldGroup[$0] }
    addedItems += result.added.map { newGroup[$0] }
  }

  private mutating func reportUnpaired() {
    if !removedItems.isEmpty {
      let paths = RootPaths(old.graph)
      for i in removedItems {
        let a = old.items[i]
        changes.append(
          Change(
            kind: .removed, name: displayName(a), purl: a.versionlessPURL(),
            ecosystem: Ecosystem(a.key.type), before: Snapshot(a.component, version: a.version),
            after: nil, details: Change.Details(path: labels(paths.path(to: a.component.id), in: old))))
      }
    }
    if !addedItems.isEmpty {
      let paths = RootPaths(new.graph)
      for i in addedItems {
        let b = new.items[i]
        changes.append(
          Change(
            kind: .added, name: displayName(b), purl: b.versionlessPURL(),
            ecosystem: Ecosystem(b.key.type), before: nil,
            after: Snapshot(b.component, version: b.version),
            details: Change.Details(path: labels(paths.path(to: b.component.id), in: new))))
      }
    }
  }

  private func labels(_ path: [ComponentID]?, in side: SideIndex) -> [String]? {
    path?.map { id in
      guard let c = side.graph[id] else { return id.rawValue }
      return "\(c.displayName)@\(c.version ?? "-")"
    }
  }

  /// Edges between packages present on both sides, keyed by slots so versions do not matter.
  private mutating func compareEdges() {
    let oldEdges = edgeMap(old, oldSlot)
    let newEdges = edgeMap(new, newSlot)
    for (key, edge) in newEdges where oldEdges[key] == nil {
      appendEdgeChange(.edgeAdded, edge, in: new)
    }
    for (key, edge) in oldEdges where newEdges[key] == nil {
      appendEdgeChange(.edgeRemoved, edge, in: old)
    }
  }

  private struct EdgeKey: Hashable {
    var from: Int
    var to: Int
    var kind: Edge.Kind
  }

  private func edgeMap(_ side: SideIndex, _ slots: [Int: Int]) -> [EdgeKey: Edge] {
    var map: [EdgeKey: Edge] = [:]
    map.reserveCapacity(side.graph.edges.count)
    for edge in side.graph.edges {
      guard let f = side.itemOfComponent[edge.from], let t = side.itemOfComponent[edge.to],
        let fs = slots[f], let ts = slots[t]
      else { continue }
      let key = EdgeKey(from: fs, to: ts, kind: edge.kind)
      if map[key] == nil { map[key] = edge }
    }
    return map
  }

  private func identified(_ id: ComponentID, in side: SideIndex) -> IdentifiedComponent? {
    guard let i = side.itemOfComponent[id] else { return nil }
    return i >= 0 ? side.items[i] : side.roots[-1 - i]
  }

  private mutating func appendEdgeChange(_ kind: Change.Kind, _ edge: Edge, in side: SideIndex) {
    guard let from = identified(edge.from, in: side), let to = identified(edge.to, in: side) else {
      return
    }
    let snapshot = Snapshot(from.component, version: from.version)
    let dependency = Change.Dependency(
      name: displayName(to), purl: to.versionlessPURL(), version: to.version)
    changes.append(
      Change(
        kind: kind, name: displayName(from), purl: from.versionlessPURL(),
        ecosystem: Ecosystem(from.key.type), before: kind == .edgeRemoved ? snapshot : nil,
        after: kind == .edgeAdded ? snapshot : nil,
        details: Change.Details(dependency: dependency, relationship: edge.kind)))
  }

  /// The name as the ecosystem writes it; npm scopes come from the namespace when a generator
  /// split them off the name.
  private func displayName(_ item: IdentifiedComponent) -> String {
    let c = item.component
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
