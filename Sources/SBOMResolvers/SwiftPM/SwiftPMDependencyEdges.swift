import SBOMModel

/// Adds the edges the manifests declare: the root's `.package(…)` list, and each dependency's
/// own list from its checkout (`.build/checkouts/<dir>/Package.swift`, located through
/// `.build/workspace-state.json` when present).
///
/// Edges are never invented: a `Package.resolved` alone says which packages were pinned, not
/// who depends on whom, so every package whose manifest is unavailable (the root of a bare
/// `Package.resolved` or of an Xcode project, a dependency without a checkout) leaves the
/// graph marked `edgesComplete = false`, and encoders say the dependency list is incomplete.
struct SwiftPMDependencyEdges {
  private var builder: GraphBuilder
  private let source: any FileSource
  private let byIdentity: [String: ComponentID]
  private var complete = true
  private var visitedLocalManifests: Set<String> = []

  /// Adds edges to `builder` and sets its `edgesComplete`.
  static func add(
    to builder: inout GraphBuilder, root: ComponentID, rootManifest: String?,
    layout: SwiftPMProjectLayout, pins: [ResolvedPin], byIdentity: [String: ComponentID],
    source: any FileSource
  ) {
    var collector = SwiftPMDependencyEdges(
      builder: builder, source: source, byIdentity: byIdentity)
    if let rootManifest {
      collector.addDeclared(from: root, manifestPath: rootManifest, isRoot: true)
    } else {
      collector.complete = false
    }
    let directories = collector.packageDirectories(layout)
    for pin in pins {
      guard let id = byIdentity[pin.identity] else { continue }
      if let dir = directories[pin.identity], source.isFile(joinPath(dir, "Package.swift")) {
        collector.addDeclared(
          from: id, manifestPath: joinPath(dir, "Package.swift"), isRoot: false)
      } else {
        collector.complete = false
      }
    }
    collector.builder.edgesComplete = collector.complete
    builder = collector.builder
  }

  /// Identity → root-relative directory holding that package's sources.
  private mutating func packageDirectories(_ layout: SwiftPMProjectLayout) -> [String: String] {
    var map: [String: String] = [:]
    if source.isFile(layout.workspaceStatePath) {
      do {
        let state = try WorkspaceStateParser.packageDirectories(
          try source.read(layout.workspaceStatePath),
          file: source.displayPath(layout.workspaceStatePath))
        for (identity, dir) in state { map[identity] = joinPath(layout.directory, dir) }
      } catch let error as LineageError {
        builder.warn(
          "workspace state ignored: \(error.message)",
          at: error.location ?? SourceLocation(file: source.displayPath(layout.workspaceStatePath)))
      } catch {
        builder.warn(
          "workspace state ignored: \(error)",
          at: SourceLocation(file: source.displayPath(layout.workspaceStatePath)))
      }
    }
    // Without workspace state (or for what it omits), a checkout is named for its repository,
    // whose lowercased name is the identity.
    for entry in source.list(layout.checkoutsPath) where map[entry.lowercased()] == nil {
      let dir = joinPath(layout.checkoutsPath, entry)
      if source.isDirectory(dir) { map[entry.lowercased()] = dir }
    }
    return map
  }

  private mutating func addDeclared(from: ComponentID, manifestPath: String, isRoot: Bool) {
    let display = source.displayPath(manifestPath)
    guard let text = try? source.readText(manifestPath) else {
      builder.warn(
        "cannot read the manifest: its dependencies are unknown", at: SourceLocation(file: display))
      complete = false
      return
    }
    let manifest = PackageManifestParser.parse(text)
    for line in manifest.unreadableDependencyLines {
      builder.warn(
        "a .package(…) declaration whose location is not a string literal cannot be read"
          + " without running the manifest: its edge is missing",
        at: SourceLocation(file: display, line: line))
      complete = false
    }
    let manifestDirectory = GitMetadataReader.parent(of: manifestPath)
    for dependency in manifest.dependencies {
      if case .path(let path) = dependency.location {
        addLocalPackage(
          from: from, path: path, manifestDirectory: manifestDirectory, declaredIn: manifestPath)
        continue
      }
      guard let target = byIdentity[dependency.identity] else {
        let message =
          "declared dependency \"\(dependency.identity)\" has no pin in Package.resolved"
        if isRoot {
          // The root's dependencies are all resolved, so a missing pin is a stale lockfile.
          builder.warn(
            message + " (is Package.resolved out of date?)",
            at: SourceLocation(file: display, line: dependency.line))
          complete = false
        } else {
          // SwiftPM does not fetch dependencies used only by a dependency's own tests.
          builder.diagnostics.append(
            Diagnostic(
              severity: .note, location: SourceLocation(file: display, line: dependency.line),
              message: message + " (not needed by this build)"))
        }
        continue
      }
      if target != from {
        builder.addEdge(Edge(from: from, to: target, requirement: dependency.requirement))
      }
    }
  }

  /// A `.package(path:)` dependency: unversioned, never pinned. It becomes a component whose
  /// origin is its path, and its own manifest is read when it lies inside the scan root.
  private mutating func addLocalPackage(
    from: ComponentID, path: String, manifestDirectory: String, declaredIn: String
  ) {
    let resolved =
      path.hasPrefix("/") ? nil : GitMetadataReader.normalizeRelative(manifestDirectory, path)
    let name = SwiftPackageLocation.lastComponent(of: path)
    guard let purl = try? PackageURL(type: "generic", name: name) else {
      complete = false
      return
    }
    let originPath = resolved ?? path
    var id = ComponentID.derived(from: purl)
    if let existing = builder[id], existing.origin != .path(originPath) {
      id = ComponentID.derived(from: purl, disambiguator: originPath)
    }
    builder.add(
      Component(
        id: id, ecosystem: .swift, name: name, purl: purl, origin: .path(originPath),
        properties: [
          Property("lineage:swift:identity", name.lowercased()),
          Property("lineage:swift:kind", "fileSystem"),
        ], sourceFile: declaredIn))
    if id != from { builder.addEdge(Edge(from: from, to: id)) }
    guard let resolved, source.isFile(joinPath(resolved, "Package.swift")) else {
      complete = false
      return
    }
    let manifestPath = joinPath(resolved, "Package.swift")
    if visitedLocalManifests.insert(manifestPath).inserted {
      addDeclared(from: id, manifestPath: manifestPath, isRoot: false)
    }
  }
}
