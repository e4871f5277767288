import SBOMModel

/// Turns a normalised pnpm lockfile into a graph. Snapshots of one package that differ only
/// in their peer suffix are one component (one purl) carrying the edges of all of them;
/// the same name at two versions stays two components.
struct PnpmGraph {
  let input: String
  let source: any FileSource
  let options: ScanOptions

  func build(_ lockfile: PnpmLockfile) -> Graph {
    let file = source.displayPath(input)
    let lockDirectory = directoryOf(input)
    var graph = NodeLockGraph()
    graph.reserveCapacity(lockfile.snapshots.count + lockfile.importers.count)
    graph.projectSupplier = NodeSupplier.root(
      option: options.supplier,
      manifest: PackageJSONManifest.read(in: source, directory: lockDirectory))
    graph.builder.metadata.inputFormat = "pnpm-lock.yaml \(lockfile.version)"
    if lockfile.skippedPackageManagerDocument {
      graph.builder.diagnostics.append(
        Diagnostic(
          severity: .note, location: SourceLocation(file: file),
          message: "skipped the package manager's own document of the lockfile"))
    }

    // Snapshot → component. Making a component (purl, id, hashes, origin) and finding the
    // snapshots the dependencies name (a key built and looked up per dependency) are most of
    // this step, and depend only on the lockfile: for a large lockfile another thread makes the
    // last components and finds every target while this one makes and adds the first ones.
    // The last ones are added in order, so the graph is the one a single thread
    // would build.
    var snapshotIDs: [NodeLockGraph.Index?] = []
    var skipped: [String] = []
    snapshotIDs.reserveCapacity(lockfile.snapshots.count)
    let count = lockfile.snapshots.count
    // This thread also adds every component to the graph, so it makes a bit more than half:
    // nine sixteenths has both threads finish together on large lockfiles (with five eighths
    // the other thread waited; it also finds every target).
    let split = count < 1000 ? count : count * 9 / 16
    let secondHalf =
      split < count
      ? BackgroundWork { [self] in
        SecondHalf(
          components: (split..<count).map { component(for: lockfile.snapshots[$0], lockfile) },
          targets: Self.snapshotDependencyTargets(lockfile))
      } : nil
    func add(_ component: consuming Component?, key: String) {
      if let component {
        snapshotIDs.append(graph.addIndexed(component))
      } else {
        skipped.append(key)
        snapshotIDs.append(nil)
      }
    }
    for index in 0..<split {
      add(component(for: lockfile.snapshots[index], lockfile), key: lockfile.snapshots[index].key)
    }
    let targets: [Int?]
    if let secondHalf {
      var result = secondHalf.wait()
      for offset in result.components.indices {
        // Moved out, not copied: copying a component costs as much as adding it.
        add(result.components[offset].take(), key: lockfile.snapshots[split + offset].key)
      }
      targets = result.targets
    } else {
      targets = Self.snapshotDependencyTargets(lockfile)
    }
    if !skipped.isEmpty {
      graph.warn(
        "\(skipped.count) package keys name no package and carry no name/version: "
          + YarnClassicGraph.sample(skipped), at: SourceLocation(file: file))
    }

    // Importers → roots.
    var linkNames: [String: String] = [:]
    for importer in lockfile.importers {
      for d in importer.dependencies where d.reference.hasPrefix("link:") {
        if let target = normalizePath(
          joinPath(importer.path == "." ? "" : importer.path, String(d.reference.dropFirst(5))))
        {
          let key = target.isEmpty ? "." : target
          if linkNames[key] == nil { linkNames[key] = d.name }
        }
      }
    }
    var importerIDs: [String: NodeLockGraph.Index] = [:]
    let ordered = lockfile.importers.sorted { ($0.path == "." ? 0 : 1) < ($1.path == "." ? 0 : 1) }
    for importer in ordered {
      let relative = importer.path == "." ? lockDirectory : joinPath(lockDirectory, importer.path)
      let manifest = PackageJSONManifest.read(in: relative, from: source, builder: &graph.builder)
      let name =
        manifest?.name ?? linkNames[importer.path]
        ?? lastComponent(source.displayPath(relative), fallback: "project")
      var version = manifest?.version
      if importer.path == "." { version = options.sourceVersion ?? version }
      let project = NpmComponents.project(name: name, version: version, path: relative, file: input)
      importerIDs[importer.path] = graph.addRoot(project)
    }

    // The name each snapshot's component goes by, to tell an alias from the real name.
    let displayNames = snapshotIDs.map { $0.map { graph.displayName(at: $0) } }
    var unresolved: [String] = []
    /// Links `from` to what `d` names; `target` is the snapshot its key resolved to.
    func link(
      from: NodeLockGraph.Index, base: String, _ d: PnpmLockfile.Dependency, requirement: String?,
      line: Int, target: Int?
    ) {
      if d.reference.hasPrefix("link:") {
        let target = normalizePath(joinPath(base, String(d.reference.dropFirst(5))))
        let key = (target?.isEmpty ?? false) ? "." : (target ?? "")
        if let to = importerIDs[key] {
          graph.addEdge(from: from, to: to, kind: d.kind, requirement: requirement)
          return
        }
        let location = target ?? String(d.reference.dropFirst(5))
        let onDisk = target.map { source.isDirectory(joinPath(lockDirectory, $0)) } ?? false
        if !onDisk {
          graph.warn(
            "\(d.name) links to \(location), which is neither an importer nor in the scanned tree",
            at: SourceLocation(file: file, line: line))
        }
        let to = graph.addIndexed(
          linkComponent(name: d.name, path: joinPath(lockDirectory, location)))
        graph.addEdge(from: from, to: to, kind: d.kind, requirement: requirement)
        return
      }
      guard let index = target else {
        unresolved.append("\(d.name)@\(d.reference)")
        return
      }
      if let to = snapshotIDs[index] {
        graph.addEdge(from: from, to: to, kind: d.kind, requirement: requirement)
        // pnpm keys name the real package; an alias is the name the dependent uses.
        if displayNames[index] != d.name {
          graph.addProperty(Property("lineage:npm:alias", d.name), to: to)
        }
      }
    }

    for importer in lockfile.importers {
      guard let from = importerIDs[importer.path] else { continue }
      let base = importer.path == "." ? "" : importer.path
      for d in importer.dependencies {
        link(
          from: from, base: base, d, requirement: d.specifier, line: importer.line,
          target: Self.snapshotIndex(of: d, in: lockfile))
      }
    }
    var nextTarget = 0
    for (index, snapshot) in lockfile.snapshots.enumerated() {
      defer { nextTarget += snapshot.dependencies.count }
      guard let from = snapshotIDs[index] else { continue }
      for (offset, d) in snapshot.dependencies.enumerated() {
        link(
          from: from, base: "", d, requirement: nil, line: snapshot.line,
          target: targets[nextTarget + offset])
      }
    }
    if !unresolved.isEmpty {
      graph.warn(
        "\(unresolved.count) dependencies name no package key of the lockfile: "
          + YarnClassicGraph.sample(unresolved), at: SourceLocation(file: file))
    }
    return graph.build()
  }

  /// The component of a snapshot; nil when neither its key nor its metadata names a package.
  private func component(
    for snapshot: PnpmLockfile.Snapshot, _ lockfile: PnpmLockfile
  ) -> Component? {
    let packageKey =
      lockfile.layout == .v9 ? PnpmKeys.packageKey(ofSnapshot: snapshot.key) : snapshot.key
    let meta = lockfile.packages[packageKey] ?? PnpmLockfile.Package()
    let spelled = PnpmKeys.nameAndVersion(snapshot.key, layout: lockfile.layout)
    guard let name = meta.name ?? spelled?.name else { return nil }
    var version = meta.version ?? spelled?.version
    var sourceInfo = NodeResolvedSource.registryDefault
    var disambiguator: String?
    if let repository = meta.gitRepository {
      var url = repository
      if let commit = meta.gitCommit { url += "#" + commit }
      sourceInfo =
        NodeResolvedSource.gitSource(
          url.hasPrefix("git") || url.hasSuffix(".git") ? url : "git+" + url)
        ?? NodeResolvedSource(
          origin: .git(url: GitURL.normalize(repository), revision: meta.gitCommit, reference: nil),
          qualifiers: [:])
    } else if let directory = meta.directory {
      sourceInfo = NodeResolvedSource(origin: .path(directory), qualifiers: [:])
      disambiguator = "path:" + directory
    } else if let tarball = meta.tarball {
      sourceInfo = NodeResolvedSource.classify(tarball, name: name)
      if case .path(let p) = sourceInfo.origin { disambiguator = "path:" + p }
    }
    // `name@file:dir` spells a location, not a version.
    if let v = version, v.hasPrefix("file:") || v.hasPrefix("link:") {
      if disambiguator == nil {
        sourceInfo = NodeResolvedSource(
          origin: .path(String(v.drop { $0 != ":" }.dropFirst())), qualifiers: [:])
        disambiguator = "path:" + String(v.drop { $0 != ":" }.dropFirst())
      }
      version = nil
    }
    var component = NpmComponents.package(
      name: name, version: version, source: sourceInfo,
      hashes: meta.integrity.map(NodeIntegrity.hashes) ?? [], file: input)
    if let disambiguator, let purl = component.purl {
      component.id = ComponentID.derived(from: purl, disambiguator: disambiguator)
    }
    // Lockfile flags stand for unreachable snapshots; reachable ones get scopes from the roots.
    switch (snapshot.dev, snapshot.optional) {
    case (true, true): component.scope = .devOptional
    case (true, false): component.scope = .dev
    case (_, true): component.scope = .optional
    default: break
    }
    if let patch = PnpmKeys.patchHash(snapshot.key) {
      component.properties.append(Property("lineage:pnpm:patch-hash", patch))
    }
    return component
  }

  /// What the background thread hands back: the components of the second half of the
  /// snapshots, and `snapshotDependencyTargets`.
  private struct SecondHalf: Sendable {
    var components: [Component?]
    var targets: [Int?]
  }

  /// The snapshot each snapshot dependency names, in order of snapshots and then of their
  /// dependencies; nil for a `link:` or a key the lockfile lacks.
  private static func snapshotDependencyTargets(_ lockfile: PnpmLockfile) -> [Int?] {
    var targets: [Int?] = []
    for snapshot in lockfile.snapshots {
      for d in snapshot.dependencies {
        targets.append(snapshotIndex(of: d, in: lockfile))
      }
    }
    return targets
  }

  /// The snapshot whose key pnpm would have written for `d`, trying each spelling in turn; nil
  /// for a `link:`, which names a folder.
  private static func snapshotIndex(
    of d: PnpmLockfile.Dependency, in lockfile: PnpmLockfile
  ) -> Int? {
    guard !d.reference.hasPrefix("link:") else { return nil }
    var attempt = 0
    while let key = PnpmKeys.candidate(
      attempt, name: d.name, reference: d.reference, layout: lockfile.layout)
    {
      attempt += 1
      if let index = lockfile.snapshotIndex[key] { return index }
    }
    return nil
  }

  private func linkComponent(name: String, path: String) -> Component {
    NpmComponents.link(name: name, path: path, file: input)
  }
}
