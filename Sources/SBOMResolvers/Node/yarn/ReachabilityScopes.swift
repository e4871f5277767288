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

/// Collects a lockfile's components, edges and roots, then sets scopes from reachability and
/// sorts everything into a `Graph`. Components with the same id merge (peer variants of one
/// pnpm package, a yarn patch and the package it patches).
struct NodeLockGraph {
  private(set) var components: [ComponentID: Component] = [:]
  private(set) var edges: [Edge] = []
  private(set) var roots: [ComponentID] = []
  var builder = GraphBuilder()
  /// The root project's supplier (`NodeSupplier.root`), which its workspaces and path
  /// packages share.
  var projectSupplier: Supplier?

  /// Adds a component (merging facts into one already there) and returns its id.
  @discardableResult
  mutating func add(_ component: Component) -> ComponentID {
    guard var existing = components[component.id] else {
      components[component.id] = component
      return component.id
    }
    if existing.hashes.isEmpty { existing.hashes = component.hashes }
    if case .unknown = existing.origin { existing.origin = component.origin }
    for property in component.properties where !existing.properties.contains(property) {
      existing.properties.append(property)
    }
    components[component.id] = existing
    return component.id
  }

  mutating func addRoot(_ component: Component) {
    let id = add(component)
    if !roots.contains(id) { roots.append(id) }
  }

  mutating func addEdge(
    from: ComponentID, to: ComponentID, kind: Edge.Kind, requirement: String? = nil
  ) {
    edges.append(Edge(from: from, to: to, kind: kind, requirement: requirement))
  }

  /// Adds a property to a component unless it already has it.
  mutating func addProperty(_ property: Property, to id: ComponentID) {
    guard var c = components[id], !c.properties.contains(property) else { return }
    c.properties.append(property)
    components[id] = c
  }

  func contains(_ id: ComponentID) -> Bool { components[id] != nil }

  mutating func warn(_ message: String, at location: SourceLocation) {
    builder.warn(message, at: location)
  }

  /// Suppliers from final origins and scopes from reachability, then the sorted graph.
  func build() -> Graph {
    var components = components
    for (id, component) in self.components where component.supplier == nil {
      components[id]?.supplier = NodeSupplier.of(
        origin: component.origin, project: projectSupplier)
    }
    ReachabilityScopes.assign(to: &components, edges: edges, roots: roots)
    return Graph(
      components: Array(components.values), edges: edges, roots: roots,
      edgesComplete: builder.edgesComplete, metadata: builder.metadata,
      diagnostics: builder.diagnostics)
  }
}
