import SBOMModel

/// The scanned project as a component.
///
/// Name: `Package(name:)` from the manifest text, else the Xcode project's or the directory's
/// name. Version and supplier: `--source-version` / `--supplier`, else what `.git` says (a tag
/// at `HEAD` without a leading `v`, else the commit id; the `origin` remote's owner). Nothing is made up: unknown
/// stays nil.
///
/// Purl: `pkg:swift/<host>/<owner>/<repo>@<version>` when the `origin` remote is known (the
/// same purl other packages' pins would give this repository), else `pkg:generic/<name>@<version>`
/// (the `swift` type requires a host namespace).
enum SwiftPMRootComponent {
  static func make(
    layout: SwiftPMProjectLayout, manifestName: String?, git: GitMetadata?,
    options: ScanOptions, source: any FileSource, sourceFile: String
  ) throws -> Component {
    let name = manifestName ?? layout.fallbackName(in: source)
    let version = options.sourceVersion ?? git?.tag.map(versionFromTag) ?? git?.commit
    let remote = git?.originURL.map(SwiftPackageLocation.init)
    var supplier: Supplier? = options.supplier.map { Supplier(name: $0) }
    if supplier == nil, let remote, !remote.isLocal { supplier = remote.supplier }

    var purl: PackageURL
    var origin = Origin.unknown
    var namespace: String?
    if let remote, !remote.isLocal, let ns = remote.namespace, !remote.repositoryName.isEmpty {
      namespace = ns
      purl = try PackageURL(
        type: "swift", namespace: ns, name: remote.repositoryName, version: version)
      let reference: Origin.GitReference? =
        if let tag = git?.tag { .tag(tag) } else if let branch = git?.branch {
          .branch(branch)
        } else { nil }
      origin = .git(url: remote.normalized, revision: git?.commit, reference: reference)
    } else {
      purl = try PackageURL(type: "generic", name: name, version: version)
    }
    var properties: [Property] = []
    if let commit = git?.commit { properties.append(Property("lineage:swift:commit", commit)) }
    return Component(
      id: ComponentID.derived(from: purl), kind: .application, ecosystem: .swift,
      namespace: namespace, name: name, version: version, purl: purl, origin: origin,
      supplier: supplier, properties: properties, sourceFile: sourceFile)
  }

  /// The version a tag names, as SwiftPM reads tags: `v1.2.0` is version `1.2.0`, so the root's
  /// purl matches the one a dependent's pin of this repository would have.
  static func versionFromTag(_ tag: String) -> String {
    let rest = tag.dropFirst()
    if tag.hasPrefix("v"), let first = rest.first, first.isNumber { return String(rest) }
    return tag
  }

  /// The git metadata of the repository holding `directory`: its own `.git`, else the nearest
  /// one above it inside the scan root.
  static func gitMetadata(for directory: String, in source: any FileSource) -> GitMetadata? {
    var dir = directory
    while true {
      let candidate = joinPath(dir, ".git")
      if source.isDirectory(candidate) || source.isFile(candidate) {
        return GitMetadataReader.read(gitPath: candidate, in: source)
      }
      if dir.isEmpty || dir == "." { return nil }
      dir = GitMetadataReader.parent(of: dir)
    }
  }
}
