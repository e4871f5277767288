import SBOMModel

/// Turns a `Package.resolved` pin into a component.
///
/// - Remote repositories: `pkg:swift/<host>/<owner>/<repo>@<version>`, the version being the
///   pinned version, else (branch or revision-only pins) the revision; origin
///   `.git(url, revision, .tag(version) or .branch(branch))`; supplier the repository owner.
/// - Local repositories (`localSourceControl`): the purl spec requires a host namespace for
///   `swift`, which a path has none of, so `pkg:generic/<dir>@<version or revision>`; origin
///   `.git(url: "file://<path>", revision, reference)` because it is a git checkout at a known
///   revision (a `.path` origin would lose the revision); no supplier (nobody is known).
/// - Registry pins (`scope.name`): `pkg:swift/<scope>/<name>@<version>`; origin `.registry`
///   with the pin's location, else the registry configured for the scope, else `.unknown`;
///   supplier the scope.
enum SwiftPinComponent {
  static func make(
    _ pin: ResolvedPin, file: String, sourceFile: String, registries: SwiftRegistryConfiguration
  ) throws -> Component {
    var properties = [Property("lineage:swift:identity", pin.identity)]
    if let branch = pin.branch { properties.append(Property("lineage:swift:branch", branch)) }
    let version = pin.version ?? pin.revision
    let reference: Origin.GitReference? =
      if let v = pin.version { .tag(v) } else if let b = pin.branch { .branch(b) } else { nil }

    let namespace: String?
    let name: String
    let purl: PackageURL
    let origin: Origin
    let supplier: Supplier?
    switch pin.kind {
    case .remoteSourceControl:
      let location = SwiftPackageLocation(pin.location)
      name = location.repositoryName.isEmpty ? pin.identity : location.repositoryName
      namespace = location.namespace
      purl = try makePURL(
        type: namespace == nil ? "generic" : "swift", namespace: namespace, name: name,
        version: version, pin: pin, file: file)
      origin = .git(url: location.normalized, revision: pin.revision, reference: reference)
      supplier = location.supplier
    case .localSourceControl:
      let location = SwiftPackageLocation(pin.location)
      name = location.repositoryName.isEmpty ? pin.identity : location.repositoryName
      namespace = nil
      purl = try makePURL(
        type: "generic", namespace: nil, name: name, version: version, pin: pin, file: file)
      let url =
        location.normalized.hasPrefix("/") ? "file://" + location.normalized : location.normalized
      origin = .git(url: url, revision: pin.revision, reference: reference)
      supplier = nil
      properties.append(Property("lineage:swift:kind", pin.kind.rawValue))
    case .registry:
      let parts = pin.identity.split(separator: ".", maxSplits: 1).map(String.init)
      let scope = parts.count == 2 ? parts[0] : nil
      name = parts.count == 2 ? parts[1] : pin.identity
      namespace = scope
      purl = try makePURL(
        type: scope == nil ? "generic" : "swift", namespace: scope, name: name, version: version,
        pin: pin, file: file)
      let location = pin.location.trimmingWhitespace()
      if location.hasPrefix("https://") || location.hasPrefix("http://") {
        origin = .registry(url: location)
      } else if let scope, let url = registries.url(forScope: scope) {
        origin = .registry(url: url)
      } else {
        origin = .unknown
      }
      supplier = scope.map { Supplier(name: $0) }
      properties.append(Property("lineage:swift:kind", pin.kind.rawValue))
    }
    if let v1Name = pin.v1Name, v1Name != name {
      properties.append(Property("lineage:swift:package-name", v1Name))
    }
    return Component(
      id: ComponentID.derived(from: purl), kind: .library, ecosystem: .swift,
      namespace: namespace, name: name, version: version, purl: purl, origin: origin,
      supplier: supplier, properties: properties, sourceFile: sourceFile)
  }

  private static func makePURL(
    type: String, namespace: String?, name: String, version: String?, pin: ResolvedPin,
    file: String
  ) throws -> PackageURL {
    do {
      return try PackageURL(type: type, namespace: namespace, name: name, version: version)
    } catch {
      throw LineageError(
        .schema, "cannot form a package URL for pin \"\(pin.identity)\": \(error)",
        at: SourceLocation(file: file, jsonPath: pin.jsonPath))
    }
  }
}
