import SBOMModel

/// Maps a CycloneDX BOM (from JSON or XML) into the graph.
///
/// - `metadata.component` is the root, and so is any component Lineage marked `lineage:root`;
///   every entry of `components`, nested ones included, is a
///   component (one graph component per entry: entries sharing a purl are told apart, never merged).
/// - `dependencies` become `dependsOn` edges (CycloneDX has no edge kinds); endpoints naming no
///   component are dropped with a warning.
/// - Edges are complete only when `dependencies` is present and no composition says otherwise.
struct CycloneDXGraphMapper {
  let file: String
  private var builder = GraphBuilder()
  private var ids = DecodedComponentIDs()
  private var idByRef: [String: ComponentID] = [:]
  /// Licence texts repeat across thousands of components (`MIT`, `Apache-2.0`): each distinct
  /// text is parsed once.
  private var parsedLicenses: [String: LicenseExpression?] = [:]

  init(file: String) { self.file = file }

  static func map(_ bom: CycloneDXInput.BOM, file: String) -> Graph {
    var mapper = CycloneDXGraphMapper(file: file)
    mapper.begin(root: bom.metadataComponent, expectedComponents: bom.components.count + 1)
    // Borrowed in place: copying each input component cost as much as reading one field.
    bom.components.withUnsafeBufferPointer { components in
      for i in components.indices { mapper.add(components[i]) }
    }
    if let dependencies = bom.dependencies {
      for dependency in dependencies { mapper.add(dependency) }
    }
    return mapper.finish(bom)
  }

  // A reader can also hand components over one at a time as it meets them (see
  // `CycloneDXJSONDecoder`), in the order `map` takes them: `begin` with the root, `add` each
  // component of `components`, then each dependency, and `finish`.

  /// Adds the root (`metadata.component`) and makes room for about `expectedComponents`.
  mutating func begin(root: CycloneDXInput.Component?, expectedComponents: Int) {
    builder.reserveCapacity(components: expectedComponents)
    ids.reserveCapacity(expectedComponents)
    idByRef.reserveCapacity(expectedComponents)
    if let root { addRecursively(root, isRoot: true) }
  }

  /// Adds an entry of the document's `components` (and those nested in it).
  mutating func add(_ component: CycloneDXInput.Component) { addRecursively(component) }

  /// Adds the edges of an entry of `dependencies`; every component must have been added.
  mutating func add(_ dependency: CycloneDXInput.Dependency) { addEdges(dependency) }

  /// The graph, once everything was added. `bom` gives the document facts; its `dependencies`
  /// is nil when the document had none (then edges are unknown), and its components and
  /// dependencies are not read again.
  mutating func finish(_ bom: CycloneDXInput.BOM) -> Graph {
    builder.metadata = Graph.Metadata(
      inputFormat: "CycloneDX \(bom.specVersion) \(bom.encoding)", generators: bom.tools,
      created: bom.timestamp)
    if bom.dependencies == nil, builder.componentCount > 1 {
      builder.edgesComplete = false
    }
    if bom.compositionAggregates.contains(where: { $0 != "complete" }) {
      builder.edgesComplete = false
    }
    // Handed over, not copied, so that the graph can sort the components in place.
    let built = builder
    builder = GraphBuilder()
    return built.build()
  }

  /// Adds a component and the components nested in it; nested `file` components (how Lineage
  /// writes a component's installed files) become its `files` instead.
  private mutating func addRecursively(_ input: CycloneDXInput.Component, isRoot: Bool = false) {
    // Lineage marks roots beyond `metadata.component` with `lineage:root` (see LineageFacts).
    let isRoot =
      isRoot || input.properties.contains { $0.name == "lineage:root" && $0.value == "true" }
    var c = component(input)
    for nested in input.components {
      if nested.type == "file", let path = DecodedFieldReading.meaningful(nested.name) {
        c.files.append(FileEntry(path: path, hashes: hashes(nested)))
      } else {
        addRecursively(nested)
      }
    }
    if isRoot { builder.addRoot(c) } else { builder.add(consume c) }
  }

  private mutating func hashes(_ input: CycloneDXInput.Component) -> [Hash] {
    var hashes: [Hash] = []
    let place = input.place
    for h in input.hashes {
      if let hash = DecodedFieldReading.hash(
        algorithm: h.algorithm, value: h.value, at: place.location, into: &builder),
        !hashes.contains(hash)
      {
        hashes.append(hash)
      }
    }
    return hashes
  }

  private mutating func addEdges(_ dependency: CycloneDXInput.Dependency) {
    guard let from = idByRef[dependency.ref] else {
      builder.warn(
        "dependency names unknown bom-ref '\(dependency.ref)'; its edges are dropped",
        at: dependency.location)
      return
    }
    for target in dependency.dependsOn {
      guard let to = idByRef[target] else {
        builder.warn(
          "dependency of '\(dependency.ref)' names unknown bom-ref '\(target)'; edge dropped",
          at: dependency.location)
        continue
      }
      builder.addEdge(Edge(from: from, to: to, kind: .dependsOn))
    }
  }

  private mutating func component(_ input: CycloneDXInput.Component) -> Component {
    // The location is made only for a warning or a repeated identity (see `Place`); the
    // closures that may make it capture the place alone (capturing `input` copied it whole).
    let place = input.place
    let parsed = DecodedFieldReading.purlNotingCanonical(
      input.purl, at: place.location, into: &builder)
    let purl = parsed?.purl
    let ecosystem = purl.map { Ecosystem($0.type) } ?? .generic
    var (name, namespace) = DecodedFieldReading.nameAndNamespace(
      documentName: input.name, group: input.group, purl: purl)
    if name.isEmpty {
      name = DecodedFieldReading.meaningful(input.bomRef) ?? "unnamed"
      builder.warn("component has no name; using '\(name)'", at: place.location)
    }
    let version = DecodedFieldReading.meaningful(input.version) ?? purl?.version
    let reference = DecodedFieldReading.meaningful(input.bomRef)
    let id = ids.assign(
      purl: purl, canonicalPurl: parsed?.canonicalText, ecosystem: ecosystem, name: name,
      version: version, reference: reference,
      position: Self.position(place.location))
    if let reference {
      // One hash of the reference finds or fills its slot; an empty id (never assigned: ids
      // are purls or `ecosystem:name` keys) marks a slot just made.
      if !Self.claim(&idByRef[reference, default: ComponentID("")], id) {
        builder.warn(
          "bom-ref '\(reference)' is used by more than one component", at: place.location)
      }
    }

    let hashes = hashes(input)

    var declaredLicense: LicenseExpression?
    var concludedLicense: LicenseExpression?
    if input.licenses.count == 1 {
      // The common case needs no lists: one licence is its own conjunction.
      let license = input.licenses[0]
      let expression = parsedLicense(license.text)
      if license.concluded { concludedLicense = expression } else { declaredLicense = expression }
    } else if !input.licenses.isEmpty {
      var declared: [LicenseExpression] = []
      var concluded: [LicenseExpression] = []
      for license in input.licenses {
        guard let expression = parsedLicense(license.text) else { continue }
        if license.concluded { concluded.append(expression) } else { declared.append(expression) }
      }
      declaredLicense = DecodedFieldReading.allOf(declared)
      concludedLicense = DecodedFieldReading.allOf(concluded)
    }

    let facts = input.properties.isEmpty ? LineageFacts() : LineageFacts(input.properties)
    let distributionRef = input.externalReferences.first { $0.type == "distribution" }
    let origin = facts.apply(
      to: origin(input, purl: purl), archiveURL: distributionRef?.url,
      archiveNote: distributionRef?.comment)

    return Component(
      id: id, kind: DecodedFieldReading.kind(input.type), ecosystem: ecosystem,
      namespace: namespace, name: name, version: version, purl: purl,
      origin: origin, hashes: hashes,
      declaredLicense: declaredLicense, concludedLicense: concludedLicense,
      supplier: input.supplier,
      scope: facts.scope ?? scope(input.scope),
      description: DecodedFieldReading.meaningful(input.description),
      homepage: input.externalReferences.first { $0.type == "website" }.map(\.url),
      properties: facts.properties, sourceFile: nil)
  }

  /// A location as the text that tells apart entries with one identity.
  private static func position(_ location: SourceLocation) -> String {
    location.jsonPath ?? location.line.map { "line\($0)" } ?? ""
  }

  /// Whether `slot` was empty (then it now holds `id`).
  private static func claim(_ slot: inout ComponentID, _ id: ComponentID) -> Bool {
    guard slot.rawValue.isEmpty else { return false }
    slot = id
    return true
  }

  /// The licence expression of a text, parsed once per distinct text.
  private mutating func parsedLicense(_ text: String) -> LicenseExpression? {
    if let known = parsedLicenses[text] { return known }
    let expression = DecodedFieldReading.license(text)
    parsedLicenses[text] = expression
    return expression
  }

  /// Package-registry ecosystems whose `vcs` reference is only the project's repository (npm,
  /// Maven and PHP tools write one for every registry package); elsewhere (Go, SwiftPM, no purl)
  /// the repository is where the code came from. Lineage's own `revision=` note always counts.
  static func vcsIsOrigin(purl: PackageURL?, note: String?) -> Bool {
    if note?.contains("revision=") == true || note?.contains("tag=") == true { return true }
    guard let type = purl?.type else { return true }
    let registries: Set<String> = [
      "npm", "maven", "pypi", "gem", "nuget", "cargo", "composer", "deb", "apk", "rpm", "hex",
      "pub", "conda", "cocoapods", "hackage", "cran",
    ]
    return !registries.contains(type)
  }

  private func scope(_ text: String?) -> Component.Scope {
    switch text {
    case "optional": .optional
    case "excluded": .dev
    default: .required
    }
  }

  /// Purl qualifiers and OS distributions first (they name this exact artifact), then the
  /// `distribution` reference (the fetched archive), then `vcs` (often only the project's
  /// repository, so it comes last), then the purl's `repository_url`.
  private func origin(_ input: CycloneDXInput.Component, purl: PackageURL?) -> Origin {
    if let exact = DecodedOriginReading.exactOrigin(fromPurl: purl) { return exact }
    if let ref = input.externalReferences.first(where: { $0.type == "distribution" }),
      DecodedFieldReading.meaningful(ref.url) != nil
    {
      return DecodedOriginReading.origin(fromLocator: ref.url, purlType: purl?.type)
    }
    if let ref = input.externalReferences.first(where: { $0.type == "vcs" }),
      DecodedFieldReading.meaningful(ref.url) != nil,
      Self.vcsIsOrigin(purl: purl, note: ref.comment)
    {
      // Lineage notes the exact commit as `revision=…; tag=…` beside the repository URL.
      let notes = LineageFacts.notes(ref.comment)
      guard case .git(let url, let revision, let reference) = DecodedOriginReading.git(ref.url)
      else { return .unknown }
      return .git(
        url: url, revision: notes["revision"] ?? revision,
        reference: notes["tag"].map { .tag($0) } ?? notes["branch"].map { .branch($0) } ?? reference
      )
    }
    return DecodedOriginReading.registryHint(fromPurl: purl) ?? .unknown
  }
}
