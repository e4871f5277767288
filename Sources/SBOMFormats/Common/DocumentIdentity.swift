import SBOMModel

/// Stable document identifiers derived from content, never random: CycloneDX `serialNumber`,
/// SPDX `documentNamespace` and the SPDX 3 id prefix.
///
/// The digest covers the graph (every fact an encoder writes), the tool identity, the format and
/// the timestamp. So the same graph encoded at the same time gives the same identifier, and a new
/// timestamp gives a new one, as both specs ask of a new document.
struct DocumentIdentity: Sendable {
  /// SHA-256 over the canonical text of graph, context and format family.
  let digest: [UInt8]

  init(graph: Graph, context: EncodingContext, family: String) {
    var hasher = SHA256()
    hasher.update(GraphCanonicalText.text(graph).utf8)
    hasher.update(
      "\ncontext \(context.toolName) \(context.toolVersion) \(context.toolVendor) \(family) \(context.timestamp.rfc3339)\n"
        .utf8)
    digest = hasher.finalize()
  }

  /// A name-based (version 5 style) UUID: the first 16 digest bytes with the version nibble set
  /// to 5 and the RFC 4122 variant bits, lowercase.
  var uuid: String {
    var bytes = Array(digest.prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = Hex.encode(bytes)
    let h = Array(hex)
    func part(_ a: Int, _ b: Int) -> String { String(h[a..<b]) }
    return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
  }

  /// `urn:uuid:<uuid>` for CycloneDX `serialNumber`.
  var urn: String { "urn:uuid:" + uuid }

  /// A document namespace under `lineage.invalid`: the `.invalid` top-level domain is reserved
  /// (RFC 2606) so the URI is well formed, unique per document, and can never resolve to
  /// someone else's server.
  func namespace(documentName: String) -> String {
    "https://lineage.invalid/spdxdocs/\(URIText.pathSegment(documentName))-\(uuid)"
  }
}

/// A canonical, line-oriented text of every graph fact the encoders write, for digests.
enum GraphCanonicalText {
  static func text(_ graph: Graph) -> String {
    var lines: [String] = []
    lines.append("roots \(graph.roots.map(\.rawValue).joined(separator: " "))")
    lines.append("edges-complete \(graph.edgesComplete)")
    for c in graph.components {
      var fields = [
        "component", c.id.rawValue, c.kind.rawValue, c.ecosystem.rawValue, c.namespace ?? "-",
        c.name, c.version ?? "-", c.purl?.description ?? "-", origin(c.origin),
        c.declaredLicense?.description ?? "-", c.concludedLicense?.description ?? "-",
        c.supplier.map { "\($0.name)|\($0.email ?? "")|\($0.url ?? "")" } ?? "-",
        c.scope.rawValue, c.description ?? "-", c.homepage ?? "-",
      ]
      fields += c.hashes.map { "\($0.algorithm.rawValue):\($0.value)" }
      fields += c.properties.map { "\($0.name)=\($0.value)" }
      fields += c.files.map { f in
        "file:\(f.path):"
          + f.hashes.map { "\($0.algorithm.rawValue)=\($0.value)" }.joined(separator: ",")
      }
      lines.append(fields.joined(separator: "\u{1F}"))
    }
    for e in graph.edges {
      lines.append(
        [
          "edge", e.from.rawValue, e.kind.rawValue, e.to.rawValue, e.requirement ?? "-",
          e.alternativeGroup ?? "-",
        ].joined(separator: "\u{1F}"))
    }
    return lines.joined(separator: "\n")
  }

  private static func origin(_ o: Origin) -> String {
    switch o {
    case .registry(let url): "registry \(url)"
    case .git(let url, let rev, let ref):
      switch ref {
      case .tag(let t): "git \(url) \(rev ?? "-") tag \(t)"
      case .branch(let b): "git \(url) \(rev ?? "-") branch \(b)"
      case nil: "git \(url) \(rev ?? "-")"
      }
    case .path(let p): "path \(p)"
    case .download(let u): "download \(u)"
    case .distribution(let d):
      "distribution \(d.vendor) \(d.release ?? "-") \(d.archive?.origin ?? "-") \(d.archive?.suite ?? "-") \(d.archive?.component ?? "-") \(d.archive?.url ?? "-")"
    case .unknown: "unknown"
    }
  }
}
