#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The common dependency graph: components, typed edges and the roots that were scanned.
///
/// Members are kept sorted (components by id, edges by endpoints) so that every encoder
/// produces the same bytes for the same input. Build one with `GraphBuilder`.
public struct Graph: Sendable, Hashable {
  /// Every component, sorted by id; roots included.
  public private(set) var components: [Component]
  /// Every edge, sorted and unique.
  public private(set) var edges: [Edge]
  /// The scanned projects (or OS image), in the order they were found. The first is the
  /// document's main component.
  public private(set) var roots: [ComponentID]
  /// False when the input could not tell every dependency of every component: encoders then
  /// say so (CycloneDX `compositions` aggregate `incomplete`, SPDX `NOASSERTION`).
  public var edgesComplete: Bool
  /// Facts about the input that produced this graph (its format, the generator of a decoded
  /// SBOM, the distribution of a root filesystem).
  public var metadata: Metadata
  /// Recoverable oddities found while building the graph.
  public var diagnostics: [Diagnostic]

  private var index: [ComponentID: Int]

  public init(
    components: [Component], edges: [Edge], roots: [ComponentID], edgesComplete: Bool = true,
    metadata: Metadata = Metadata(), diagnostics: [Diagnostic] = []
  ) {
    let sorted = Graph.sortedByID(consume components)
    self.components = sorted
    self.edges = Graph.sortedUnique(consume edges)
    self.roots = roots
    self.edgesComplete = edgesComplete
    self.metadata = metadata
    self.diagnostics = diagnostics
    var index: [ComponentID: Int] = [:]
    index.reserveCapacity(sorted.count)
    // By position: `for c in` copies each (large) component.
    for i in sorted.indices { index[sorted[i].id] = i }
    self.index = index
  }

  /// Components in id order (equal ids keep their input order). Sorts positions by keys
  /// compared as raw bytes and moves each component once: a `Component` is large, and letting
  /// the sort shuffle whole components made sorting a third of decoding a 30k-component document.
  private static func sortedByID(_ components: consuming [Component]) -> [Component] {
    guard let order = sortedOrder(components) else { return components }
    permute(&components, into: order)
    return components
  }

  /// Rearranges `elements` in place so that position `i` holds what was at `order[i]` (`order`
  /// a permutation of the indices), moving each element once along the permutation's cycles.
  /// In place, not into a second array: a builder hands its arrays over, and at 100,000
  /// components a sorted copy was 42 MB more at the scan's peak.
  static func permute<Element>(_ elements: inout [Element], into order: [Int]) {
    var placed = [Bool](repeating: false, count: order.count)
    elements.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for start in order.indices where !placed[start] {
        placed[start] = true
        guard order[start] != start else { continue }
        let saved = (base + start).move()
        var hole = start
        while order[hole] != start {
          let next = order[hole]
          (base + hole).moveInitialize(from: base + next, count: 1)
          placed[next] = true
          hole = next
        }
        (base + hole).initialize(to: saved)
      }
    }
  }

  /// The positions of `components` in id order (equal ids in their given order), or nil when
  /// they are in that order already.
  private static func sortedOrder(_ components: [Component]) -> [Int]? {
    guard components.count > 1 else { return nil }
    var keys = ByteOrderKeys(capacity: components.count)
    // By position: `for c in` copies each (large) component.
    for i in components.indices { keys.append(components[i].id.rawValue) }
    var order = Array(components.indices)
    let alreadySorted = keys.withComparator { compare in
      guard (1..<components.count).contains(where: { compare($0 - 1, $0) > 0 }) else {
        return true
      }
      order.sort { a, b in
        let c = compare(a, b)
        return c != 0 ? c < 0 : a < b
      }
      return false
    }
    return alreadySorted ? nil : order
  }

  /// A graph from a builder's components and the position of each id among them (ids unique):
  /// the index is that table with positions renumbered, so no id is hashed again.
  init(
    components: consuming [Component], positions: [ComponentID: Int], edges: [Edge],
    roots: [ComponentID], edgesComplete: Bool, metadata: Metadata, diagnostics: [Diagnostic]
  ) {
    if let order = Graph.sortedOrder(components) {
      var rank = [Int](repeating: 0, count: components.count)
      for (i, position) in order.enumerated() { rank[position] = i }
      var sorted = consume components
      Graph.permute(&sorted, into: order)
      self.components = sorted
      index = positions.mapValues { rank[$0] }
    } else {
      self.components = components
      index = positions
    }
    self.edges = Graph.sortedUnique(consume edges)
    self.roots = roots
    self.edgesComplete = edgesComplete
    self.metadata = metadata
    self.diagnostics = diagnostics
  }

  /// Edges sorted (as `Edge.<` orders them) without duplicates, sorted in place and the
  /// duplicates squeezed out: no second array of edges.
  private static func sortedUnique(_ edges: consuming [Edge]) -> [Edge] {
    guard let (order, duplicate) = sortedOrder(edges) else { return edges }
    permute(&edges, into: order)
    var kept = 0
    for i in edges.indices where !duplicate[i] {
      if kept != i { edges.swapAt(kept, i) }
      kept += 1
    }
    edges.removeLast(edges.count - kept)
    return edges
  }

  /// The positions of `edges` in sorted order, and for each of those whether it repeats the
  /// edge before it; nil when they are sorted and unique already. Endpoints are compared as raw
  /// bytes first; only edges with the same endpoints fall back to comparing whole edges.
  private static func sortedOrder(_ edges: [Edge]) -> (order: [Int], duplicate: [Bool])? {
    guard edges.count > 1 else { return nil }
    // Resolvers that sort their own edges hand them over sorted and unique: confirming that
    // straight from the strings, before copying every id into keys, compares each edge with its
    // neighbour once, where sorting compared n log n times.
    let ordered = edges.withUnsafeBufferPointer { edges in
      edges.indices.dropFirst().allSatisfy { strictlyPrecedes(edges[$0 - 1], edges[$0]) }
    }
    if ordered { return nil }
    var from = ByteOrderKeys(capacity: edges.count)
    var to = ByteOrderKeys(capacity: edges.count)
    // By index: `for e in` copies each edge, retaining and releasing its ids, and the targets'
    // ids lie anywhere in memory: each atomic count update waited for its cache miss.
    edges.withUnsafeBufferPointer { edges in
      for i in edges.indices {
        from.append(edges[i].from.rawValue)
        to.append(edges[i].to.rawValue)
      }
    }
    var order = Array(edges.indices)
    var duplicate = [Bool](repeating: false, count: edges.count)
    from.withComparator { compareFrom in
      to.withComparator { compareTo in
        func precedes(_ a: Int, _ b: Int) -> Bool {
          let f = compareFrom(a, b)
          if f != 0 { return f < 0 }
          let t = compareTo(a, b)
          if t != 0 { return t < 0 }
          return edges[a] < edges[b]
        }
        order.sort(by: precedes)
        // Equal edges are adjacent now; keep the first of each run.
        var previous: Int?
        for (rank, i) in order.enumerated() {
          if let p = previous, compareFrom(p, i) == 0, compareTo(p, i) == 0, edges[p] == edges[i] {
            duplicate[rank] = true
            continue
          }
          previous = i
        }
      }
    }
    return (order, duplicate)
  }

  /// Whether `a` sorts strictly before `b` in the order `sortedOrder` sorts by: endpoints as
  /// raw bytes, then the whole edge.
  private static func strictlyPrecedes(_ a: borrowing Edge, _ b: borrowing Edge) -> Bool {
    let f = byteOrder(a.from.rawValue, b.from.rawValue)
    if f != 0 { return f < 0 }
    let t = byteOrder(a.to.rawValue, b.to.rawValue)
    if t != 0 { return t < 0 }
    return copy a < copy b
  }

  /// Negative, zero or positive as `a`'s UTF-8 bytes sort before, equal to or after `b`'s.
  private static func byteOrder(_ a: borrowing String, _ b: borrowing String) -> Int {
    // Non-mutating access to the bytes: `withUTF8` needs a mutable copy of each string.
    let order = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y -> Int in
        let n = Swift.min(x.count, y.count)
        if n > 0, let p = x.baseAddress, let q = y.baseAddress {
          let c = memcmp(p, q, n)
          if c != 0 { return Int(c) }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
      }
    }
    if let order = order ?? nil { return order }
    // Storage that is not contiguous UTF-8 (not a native string): byte by byte.
    var x = a.utf8.makeIterator()
    var y = b.utf8.makeIterator()
    while true {
      switch (x.next(), y.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case let (p?, q?): if p != q { return p < q ? -1 : 1 }
      }
    }
  }

  public static func == (lhs: Graph, rhs: Graph) -> Bool {
    lhs.components == rhs.components && lhs.edges == rhs.edges && lhs.roots == rhs.roots
      && lhs.edgesComplete == rhs.edgesComplete && lhs.metadata == rhs.metadata
      && lhs.diagnostics == rhs.diagnostics
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(components)
    hasher.combine(edges)
    hasher.combine(roots)
  }

  /// Where the component with `id` sits in `components` (lets callers index arrays of their own
  /// without hashing every id again).
  public func position(of id: ComponentID) -> Int? { index[id] }

  public subscript(id: ComponentID) -> Component? {
    guard let i = index[id] else { return nil }
    return components[i]
  }

  /// The main component: the first root.
  public var primaryRoot: Component? { roots.first.flatMap { self[$0] } }

  /// Outgoing edges of every component, sorted.
  public func adjacency() -> [ComponentID: [Edge]] {
    var out: [ComponentID: [Edge]] = [:]
    for edge in edges { out[edge.from, default: []].append(edge) }
    return out
  }

  /// Components that are not roots, sorted by id.
  public var packages: [Component] {
    let rootSet = Set(roots)
    return components.filter { !rootSet.contains($0.id) }
  }

  /// Shortest path (by edge count, ties broken by id order) from any root to `target`,
  /// roots first, `target` last; nil when unreachable.
  public func pathFromRoot(to target: ComponentID) -> [ComponentID]? {
    let adjacency = adjacency()
    var previous: [ComponentID: ComponentID] = [:]
    var visited = Set(roots)
    var queue = roots
    var head = 0
    if visited.contains(target) { return [target] }
    while head < queue.count {
      let current = queue[head]
      head += 1
      for edge in adjacency[current] ?? [] where !visited.contains(edge.to) {
        visited.insert(edge.to)
        previous[edge.to] = current
        if edge.to == target {
          var path = [target]
          var cursor = target
          while let p = previous[cursor] {
            path.append(p)
            cursor = p
          }
          return path.reversed()
        }
        queue.append(edge.to)
      }
    }
    return nil
  }

  /// Returns a copy with components transformed, keeping the sort order invariant.
  public func mapComponents(_ transform: (Component) -> Component) -> Graph {
    Graph(
      components: components.map(transform), edges: edges, roots: roots,
      edgesComplete: edgesComplete, metadata: metadata, diagnostics: diagnostics)
  }

  /// Returns the graph restricted to components satisfying `keep` (roots always kept), with
  /// edges between kept components only.
  public func filtered(_ keep: (Component) -> Bool) -> Graph {
    let rootSet = Set(roots)
    let kept = components.filter { rootSet.contains($0.id) || keep($0) }
    let ids = Set(kept.map(\.id))
    return Graph(
      components: kept, edges: edges.filter { ids.contains($0.from) && ids.contains($0.to) },
      roots: roots, edgesComplete: edgesComplete, metadata: metadata, diagnostics: diagnostics)
  }

  /// Facts about the document or scan the graph came from.
  public struct Metadata: Sendable, Hashable {
    /// Name of the input format (`Package.resolved v2`, `CycloneDX 1.5 JSON`, `dpkg status`).
    public var inputFormat: String?
    /// Tools that wrote a decoded SBOM (`syft 1.18.1`).
    public var generators: [String]
    /// Creation time of a decoded SBOM, as written.
    public var created: String?
    /// Document name of a decoded SBOM.
    public var documentName: String?
    public init(
      inputFormat: String? = nil, generators: [String] = [], created: String? = nil,
      documentName: String? = nil
    ) {
      self.inputFormat = inputFormat
      self.generators = generators
      self.created = created
      self.documentName = documentName
    }
  }
}

/// Collects components and edges while a resolver or decoder walks its input, then sorts them
/// into a `Graph`. Adding a component twice with the same id keeps the first and merges facts.
public struct GraphBuilder: Sendable {
  // Components in the order first added, and where each id sits: the graph sorts once at the
  // end, and an array moves no component on growth the way a Dictionary of large values rehashes.
  private var components: [Component] = []
  private var position: [ComponentID: Int] = [:]
  private var edges: [Edge] = []
  public private(set) var roots: [ComponentID] = []
  public var edgesComplete = true
  public var metadata = Graph.Metadata()
  public var diagnostics: [Diagnostic] = []

  public init() {}

  public var componentCount: Int { components.count }

  /// Makes room for `count` components without regrowing, when the caller knows roughly how many.
  public mutating func reserveCapacity(components count: Int) {
    components.reserveCapacity(count)
    position.reserveCapacity(count)
  }

  public func contains(_ id: ComponentID) -> Bool { position[id] != nil }
  public subscript(id: ComponentID) -> Component? {
    get { position[id].map { components[$0] } }
    set {
      if let newValue {
        if let i = position[id] {
          components[i] = newValue
        } else {
          position[id] = components.count
          components.append(newValue)
        }
      } else if let i = position.removeValue(forKey: id) {
        // Move the last component into the hole; the order of the array is not observable.
        let last = components.removeLast()
        if i < components.count {
          components[i] = last
          position[last.id] = i
        }
      }
    }
  }

  /// Adds a component; if one with the same id exists, fills in only what it lacks.
  ///
  /// Takes the component by move (callers are done with it), and finds or claims its slot
  /// with one hash of the id: decoders add tens of thousands of components.
  public mutating func add(_ component: consuming Component) {
    let count = components.count
    let i = Self.claim(&position[component.id, default: -1], count)
    guard i != count else {
      components.append(component)
      return
    }
    var existing = components[i]
    if existing.hashes.isEmpty { existing.hashes = component.hashes }
    if existing.declaredLicense == nil { existing.declaredLicense = component.declaredLicense }
    if existing.supplier == nil { existing.supplier = component.supplier }
    if case .unknown = existing.origin { existing.origin = component.origin }
    if component.scope < existing.scope { existing.scope = component.scope }
    components[i] = existing
  }

  /// The slot already recorded, or `next` recorded now for a new id.
  private static func claim(_ slot: inout Int, _ next: Int) -> Int {
    if slot < 0 { slot = next }
    return slot
  }

  public mutating func addRoot(_ component: Component) {
    add(component)
    if !roots.contains(component.id) { roots.append(component.id) }
  }

  public mutating func addEdge(_ edge: Edge) {
    edges.append(edge)
  }

  public mutating func warn(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(severity: .warning, location: location, message: message))
  }

  /// The graph. Consuming the builder lets the graph sort the builder's components in place.
  public consuming func build() -> Graph {
    // Taken out of the builder, so that the graph holds the only reference to the array.
    var taken: [Component] = []
    swap(&taken, &components)
    return Graph(
      components: consume taken, positions: position, edges: edges, roots: roots,
      edgesComplete: edgesComplete, metadata: metadata, diagnostics: diagnostics)
  }
}
