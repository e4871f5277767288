import SBOMModel

/// Reads what dpkg installed on a Debian-family root filesystem (`var/lib/dpkg/status`,
/// distroless `var/lib/dpkg/status.d/`), a status file given directly, or a `status.d`
/// directory, into a graph: one component per installed package and architecture, edges from
/// `Pre-Depends`/`Depends` (and optional ones from `Recommends`), licences from DEP-5 copyright
/// files, file digests from md5sums, and archives from apt lists.
///
/// The root is the operating system (`kind: .operatingSystem`, named by os-release `ID` and
/// `VERSION_ID`). It has a `dependsOn` edge to every installed package: an image contains all of
/// them, whether or not another package pulls them in, and rooting only the packages nothing
/// depends on would hide that (dependency cycles would even leave some unreachable).
public struct DebianResolver: EcosystemResolver {
  public let name = "dpkg"

  public init() {}

  public func detect(in source: any FileSource, directory: String) -> [String] {
    var found: [String] = []
    let status = joinPath(directory, "var/lib/dpkg/status")
    // A status that is listed but not readable as a file (a link leaving the root) is still
    // reported, so that reading it names the refusal instead of "found nothing to scan".
    let dpkgEntries = source.list(joinPath(directory, "var/lib/dpkg"))
    if source.isFile(status) || (dpkgEntries.contains("status") && !source.isDirectory(status)) {
      found.append(status)
    }
    let statusD = joinPath(directory, "var/lib/dpkg/status.d")
    if source.isDirectory(statusD) { found.append(statusD) }
    if found.isEmpty && isStatusDDirectory(source, directory) {
      found.append(directory.isEmpty ? "." : directory)
    }
    return found
  }

  /// A directory named `status.d`, or one whose first control file starts with `Package:` and
  /// that holds `*.md5sums` companions.
  func isStatusDDirectory(_ source: any FileSource, _ directory: String) -> Bool {
    let display = source.displayPath(directory)
    var trimmed = Substring(display)
    while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    let names = source.list(directory)
    let named = trimmed == "status.d" || trimmed.hasSuffix("/status.d")
    guard named || names.contains(where: { $0.hasSuffix(".md5sums") }) else { return false }
    guard let first = names.first(where: { !$0.hasSuffix(".md5sums") && !$0.hasPrefix(".") }),
      let bytes = try? source.read(joinPath(directory, first))
    else { return false }
    return DebianResolver.startsWithPackageField(bytes)
  }

  public func recognizes(fileName: String, head: [UInt8]) -> Bool {
    !fileName.hasSuffix(".md5sums") && DebianResolver.startsWithPackageField(head)
  }

  /// Control files of installed packages start (after blank lines) with `Package:`.
  static func startsWithPackageField(_ bytes: [UInt8]) -> Bool {
    var i = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    let field = Array("package:".utf8)
    guard bytes.count - i >= field.count else { return false }
    for (k, b) in field.enumerated() where bytes[i + k] | 0x20 != b { return false }
    return true
  }

  public func resolve(input: String, in source: any FileSource, options: ScanOptions) throws
    -> Graph
  {
    var builder = GraphBuilder()
    let layout = DebianLayout(input: input, source: source)
    var records: [(paragraph: ControlParagraph, file: String, entry: String?)] = []
    var anyStatusField = false
    if let statusFile = layout.statusFile {
      let (paragraphs, diagnostics) = DpkgStatusParser.parse(
        try source.read(statusFile), file: source.displayPath(statusFile))
      builder.diagnostics += diagnostics
      try rejectForeignDatabases(paragraphs, file: statusFile, source: source)
      anyStatusField = paragraphs.contains { $0.has("Status") }
      records += paragraphs.map { ($0, statusFile, nil) }
    }
    if let statusD = layout.statusDirectory {
      for entry in source.list(statusD) where !entry.hasSuffix(".md5sums") && !entry.hasPrefix(".")
      {
        let path = joinPath(statusD, entry)
        guard source.isFile(path) else { continue }
        let (paragraphs, diagnostics) = DpkgStatusParser.parse(
          try source.read(path), file: source.displayPath(path))
        builder.diagnostics += diagnostics
        try rejectForeignDatabases(paragraphs, file: path, source: source)
        records += paragraphs.map { ($0, path, path) }
      }
    }
    builder.metadata.inputFormat = layout.statusFile != nil ? "dpkg status" : "dpkg status.d"

    // Which paragraphs are installed packages.
    var packages: [DebianInstalledPackage] = []
    for record in records {
      let location = SourceLocation(
        file: source.displayPath(record.file), line: record.paragraph.line)
      // status.d entries carry no Status: being there means installed. So does a status file
      // with no Status field at all (a status.d entry given directly).
      let isStatusDStyle = record.entry != nil || !anyStatusField
      switch DebianInstalledPackage.state(of: record.paragraph) {
      case .installed: break
      case .missing where isStatusDStyle: break
      case .missing:
        let name = record.paragraph["Package"] ?? "paragraph"
        builder.warn("\(name) has no `Status:`: not counted as installed", at: location)
        continue
      case .other(let status):
        let label = [record.paragraph["Package"], record.paragraph["Version"]].compactMap { $0 }
          .joined(separator: " ")
        builder.warn("\(label) is in state `\(status)`, not installed: left out", at: location)
        continue
      }
      switch DebianInstalledPackage.make(
        record.paragraph, file: record.file, statusDEntry: record.entry)
      {
      case .success(let package): packages.append(package)
      case .failure(let rejection): builder.warn(rejection.reason, at: location)
      }
    }

    // Distribution: --distro first (the user said so), else os-release of the root.
    var release: OSRelease?
    if let distro = options.distro {
      guard let parsed = OSRelease(distroOption: distro) else {
        throw LineageError(.usage, "--distro \(distro): expected VENDOR-RELEASE, like debian-12")
      }
      release = parsed
    } else {
      release = layout.osRelease()
    }
    let inputLocation = SourceLocation(file: source.displayPath(input))
    if release == nil {
      builder.warn(
        "no etc/os-release in the scanned root and no --distro: purls carry no vendor namespace"
          + " and no `distro` qualifier", at: inputLocation)
    }

    // Components.
    var keptPackages: [DebianInstalledPackage] = []
    var ids: [ComponentID] = []
    var components: [Component] = []
    var seen: [ComponentID: String] = [:]
    for package in packages {
      let component = try makeComponent(package, release: release, source: source)
      if let first = seen[component.id] {
        builder.warn(
          "\(package.label) listed again (first in \(first)): the first is kept",
          at: SourceLocation(file: source.displayPath(package.file), line: package.paragraph.line))
        continue
      }
      seen[component.id] = "\(source.displayPath(package.file)):\(package.paragraph.line)"
      keptPackages.append(package)
      ids.append(component.id)
      components.append(component)
    }

    // Licences, files and archives read from the root filesystem.
    if layout.rootPrefix != nil {
      var licenseCache: [String: LicenseExpression?] = [:]
      for i in components.indices {
        let name = keptPackages[i].name
        if licenseCache[name] == nil { licenseCache[name] = .some(layout.license(of: name)) }
        components[i].declaredLicense = licenseCache[name] ?? nil
      }
      let wanted = Set(
        keptPackages.map {
          AptListsReader.Key(name: $0.name, version: $0.version, architecture: $0.architecture)
        })
      if let lists = layout.aptLists(wanted: wanted) {
        builder.diagnostics += lists.diagnostics
        for i in components.indices {
          let p = keptPackages[i]
          let key = AptListsReader.Key(
            name: p.name, version: p.version, architecture: p.architecture)
          guard let entry = lists.entries[key] else { continue }
          components[i].origin = .distribution(
            Origin.Distribution(
              vendor: release?.id ?? entry.archive.origin?.lowercased() ?? "unknown",
              release: release?.release, archive: entry.archive))
          if let sha = entry.sha256 { components[i].hashes = [Hash(.sha256, sha)] }
        }
      }
    }
    if options.includeFiles {
      for i in components.indices {
        let (files, diagnostics) = layout.files(of: keptPackages[i])
        components[i].files = files
        builder.diagnostics += diagnostics
      }
    }

    // The operating system root, containing every package.
    let root = rootComponent(release: release, input: input)
    builder.addRoot(root)
    for component in components {
      builder.add(component)
      builder.addEdge(Edge(from: root.id, to: component.id))
    }

    let resolver = DebianDependencyResolver(
      packages: keptPackages, ids: ids,
      nativeArchitecture: DebianDependencyResolver.nativeArchitecture(of: keptPackages))
    let edges = resolver.resolve(displayPath: source.displayPath)
    for edge in edges.edges { builder.addEdge(edge) }
    builder.diagnostics += edges.diagnostics
    if !edges.complete { builder.edgesComplete = false }
    return builder.build()
  }

  /// vcpkg keeps its installed ports in dpkg syntax, and apt's `Packages` indexes look like a
  /// status file too; reading either as installed Debian packages would be silently wrong.
  func rejectForeignDatabases(
    _ paragraphs: [ControlParagraph], file: String, source: any FileSource
  )
    throws
  {
    for paragraph in paragraphs {
      let isVcpkg =
        paragraph.has("Abi") || paragraph.has("Feature")
        || paragraph["Type"].map { $0.lowercased() == "port" } == true
      if isVcpkg {
        throw LineageError(
          .unrecognizedInput,
          "this is a vcpkg status database (dpkg syntax, but vcpkg ports: `Type: Port`, `Abi:`,"
            + " `Feature:`), not Debian packages; Lineage does not read vcpkg",
          at: SourceLocation(file: source.displayPath(file), line: paragraph.line))
      }
    }
    if let first = paragraphs.first, first.has("Filename"), !first.has("Status") {
      throw LineageError(
        .unrecognizedInput,
        "this is an apt `Packages` index (packages available from an archive), not a record of"
          + " installed packages; scan the root filesystem or its var/lib/dpkg/status",
        at: SourceLocation(file: source.displayPath(file), line: first.line))
    }
  }

  func makeComponent(_ package: DebianInstalledPackage, release: OSRelease?, source: any FileSource)
    throws -> Component
  {
    var qualifiers: [String: String] = [:]
    if !package.architecture.isEmpty { qualifiers["arch"] = package.architecture }
    if let distro = release?.distroQualifier { qualifiers["distro"] = distro }
    if let upstream = upstreamQualifier(package) { qualifiers["upstream"] = upstream }
    let purl = try PackageURL(
      type: "deb", namespace: release?.id, name: package.name, version: package.version,
      qualifiers: qualifiers)
    var properties: [Property] = []
    if !package.architecture.isEmpty {
      properties.append(Property("lineage:deb:architecture", package.architecture))
    }
    if let multiArch = package.multiArch {
      properties.append(Property("lineage:deb:multi-arch", multiArch))
    }
    if let source = package.source { properties.append(Property("lineage:deb:source", source)) }
    if let sourceVersion = package.sourceVersion {
      properties.append(Property("lineage:deb:source-version", sourceVersion))
    }
    if let size = package.installedSize {
      properties.append(Property("lineage:deb:installed-size", size))
    }
    let synopsis = package.paragraph.firstLine(of: "Description")
    return Component(
      id: ComponentID.derived(from: purl), ecosystem: .deb, namespace: release?.id,
      name: package.name, version: package.version, purl: purl,
      origin: release.map {
        .distribution(Origin.Distribution(vendor: $0.id, release: $0.release))
      } ?? .unknown,
      supplier: package.supplier, description: synopsis, homepage: package.homepage,
      properties: properties, sourceFile: package.file)
  }

  /// `?upstream=` names the source package when it differs from the binary (with its version
  /// when that differs too), as Syft and Trivy write it.
  func upstreamQualifier(_ package: DebianInstalledPackage) -> String? {
    guard let source = package.source, !source.isEmpty else { return nil }
    if let version = package.sourceVersion, version != package.version {
      return "\(source)@\(version)"
    }
    return source != package.name ? source : nil
  }

  func rootComponent(release: OSRelease?, input: String) -> Component {
    let fallback = input.split(separator: "/").last.map(String.init) ?? input
    let name = release?.id ?? (fallback == "." ? "status.d" : fallback)
    let version = release?.versionID ?? release?.versionCodename
    return Component(
      id: ComponentID("os:\(name)" + (version.map { "@\($0)" } ?? "")), kind: .operatingSystem,
      ecosystem: .deb, name: name, version: version,
      origin: release.map { .distribution(Origin.Distribution(vendor: $0.id, release: $0.release)) }
        ?? .unknown,
      supplier: release.map { Supplier(name: $0.name ?? $0.id, url: $0.homeURL) },
      description: release?.prettyName, sourceFile: input)
  }
}
