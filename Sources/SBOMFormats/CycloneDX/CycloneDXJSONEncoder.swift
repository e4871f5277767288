import LineageJSON
import SBOMModel

/// Writes CycloneDX JSON of one version (sorted keys, deterministic).
///
/// Streams each component straight from the model to bytes (`CycloneDXJSONComponentWriter`),
/// keys written in UTF-8 byte order by construction, so the output equals `JSONWriter().write`
/// of the whole document without building it as a `JSONValue` tree (which, with the writer's
/// per-object sort, was most of encoding).
/// The document identity digest runs on another thread meanwhile: `serialNumber` sorts after
/// every large member, so it is written last.
struct CycloneDXJSONEncoder: SBOMEncoder {
  let version: CycloneDXVersion

  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    var out = JSONStreamWriter(capacity: graph.components.count * 1024 + 4096)
    write(graph, context: context, to: &out)
    return out.finish()
  }

  /// Streams the document: only the writer's buffer and one run of components are held.
  func encode(
    _ graph: Graph, context: EncodingContext,
    to output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    var out = JSONStreamWriter(flushingTo: output)
    write(graph, context: context, to: &out)
    try out.finishStreaming()
  }

  /// The whole document but its final newline.
  private func write(_ graph: Graph, context: EncodingContext, to out: inout JSONStreamWriter) {
    let mapping = CycloneDXMapping(graph: graph, context: context, version: version)
    let identity = PendingDocumentIdentity(
      graph: graph, context: context, family: mapping.identityFamily)
    out.beginObject()
    out.member("$schema", version.jsonSchema)
    out.member("bomFormat", "CycloneDX")

    let components = graph.components
    let rootSet = Set(graph.roots)
    out.key("components")
    out.beginArray()
    // Writing components is most of encoding. They go in pairs of runs: while this
    // thread writes one run, a worker writes the next, a quarter as long, into a fragment spliced
    // in after it. Only a quarter: the document digest (`PendingDocumentIdentity`) runs meanwhile
    // too, and with equal shares three threads shared two cores and this one, which still has the
    // dependencies to write, waited for both. At most one short run is ever held aside.
    let runs = CycloneDXJSONEncoder.runs(components.count)
    let depth = out.depth
    var main: Int?
    for run in runs {
      let worker = run.worker.map { range in
        BackgroundWork<(bytes: [UInt8], main: Int?)> { [self] in
          var fragment = JSONStreamWriter(fragmentAtDepth: depth, capacity: range.count * 1024)
          let main = writeComponents(range, of: graph, mapping, roots: rootSet, to: &fragment)
          return (fragment.fragment(), main)
        }
      }
      let own = writeComponents(run.own, of: graph, mapping, roots: rootSet, to: &out)
      main = main ?? own
      if let worker {
        let (bytes, theirs) = worker.wait()
        out.append(fragment: bytes)
        main = main ?? theirs
      }
    }
    out.endArray()

    out.key("compositions")
    out.beginArray()
    out.beginObject()
    out.member("aggregate", mapping.compositionAggregate)
    out.key("dependencies")
    out.beginArray()
    for i in components.indices { out.string(components[i].id.rawValue) }
    out.endArray()
    out.endObject()
    out.endArray()

    out.key("dependencies")
    out.beginArray()
    mapping.forEachDependency { ref, dependsOn in
      out.beginObject()
      out.key("dependsOn")
      out.beginArray()
      for id in dependsOn { out.string(id.rawValue) }
      out.endArray()
      out.member("ref", ref)
      out.endObject()
    }
    out.endArray()

    out.key("metadata")
    out.beginObject()
    if let main {
      out.key("component")
      var writer = CycloneDXJSONComponentWriter(mapping: mapping, primaryID: graph.roots.first)
      writer.write(components[main], isRoot: true, encoder: self, to: &out)
    }
    if let phase = mapping.lifecycle {
      out.key("lifecycles")
      out.beginArray()
      out.beginObject()
      out.member("phase", phase)
      out.endObject()
      out.endArray()
    }
    out.member("timestamp", context.timestamp.rfc3339)
    writeTools(mapping.tool, to: &out)
    out.endObject()

    out.member("serialNumber", identity.wait().urn)
    out.member("specVersion", version.text)
    out.key("version")
    out.number(1)
    out.endObject()
  }

  typealias RunPair = (own: Range<Int>, worker: Range<Int>?)

  /// Consecutive pairs of runs covering `count`, each pair at most `maximumPair` components:
  /// this thread writes `own`, a worker `worker`, a quarter of `own`'s length. One run and no
  /// worker below 2,000 components, where a thread costs more than it saves.
  static func runs(_ count: Int, maximumPair: Int = 5120) -> [RunPair] {
    guard count >= 2000 else { return [(0..<count, nil)] }
    let pairs = (count + maximumPair - 1) / maximumPair
    let size = (count + pairs - 1) / pairs
    return stride(from: 0, to: count, by: size).map { start in
      let end = Swift.min(start + size, count)
      let split = start + (end - start) * 4 / 5
      return (start..<split, split..<end)
    }
  }

  /// Writes the components in `range` except the first root, the document's subject, which
  /// is written under metadata instead: returns its index (the last in the range, as the
  /// mapped component it replaced was).
  private func writeComponents(
    _ range: Range<Int>, of graph: Graph, _ mapping: CycloneDXMapping,
    roots: Set<ComponentID>, to out: inout JSONStreamWriter
  ) -> Int? {
    let primaryID = graph.roots.first
    var writer = CycloneDXJSONComponentWriter(mapping: mapping, primaryID: primaryID)
    var main: Int?
    // Components are read in place by index: `for c in` copies each (large) component.
    let components = graph.components
    for i in range {
      let id = components[i].id
      if id == primaryID {
        main = i
      } else {
        // A graph has a root or a few: comparing with each is cheaper than hashing the id.
        let isRoot = graph.roots.count <= 8 ? graph.roots.contains(id) : roots.contains(id)
        writer.write(components[i], isRoot: isRoot, encoder: self, to: &out)
      }
    }
    return main
  }

  private func writeTools(_ tool: CycloneDXBOM.Tool, to out: inout JSONStreamWriter) {
    out.key("tools")
    if version.toolsAsComponents {
      out.beginObject()
      out.key("components")
      out.beginArray()
      out.beginObject()
      out.member("name", tool.name)
      out.key("supplier")
      out.beginObject()
      out.member("name", tool.vendor)
      out.endObject()
      out.member("type", "application")
      out.member("version", tool.version)
      out.endObject()
      out.endArray()
      out.endObject()
    } else {
      out.beginArray()
      out.beginObject()
      out.member("name", tool.name)
      out.member("vendor", tool.vendor)
      out.member("version", tool.version)
      out.endObject()
      out.endArray()
    }
  }

  /// One component; members in byte order of their keys.
  func write(_ c: CycloneDXBOM.Component, to out: inout JSONStreamWriter) {
    out.beginObject()
    out.member("bom-ref", c.bomRef)
    if !c.components.isEmpty {
      out.key("components")
      out.beginArray()
      for child in c.components { write(child, to: &out) }
      out.endArray()
    }
    out.member("description", ifPresent: c.description)
    if !c.externalReferences.isEmpty {
      out.key("externalReferences")
      out.beginArray()
      for r in c.externalReferences {
        out.beginObject()
        out.member("comment", ifPresent: r.comment)
        out.member("type", r.type)
        out.member("url", r.url)
        out.endObject()
      }
      out.endArray()
    }
    out.member("group", ifPresent: c.group)
    if !c.hashes.isEmpty {
      out.key("hashes")
      out.beginArray()
      for h in c.hashes {
        out.beginObject()
        out.member("alg", h.algorithm)
        out.member("content", h.content)
        out.endObject()
      }
      out.endArray()
    }
    if let licenses = c.licenses {
      out.key("licenses")
      write(licenses, to: &out)
    }
    out.member("name", c.name)
    if !c.properties.isEmpty {
      out.key("properties")
      out.beginArray()
      for p in c.properties {
        out.beginObject()
        out.member("name", p.name)
        out.member("value", p.value)
        out.endObject()
      }
      out.endArray()
    }
    out.member("purl", ifPresent: c.purl)
    out.member("scope", ifPresent: c.scope)
    if let supplier = c.supplier {
      out.key("supplier")
      write(supplier, to: &out)
    }
    out.member("type", c.type)
    out.member("version", ifPresent: c.version)
    out.endObject()
  }

  func write(_ o: CycloneDXBOM.Organization, to out: inout JSONStreamWriter) {
    out.beginObject()
    if let email = o.email {
      out.key("contact")
      out.beginArray()
      out.beginObject()
      out.member("email", email)
      out.endObject()
      out.endArray()
    }
    out.member("name", o.name)
    if let url = o.url {
      out.key("url")
      out.beginArray()
      out.string(url)
      out.endArray()
    }
    out.endObject()
  }

  func write(_ l: CycloneDXBOM.Licenses, to out: inout JSONStreamWriter) {
    out.beginArray()
    switch l {
    case .expression(let text, let acknowledgement):
      out.beginObject()
      out.member("acknowledgement", ifPresent: acknowledgement)
      out.member("expression", text)
      out.endObject()
    case .entries(let entries):
      for e in entries {
        out.beginObject()
        out.key("license")
        out.beginObject()
        out.member("acknowledgement", ifPresent: e.acknowledgement)
        out.member("id", ifPresent: e.id)
        out.member("name", ifPresent: e.name)
        out.endObject()
        out.endObject()
      }
    }
    out.endArray()
  }
}
