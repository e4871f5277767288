import SBOMModel

/// Turns classic yarn.lock entries into a graph. A dependency `name range` links to the entry
/// whose key lists the descriptor `name@range` — never to another entry of the same name.
/// The lockfile holds no dev information and no root: both come from `package.json` beside it.
struct YarnClassicGraph {
  let input: String
  let source: any FileSource
  let options: ScanOptions

  func build(_ entries: [YarnLockEntry]) -> Graph {
    let file = source.displayPath(input)
    var graph = NodeLockGraph()
    graph.projectSupplier = NodeSupplier.root(
      option: options.supplier,
      manifest: PackageJSONManifest.read(in: source, directory: directoryOf(input)))
    graph.builder.metadata.inputFormat = "yarn.lock v1"
    var byDescriptor: [String: NodeLockGraph.Index] = [:]
    var entryIDs: [NodeLockGraph.Index?] = []
    entryIDs.reserveCapacity(entries.count)

    for entry in entries {
      guard let id = component(for: entry, file: file, graph: &graph) else {
        entryIDs.append(nil)
        continue
      }
      entryIDs.append(id)
      for descriptor in entry.descriptors { byDescriptor[descriptor] = id }
    }

    var unresolved: [String] = []
    var dependedOn = Set<NodeLockGraph.Index>()
    for (entry, id) in zip(entries, entryIDs) {
      guard let id else { continue }
      let sections: [([(name: String, range: String)], Edge.Kind)] = [
        (entry.dependencies, .dependsOn), (entry.optionalDependencies, .optionalDependsOn),
      ]
      for (list, kind) in sections {
        for (name, range) in list {
          guard let target = byDescriptor["\(name)@\(range)"] else {
            unresolved.append("\(name)@\(range)")
            continue
          }
          graph.addEdge(from: id, to: target, kind: kind, requirement: range)
          dependedOn.insert(target)
        }
      }
    }

    let directory = directoryOf(input)
    let manifest = PackageJSONManifest.read(in: directory, from: source, builder: &graph.builder)
    let rootName =
      manifest?.name ?? lastComponent(source.displayPath(directory), fallback: "project")
    let root = NpmComponents.project(
      name: rootName, version: options.sourceVersion ?? manifest?.version, path: directory,
      file: input)
    let rootIndex = graph.addRoot(root)
    if let manifest {
      let kinds: [Edge.Kind] = [
        .dependsOn, .devDependsOn, .optionalDependsOn, .peerDependsOn,
      ]
      let sections = kinds.map { (manifest.specs($0), $0) }
      var missing: [String] = []
      for (list, kind) in sections {
        for (name, range) in list {
          guard let target = byDescriptor["\(name)@\(range)"] else {
            if kind != .peerDependsOn { missing.append("\(name)@\(range)") }
            continue
          }
          graph.addEdge(from: rootIndex, to: target, kind: kind, requirement: range)
        }
      }
      if !missing.isEmpty {
        graph.warn(
          "\(missing.count) dependencies of package.json have no yarn.lock entry (lockfile out of"
            + " date, or workspace packages): " + Self.sample(missing),
          at: SourceLocation(file: source.displayPath(joinPath(directory, "package.json"))))
      }
    } else {
      // Without package.json the root's dependencies are unknown; the entries nothing else
      // depends on must be direct dependencies (of the root or of a workspace).
      let undepended = Set(entryIDs.compactMap { $0 }).subtracting(dependedOn)
      for index in undepended.sorted(by: { graph.id(at: $0) < graph.id(at: $1) }) {
        graph.addEdge(from: rootIndex, to: index, kind: .dependsOn)
      }
      graph.builder.edgesComplete = false
      graph.warn(
        "no package.json beside yarn.lock: the root is taken to depend on the entries nothing"
          + " else depends on, and dev dependencies cannot be told apart",
        at: SourceLocation(file: file))
    }
    if !unresolved.isEmpty {
      graph.warn(
        "\(unresolved.count) dependencies have no yarn.lock entry (workspace packages, or a"
          + " damaged lockfile): " + Self.sample(unresolved), at: SourceLocation(file: file))
    }
    return graph.build()
  }

  /// The component an entry resolves to; nil (with a warning) for an entry without a version.
  private func component(
    for entry: YarnLockEntry, file: String, graph: inout NodeLockGraph
  ) -> NodeLockGraph.Index? {
    guard let version = entry.version else {
      graph.warn(
        "entry \(entry.descriptors.joined(separator: ", ")) has no version; skipped",
        at: SourceLocation(file: file, line: entry.line))
      return nil
    }
    // `alias@npm:real@range` installs `real` under the name `alias`.
    var realName: String?
    var aliases: [String] = []
    for descriptor in entry.descriptors {
      guard let (name, range) = splitNameAtRange(Substring(descriptor)) else { continue }
      if range.hasPrefix("npm:"), let target = splitNameAtRange(range.dropFirst(4)),
        !target.name.isEmpty
      {
        if realName == nil { realName = String(target.name) }
        if target.name != name { aliases.append(String(name)) }
      } else if realName == nil || !aliases.isEmpty {
        realName = String(name)
      }
    }
    let name = realName ?? entry.descriptors[0]
    let sourceInfo = NodeResolvedSource.classify(entry.resolved ?? "", name: name)
    var component = NpmComponents.package(
      name: name, version: version, source: sourceInfo,
      hashes: entry.integrity.map(NodeIntegrity.hashes) ?? [], file: input)
    for alias in Set(aliases).sorted() where alias != name {
      component.properties.append(Property("lineage:npm:alias", alias))
    }
    return graph.addIndexed(component)
  }

  static func sample(_ items: [String]) -> String {
    let unique = Array(Set(items)).sorted()
    let shown = unique.prefix(5).joined(separator: ", ")
    return unique.count > 5 ? shown + ", …" : shown
  }
}
