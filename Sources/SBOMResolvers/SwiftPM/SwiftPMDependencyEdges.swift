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

  /// Where the root's direct dependencies are declared.
  enum RootDeclarations {
    /// `Package.swift` at this path.
    case manifest(String)
    /// `project.pbxproj` of an Xcode project at this path.
    case xcodeProject(String)
    /// Nowhere readable (a bare `Package.resolved`, an Xcode workspace).
    case unknown
  }

  /// Adds edges to `builder` and sets its `edgesComplete`.
  static func add(
    to builder: inout GraphBuilder, root: ComponentID, rootDeclarations: RootDeclarations,
    layout: SwiftPMProjectLayout, pins: [ResolvedPin], byIdentity: [String: ComponentID],
    source: any FileSource
  ) {
    var collector = SwiftPMDependencyEdges(
      builder: builder, source: source, byIdentity: byIdentity)
    switch rootDeclarations {
    case .manifest(let path):
      collector.addDeclared(from: root, manifestPath: path, isRoot: true)
    case .xcodeProject(let path):
      collector.addXcodeDeclared(from: root, projectFile: path, directory: layout.directory)
    case .unknown:
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
        "cannot read the manifest: its dependencies are unknown",
        at: SourceLocation(file: display))
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
    addDependencies(
      manifest.dependencies, from: from, declaredIn: manifestPath,
      directory: GitMetadataReader.parent(of: manifestPath), isRoot: isRoot)
  }

  /// The packages an Xcode project declares in `project.pbxproj` are the root's dependencies.
  private mutating func addXcodeDeclared(from: ComponentID, projectFile: String, directory: String)
  {
    guard let text = try? source.readText(projectFile),
      let dependencies = XcodeProjectPackagesParser.parse(text)
    else {
      builder.warn(
        "cannot read the Xcode project's package references: the root's dependencies are unknown",
        at: SourceLocation(file: source.displayPath(projectFile)))
      complete = false
      return
    }
    addDependencies(
      dependencies, from: from, declaredIn: projectFile, directory: directory, isRoot: true)
  }

  private mutating func addDependencies(
    _ dependencies: [PackageManifest.Dependency], from: ComponentID, declaredIn path: String,
    directory: String, isRoot: Bool
  ) {
    let display = source.displayPath(path)
    for dependency in dependencies {
      let location = SourceLocation(
        file: display, line: dependency.line > 0 ? dependency.line : nil)
      if case .path(let localPath) = dependency.location {
        addLocalPackage(
          from: from, path: localPath, manifestDirectory: directory, declaredIn: path)
        continue
      }
      guard let target = byIdentity[dependency.identity] else {
        let message =
          "declared dependency \"\(dependency.identity)\" has no pin in Package.resolved"
        if isRoot {
          // The root's dependencies are all resolved, so a missing pin is a stale lockfile.
          builder.warn(message + " (is Package.resolved out of date?)", at: location)
          complete = false
        } else {
          // SwiftPM does not fetch dependencies used only by a dependency's own tests.
          builder.diagnostics.append(
            Diagnostic(
              severity: .note, location: location, message: message + " (not needed by this build)"
            ))
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
