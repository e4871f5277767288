import SBOMModel

/// Maps a graph to a CycloneDX BOM of one version. See `Formats/mapping.md`.
struct CycloneDXMapping {
  let graph: Graph
  let context: EncodingContext
  let version: CycloneDXVersion

  func bom() -> CycloneDXBOM {
    bom(serialNumber: DocumentIdentity(graph: graph, context: context, family: identityFamily).urn)
  }

  /// The format family the document identity digests (so each version gets its own serial).
  var identityFamily: String { "cyclonedx-\(version.text)" }

  func bom(serialNumber: String) -> CycloneDXBOM {
    var licenses = SPDXLicenseMapper()
    let rootSet = Set(graph.roots)
    let primary = graph.primaryRoot
    var main: CycloneDXBOM.Component?
    var others: [CycloneDXBOM.Component] = []
    for c in graph.components {
      let mapped = component(c, isRoot: rootSet.contains(c.id), licenses: &licenses)
      if c.id == primary?.id { main = mapped } else { others.append(mapped) }
    }
    var dependencies: [CycloneDXBOM.Dependency] = []
    dependencies.reserveCapacity(graph.components.count)
    forEachDependency { ref, dependsOn in
      dependencies.append(.init(ref: ref, dependsOn: dependsOn.map(\.rawValue)))
    }
    return CycloneDXBOM(
      version: version, serialNumber: serialNumber, timestamp: context.timestamp.rfc3339,
      lifecycle: lifecycle, tool: tool, mainComponent: main, components: others,
      dependencies: dependencies,
      composition: .init(
        aggregate: compositionAggregate, dependencies: graph.components.map(\.id.rawValue)))
  }

  var lifecycle: String? {
    guard version.hasLifecycles else { return nil }
    return graph.primaryRoot?.kind == .operatingSystem ? "post-build" : "pre-build"
  }

  var tool: CycloneDXBOM.Tool {
    .init(vendor: context.toolVendor, name: context.toolName, version: context.toolVersion)
  }

  var compositionAggregate: String { graph.edgesComplete ? "complete" : "incomplete" }

  /// Calls `body` for every component in id order with its direct dependencies, unique and in
  /// byte order. The graph keeps edges sorted by (from, to), so one merge walk over components
  /// and edges gives each list without a dictionary, a set or a sort.
  func forEachDependency(_ body: (String, [ComponentID]) -> Void) {
    let edges = graph.edges
    let components = graph.components
    var next = 0
    var blockID: ComponentID?
    var block: [ComponentID] = []
    // By index: `for c in` would copy every (large) component.
    for i in components.indices {
      let id = components[i].id
      // Equal ids (which a graph may hold) share one list, as a lookup by id would give.
      if id != blockID {
        block.removeAll(keepingCapacity: true)
        // Equality first: nearly every component either starts the next run of edges or has
        // none, and equal ids often share storage, which compares at once.
        while next < edges.count && edges[next].from != id && edges[next].from < id { next += 1 }
        while next < edges.count && edges[next].from == id {
          let to = edges[next].to
          if block.last != to { block.append(to) }
          next += 1
        }
        blockID = id
      }
      body(id.rawValue, block)
    }
  }

  func component(
    _ c: borrowing Component, isRoot: Bool, licenses: inout SPDXLicenseMapper
  ) -> CycloneDXBOM.Component {
    var properties = c.properties.map { (name: $0.name, value: $0.value) }
    switch c.scope {
    case .required, .optional: break
    case .dev, .peer, .devOptional: properties.append(("lineage:scope", c.scope.rawValue))
    }
    properties += originProperties(c.origin)
    // CycloneDX has one `metadata.component`; further roots (workspace members) are marked so
    // that reading the document back gives the same roots.
    if isRoot && c.id != graph.roots.first { properties.append(("lineage:root", "true")) }
    let useGroup = c.ecosystem == .npm && !(c.namespace ?? "").isEmpty
    return CycloneDXBOM.Component(
      type: c.kind.rawValue, bomRef: c.id.rawValue,
      supplier: c.supplier.map {
        .init(name: $0.name, url: $0.url.map(URIText.escapedURL), email: $0.email)
      },
      group: useGroup ? c.namespace : nil, name: useGroup ? c.name : c.displayName,
      version: c.version, description: c.description, scope: isRoot ? nil : scope(c.scope),
      hashes: hashes(c.hashes), licenses: licenseChoice(c, mapper: &licenses),
      purl: c.purl?.description, externalReferences: references(c),
      properties: properties,
      components: c.files.map { f in
        CycloneDXBOM.Component(
          type: "file", bomRef: "\(c.id.rawValue)|file:\(f.path)", supplier: nil, group: nil,
          name: f.path, version: nil, description: nil, scope: nil, hashes: hashes(f.hashes),
          licenses: nil, purl: nil, externalReferences: [], properties: [], components: [])
      })
  }

  /// dev and dev-optional are left out of the runtime, so `excluded`; peer is needed at run time,
  /// so `required`. The exact scope travels as the `lineage:scope` property.
  func scope(_ s: Component.Scope) -> String {
    switch s {
    case .required, .peer: "required"
    case .optional: "optional"
    case .dev, .devOptional: "excluded"
    }
  }

  func hashes(_ hs: [Hash]) -> [CycloneDXBOM.Hash] {
    hs.filter { $0.isWellFormed && $0.algorithm.hexLength != nil }.sorted().map {
      .init(algorithm: $0.algorithm.rawValue, content: $0.value)
    }
  }

  func licenseChoice(
    _ c: Component, mapper: inout SPDXLicenseMapper
  ) -> CycloneDXBOM.Licenses? {
    let ack = version.hasLicenseAcknowledgement
    func entry(_ e: LicenseExpression, _ kind: String) -> CycloneDXBOM.Licenses {
      let m = mapper.map(e)
      let acknowledgement = ack ? kind : nil
      if let id = m.singleListedID {
        return .entries([.init(id: id, name: nil, acknowledgement: acknowledgement)])
      }
      if let name = m.singleUnlistedName {
        return .entries([.init(id: nil, name: name, acknowledgement: acknowledgement)])
      }
      return .expression(m.expression, acknowledgement: acknowledgement)
    }
    let declared = c.declaredLicense.map { entry($0, "declared") }
    let concluded = c.concludedLicense.map { entry($0, "concluded") }
    // Both can be written only as two entries, and only where acknowledgement tells them apart.
    if ack, case .entries(let d)? = declared, case .entries(let k)? = concluded {
      return .entries(d + k)
    }
    return declared ?? concluded
  }

  func references(_ c: Component) -> [CycloneDXBOM.ExternalReference] {
    var refs: [CycloneDXBOM.ExternalReference] = []
    switch c.origin {
    case .git(let url, let revision, let reference):
      var notes: [String] = []
      if let revision { notes.append("revision=\(revision)") }
      switch reference {
      case .tag(let t): notes.append("tag=\(t)")
      case .branch(let b): notes.append("branch=\(b)")
      case nil: break
      }
      refs.append(
        .init(
          type: "vcs", url: URIText.escapedURL(url),
          comment: notes.isEmpty ? nil : notes.joined(separator: "; ")))
    case .registry(let url), .download(let url):
      refs.append(.init(type: "distribution", url: URIText.escapedURL(url), comment: nil))
    case .distribution(let d):
      if let a = d.archive, let url = a.url {
        let comment = [
          a.origin.map { "origin=\($0)" }, a.suite.map { "suite=\($0)" },
          a.component.map { "component=\($0)" },
        ].compactMap { $0 }.joined(separator: "; ")
        refs.append(
          .init(
            type: "distribution", url: URIText.escapedURL(url),
            comment: comment.isEmpty ? nil : comment))
      }
    case .path, .unknown: break
    }
    if let homepage = c.homepage {
      refs.append(.init(type: "website", url: URIText.escapedURL(homepage), comment: nil))
    }
    return refs
  }

  /// Origin facts the external references cannot hold.
  func originProperties(_ origin: Origin) -> [(name: String, value: String)] {
    switch origin {
    case .path(let p): [("lineage:origin:path", p)]
    case .distribution(let d):
      [("lineage:origin:distribution", d.vendor + (d.release.map { "/" + $0 } ?? ""))]
        + (d.archive.flatMap { a in
          a.url == nil
            ? [
              (
                "lineage:origin:archive",
                [a.origin, a.suite, a.component].map { $0 ?? "-" }.joined(separator: "/")
              )
            ]
            : nil
        } ?? [])
    case .git, .registry, .download, .unknown: []
    }
  }
}
