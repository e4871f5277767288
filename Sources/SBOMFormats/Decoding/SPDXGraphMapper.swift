import SBOMModel

/// Maps an SPDX 2.x document (from JSON or tag-value) into the graph.
///
/// - Every package is a component; files and snippets are not (their relationships are skipped).
/// - `DESCRIBES` (and Trivy's `DESCRIBE`, `DESCRIBED_BY` reversed, `documentDescribes`) name the roots.
/// - `DEPENDS_ON`, `DEPENDENCY_OF` (reversed), `RUNTIME_`/`PROVIDED_DEPENDENCY_OF`, and
///   `DYNAMIC_LINK` / `STATIC_LINK` are dependsOn edges; `DEV_`, `BUILD_` and `TEST_DEPENDENCY_OF`
///   are devDependsOn; `OPTIONAL_DEPENDENCY_OF` is optionalDependsOn.
/// - `CONTAINS` (and `CONTAINED_BY` reversed) between two packages is a dependsOn edge: Trivy
///   and Bitnami say "image contains OS contains package" and have no other edges, while Syft
///   uses `CONTAINS` for package → file, which is skipped with the files.
/// - Edges are incomplete when a dependency points at NOASSERTION, or when a document with
///   several packages has no dependency relationship at all.
struct SPDXGraphMapper {
  let file: String
  private var builder = GraphBuilder()
  private var ids = DecodedComponentIDs()
  private var idBySPDXID: [String: ComponentID] = [:]

  init(file: String) { self.file = file }

  static func map(_ document: SPDXInput.Document, otherElements: Set<String>, file: String) -> Graph
  {
    var mapper = SPDXGraphMapper(file: file)
    return mapper.run(document, otherElements: otherElements)
  }

  private mutating func run(_ document: SPDXInput.Document, otherElements: Set<String>) -> Graph {
    builder.metadata = Graph.Metadata(
      inputFormat: "SPDX \(document.version) \(document.encoding)",
      generators: document.creators.compactMap(Self.tool(fromCreator:)),
      created: document.created, documentName: DecodedFieldReading.meaningful(document.name))

    var components: [Component] = []
    components.reserveCapacity(document.packages.count)
    for package in document.packages { components.append(component(package)) }

    var rootIDs: [String] = document.describes
    var sawDependency = false
    var unknownDependencies = false
    // One warning per unknown element, not one per relationship (Syft 0.59 names an undeclared
    // source element in every CONTAINS).
    var unknownElements: [String: (count: Int, first: SourceLocation)] = [:]
    var unknownOrder: [String] = []
    for r in document.relationships {
      let type = r.type.uppercased()
      switch type {
      case "DESCRIBES", "DESCRIBE": rootIDs.append(r.related)
      case "DESCRIBED_BY": rootIDs.append(r.element)
      default:
        guard let (from, to, kind) = Self.edge(type: type, element: r.element, related: r.related)
        else { continue }
        if from == "NOASSERTION" || to == "NOASSERTION" {
          sawDependency = true
          unknownDependencies = true
          continue
        }
        if from == "NONE" || to == "NONE" {
          sawDependency = true
          continue
        }
        if otherElements.contains(from) || otherElements.contains(to) { continue }
        guard let fromID = idBySPDXID[from], let toID = idBySPDXID[to] else {
          let missing = idBySPDXID[from] == nil ? from : to
          if !missing.hasPrefix("DocumentRef-") {
            if unknownElements[missing] == nil { unknownOrder.append(missing) }
            unknownElements[missing, default: (0, r.location)].count += 1
          }
          continue
        }
        sawDependency = true
        if fromID != toID {
          builder.addEdge(Self.annotated(Edge(from: fromID, to: toID, kind: kind), r.comment))
        }
      }
    }

    for id in unknownOrder {
      guard let (count, first) = unknownElements[id] else { continue }
      let times = count == 1 ? "a relationship names" : "\(count) relationships name"
      builder.warn("\(times) unknown element '\(id)'; dropped", at: first)
    }

    var rootSet = Set<ComponentID>()
    var roots: [ComponentID] = []
    for spdxID in rootIDs {
      guard let id = idBySPDXID[spdxID], rootSet.insert(id).inserted else { continue }
      roots.append(id)
    }
    for c in components {
      if rootSet.contains(c.id) { continue }
      builder.add(c)
    }
    // Roots in the order the document names them, as the graph's first root is its main one.
    for id in roots {
      if let c = components.first(where: { $0.id == id }) { builder.addRoot(c) }
    }
    if unknownDependencies || (!sawDependency && document.packages.count > 1) {
      builder.edgesComplete = false
    }
    return builder.build()
  }

  /// The edge a relationship type stands for, oriented from dependent to dependency.
  static func edge(type: String, element: String, related: String)
    -> (from: String, to: String, kind: Edge.Kind)?
  {
    switch type {
    case "DEPENDS_ON", "CONTAINS", "DYNAMIC_LINK", "STATIC_LINK":
      (element, related, .dependsOn)
    case "DEPENDENCY_OF", "RUNTIME_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "CONTAINED_BY":
      (related, element, .dependsOn)
    case "DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "TEST_DEPENDENCY_OF":
      (related, element, .devDependsOn)
    case "OPTIONAL_DEPENDENCY_OF":
      (related, element, .optionalDependsOn)
    default: nil
    }
  }

  /// The edge with the kind, requirement and alternative group Lineage notes in a
  /// relationship's comment (`lineage:edge=peer-depends-on`, `lineage:requirement=^1.2.0`).
  static func annotated(_ edge: Edge, _ comment: String?) -> Edge {
    guard let comment, comment.contains("lineage:") else { return edge }
    var edge = edge
    for line in comment.split(separator: "\n") {
      let text = String(line).trimmingWhitespace()
      guard let eq = text.firstIndex(of: "=") else { continue }
      let value = String(text[text.index(after: eq)...])
      switch text[..<eq] {
      case "lineage:edge": edge.kind = Edge.Kind(rawValue: value) ?? edge.kind
      case "lineage:requirement": edge.requirement = value
      case "lineage:alternative": edge.alternativeGroup = value
      default: break
      }
    }
    return edge
  }

  /// `Tool: syft-0.59.0` → `syft-0.59.0`; other creators are people and organisations.
  static func tool(fromCreator creator: String) -> String? {
    let trimmed = creator.trimmingWhitespace()
    guard trimmed.hasPrefix("Tool:") else { return nil }
    let tool = String(trimmed.dropFirst("Tool:".count)).trimmingWhitespace()
    return tool.isEmpty ? nil : tool
  }

  private mutating func component(_ p: SPDXInput.Package) -> Component {
    let location = p.location
    let purlText = p.externalRefs.first { $0.type.lowercased() == "purl" }?.locator
    let purl = DecodedFieldReading.purl(purlText, at: location, into: &builder)
    let ecosystem = purl.map { Ecosystem($0.type) } ?? .generic
    var (name, namespace) = DecodedFieldReading.nameAndNamespace(
      documentName: p.name, group: nil, purl: purl)
    if name.isEmpty {
      name = DecodedFieldReading.meaningful(p.spdxID) ?? "unnamed"
      builder.warn("package has no name; using '\(name)'", at: location)
    }
    let version = DecodedFieldReading.meaningful(p.version) ?? purl?.version
    let spdxID = DecodedFieldReading.meaningful(p.spdxID)
    let position = location.jsonPath ?? location.line.map { "line\($0)" } ?? ""
    let id = ids.assign(
      purl: purl, ecosystem: ecosystem, name: name, version: version, reference: spdxID,
      position: position)
    if let spdxID {
      if idBySPDXID[spdxID] == nil {
        idBySPDXID[spdxID] = id
      } else {
        builder.warn("SPDXID '\(spdxID)' is used by more than one package", at: location)
      }
    }

    var hashes: [Hash] = []
    for c in p.checksums {
      if let hash = DecodedFieldReading.hash(
        algorithm: c.algorithm, value: c.value, at: location, into: &builder),
        !hashes.contains(hash)
      {
        hashes.append(hash)
      }
    }

    let facts = LineageFacts(LineageFacts.properties(fromAnnotations: p.annotations))
    var origin = DecodedOriginReading.exactOrigin(fromPurl: purl) ?? .unknown
    if case .unknown = origin {
      origin = DecodedOriginReading.origin(fromLocator: p.downloadLocation, purlType: purl?.type)
    }
    if case .unknown = origin {
      origin = DecodedOriginReading.registryHint(fromPurl: purl) ?? .unknown
    }
    let archiveURL = DecodedFieldReading.meaningful(p.downloadLocation).flatMap {
      $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil
    }
    origin = facts.apply(to: origin, archiveURL: archiveURL, archiveNote: nil)

    return Component(
      id: id, kind: DecodedFieldReading.kind(p.purpose), ecosystem: ecosystem,
      namespace: namespace, name: name, version: version, purl: purl, origin: origin,
      hashes: hashes, declaredLicense: DecodedFieldReading.license(p.licenseDeclared),
      concludedLicense: DecodedFieldReading.license(p.licenseConcluded),
      supplier: DecodedFieldReading.spdxActor(p.supplier), scope: facts.scope ?? .required,
      description: DecodedFieldReading.meaningful(p.description),
      homepage: DecodedFieldReading.meaningful(p.homepage), properties: facts.properties)
  }
}
