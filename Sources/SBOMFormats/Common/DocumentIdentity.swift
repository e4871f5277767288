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
    var hasher = GraphCanonicalText.hashed(graph)
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
/// Lines are joined by `\n`, the fields of a line by U+001F.
enum GraphCanonicalText {
  static func text(_ graph: Graph) -> String {
    String(decoding: bytes(graph), as: UTF8.self)
  }

  /// The text's UTF-8 bytes, written straight into one buffer: building a String per field
  /// and joining them was a fifth of encoding a large graph.
  static func bytes(_ graph: Graph) -> [UInt8] {
    var out = Line(capacity: graph.components.count * 256 + graph.edges.count * 128)
    write(graph, to: &out)
    return out.finish()
  }

  /// A SHA-256 fed the text in 64 KiB chunks as it is written, never holding all of it: on a
  /// large graph the whole text was tens of megabytes of memory touched once, which made the
  /// scan's cost grow faster than the graph.
  static func hashed(_ graph: Graph) -> SHA256 {
    var out = Line(capacity: 1 << 16, hashing: true)
    write(graph, to: &out)
    return out.finishHashing()
  }

  private static func write(_ graph: Graph, to out: inout Line) {
    out.raw("roots ")
    for (i, root) in graph.roots.enumerated() {
      if i > 0 { out.byte(0x20) }
      out.raw(root.rawValue)
    }
    out.raw("\nedges-complete \(graph.edgesComplete)")
    // By index into a borrowing helper: `for c in` copied every (large) component.
    let components = graph.components
    for i in components.indices { append(components[i], to: &out) }
    // Borrowed too: copying an edge retained and released both ids, and its target's id lies
    // anywhere in memory (each such atomic update waited for a cache miss).
    let edges = graph.edges
    for i in edges.indices { append(edges[i], to: &out) }
  }

  private static func append(_ e: borrowing Edge, to out: inout Line) {
    out.byte(0x0A)
    out.start("edge")
    out.field(e.from.rawValue)
    out.field(e.kind.rawValue)
    out.field(e.to.rawValue)
    out.field(e.requirement ?? "-")
    out.field(e.alternativeGroup ?? "-")
  }

  private static func append(_ c: borrowing Component, to out: inout Line) {
    out.byte(0x0A)
    out.start("component")
    out.field(c.id.rawValue)
    out.field(c.kind.rawValue)
    out.field(c.ecosystem.rawValue)
    out.field(c.namespace ?? "-")
    out.field(c.name)
    out.field(c.version ?? "-")
    if let purl = c.purl {
      out.byte(0x1F)
      out.purl(purl)
    } else {
      out.field("-")
    }
    // The two origins nearly every component has are written in place; building their text
    // by interpolation first cost more than the rest of the line.
    switch c.origin {
    case .registry(let url):
      out.field("registry ")
      out.raw(url)
    case .distribution(let d):
      out.field("distribution ")
      for (i, part) in [
        d.vendor, d.release ?? "-", d.archive?.origin ?? "-", d.archive?.suite ?? "-",
        d.archive?.component ?? "-", d.archive?.url ?? "-",
      ].enumerated() {
        if i > 0 { out.byte(0x20) }
        out.raw(part)
      }
    default:
      out.field(origin(c.origin))
    }
    out.field(c.declaredLicense?.description ?? "-")
    out.field(c.concludedLicense?.description ?? "-")
    if let supplier = c.supplier {
      out.field(supplier.name)
      out.byte(UInt8(ascii: "|"))
      out.raw(supplier.email ?? "")
      out.byte(UInt8(ascii: "|"))
      out.raw(supplier.url ?? "")
    } else {
      out.field("-")
    }
    out.field(c.scope.rawValue)
    out.field(c.description ?? "-")
    out.field(c.homepage ?? "-")
    for h in c.hashes {
      out.field(h.algorithm.rawValue)
      out.byte(UInt8(ascii: ":"))
      out.raw(h.value)
    }
    for p in c.properties {
      out.field(p.name)
      out.byte(UInt8(ascii: "="))
      out.raw(p.value)
    }
    for f in c.files {
      out.field("file:")
      out.raw(f.path)
      out.byte(UInt8(ascii: ":"))
      for (i, h) in f.hashes.enumerated() {
        if i > 0 { out.byte(UInt8(ascii: ",")) }
        out.raw(h.algorithm.rawValue)
        out.byte(UInt8(ascii: "="))
        out.raw(h.value)
      }
    }
  }

  /// The text being built, in a buffer it owns: appending each short field to an `Array` went
  /// through its uniqueness, capacity and generic copy paths at ~150 instructions a field.
  private struct Line: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// When hashing, full chunks go to this hasher instead of staying in memory.
    private var hasher: SHA256?
    /// Reused for each purl's text.
    private var scratch: [UInt8] = []

    init(capacity: Int, hashing: Bool = false) {
      self.capacity = Swift.max(capacity, 256)
      base = .allocate(capacity: self.capacity)
      hasher = hashing ? SHA256() : nil
    }

    deinit { base.deallocate() }

    consuming func finish() -> [UInt8] {
      Array(UnsafeBufferPointer(start: base, count: count))
    }

    consuming func finishHashing() -> SHA256 {
      flush()
      return hasher ?? SHA256()
    }

    private mutating func flush() {
      guard var h = hasher else { return }
      h.update(UnsafeBufferPointer(start: base, count: count))
      hasher = h
      count = 0
    }

    @inline(__always) private mutating func reserve(_ n: Int) {
      guard count + n > capacity else { return }
      if hasher != nil {
        flush()
        guard n > capacity else { return }
      }
      var newCapacity = capacity * 2
      while newCapacity < count + n { newCapacity *= 2 }
      let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      newBase.initialize(from: base, count: count)
      base.deallocate()
      base = newBase
      capacity = newCapacity
    }

    mutating func byte(_ b: UInt8) {
      reserve(1)
      base[count] = b
      count += 1
    }

    mutating func raw(_ s: String) {
      // A native string's bytes are read in place; copying the String for `withUTF8` cost a
      // retain and a release per field.
      let done: Void? = s.utf8.withContiguousStorageIfAvailable { append($0) }
      if done == nil {
        var s = s
        s.withUTF8 { append($0) }
      }
    }

    /// The purl's canonical text, built in a reused buffer instead of a String per component.
    mutating func purl(_ purl: PackageURL) {
      scratch.removeAll(keepingCapacity: true)
      purl.appendDescription(to: &scratch)
      let bytes = scratch
      bytes.withUnsafeBufferPointer { append($0) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let source = bytes.baseAddress else { return }
      reserve(bytes.count)
      (base + count).initialize(from: source, count: bytes.count)
      count += bytes.count
    }

    mutating func start(_ s: String) { raw(s) }
    /// A field after the first: the unit separator, then the text.
    mutating func field(_ s: String) {
      byte(0x1F)
      raw(s)
    }
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
