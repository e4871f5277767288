import LineageJSON
import SBOMModel

/// Writes SPDX 3.0.1 JSON-LD: one `@graph` holding the creation info, the agents, an SpdxDocument
/// whose root is a software_Sbom, a software_Package per component, software_File elements,
/// licence expressions, annotations for properties, and Relationship elements for every edge.
struct SPDX3JSONEncoder: SBOMEncoder {
  static let context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
  static let noneElement = "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"
  static let noAssertionElement = "https://spdx.org/rdf/3.0.1/terms/Core/NoAssertionElement"

  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    var b = Builder(graph: graph, context: context)
    return JSONWriter().write(b.document())
  }

  private struct Builder {
    let graph: Graph
    let context: EncodingContext
    let prefix: String
    var elements: [JSONValue] = []
    var elementIDs: [String] = []
    var ids = IDAllocator()
    var licenses = SPDXLicenseMapper()
    var licenseElements: [String: String] = [:]
    var organizations: [String: String] = [:]

    init(graph: Graph, context: EncodingContext) {
      self.graph = graph
      self.context = context
      let name = graph.primaryRoot.map { $0.displayName + ($0.version.map { "-" + $0 } ?? "") }
      prefix =
        DocumentIdentity(graph: graph, context: context, family: "spdx-3.0")
        .namespace(documentName: name ?? "sbom") + "#"
    }

    private var ci: JSONValue { "_:creationinfo" }

    mutating func add(_ id: String, _ type: String, _ members: [(String, JSONValue?)]) {
      elements.append(
        .object(
          .compact(
            [("type", .string(type)), ("spdxId", .string(id)), ("creationInfo", ci)] + members)))
      elementIDs.append(id)
    }

    mutating func organization(_ name: String) -> String {
      if let id = organizations[name] { return id }
      let id = ids.allocate(
        prefix
          + "SPDXRef-Organization-\(SPDXIdentifiers.sanitize(name))-\(SPDXIdentifiers.shortHash(name))",
        fallbackKey: "organization\u{0}" + name)
      organizations[name] = id
      add(id, "Organization", [("name", .string(name))])
      return id
    }

    mutating func license(_ e: LicenseExpression) -> String {
      let text = licenses.map(e).expression
      if let id = licenseElements[text] { return id }
      let id = ids.allocate(
        prefix + "SPDXRef-License-\(SPDXIdentifiers.shortHash(text))",
        fallbackKey: "license\u{0}" + text)
      licenseElements[text] = id
      add(
        id, "simplelicensing_LicenseExpression",
        [("simplelicensing_licenseExpression", .string(text))])
      return id
    }

    mutating func relationship(
      _ from: String, _ type: String, _ to: [String], completeness: String?,
      scope: String? = nil, comment: String? = nil
    ) {
      let key = "rel\u{0}\(from)\u{0}\(type)\u{0}\(scope ?? "")\u{0}" + to.joined(separator: " ")
      let id = ids.allocate(
        prefix + "SPDXRef-Relationship-\(SPDXIdentifiers.shortHash(key, length: 16))",
        fallbackKey: key)
      add(
        id, scope == nil ? "Relationship" : "LifecycleScopedRelationship",
        [
          ("from", .string(from)), ("relationshipType", .string(type)),
          ("to", .array(to.map(JSONValue.string))), ("completeness", .optional(completeness)),
          ("scope", .optional(scope)), ("comment", .optional(comment)),
        ])
    }

    mutating func document() -> JSONValue {
      let toolID = prefix + "SPDXRef-Tool-\(SPDXIdentifiers.sanitize(context.toolName))"
      let creator = organization(context.toolVendor)
      add(toolID, "Tool", [("name", .string("\(context.toolName) \(context.toolVersion)"))])
      let creationInfo: JSONValue = [
        "type": "CreationInfo", "@id": ci, "specVersion": "3.0.1",
        "created": .string(context.timestamp.rfc3339), "createdBy": [.string(creator)],
        "createdUsing": [.string(toolID)],
      ]

      var packageIDs: [ComponentID: String] = [:]
      for c in graph.components {
        packageIDs[c.id] = ids.allocate(
          prefix + SPDXIdentifiers.package(c), fallbackKey: "package\u{0}" + c.id.rawValue)
      }
      let spdx2 = SPDXMapping(graph: graph, context: context)
      for c in graph.components {
        guard let id = packageIDs[c.id] else { continue }
        let supplier = c.supplier.map { organization($0.name) }
        var download = spdx2.downloadLocation(c.origin)
        if download == "NOASSERTION" { download = "" }
        add(
          id, "software_Package",
          [
            ("name", .string(c.displayName)),
            ("software_packageVersion", .optional(c.version)),
            ("software_packageUrl", .optional(c.purl?.description)),
            ("software_downloadLocation", download.isEmpty ? nil : .string(download)),
            ("software_homePage", c.homepage.flatMap { URIText.isWebURL($0) ? .string($0) : nil }),
            ("software_primaryPurpose", .string(purpose(c.kind))),
            ("suppliedBy", .optional(supplier)),
            ("description", .optional(c.description)),
            ("verifiedUsing", hashes(c.hashes)),
            (
              "externalIdentifier",
              c.purl.map {
                [
                  [
                    "type": "ExternalIdentifier", "externalIdentifierType": "packageUrl",
                    "identifier": .string($0.description),
                  ]
                ]
              }
            ),
          ])
        if let l = c.declaredLicense {
          relationship(id, "hasDeclaredLicense", [license(l)], completeness: nil)
        }
        if let l = c.concludedLicense {
          relationship(id, "hasConcludedLicense", [license(l)], completeness: nil)
        }
        var statements = c.properties.map { "\($0.name)=\($0.value)" }
        if c.scope != .required { statements.append("lineage:scope=\(c.scope.rawValue)") }
        for statement in statements {
          let key = "annotation\u{0}\(c.id.rawValue)\u{0}\(statement)"
          let annotationID = ids.allocate(
            prefix + "SPDXRef-Annotation-\(SPDXIdentifiers.shortHash(key, length: 16))",
            fallbackKey: key)
          add(
            annotationID, "Annotation",
            [
              ("annotationType", "other"), ("subject", .string(id)),
              ("statement", .string(statement)),
            ])
        }
        var fileIDs: [String] = []
        for f in c.files {
          let fileID = ids.allocate(
            prefix + SPDXIdentifiers.file(f, of: c),
            fallbackKey: "file\u{0}\(c.id.rawValue)\u{0}\(f.path)")
          add(
            fileID, "software_File",
            [("name", .string(f.path)), ("verifiedUsing", hashes(f.hashes))])
          fileIDs.append(fileID)
        }
        if !fileIDs.isEmpty { relationship(id, "contains", fileIDs, completeness: "complete") }
      }

      let adjacency = graph.adjacency()
      let completeness = graph.edgesComplete ? "complete" : "incomplete"
      for c in graph.components {
        guard let from = packageIDs[c.id] else { continue }
        let out = adjacency[c.id] ?? []
        // One relationship per kind: dependsOn (runtime), dependsOn scoped to development,
        // hasOptionalDependency, hasProvidedDependency (npm peers are provided by the host).
        let groups: [(Edge.Kind, String, String?)] = [
          (.dependsOn, "dependsOn", nil), (.devDependsOn, "dependsOn", "development"),
          (.optionalDependsOn, "hasOptionalDependency", nil),
          (.peerDependsOn, "hasProvidedDependency", nil),
        ]
        for (kind, type, scope) in groups {
          let targets = Array(Set(out.filter { $0.kind == kind }.compactMap { packageIDs[$0.to] }))
            .sorted()
          guard !targets.isEmpty else { continue }
          relationship(from, type, targets, completeness: completeness, scope: scope)
        }
        if out.isEmpty {
          relationship(
            from, "dependsOn",
            [
              graph.edgesComplete
                ? SPDX3JSONEncoder.noneElement : SPDX3JSONEncoder.noAssertionElement
            ],
            completeness: graph.edgesComplete ? "complete" : "noAssertion")
        }
      }

      let roots = graph.roots.compactMap { packageIDs[$0] }
      let sbomID = prefix + "SPDXRef-Sbom"
      let sbomType = graph.primaryRoot?.kind == .operatingSystem ? "analyzed" : "source"
      let contents = elementIDs
      add(
        sbomID, "software_Sbom",
        [
          ("rootElement", .array(roots.map(JSONValue.string))),
          ("element", .array(contents.map(JSONValue.string))),
          ("software_sbomType", [.string(sbomType)]),
        ])
      let documentName = graph.primaryRoot.map {
        $0.displayName + ($0.version.map { "-" + $0 } ?? "")
      }
      add(
        prefix + "SPDXRef-DOCUMENT", "SpdxDocument",
        [
          ("name", .string(documentName ?? "sbom")),
          ("profileConformance", ["core", "software", "simpleLicensing"]),
          ("rootElement", [.string(sbomID)]),
          ("element", .array((contents + [sbomID]).map(JSONValue.string))),
        ])
      return [
        "@context": .string(SPDX3JSONEncoder.context),
        "@graph": .array([creationInfo] + elements),
      ]
    }

    private func hashes(_ hs: [Hash]) -> JSONValue? {
      let list: [JSONValue] = hs.filter(\.isWellFormed).sorted().map {
        [
          "type": "Hash", "algorithm": .string(algorithm($0.algorithm)),
          "hashValue": .string($0.value),
        ]
      }
      return list.isEmpty ? nil : .array(list)
    }

    private func algorithm(_ a: Hash.Algorithm) -> String {
      switch a {
      case .md5: "md5"
      case .sha1: "sha1"
      case .sha256: "sha256"
      case .sha384: "sha384"
      case .sha512: "sha512"
      case .sha3_256: "sha3_256"
      case .sha3_384: "sha3_384"
      case .sha3_512: "sha3_512"
      case .blake2b_256: "blake2b256"
      case .blake2b_384: "blake2b384"
      case .blake2b_512: "blake2b512"
      case .blake3: "blake3"
      }
    }

    private func purpose(_ k: Component.Kind) -> String {
      switch k {
      case .application: "application"
      case .library: "library"
      case .operatingSystem: "operatingSystem"
      case .file: "file"
      }
    }
  }
}
