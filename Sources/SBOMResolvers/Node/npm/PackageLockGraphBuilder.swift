import SBOMModel

/// Turns a flattened package lock into components and exact edges: every dependency is resolved
/// from the folder of the package that declares it, never by name alone, so one name installed
/// at several versions stays several components with their own edges.
struct PackageLockGraphBuilder {
  let lock: PackageLock
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

  private(set) var builder = GraphBuilder()
  private let tree: NodeModulesTree
  /// Component id of each entry (nil for links and entries that became no component).
  private var ids: [ComponentID?]
  /// Alias names each component is installed under, gathered across duplicate folders.
  private var aliases: [ComponentID: Set<String>] = [:]
  /// What the root already depends on, so workspaces are not linked twice.
  private var rootTargets: Set<ComponentID> = []
  /// What some package (not the root) depends on.
  private var requiredByPackages: Set<ComponentID> = []

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
    self.ids = Array(repeating: nil, count: lock.entries.count)
  }

  mutating func build() -> GraphBuilder {
    builder.addRoot(root)
    let linkNames = linkNamesByTarget()
    let workspaces = workspaceFolders()
    var seen: [String: ComponentID] = [:]
    for (i, entry) in lock.entries.enumerated() where !entry.link {
      let component = makeComponent(
        entry, linkName: linkNames[entry.path], isWorkspace: workspaces.contains(entry.path))
      guard var component else { continue }
      // One component per purl, unless the copies' bytes differ (another digest for the same
      // algorithm, or another origin): then the folder tells them apart.
      if let purl = component.purl {
        let key = purl.description
        if let previousID = seen[key], let previous = builder[previousID] {
          if previous.origin != component.origin
            || conflicting(previous.hashes, component.hashes)
          {
            component.id = .derived(from: purl, disambiguator: entry.path)
          } else {
            component.id = previousID
            let extra = component.hashes.filter { !previous.hashes.contains($0) }
            if !extra.isEmpty {
              var merged = previous
              merged.hashes = (previous.hashes + extra).sorted()
              builder[previousID] = merged
            }
          }
        } else {
          seen[key] = component.id
        }
      }
      ids[i] = component.id
      if entry.path.hasPrefix("node_modules/") || entry.path.contains("/node_modules/"),
        let real = entry.name, real != entry.installName
      {
        aliases[component.id, default: []].insert(entry.installName)
      }
      builder.add(component)
    }
    for (id, names) in aliases.sorted(by: { $0.key < $1.key }) {
      guard var component = builder[id] else { continue }
      component.properties.append(
        Property("lineage:npm:alias", names.sorted().joined(separator: ",")))
      builder[id] = component
    }
    reportMissingLinkTargets()
    addEdges(
      from: .root, path: "", declared: rootManifest.dependencies,
      optionalPeers: rootManifest.optionalPeers)
    for (i, entry) in lock.entries.enumerated() where !entry.link && ids[i] != nil {
      addEdges(
        from: .entry(i), path: entry.path, declared: entry.dependencies,
        optionalPeers: entry.optionalPeers)
    }
    linkWorkspaces(workspaces)
    if inferRootDependencies { inferRootEdges() }
    return builder
  }

  // MARK: components

  /// Whether two digest lists disagree on an algorithm both have.
  private func conflicting(_ a: [Hash], _ b: [Hash]) -> Bool {
    a.contains { x in b.contains { $0.algorithm == x.algorithm && $0.value != x.value } }
  }

  private func makeComponent(_ entry: PackageLockEntry, linkName: String?, isWorkspace: Bool)
    -> Component?
  {
    let underNodeModules = PackageLockParser.isUnderNodeModules(entry.path)
    let name = entry.name ?? (underNodeModules ? entry.installName : (linkName ?? entry.installName))
    var origin = Origin.unknown
    var qualifiers: [String: String] = [:]
    var properties: [Property] = []
    if !underNodeModules {
      origin = .path(joinRelative(baseDirectory, entry.path))
    } else if let resolved = entry.resolved {
      let source = NodeResolvedSource.classify(resolved, name: name, baseDirectory: baseDirectory)
      origin = source.origin
      qualifiers = source.qualifiers
      if let registry = source.customRegistry {
        properties.append(Property("lineage:npm:registry", registry))
      }
    }
    if entry.inBundle { properties.append(Property("lineage:npm:bundled", "true")) }
    if entry.extraneous { properties.append(Property("lineage:npm:extraneous", "true")) }
    guard let purl = try? NodePURL.make(name: name, version: entry.version, qualifiers: qualifiers)
    else { return nil }
    let parsed = NodePackageName(name)
    return Component(
      id: .derived(from: purl), kind: isWorkspace ? .application : .library, ecosystem: .npm,
      namespace: parsed.scope, name: parsed.name, version: entry.version, purl: purl,
      origin: origin, hashes: entry.integrity.map(Hash.fromSubresourceIntegrity) ?? [],
      scope: entry.scope, properties: properties, sourceFile: displayFile)
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
        builder.warn(
          "link \(entry.path) has no `resolved` target folder",
          at: SourceLocation(file: displayFile, jsonPath: entry.jsonPath))
        builder.edgesComplete = false
        continue
      }
      if !target.isEmpty && tree.entry(at: target) == nil {
        builder.warn(
          "link \(entry.path) points to \(target), which the lockfile does not list"
            + " (its dependencies are unknown)",
          at: SourceLocation(file: displayFile, jsonPath: entry.jsonPath + ".resolved"))
        builder.edgesComplete = false
      }
    }
  }

  // MARK: edges

  private func id(of node: NodeModulesTree.Node) -> ComponentID? {
    switch node {
    case .root: root.id
    case .entry(let i): ids[i]
    }
  }

  private mutating func addEdges(
    from node: NodeModulesTree.Node, path: String, declared: [PackageJSONManifest.Dependency],
    optionalPeers: Set<String>
  ) {
    guard let fromID = id(of: node) else { return }
    for dependency in declared {
      guard let hit = tree.lookup(dependency.name, from: path) else {
        reportMissing(dependency, of: node, path: path, optionalPeers: optionalPeers)
        continue
      }
      // A link whose target is missing was reported once, at the link.
      guard let target = tree.follow(hit), let toID = id(of: target) else { continue }
      var kind = dependency.kind
      if kind == .dependsOn, case .entry(let t) = target, lock.entries[t].optional,
        !isOptional(node)
      {
        // Lockfile v1 `requires` does not say which requirements are optional.
        kind = .optionalDependsOn
      }
      if node == .root { rootTargets.insert(toID) } else { requiredByPackages.insert(toID) }
      builder.addEdge(
        Edge(
          from: fromID, to: toID, kind: kind,
          requirement: dependency.spec.isEmpty ? nil : dependency.spec))
    }
  }

  private func isOptional(_ node: NodeModulesTree.Node) -> Bool {
    if case .entry(let i) = node { return lock.entries[i].optional }
    return false
  }

  private mutating func reportMissing(
    _ dependency: PackageJSONManifest.Dependency, of node: NodeModulesTree.Node, path: String,
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
    builder.warn(
      "\(who) needs \(dependency.name) (\(dependency.spec)), which the lockfile does not install",
      at: SourceLocation(file: displayFile, jsonPath: jsonPath))
  }

  /// The root depends on each workspace (npm links every one into its node_modules), as a dev
  /// dependency only when it declares it so.
  private mutating func linkWorkspaces(_ workspaces: Set<String>) {
    for folder in workspaces.sorted() {
      guard let i = tree.entry(at: folder), let wsID = ids[i], wsID != root.id,
        !rootTargets.contains(wsID)
      else { continue }
      builder.addEdge(Edge(from: root.id, to: wsID, kind: .dependsOn))
    }
  }

  /// Roots the hoisted top level: each top-level package no other package requires. Direct
  /// dependencies that something else also requires are then reached only through it, so the
  /// graph says its edges are incomplete.
  private mutating func inferRootEdges() {
    var added = false
    for (i, entry) in lock.entries.enumerated() where !entry.link {
      guard let id = ids[i], id != root.id, !requiredByPackages.contains(id),
        entry.path == "node_modules/" + entry.installName
      else { continue }
      let kind: Edge.Kind = entry.dev ? .devDependsOn : entry.optional ? .optionalDependsOn : .dependsOn
      builder.addEdge(Edge(from: root.id, to: id, kind: kind))
      added = true
    }
    if added {
      builder.edgesComplete = false
      builder.diagnostics.append(
        Diagnostic(
          severity: .note, location: SourceLocation(file: displayFile),
          message: "no package.json beside the lockfile: the root's direct dependencies are"
            + " inferred from the top-level packages nothing else requires"))
    }
  }
}
