import SBOMModel

/// Maps a graph to an SPDX 2.3 document. See `Formats/mapping.md` for the field table.
struct SPDXMapping {
  let graph: Graph
  let context: EncodingContext

  /// The format family the document identity digests.
  static let identityFamily = "spdx-2.3"

  func document() -> SPDXDocument {
    document(identity: {
      DocumentIdentity(graph: graph, context: context, family: SPDXMapping.identityFamily)
    })
  }

  /// The document, asking for its identity only once everything else is mapped (so an
  /// identity computed on another thread has the mapping's time to finish).
  func document(identity: () -> DocumentIdentity) -> SPDXDocument {
    let name = documentName
    var ids = IDAllocator()
    var licenses = SPDXLicenseMapper()
    let tool = "Tool: \(context.toolName)-\(context.toolVersion)"
    let created = context.timestamp.rfc3339

    var packageIDs: [ComponentID: String] = [:]
    for c in graph.components {
      packageIDs[c.id] = ids.allocate(SPDXIdentifiers.package(c), fallbackKey: c.id.rawValue)
    }

    var packages: [SPDXDocument.Package] = []
    var files: [SPDXDocument.File] = []
    var relationships: [SPDXDocument.Relationship] = []
    let roots = graph.roots.compactMap { packageIDs[$0] }
    for root in roots {
      relationships.append(.init(element: "SPDXRef-DOCUMENT", type: "DESCRIBES", related: root))
    }

    for c in graph.components {
      let spdxID = packageIDs[c.id] ?? ""
      var annotations = c.properties.map {
        SPDXDocument.Annotation(annotator: tool, date: created, comment: "\($0.name)=\($0.value)")
      }
      if c.scope != .required {
        annotations.append(
          .init(annotator: tool, date: created, comment: "lineage:scope=\(c.scope.rawValue)"))
      }
      annotations += originAnnotations(c.origin).map {
        .init(annotator: tool, date: created, comment: $0)
      }
      // SPDX 2.3 files must carry a SHA-1, and then the package needs a verification code over
      // them: files are written only when every one has a SHA-1; otherwise they are counted.
      let sha1s = c.files.map { f in f.hashes.first { $0.algorithm == .sha1 }?.value }
      let writeFiles = !c.files.isEmpty && sha1s.allSatisfy { $0 != nil }
      var verificationCode: String?
      if writeFiles {
        let joined = sha1s.compactMap { $0 }.sorted().joined()
        verificationCode = Hex.encode(SHA1.hash(Array(joined.utf8)))
        for f in c.files {
          let fileID = ids.allocate(
            SPDXIdentifiers.file(f, of: c), fallbackKey: c.id.rawValue + "\u{0}" + f.path)
          files.append(
            .init(
              spdxID: fileID, fileName: f.path.hasPrefix("/") ? "." + f.path : "./" + f.path,
              checksums: checksums(f.hashes)))
          relationships.append(.init(element: spdxID, type: "CONTAINS", related: fileID))
        }
      } else if !c.files.isEmpty {
        annotations.append(
          .init(
            annotator: tool, date: created,
            comment: "lineage:spdx:files-omitted=\(c.files.count) (no SHA-1 digests)"))
      }
      var refs: [SPDXDocument.ExternalRef] = []
      if let purl = c.purl?.description {
        refs.append(.init(category: "PACKAGE-MANAGER", type: "purl", locator: purl))
      }
      packages.append(
        SPDXDocument.Package(
          spdxID: spdxID, name: c.displayName, version: c.version,
          supplier: c.supplier.map(supplierText) ?? "NOASSERTION",
          downloadLocation: downloadLocation(c.origin), filesAnalyzed: writeFiles,
          verificationCode: verificationCode, checksums: checksums(c.hashes),
          homepage: c.homepage.flatMap { URIText.isWebURL($0) ? $0 : nil },
          licenseConcluded: c.concludedLicense.map { licenses.map($0).expression } ?? "NOASSERTION",
          licenseDeclared: c.declaredLicense.map { licenses.map($0).expression } ?? "NOASSERTION",
          description: c.description, comment: nil, externalRefs: refs,
          primaryPurpose: purpose(c.kind), annotations: annotations))
    }

    // Each component's outgoing edges by one merge walk: components and edges are both sorted
    // by id, so no adjacency dictionary is needed. Equal ids (which a graph may hold) share one
    // range, as a lookup by id would give.
    let edges = graph.edges
    var next = 0
    var range = 0..<0
    var rangeID: ComponentID?
    for c in graph.components {
      guard let from = packageIDs[c.id] else { continue }
      if c.id != rangeID {
        while next < edges.count && edges[next].from < c.id { next += 1 }
        let start = next
        while next < edges.count && edges[next].from == c.id { next += 1 }
        range = start..<next
        rangeID = c.id
      }
      let out = edges[range]
      for edge in out {
        guard let to = packageIDs[edge.to] else { continue }
        relationships.append(relationship(edge, from: from, to: to))
      }
      // Say what is known about the rest: with complete edges a leaf has no dependencies (NONE);
      // otherwise nothing is asserted about what more it depends on (NOASSERTION).
      if !graph.edgesComplete {
        relationships.append(.init(element: from, type: "DEPENDS_ON", related: "NOASSERTION"))
      } else if out.isEmpty {
        relationships.append(.init(element: from, type: "DEPENDS_ON", related: "NONE"))
      }
    }

    return SPDXDocument(
      name: name, namespace: identity().namespace(documentName: name), created: created,
      creators: [tool, "Organization: \(context.toolVendor)"], describes: roots,
      packages: packages, files: files, relationships: relationships,
      extractedLicenses: licenses.extractedLicenses)
  }

  private var documentName: String {
    guard let root = graph.primaryRoot else { return "sbom" }
    return root.displayName + (root.version.map { "-" + $0 } ?? "")
  }

  private func relationship(_ edge: Edge, from: String, to: String) -> SPDXDocument.Relationship {
    var notes: [String] = []
    if edge.kind == .peerDependsOn { notes.append("lineage:edge=\(edge.kind.rawValue)") }
    if let r = edge.requirement { notes.append("lineage:requirement=\(r)") }
    if let g = edge.alternativeGroup { notes.append("lineage:alternative=\(g)") }
    let comment = notes.isEmpty ? nil : notes.joined(separator: "\n")
    switch edge.kind {
    case .dependsOn, .peerDependsOn:
      return .init(element: from, type: "DEPENDS_ON", related: to, comment: comment)
    case .devDependsOn:
      return .init(element: to, type: "DEV_DEPENDENCY_OF", related: from, comment: comment)
    case .optionalDependsOn:
      return .init(element: to, type: "OPTIONAL_DEPENDENCY_OF", related: from, comment: comment)
    }
  }

  private func supplierText(_ s: Supplier) -> String {
    let name = s.name.trimmingWhitespace().isEmpty ? "unknown" : s.name
    if let email = s.email { return "Organization: \(name) (\(email))" }
    return "Organization: \(name)"
  }

  private func checksums(_ hashes: [Hash]) -> [SPDXDocument.Checksum] {
    hashes.filter(\.isWellFormed).sorted().compactMap { h in
      SPDXMapping.checksumName(h.algorithm).map { .init(algorithm: $0, value: h.value) }
    }
  }

  /// SPDX 2.3 checksum algorithm names; every model algorithm has one.
  static func checksumName(_ a: Hash.Algorithm) -> String? {
    switch a {
    case .md5: "MD5"
    case .sha1: "SHA1"
    case .sha256: "SHA256"
    case .sha384: "SHA384"
    case .sha512: "SHA512"
    case .sha3_256: "SHA3-256"
    case .sha3_384: "SHA3-384"
    case .sha3_512: "SHA3-512"
    case .blake2b_256: "BLAKE2b-256"
    case .blake2b_384: "BLAKE2b-384"
    case .blake2b_512: "BLAKE2b-512"
    case .blake3: "BLAKE3"
    }
  }

  private func purpose(_ kind: Component.Kind) -> String {
    switch kind {
    case .application: "APPLICATION"
    case .library: "LIBRARY"
    case .operatingSystem: "OPERATING-SYSTEM"
    case .file: "FILE"
    }
  }

  /// `git+https://host/repo@<revision>`, a registry or download URL, or NOASSERTION.
  func downloadLocation(_ origin: Origin) -> String {
    switch origin {
    case .git(let url, let revision, let reference):
      guard URIText.isWebURL(url) else { return "NOASSERTION" }
      var at: String?
      if let revision { at = revision } else if case .tag(let t) = reference { at = t }
      if let at, !at.contains(where: { $0 == " " || $0 == "@" || $0 == "#" }) {
        return "git+\(url)@\(at)"
      }
      return "git+\(url)"
    case .registry(let url), .download(let url):
      return URIText.isWebURL(url) ? url : "NOASSERTION"
    case .distribution(let d):
      if let url = d.archive?.url, URIText.isWebURL(url) { return url }
      return "NOASSERTION"
    case .path, .unknown:
      return "NOASSERTION"
    }
  }

  /// Origin facts `downloadLocation` cannot hold, as `lineage:origin:*` annotations.
  private func originAnnotations(_ origin: Origin) -> [String] {
    switch origin {
    case .git(_, _, let reference):
      switch reference {
      case .tag(let t): ["lineage:origin:tag=\(t)"]
      case .branch(let b): ["lineage:origin:branch=\(b)"]
      case nil: []
      }
    case .path(let p): ["lineage:origin:path=\(p)"]
    case .distribution(let d):
      ["lineage:origin:distribution=\(d.vendor)" + (d.release.map { "/" + $0 } ?? "")]
        + (d.archive.map { a in
          [
            "lineage:origin:archive="
              + [a.origin, a.suite, a.component].map { $0 ?? "-" }.joined(separator: "/")
          ]
        } ?? [])
    case .registry, .download, .unknown: []
    }
  }
}

/// Hands out unique element ids; on the improbable short-hash collision, falls back to an id with
/// the full digest of the element's key.
struct IDAllocator {
  private var used: Set<String> = []

  mutating func allocate(_ preferred: String, fallbackKey: String) -> String {
    if used.insert(preferred).inserted { return preferred }
    let fallback = "SPDXRef-\(SPDXIdentifiers.shortHash(fallbackKey, length: 64))"
    used.insert(fallback)
    return fallback
  }
}
