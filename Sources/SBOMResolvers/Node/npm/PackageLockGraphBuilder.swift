import SBOMModel

/// Turns a flattened package lock into components and exact edges: every dependency is resolved
/// from the folder of the package that declares it, never by name alone, so one name installed
/// at several versions stays several components with their own edges.
///
/// Components and edges are collected in arrays indexed by entry (a lockfile has thousands);
/// `Graph` sorts and deduplicates them once at the end.
struct PackageLockGraphBuilder {
  /// Emptied once the graph is collected (see `build()`).
  private(set) var lock: PackageLock
  /// The root project: its component and its declared dependencies.
  let root: Component
  let rootManifest: PackageJSONManifest
  /// The lockfile's folder relative to the scan root, for path origins.
  let baseDirectory: String
  /// The lockfile as named in messages.
  let displayFile: String
  /// True when nothing states the root's direct dependencies (lockfile v1 without package.json):
  /// the root then depends on each top-level package nothing else requires.
  let inferRootDependencies: Bool

  private var tree: NodeModulesTree
  /// Every component; the root is the first.
  private var components: [Component] = []
  /// Edges by component index, made into `Edge`s once all are known (see `sortedEdges()`).
  private var pending: [PendingEdge] = []
  private var diagnostics: [Diagnostic] = []
  private var edgesComplete = true
  /// Index in `components` of each entry (nil for links and entries that became no component).
  private var componentOf: [Int?]
  /// Alias names each component is installed under, gathered across duplicate folders.
  private var aliases: [Int: Set<String>] = [:]
  /// Per component: whether the root depends on it, and whether some package does.
  private var rootTargets: [Bool] = []
  private var requiredByPackages: [Bool] = []
  /// Per entry, what a dependency that finds it resolves to, links followed: the component's
  /// index times two, plus one when the entry reached is optional; -1 for a link to a missing
  /// folder. Four bytes an entry, so that the table stays in cache while edges pick at random.
  /// Worked out once in entry order, with `ids`: looking these up per dependency visited the
  /// large entry and component arrays at random, and at 100,000 packages those cache misses
  /// made edges cost twice as much per package as at 10,000.
  private var targets: [Int32] = []
  /// Per declared dependency, in the order `addEdges` visits them: where it leads (see
  /// `resolveDependencies`), and the next one to take.
  private var resolved: [Int32] = []
  private var nextResolved = 0
  /// The id of each component, by index.
  private var ids: [ComponentID] = []

  init(
    lock: PackageLock, root: Component, rootManifest: PackageJSONManifest, baseDirectory: String,
    displayFile: String, inferRootDependencies: Bool
  ) {
    self.inferRootDependencies = inferRootDependencies
    self.lock = lock
    self.root = root
    self.rootManifest = rootManifest
    self.baseDirectory = baseDirectory
    self.displayFile = displayFile
    self.tree = NodeModulesTree(entries: lock.entries)
    self.componentOf = Array(repeating: nil, count: lock.entries.count)
  }

  mutating func build() -> Graph {
    addComponents()
    reportMissingLinkTargets()
    rootTargets = Array(repeating: false, count: components.count)
    requiredByPackages = Array(repeating: false, count: components.count)
    packIDs()
    targets = lock.entries.indices.map { i in
      guard let node = tree.follow(i), let component = index(of: node) else { return -1 }
      var optional = false
      if case .entry(let t) = node { optional = lock.entries[t].optional }
      return Int32(component) << 1 | (optional ? 1 : 0)
    }
    // Room for an edge per declared dependency up front: growing by doubling held the old and
    // the new array at once, at the scan's peak.
    var declaredCount = rootManifest.dependencies.count
    for i in lock.entries.indices { declaredCount += lock.entries[i].dependencies.count }
    pending.reserveCapacity(declaredCount)
    resolveDependencies(count: declaredCount)
    addEdges(
      from: .root, declared: rootManifest.dependencies, optionalPeers: rootManifest.optionalPeers)
    for i in lock.entries.indices where componentOf[i] != nil {
      addEdges(
        from: .entry(i), declared: lock.entries[i].dependencies,
        optionalPeers: lock.entries[i].optionalPeers)
    }
    linkWorkspaces()
    if inferRootDependencies { inferRootEdges() }
    let edges = sortedEdges()
    // The lockfile is done with: at 100,000 packages its entries, strings and folder tables
    // are ~50 MB that would otherwise still be held while the graph sorts, the scan's peak.
    lock.entries = []
    tree = NodeModulesTree(entries: [])
    componentOf = []
    targets = []
    resolved = []
    ids = []
    // Handed over, not shared: the graph then sorts the only copy in place.
    var components: [Component] = []
    swap(&components, &self.components)
    return Graph(
      components: components, edges: edges, roots: [root.id], edgesComplete: edgesComplete,
      diagnostics: diagnostics)
  }

  private mutating func warn(_ message: String, jsonPath: String?) {
    diagnostics.append(
      Diagnostic(location: SourceLocation(file: displayFile, jsonPath: jsonPath), message: message))
  }

  // MARK: components

  private mutating func addComponents() {
    components.reserveCapacity(lock.entries.count + 1)
    components.append(root)
    let linkNames = linkNamesByTarget()
    let workspaces = workspaceFolders()
    // Components by id, numbered in a flat table: a `[ComponentID: Int]` hashed each id with
    // SipHash and, freed, released its 100,000 keys in bucket order, a cache miss each.
    var byID = NameTable(capacity: lock.entries.count + 1)
    var componentOfID: [Int] = []
    componentOfID.reserveCapacity(lock.entries.count + 1)
    _ = byID.intern(root.id.rawValue)
    componentOfID.append(0)
    for i in lock.entries.indices where !lock.entries[i].link {
      let entry = lock.entries[i]
      guard
        var component = makeComponent(
          entry, linkName: linkNames[entry.path], isWorkspace: workspaces.contains(entry.path))
      else { continue }
      var index = components.count
      // One component per purl, unless the copies' bytes differ (another digest for the same
      // algorithm, or another origin): then the folder tells them apart.
      if let previous = byID.find(component.id.rawValue).map({ componentOfID[Int($0)] }) {
        let existing = components[previous]
        if existing.origin != component.origin || conflicting(existing.hashes, component.hashes) {
          if let purl = component.purl {
            component.id = .derived(from: purl, disambiguator: entry.path)
          }
        } else {
          index = previous
          merge(component, into: previous)
        }
      }
      if index == components.count {
        let number = Int(byID.intern(component.id.rawValue))
        if number == componentOfID.count {
          componentOfID.append(index)
        } else {
          // A disambiguated id that repeats one seen before: the latest wins.
          componentOfID[number] = index
        }
        components.append(component)
      }
      componentOf[i] = index
      if PackageLockParser.isUnderNodeModules(entry.path), let real = entry.name,
        real != entry.installName
      {
        aliases[index, default: []].insert(entry.installName)
      }
    }
    supplyBundledPackages()
    for (index, names) in aliases {
      components[index].properties.append(
        Property("lineage:npm:alias", names.sorted().joined(separator: ",")))
    }
  }

  /// A bundled package has no `resolved` of its own: it ships inside the tarball of the package
  /// that bundles it (the nearest enclosing folder not itself bundled, or the root project), so
  /// it shares that package's supplier.
  private mutating func supplyBundledPackages() {
    for i in lock.entries.indices where lock.entries[i].inBundle {
      guard let index = componentOf[i], components[index].supplier == nil else { continue }
      var path = lock.entries[i].path
      var supplier = root.supplier
      while let range = path.ranges(of: "/node_modules/").last {
        path = String(path[..<range.lowerBound])
        guard let parent = tree.entry(at: path) else { break }
        if lock.entries[parent].inBundle { continue }
        supplier = componentOf[parent].flatMap { components[$0].supplier }
        break
      }
      components[index].supplier = supplier
    }
  }

  /// A second folder with the same package: keep the broadest scope and every digest.
  private mutating func merge(_ component: Component, into index: Int) {
    if component.scope < components[index].scope { components[index].scope = component.scope }
    let extra = component.hashes.filter { !components[index].hashes.contains($0) }
    if !extra.isEmpty { components[index].hashes = (components[index].hashes + extra).sorted() }
  }

  /// Whether two digest lists disagree on an algorithm both have.
  private func conflicting(_ a: [Hash], _ b: [Hash]) -> Bool {
    a.contains { x in b.contains { $0.algorithm == x.algorithm && $0.value != x.value } }
  }

  private func makeComponent(_ entry: PackageLockEntry, linkName: String?, isWorkspace: Bool)
    -> Component?
  {
    let underNodeModules = PackageLockParser.isUnderNodeModules(entry.path)
    let name =
      entry.name ?? (underNodeModules ? entry.installName : (linkName ?? entry.installName))
    var origin = Origin.unknown
    var qualifiers: [String: String] = [:]
    var properties: [Property] = []
    if !underNodeModules {
      origin = .path(joinRelative(baseDirectory, entry.path))
    } else if let resolved = entry.resolved {
      let source = NodeResolvedSource.classify(resolved, name: name, baseDirectory: baseDirectory)
      origin = source.origin
      qualifiers = source.qualifiers
    }
    if entry.inBundle { properties.append(Property("lineage:npm:bundled", "true")) }
    if entry.extraneous { properties.append(Property("lineage:npm:extraneous", "true")) }
    guard let purl = try? NodePURL.make(name: name, version: entry.version, qualifiers: qualifiers)
    else { return nil }
    let parsed = NodePackageName(name)
    return Component(
      id: .derived(from: purl), kind: isWorkspace ? .application : .library, ecosystem: .npm,
      namespace: parsed.scope, name: parsed.name, version: entry.version, purl: purl,
      origin: origin, hashes: entry.integrity.map(NodeIntegrity.hashes) ?? [],
      supplier: NodeSupplier.of(origin: origin, project: root.supplier), scope: entry.scope,
      properties: properties, sourceFile: displayFile)
  }

  /// For each folder a link points to, the name of the first link to it (a workspace without a
  /// `name` in the lockfile is known by the folder name it is linked under).
  private func linkNamesByTarget() -> [String: String] {
    var names: [String: String] = [:]
    for (i, entry) in lock.entries.enumerated() where entry.link {
      guard let target = tree.linkTarget(of: i), names[target] == nil else { continue }
      names[target] = entry.installName
    }
    return names
  }

  /// Folder entries the root's `workspaces` globs name.
  private func workspaceFolders() -> Set<String> {
    guard !rootManifest.workspaces.isEmpty else { return [] }
    var folders = Set<String>()
    for entry in lock.entries where !entry.link && !PackageLockParser.isUnderNodeModules(entry.path)
    {
      if rootManifest.workspaces.contains(where: { WorkspaceGlob.matches($0, path: entry.path) }) {
        folders.insert(entry.path)
      }
    }
    return folders
  }

  private mutating func reportMissingLinkTargets() {
    for (i, entry) in lock.entries.enumerated() where entry.link {
      guard let target = tree.linkTarget(of: i) else {
        warn("link \(entry.path) has no `resolved` target folder", jsonPath: entry.jsonPath)
        edgesComplete = false
        continue
      }
      if !target.isEmpty && tree.entry(at: target) == nil {
        warn(
          "link \(entry.path) points to \(target), which the lockfile does not list"
            + " (its dependencies are unknown)", jsonPath: entry.jsonPath + ".resolved")
        edgesComplete = false
      }
    }
  }

  /// Gives every component's id a copy of its own, all allocated one after another, and keeps
  /// them in `ids`. Each edge retains its target's id, the graph's sort and the encoders read it
  /// again, and the targets come in no order: with each id allocated among its component's
  /// other strings, at 100,000 packages the ids spread over ~100 MB and nearly every such touch
  /// missed the cache; packed, they take a few MB. The copies are all made before any is
  /// stored, so that none reuses the space an old id is freed from.
  private mutating func packIDs() {
    ids = components.map { ComponentID(Self.freshCopy($0.id.rawValue)) }
    for i in components.indices { components[i].id = ids[i] }
  }

  private static func freshCopy(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { buffer in
        buffer.initialize(fromContentsOf: bytes)
      }
    }
  }

  // MARK: edges

  private func index(of node: NodeModulesTree.Node) -> Int? {
    switch node {
    case .root: 0
    case .entry(let i): componentOf[i]
    }
  }

  /// Looks up every declared dependency (the root's, then each component entry's, as
  /// `addEdges` takes them) into `resolved`: its entry's `targets` code, or -2 when nothing is
  /// installed under its name. A pass of its own, before any edge is made: with no reference
  /// counting in the loop the processor overlaps the lookups' cache misses, which at 100,000
  /// packages made each dependency cost several times what it does at 10,000.
  private mutating func resolveDependencies(count: Int) {
    var resolved: [Int32] = []
    resolved.reserveCapacity(count)
    // Static, on borrowed tables: a nested function capturing `self` copied the tree (and
    // retained each of its arrays) for every entry.
    Self.resolve(
      rootManifest.dependencies, from: tree.rootSearchStart, in: tree, targets: targets,
      into: &resolved)
    for i in lock.entries.indices where componentOf[i] != nil {
      Self.resolve(
        lock.entries[i].dependencies, from: tree.searchStart(ofEntry: i), in: tree,
        targets: targets, into: &resolved)
    }
    self.resolved = resolved
    nextResolved = 0
  }

  private static func resolve(
    _ declared: [PackageJSONManifest.Dependency], from start: Int32,
    in tree: borrowing NodeModulesTree,
    targets: borrowing [Int32], into resolved: inout [Int32]
  ) {
    for k in declared.indices {
      let hit = tree.lookup(declared[k].name, fromStart: start)
      resolved.append(hit.map { targets[$0] } ?? -2)
    }
  }

  private mutating func addEdges(
    from node: NodeModulesTree.Node, declared: [PackageJSONManifest.Dependency],
    optionalPeers: Set<String>
  ) {
    guard let from = index(of: node) else { return }
    for dependency in declared {
      let target = resolved[nextResolved]
      nextResolved += 1
      if target == -2 {
        reportMissing(dependency, of: node, optionalPeers: optionalPeers)
        continue
      }
      // A link whose target is missing was reported once, at the link.
      guard target >= 0 else { continue }
      let to = Int(target >> 1)
      let targetIsOptional = target & 1 == 1
      var kind = dependency.kind
      if kind == .dependsOn, targetIsOptional, !isOptional(node) {
        // Lockfile v1 `requires` does not say which requirements are optional.
        kind = .optionalDependsOn
      }
      if from == 0 { rootTargets[to] = true } else { requiredByPackages[to] = true }
      pending.append(
        PendingEdge(
          from: Int32(from), to: Int32(to), kind: kind,
          requirement: dependency.spec.isEmpty ? nil : dependency.spec))
    }
  }

  /// An edge between components by index.
  private struct PendingEdge {
    var from: Int32
    var to: Int32
    var kind: Edge.Kind
    var requirement: String?
  }

  private func edge(_ e: PendingEdge) -> Edge {
    Edge(from: ids[Int(e.from)], to: ids[Int(e.to)], kind: e.kind, requirement: e.requirement)
  }

  /// The edges in the order the graph keeps them (by source id, then target id, then as
  /// `Edge.<`), repeats dropped. Sorted here by the components' ranks, integers, the graph
  /// finds them in order with one pass over neighbours; sorting them itself, it copied every
  /// id's bytes into keys and compared those, and at 100,000 packages reading each target's id
  /// was a cache miss. Should the order be off (ids that repeat), the graph sorts them anyway.
  private mutating func sortedEdges() -> [Edge] {
    var byID = Array(ids.indices)
    // Nearly in order already (entries come sorted by path, which mostly sorts ids): cheap.
    byID.sort { ids[$0] < ids[$1] }
    var rank = [Int32](repeating: 0, count: ids.count)
    for (r, c) in byID.enumerated() { rank[c] = Int32(r) }
    var pending: [PendingEdge] = []
    swap(&pending, &self.pending)
    pending.sort { a, b in
      let (fa, fb) = (rank[Int(a.from)], rank[Int(b.from)])
      if fa != fb { return fa < fb }
      let (ta, tb) = (rank[Int(a.to)], rank[Int(b.to)])
      if ta != tb { return ta < tb }
      return edge(a) < edge(b)
    }
    var edges: [Edge] = []
    edges.reserveCapacity(pending.count)
    for k in pending.indices {
      if k > 0, pending[k].from == pending[k - 1].from, pending[k].to == pending[k - 1].to,
        pending[k].kind == pending[k - 1].kind, pending[k].requirement == pending[k - 1].requirement
      {
        continue
      }
      edges.append(edge(pending[k]))
    }
    return edges
  }

  private func isOptional(_ node: NodeModulesTree.Node) -> Bool {
    if case .entry(let i) = node { return lock.entries[i].optional }
    return false
  }

  private mutating func reportMissing(
    _ dependency: PackageJSONManifest.Dependency, of node: NodeModulesTree.Node,
    optionalPeers: Set<String>
  ) {
    // Optional dependencies for other platforms and optional peers are left out by design.
    switch dependency.kind {
    case .optionalDependsOn: return
    case .peerDependsOn where optionalPeers.contains(dependency.name): return
    default: break
    }
    let who: String
    let jsonPath: String?
    switch node {
    case .root:
      who = "the root project"
      jsonPath = lock.rootManifest == nil ? nil : "$.packages[\"\"]"
    case .entry(let i):
      let e = lock.entries[i]
      who = "\(e.name ?? e.installName)@\(e.version ?? "-") (\(e.path))"
      jsonPath = e.jsonPath
    }
    let what =
      switch dependency.kind {
      case .peerDependsOn: "peer dependency "
      case .devDependsOn: "dev dependency "
      default: ""
      }
    warn(
      "\(who) needs \(what)\(dependency.name) (\(dependency.spec)), which the lockfile does not"
        + " install", jsonPath: jsonPath)
  }

  /// The root depends on each workspace (npm links every one into its node_modules); one it
  /// declares, as a dev dependency say, keeps the declared edge only.
  private mutating func linkWorkspaces() {
    guard !rootManifest.workspaces.isEmpty else { return }
    for i in lock.entries.indices where !lock.entries[i].link {
      guard let ws = componentOf[i], ws != 0, components[ws].kind == .application,
        !rootTargets[ws]
      else { continue }
      rootTargets[ws] = true
      pending.append(PendingEdge(from: 0, to: Int32(ws), kind: .dependsOn, requirement: nil))
    }
  }

  /// Roots the hoisted top level: each top-level package no other package requires. Direct
  /// dependencies that something else also requires are then reached only through it, so the
  /// graph says its edges are incomplete.
  private mutating func inferRootEdges() {
    var added = false
    for (i, entry) in lock.entries.enumerated() where !entry.link {
      guard let index = componentOf[i], index != 0, !requiredByPackages[index], !rootTargets[index],
        entry.path == "node_modules/" + entry.installName
      else { continue }
      let kind: Edge.Kind =
        entry.dev ? .devDependsOn : entry.optional ? .optionalDependsOn : .dependsOn
      rootTargets[index] = true
      pending.append(PendingEdge(from: 0, to: Int32(index), kind: kind, requirement: nil))
      added = true
    }
    if added {
      edgesComplete = false
      diagnostics.append(
        Diagnostic(
          severity: .note, location: SourceLocation(file: displayFile),
          message: "no package.json beside the lockfile: the root's direct dependencies are"
            + " inferred from the top-level packages nothing else requires"))
    }
  }
}
