import SBOMModel

/// Resolves a SwiftPM project from its `Package.resolved` (v1, v2, v3), reading `Package.swift`,
/// `.build/checkouts/*/Package.swift`, `.build/workspace-state.json` and `.git` as text.
/// Nothing is executed: no manifest, no `git`, no `swift package`.
public struct SwiftPMResolver: EcosystemResolver {
  public var name: String { "swiftpm" }

  public init() {}

  public func detect(in source: any FileSource, directory: String) -> [String] {
    SwiftPMProjectLayout.detect(in: source, directory: directory)
  }

  /// A file named `Package.resolved`, or a JSON object with a `"pins"` member whatever its
  /// name (`x.json`), or any JSON object or empty file named `*.resolved` (`PackageV3.resolved`,
  /// the `{}` some tools write for a project without dependencies).
  public func recognizes(fileName: String, head: [UInt8]) -> Bool {
    if fileName == "Package.resolved" { return true }
    let first = head.first { !SwiftPMResolver.isSpace($0) }
    // An empty `*.resolved` is ours too, so that it fails as an empty Package.resolved.
    if fileName.hasSuffix(".resolved") { return first == nil || first == UInt8(ascii: "{") }
    return first == UInt8(ascii: "{") && SwiftPMResolver.hasPinsKey(head)
  }

  public func resolve(input: String, in source: any FileSource, options: ScanOptions) throws
    -> Graph
  {
    let file = source.displayPath(input)
    let resolved = try PackageResolvedParser.parse(try source.read(input), file: file)
    var builder = GraphBuilder()
    builder.metadata.inputFormat =
      resolved.version.map { "Package.resolved v\($0)" } ?? "Package.resolved (empty)"
    for warning in resolved.warnings {
      builder.warn(warning.message, at: SourceLocation(file: file, jsonPath: warning.jsonPath))
    }

    let layout = SwiftPMProjectLayout(input: input)
    let registries = SwiftRegistryConfiguration.read(directory: layout.directory, in: source)
    var byIdentity: [String: ComponentID] = [:]
    for pin in resolved.pins {
      guard byIdentity[pin.identity] == nil else {
        builder.warn(
          "package \"\(pin.identity)\" is pinned twice; the first pin is kept",
          at: SourceLocation(file: file, jsonPath: pin.jsonPath))
        continue
      }
      var component = try SwiftPinComponent.make(
        pin, file: file, sourceFile: input, registries: registries)
      if builder.contains(component.id), let purl = component.purl {
        component.id = ComponentID.derived(from: purl, disambiguator: pin.identity)
      }
      byIdentity[pin.identity] = component.id
      builder.add(component)
    }

    // An Xcode project lists its packages in project.pbxproj, not in a Package.swift; a
    // Package.swift beside it is another package, so it is not read as the root's manifest.
    // (An Xcode workspace's member projects are not read: its root edges stay unknown.)
    let manifestPath: String? =
      layout.xcodeProjectName == nil && source.isFile(layout.manifestPath)
      ? layout.manifestPath : nil
    let manifestName = manifestPath.flatMap { path in
      (try? source.readText(path)).flatMap { PackageManifestParser.parse($0).name }
    }
    var root = try SwiftPMRootComponent.make(
      layout: layout, manifestName: manifestName,
      git: SwiftPMRootComponent.gitMetadata(for: layout.directory, in: source),
      options: options, source: source, sourceFile: manifestPath ?? input)
    if let originHash = resolved.originHash {
      root.properties.append(Property("lineage:swift:origin-hash", originHash))
    }
    builder.addRoot(root)

    SwiftPMDependencyEdges.add(
      to: &builder, root: root.id, rootDeclarations: rootDeclarations(layout, manifestPath, source),
      layout: layout,
      pins: resolved.pins, byIdentity: byIdentity, source: source)
    return builder.build()
  }

  private func rootDeclarations(
    _ layout: SwiftPMProjectLayout, _ manifestPath: String?, _ source: any FileSource
  ) -> SwiftPMDependencyEdges.RootDeclarations {
    if let manifestPath { return .manifest(manifestPath) }
    if let projectFile = layout.xcodeProjectFile, source.isFile(projectFile) {
      return .xcodeProject(projectFile)
    }
    return .unknown
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
  }

  /// Whether the bytes contain `"pins"` followed by optional spaces and a colon.
  private static func hasPinsKey(_ head: [UInt8]) -> Bool {
    let key = Array("\"pins\"".utf8)
    guard head.count > key.count else { return false }
    var i = 0
    while i + key.count <= head.count {
      if head[i..<(i + key.count)].elementsEqual(key) {
        var j = i + key.count
        while j < head.count, isSpace(head[j]) { j += 1 }
        if j < head.count, head[j] == UInt8(ascii: ":") { return true }
      }
      i += 1
    }
    return false
  }
}
