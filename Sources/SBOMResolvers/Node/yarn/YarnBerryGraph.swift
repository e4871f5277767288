import SBOMModel

/// Turns berry yarn.lock entries into a graph. Each `dependencies` descriptor (`name: npm:^1.0`)
/// links to the entry whose key lists it: exactly, then with the default `npm:` protocol (older
/// lockfiles leave it out), then bound to the depending package (`link:`/`portal:` keys carry
/// `::locator=<parent>`); `workspace:` ranges name a workspace. Peer dependencies are not
/// linked: berry resolves them through virtual packages the lockfile does not record.
///
/// `checksum` is yarn's cache key, not a digest of the published tarball, so it is kept as the
/// property `lineage:yarn:checksum` rather than as a hash.
struct YarnBerryGraph {
  let input: String
  let source: any FileSource
  let options: ScanOptions

  private struct Workspace {
    var id: ComponentID
    var path: String
    var manifest: PackageJSONManifest?
  }

  func build(_ lockfile: YarnBerryParser.Lockfile) -> Graph {
    let file = source.displayPath(input)
    let lockDirectory = directoryOf(input)
    var graph = NodeLockGraph()
    graph.projectSupplier = NodeSupplier.root(
      option: options.supplier,
      manifest: PackageJSONManifest.read(in: source, directory: lockDirectory))
    graph.builder.metadata.inputFormat =
      "yarn.lock berry (__metadata \(lockfile.metadataVersion ?? "?"))"

    var byDescriptor: [String: Int] = [:]
    var byLocatorBound: [String: Int] = [:]
    var ids: [ComponentID?] = []
    var workspacesByName: [String: [Int]] = [:]
    var workspaces: [Int: Workspace] = [:]

    for (index, entry) in lockfile.entries.enumerated() {
      for descriptor in entry.descriptors {
        byDescriptor[descriptor] = index
        if let bound = descriptor.firstRange(of: "::locator=") {
          let base = descriptor[..<bound.lowerBound]
          let locator = PercentDecoding.decode(descriptor[bound.upperBound...])
          byLocatorBound[base + "\u{0}" + locator] = index
        }
      }
      let resolution = entry.resolved ?? ""
      guard let (resName, reference) = splitNameAtRange(Substring(resolution)) else {
        graph.warn(
          "unreadable resolution `\(resolution)`; entry skipped",
          at: SourceLocation(file: file, line: entry.line))
        ids.append(nil)
        continue
      }
      let name = String(resName)
      if reference.hasPrefix("workspace:") {
        let path = String(reference.dropFirst("workspace:".count))
        let relative = path == "." ? lockDirectory : joinPath(lockDirectory, path)
        let manifest = PackageJSONManifest.read(in: relative, from: source, builder: &graph.builder)
        var version = entry.version
        if version == nil || version == "0.0.0-use.local" { version = manifest?.version }
        if path == "." { version = options.sourceVersion ?? version }
        let project = NpmComponents.project(
          name: name, version: version, path: relative, file: input)
        workspaces[index] = Workspace(id: project.id, path: path, manifest: manifest)
        workspacesByName[name, default: []].append(index)
        ids.append(project.id)
        continue
      }
      ids.append(
        packageComponent(entry, name: name, reference: reference, file: file, graph: &graph))
    }

    // Roots: the top workspace first, then the others in lockfile order.
    let workspaceOrder = workspaces.keys.sorted { a, b in
      let ta = workspaces[a]?.path == "." ? 0 : 1
      let tb = workspaces[b]?.path == "." ? 0 : 1
      return ta != tb ? ta < tb : a < b
    }
    for index in workspaceOrder {
      guard let w = workspaces[index], let entry = lockfile.entries[safe: index] else { continue }
      let relative = w.path == "." ? lockDirectory : joinPath(lockDirectory, w.path)
      var version = entry.version
      if version == nil || version == "0.0.0-use.local" { version = w.manifest?.version }
      if w.path == "." { version = options.sourceVersion ?? version }
      let name = splitNameAtRange(Substring(entry.resolved ?? "")).map { String($0.name) } ?? ""
      graph.addRoot(
        NpmComponents.project(name: name, version: version, path: relative, file: input))
    }
    if workspaces.isEmpty {
      // A lockfile without its workspace entry: a root from package.json or the folder name.
      let manifest = PackageJSONManifest.read(
        in: lockDirectory, from: source, builder: &graph.builder)
      graph.addRoot(
        NpmComponents.project(
          name: manifest?.name
            ?? lastComponent(source.displayPath(lockDirectory), fallback: "project"),
          version: options.sourceVersion ?? manifest?.version, path: lockDirectory, file: input))
      graph.builder.edgesComplete = false
      graph.warn(
        "yarn.lock has no workspace entry: the root's dependencies are unknown",
        at: SourceLocation(file: file))
    }

    let catalogs = YarnCatalogs.read(in: lockDirectory, from: source, graph: &graph)
    // Packages by name, for `catalog:` ranges when .yarnrc.yml is not there to say the range.
    var npmEntriesByName: [String: [Int]] = [:]
    for (index, entry) in lockfile.entries.enumerated() where workspaces[index] == nil {
      for descriptor in entry.descriptors {
        guard let (name, _) = splitNameAtRange(Substring(descriptor)) else { continue }
        if npmEntriesByName[String(name)]?.last != index {
          npmEntriesByName[String(name), default: []].append(index)
        }
      }
    }
    var unresolved: [String] = []
    var catalogByName = 0
    for (index, entry) in lockfile.entries.enumerated() {
      guard let from = ids[index] else { continue }
      let devOnly = workspaces[index]?.manifest?.devOnlyNames ?? []
      for (name, declared) in entry.dependencies + entry.optionalDependencies {
        var range = declared
        if declared.hasPrefix("catalog:") {
          if let catalogs {
            range =
              catalogs.range(for: name, in: String(declared.dropFirst("catalog:".count)))
              ?? declared
          } else if let only = npmEntriesByName[name], only.count == 1 {
            // One entry of that name: the catalog can only have named it.
            catalogByName += 1
            if let to = ids[only[0]] {
              graph.addEdge(
                from: from, to: to, kind: edgeKind(name, entry, devOnly), requirement: declared)
            }
            continue
          }
        }
        var target: Int? = byDescriptor["\(name)@\(range)"]
        if target == nil && !Self.hasProtocol(range) {
          target = byDescriptor["\(name)@npm:\(range)"]
        }
        if target == nil, let parent = entry.resolved {
          target = byLocatorBound["\(name)@\(range)\u{0}\(parent)"]
        }
        if target == nil && range.hasPrefix("workspace:") {
          target = workspaceTarget(
            name: name, range: range, byName: workspacesByName, workspaces: workspaces)
        }
        guard let t = target, let to = ids[t] else {
          unresolved.append("\(name)@\(range)")
          continue
        }
        graph.addEdge(
          from: from, to: to, kind: edgeKind(name, entry, devOnly), requirement: declared)
      }
    }
    if catalogByName > 0 {
      graph.warn(
        "\(catalogByName) `catalog:` dependencies were linked to the only entry of their name"
          + " (no .yarnrc.yml beside the lockfile to give the catalog's ranges)",
        at: SourceLocation(file: file))
    }
    if !unresolved.isEmpty {
      graph.warn(
        "\(unresolved.count) dependencies match no yarn.lock entry: "
          + YarnClassicGraph.sample(unresolved), at: SourceLocation(file: file))
    }
    return graph.build()
  }

  private func edgeKind(_ name: String, _ entry: YarnLockEntry, _ devOnly: Set<String>) -> Edge.Kind
  {
    if devOnly.contains(name) { return .devDependsOn }
    if entry.optionalNames.contains(name)
      || entry.optionalDependencies.contains(where: { $0.name == name })
    {
      return .optionalDependsOn
    }
    return .dependsOn
  }

  private func workspaceTarget(
    name: String, range: String, byName: [String: [Int]], workspaces: [Int: Workspace]
  ) -> Int? {
    let candidates = byName[name] ?? []
    if candidates.count == 1 { return candidates[0] }
    // Several workspaces of one name: `workspace:<path>` says which.
    let path = String(range.dropFirst("workspace:".count))
    return candidates.first { workspaces[$0]?.path == path }
  }

  /// Whether a range names its protocol (`npm:^1`, `patch:…`, `https://…`) rather than being a
  /// bare semver range.
  static func hasProtocol(_ range: String) -> Bool {
    guard let colon = range.firstIndex(of: ":") else { return false }
    return range[..<colon].allSatisfy { $0.isLetter || $0 == "+" }
  }

  /// The component of a non-workspace entry.
  private func packageComponent(
    _ entry: YarnLockEntry, name: String, reference: Substring, file: String,
    graph: inout NodeLockGraph
  ) -> ComponentID {
    var properties: [Property] = []
    var reference = reference
    var realName = name
    // patch:<inner locator, percent-encoded>#<patch file>::version=…&hash=…
    if reference.hasPrefix("patch:") {
      let body = reference.dropFirst("patch:".count)
      let hash = body.firstIndex(of: "#") ?? body.endIndex
      let inner = PercentDecoding.decode(body[..<hash])
      var patchFile = hash < body.endIndex ? body[body.index(after: hash)...] : ""
      if let params = patchFile.firstRange(of: "::") { patchFile = patchFile[..<params.lowerBound] }
      properties.append(Property("lineage:yarn:patch", String(patchFile)))
      if let (innerName, innerReference) = splitNameAtRange(Substring(inner)) {
        realName = String(innerName)
        reference = Substring(String(innerReference))
      }
    }
    var version = entry.version
    let sourceInfo: NodeResolvedSource
    if reference.hasPrefix("npm:") {
      let rest = reference.dropFirst(4)
      // `npm:1.2.3`, or a full URL on a custom registry.
      if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
        sourceInfo = NodeResolvedSource.classify(String(rest), name: realName)
      } else {
        sourceInfo = .registryDefault
        if version == nil { version = String(rest) }
      }
    } else if reference.hasPrefix("link:") || reference.hasPrefix("portal:") {
      return linkComponent(entry, name: realName, reference: reference, file: file, graph: &graph)
    } else if reference.hasPrefix("file:") {
      var path = reference.dropFirst("file:".count)
      if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
      if let params = path.firstRange(of: "::") { path = path[..<params.lowerBound] }
      sourceInfo = NodeResolvedSource(origin: .path(String(path)), qualifiers: [:])
    } else if reference.hasPrefix("exec:") {
      sourceInfo = NodeResolvedSource(origin: .unknown, qualifiers: [:])
    } else {
      var url = reference
      if let params = url.firstRange(of: "::") { url = url[..<params.lowerBound] }
      sourceInfo = NodeResolvedSource.classify(String(url), name: realName)
    }
    if let checksum = entry.checksum {
      properties.append(Property("lineage:yarn:checksum", checksum))
    }
    var component = NpmComponents.package(
      name: realName, version: version, source: sourceInfo, hashes: [], file: input)
    let aliases = Set(
      entry.descriptors.compactMap { d in
        splitNameAtRange(Substring(d)).map { String($0.name) }
      }
    ).subtracting([realName]).sorted()
    for alias in aliases { component.properties.append(Property("lineage:npm:alias", alias)) }
    component.properties += properties
    return graph.add(component)
  }

  /// A `link:`/`portal:` entry: a folder of the project, relative to the workspace that
  /// declares it (`::locator=`). A folder that is not there is a warning.
  private func linkComponent(
    _ entry: YarnLockEntry, name: String, reference: Substring, file: String,
    graph: inout NodeLockGraph
  ) -> ComponentID {
    var target = reference.drop { $0 != ":" }.dropFirst()
    var base = ""
    if let params = target.firstRange(of: "::") {
      let query = target[params.upperBound...]
      target = target[..<params.lowerBound]
      for piece in query.split(separator: "&") where piece.hasPrefix("locator=") {
        let locator = PercentDecoding.decode(piece.dropFirst("locator=".count))
        if let (_, ref) = splitNameAtRange(Substring(locator)), ref.hasPrefix("workspace:") {
          let path = ref.dropFirst("workspace:".count)
          base = path == "." ? "" : String(path)
        }
      }
    }
    let relative = normalizePath(joinPath(joinPath(directoryOf(input), base), String(target)))
    if relative == nil || !source.isDirectory(relative ?? "") {
      graph.warn(
        "\(name) links to \(target), which is not in the scanned tree",
        at: SourceLocation(file: file, line: entry.line))
    }
    return graph.add(NpmComponents.link(name: name, path: relative ?? String(target), file: input))
  }
}

/// `%40babel%2Fcore` → `@babel/core` (invalid escapes are kept as written).
enum PercentDecoding {
  static func decode<S: StringProtocol>(_ text: S) -> String {
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 37, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: c - 48
    case 65...70: c - 55
    case 97...102: c - 87
    default: nil
    }
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
