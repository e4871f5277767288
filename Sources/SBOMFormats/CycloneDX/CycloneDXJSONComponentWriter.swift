import LineageJSON
import SBOMModel

/// Writes one graph component as a CycloneDX JSON component, straight from the model.
///
/// The same facts as `CycloneDXMapping.component`, which the XML encoder still uses: building
/// that intermediate (arrays of properties, hashes and references, copied Strings) and tearing
/// it down again cost more than writing the bytes. The common shapes (one registry origin, one
/// digest, no licence) are written in place; rarer ones go through the mapping's helpers, so
/// both encoders decide each fact in one place.
struct CycloneDXJSONComponentWriter {
  let mapping: CycloneDXMapping
  /// The first root: its component is `metadata.component`, and other roots are marked.
  let primaryID: ComponentID?
  /// A mapper per writer (so per thread): it only memoises, so its results do not depend on
  /// what it saw.
  var licenses = SPDXLicenseMapper()
  /// Reused for each purl's text.
  private var purlBytes: [UInt8] = []
  /// The last URL found to need no escape: a lockfile's components mostly share one registry
  /// URL (often one String), which then compares equal at once.
  private var lastCleanURL = ""

  init(mapping: CycloneDXMapping, primaryID: ComponentID?) {
    self.mapping = mapping
    self.primaryID = primaryID
    purlBytes.reserveCapacity(256)
  }

  /// Writes `c`; keys in byte order, as `CycloneDXJSONEncoder.write(_:to:)` writes the mapped
  /// component.
  mutating func write(
    _ c: borrowing Component, isRoot: Bool, encoder: CycloneDXJSONEncoder,
    to out: inout JSONStreamWriter
  ) {
    out.beginObject()
    out.member("bom-ref", c.id.rawValue)
    if !c.files.isEmpty {
      // Files are rare (Debian scans asked for them): the mapping builds them.
      out.key("components")
      out.beginArray()
      for child in mapping.component(c, isRoot: isRoot, licenses: &licenses).components {
        encoder.write(child, to: &out)
      }
      out.endArray()
    }
    out.member("description", ifPresent: c.description)
    writeReferences(c, encoder: encoder, to: &out)
    let useGroup = c.ecosystem == .npm && !(c.namespace ?? "").isEmpty
    if useGroup { out.member("group", ifPresent: c.namespace) }
    writeHashes(c.hashes, to: &out)
    if c.declaredLicense != nil || c.concludedLicense != nil,
      let choice = mapping.licenseChoice(c, mapper: &licenses)
    {
      out.key("licenses")
      encoder.write(choice, to: &out)
    }
    out.member("name", useGroup ? c.name : c.displayName)
    writeProperties(c, isRoot: isRoot, to: &out)
    if let purl = c.purl {
      purlBytes.removeAll(keepingCapacity: true)
      purl.appendDescription(to: &purlBytes)
      purlBytes.withUnsafeBufferPointer { out.member("purl", utf8: $0) }
    }
    if !isRoot { out.member("scope", mapping.scope(c.scope)) }
    if let supplier = c.supplier {
      out.key("supplier")
      out.beginObject()
      if let email = supplier.email {
        out.key("contact")
        out.beginArray()
        out.beginObject()
        out.member("email", email)
        out.endObject()
        out.endArray()
      }
      out.member("name", supplier.name)
      if let url = supplier.url {
        out.key("url")
        out.beginArray()
        out.string(escapedURL(url))
        out.endArray()
      }
      out.endObject()
    }
    out.member("type", c.kind.rawValue)
    out.member("version", ifPresent: c.version)
    out.endObject()
  }

  private mutating func writeReferences(
    _ c: borrowing Component, encoder: CycloneDXJSONEncoder, to out: inout JSONStreamWriter
  ) {
    switch c.origin {
    case .registry(let url), .download(let url):
      out.key("externalReferences")
      out.beginArray()
      writeReference(type: "distribution", url: url, to: &out)
      if let homepage = c.homepage { writeReference(type: "website", url: homepage, to: &out) }
      out.endArray()
    case .path, .unknown:
      guard let homepage = c.homepage else { return }
      out.key("externalReferences")
      out.beginArray()
      writeReference(type: "website", url: homepage, to: &out)
      out.endArray()
    case .git, .distribution:
      let refs = mapping.references(c)
      guard !refs.isEmpty else { return }
      out.key("externalReferences")
      out.beginArray()
      for r in refs {
        out.beginObject()
        out.member("comment", ifPresent: r.comment)
        out.member("type", r.type)
        out.member("url", r.url)
        out.endObject()
      }
      out.endArray()
    }
  }

  private mutating func writeReference(
    type: String, url: String, to out: inout JSONStreamWriter
  ) {
    out.object("type", type, "url", escapedURL(url))
  }

  /// `URIText.escapedURL`, remembering the last URL that needed nothing.
  private mutating func escapedURL(_ url: String) -> String {
    if url == lastCleanURL { return url }
    let escaped = URIText.escapedURL(url)
    if escaped == url { lastCleanURL = url }
    return escaped
  }

  /// One well-formed digest (nearly every package) is written as it is; otherwise the mapping
  /// filters and sorts them.
  private func writeHashes(_ hashes: [Hash], to out: inout JSONStreamWriter) {
    if hashes.isEmpty { return }
    if hashes.count == 1, hashes[0].algorithm.hexLength != nil, hashes[0].isWellFormed {
      out.key("hashes")
      out.beginArray()
      out.beginObject()
      out.member("alg", hashes[0].algorithm.rawValue)
      // Well-formed: lowercase hex, which needs no escape.
      out.member("content", unescaped: hashes[0].value)
      out.endObject()
      out.endArray()
      return
    }
    let mapped = mapping.hashes(hashes)
    guard !mapped.isEmpty else { return }
    out.key("hashes")
    out.beginArray()
    for h in mapped {
      out.beginObject()
      out.member("alg", h.algorithm)
      out.member("content", h.content)
      out.endObject()
    }
    out.endArray()
  }

  /// The component's own properties, then the scope, origin and extra-root facts the mapping
  /// adds, in its order.
  private func writeProperties(
    _ c: borrowing Component, isRoot: Bool, to out: inout JSONStreamWriter
  ) {
    let scopeProperty: Bool
    switch c.scope {
    case .required, .optional: scopeProperty = false
    case .dev, .peer, .devOptional: scopeProperty = true
    }
    let origin: [(name: String, value: String)]
    switch c.origin {
    case .path, .distribution: origin = mapping.originProperties(c.origin)
    case .git, .registry, .download, .unknown: origin = []
    }
    let extraRoot = isRoot && c.id != primaryID
    guard !c.properties.isEmpty || scopeProperty || !origin.isEmpty || extraRoot else { return }
    out.key("properties")
    out.beginArray()
    for p in c.properties { writeProperty(p.name, p.value, to: &out) }
    if scopeProperty { writeProperty("lineage:scope", c.scope.rawValue, to: &out) }
    for p in origin { writeProperty(p.name, p.value, to: &out) }
    if extraRoot { writeProperty("lineage:root", "true", to: &out) }
    out.endArray()
  }

  private func writeProperty(_ name: String, _ value: String, to out: inout JSONStreamWriter) {
    out.object("name", name, "value", value)
  }
}
