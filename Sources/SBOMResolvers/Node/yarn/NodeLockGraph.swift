import SBOMModel

/// Collects a lockfile's components, edges and roots, then sets scopes from reachability and
/// sorts everything into a `Graph`. Components with the same id merge (peer variants of one
/// pnpm package, a yarn patch and the package it patches).
///
/// Components are numbered as they are first added, and edges and roots are kept as those
/// numbers: a large lockfile has tens of thousands of edges, and hashing their string ids for
/// every merge, reachability step and sort comparison was most of the cost of building a graph.
struct NodeLockGraph {
  /// A component's position in the order components were first added.
  typealias Index = Int

  private var stored: [Component] = []
  private var positions: [ComponentID: Index] = [:]
  private var indexedEdges: [(from: Int32, to: Int32, kind: Edge.Kind, requirement: String?)] =
    []
  /// Edges whose ends were never added as components (no resolver makes one; kept rather than
  /// dropped so the graph still says what it was told).
  private var looseEdges: [Edge] = []
  private var rootIndices: [Index] = []
  var builder = GraphBuilder()
  /// The root project's supplier (`NodeSupplier.root`), which its workspaces and path
  /// packages share.
  var projectSupplier: Supplier?

  /// Makes room for `count` components, so that the id table is not rehashed as it grows.
  mutating func reserveCapacity(_ count: Int) {
    stored.reserveCapacity(count)
    positions.reserveCapacity(count)
  }

  /// Adds a component (merging facts into one already there) and returns its position.
  @discardableResult
  mutating func addIndexed(_ component: consuming Component) -> Index {
    if let index = positions[component.id] {
      if stored[index].hashes.isEmpty { stored[index].hashes = component.hashes }
      if case .unknown = stored[index].origin { stored[index].origin = component.origin }
      for property in component.properties where !stored[index].properties.contains(property) {
        stored[index].properties.append(property)
      }
      return index
    }
    positions[component.id] = stored.count
    stored.append(component)
    return stored.count - 1
  }

  /// Adds a component (merging facts into one already there) and returns its id.
  @discardableResult
  mutating func add(_ component: Component) -> ComponentID {
    stored[addIndexed(component)].id
  }

  /// Adds a component as a root and returns its position.
  @discardableResult
  mutating func addRoot(_ component: Component) -> Index {
    let index = addIndexed(component)
    if !rootIndices.contains(index) { rootIndices.append(index) }
    return index
  }

  /// The id of the component at `index`.
  func id(at index: Index) -> ComponentID { stored[index].id }

  /// The position of the component with `id`, if it was added.
  func index(of id: ComponentID) -> Index? { positions[id] }

  /// The full name of the component at `index` (`@scope/name`).
  func displayName(at index: Index) -> String { stored[index].displayName }

  mutating func addEdge(from: Index, to: Index, kind: Edge.Kind, requirement: String? = nil) {
    indexedEdges.append((Int32(from), Int32(to), kind, requirement))
  }

  mutating func addEdge(
    from: ComponentID, to: ComponentID, kind: Edge.Kind, requirement: String? = nil
  ) {
    if let f = positions[from], let t = positions[to] {
      addEdge(from: f, to: t, kind: kind, requirement: requirement)
    } else {
      looseEdges.append(Edge(from: from, to: to, kind: kind, requirement: requirement))
    }
  }

  /// Adds a property to a component unless it already has it.
  mutating func addProperty(_ property: Property, to index: Index) {
    guard !stored[index].properties.contains(property) else { return }
    stored[index].properties.append(property)
  }

  /// Adds a property to a component unless it already has it.
  mutating func addProperty(_ property: Property, to id: ComponentID) {
    if let index = positions[id] { addProperty(property, to: index) }
  }

  func contains(_ id: ComponentID) -> Bool { positions[id] != nil }

  mutating func warn(_ message: String, at location: SourceLocation) {
    builder.warn(message, at: location)
  }

  /// Suppliers from final origins and scopes from reachability, then the sorted graph. Works
  /// on the collected components in place (a `Component` is large: copying every one costs
  /// more than the rest of this step), so the collector is spent afterwards.
  mutating func build() -> Graph {
    // The id order and the sorted edges depend only on ids and edges, suppliers and scopes only
    // on components and edges: for a large graph another thread sorts while this one sets
    // suppliers and scopes (the rest of a lockfile's resolving leaves that thread idle here).
    let ids = stored.map(\.id)
    let edgesByIndex = indexedEdges
    let sorting = { @Sendable in Self.sorted(ids: ids, edges: edgesByIndex) }
    let background = ids.count >= 2000 ? BackgroundWork(sorting) : nil

    for i in stored.indices where stored[i].supplier == nil {
      stored[i].supplier = NodeSupplier.of(origin: stored[i].origin, project: projectSupplier)
    }
    let scopes = ReachabilityScopes.compute(
      count: stored.count, edges: indexedEdges.map { ($0.from, $0.to, $0.kind) },
      roots: rootIndices)
    for (i, scope) in scopes.enumerated() {
      if let scope { stored[i].scope = scope }
    }

    var (order, edges) = background?.wait() ?? sorting()
    edges.append(contentsOf: looseEdges)
    let roots = rootIndices.map { ids[$0] }

    // Put each component at its rank by following the permutation's cycles with swaps, made
    // through a buffer pointer: its `swapAt` moves the two components, where `Array.swapAt`
    // copied and destroyed each (a tenth of this step).
    var placed = [Bool](repeating: false, count: stored.count)
    stored.withUnsafeMutableBufferPointer { buffer in
      for start in buffer.indices where !placed[start] {
        var slot = start
        while true {
          placed[slot] = true
          let next = order[slot]  // the component that belongs at `slot`
          if next == start { break }
          buffer.swapAt(slot, next)
          slot = next
        }
      }
    }
    let components = stored
    stored = []
    positions = [:]
    return Graph(
      components: components, edges: edges, roots: roots,
      edgesComplete: builder.edgesComplete, metadata: builder.metadata,
      diagnostics: builder.diagnostics)
  }

  /// The positions of `ids` in byte order of the ids, and the edges in `Edge` order without
  /// duplicates. Ids are unique, so rank order is id order: `Graph` then only confirms both
  /// orders, comparing neighbours once, instead of comparing string ids n log n times.
  private static func sorted(
    ids: [ComponentID], edges: [(from: Int32, to: Int32, kind: Edge.Kind, requirement: String?)]
  ) -> (order: [Int], edges: [Edge]) {
    let order = ids.indices.sorted { byteOrderPrecedes(ids[$0].rawValue, ids[$1].rawValue) }
    var rank = [Int32](repeating: 0, count: ids.count)
    for (r, i) in order.enumerated() { rank[i] = Int32(r) }
    var ranked = edges.map {
      (from: rank[Int($0.from)], to: rank[Int($0.to)], kind: $0.kind, requirement: $0.requirement)
    }
    ranked.sort { a, b in
      if a.from != b.from { return a.from < b.from }
      if a.to != b.to { return a.to < b.to }
      if a.kind != b.kind { return a.kind < b.kind }
      return Self.precedes(a.requirement, b.requirement)
    }
    var unique: [Edge] = []
    unique.reserveCapacity(ranked.count)
    var previous: (from: Int32, to: Int32, kind: Edge.Kind, requirement: String?)?
    for e in ranked {
      if let p = previous, p.from == e.from, p.to == e.to, p.kind == e.kind,
        p.requirement == e.requirement
      {
        continue
      }
      previous = e
      unique.append(
        Edge(
          from: ids[order[Int(e.from)]], to: ids[order[Int(e.to)]], kind: e.kind,
          requirement: e.requirement))
    }
    return (order, unique)
  }

  /// `Edge`'s order on requirements: nil first, then by bytes.
  private static func precedes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): false
    case (nil, _): true
    case (_, nil): false
    case (let x?, let y?): byteOrderPrecedes(x, y)
    }
  }
}
