import LineageJSON
import SBOMModel

/// Writes SPDX 2.3 JSON (sorted keys, deterministic).
///
/// The mapped document is streamed straight to bytes with each object's keys written in UTF-8
/// byte order, which equals `JSONWriter().write` of the document as a `JSONValue` tree without
/// building that tree. The document identity digest runs on another thread during the mapping.
struct SPDXJSONEncoder: SBOMEncoder {
  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    var out = JSONStreamWriter(capacity: graph.components.count * 2048 + 4096)
    write(graph, context: context, to: &out)
    return out.finish()
  }

  /// Streams the document from the mapped one, which the namespace (written before the
  /// packages) makes wait for the identity digest.
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
    let identity = PendingDocumentIdentity(
      graph: graph, context: context, family: SPDXMapping.identityFamily)
    let doc = SPDXMapping(graph: graph, context: context).document(identity: identity.wait)
    out.beginObject()
    out.member("SPDXID", "SPDXRef-DOCUMENT")
    out.key("creationInfo")
    out.beginObject()
    out.member("created", doc.created)
    out.key("creators")
    strings(doc.creators, to: &out)
    out.endObject()
    out.member("dataLicense", "CC0-1.0")
    out.key("documentDescribes")
    strings(doc.describes, to: &out)
    out.member("documentNamespace", doc.namespace)
    if !doc.files.isEmpty {
      out.key("files")
      out.beginArray()
      for f in doc.files { write(f, to: &out) }
      out.endArray()
    }
    if !doc.extractedLicenses.isEmpty {
      out.key("hasExtractedLicensingInfos")
      out.beginArray()
      for e in doc.extractedLicenses {
        out.beginObject()
        out.member("extractedText", e.extractedText)
        out.member("licenseId", e.licenseRef)
        out.member("name", e.originalName)
        out.endObject()
      }
      out.endArray()
    }
    out.member("name", doc.name)
    out.key("packages")
    out.beginArray()
    for p in doc.packages { write(p, to: &out) }
    out.endArray()
    out.key("relationships")
    out.beginArray()
    for r in doc.relationships {
      out.beginObject()
      out.member("comment", ifPresent: r.comment)
      out.member("relatedSpdxElement", r.related)
      out.member("relationshipType", r.type)
      out.member("spdxElementId", r.element)
      out.endObject()
    }
    out.endArray()
    out.member("spdxVersion", "SPDX-2.3")
    out.endObject()
  }

  private func strings(_ values: [String], to out: inout JSONStreamWriter) {
    out.beginArray()
    for v in values { out.string(v) }
    out.endArray()
  }

  /// One package; members in byte order of their keys.
  private func write(_ p: SPDXDocument.Package, to out: inout JSONStreamWriter) {
    out.beginObject()
    out.member("SPDXID", p.spdxID)
    if !p.annotations.isEmpty {
      out.key("annotations")
      out.beginArray()
      for a in p.annotations {
        out.beginObject()
        out.member("annotationDate", a.date)
        out.member("annotationType", a.type)
        out.member("annotator", a.annotator)
        out.member("comment", a.comment)
        out.endObject()
      }
      out.endArray()
    }
    if !p.checksums.isEmpty {
      out.key("checksums")
      checksums(p.checksums, to: &out)
    }
    out.member("comment", ifPresent: p.comment)
    out.member("copyrightText", p.copyrightText)
    out.member("description", ifPresent: p.description)
    out.member("downloadLocation", p.downloadLocation)
    if !p.externalRefs.isEmpty {
      out.key("externalRefs")
      out.beginArray()
      for r in p.externalRefs {
        out.beginObject()
        out.member("referenceCategory", r.category)
        out.member("referenceLocator", r.locator)
        out.member("referenceType", r.type)
        out.endObject()
      }
      out.endArray()
    }
    out.key("filesAnalyzed")
    out.bool(p.filesAnalyzed)
    out.member("homepage", ifPresent: p.homepage)
    out.member("licenseConcluded", p.licenseConcluded)
    out.member("licenseDeclared", p.licenseDeclared)
    out.member("name", p.name)
    if let code = p.verificationCode {
      out.key("packageVerificationCode")
      out.beginObject()
      out.member("packageVerificationCodeValue", code)
      out.endObject()
    }
    out.member("primaryPackagePurpose", ifPresent: p.primaryPurpose)
    out.member("supplier", p.supplier)
    out.member("versionInfo", ifPresent: p.version)
    out.endObject()
  }

  private func write(_ f: SPDXDocument.File, to out: inout JSONStreamWriter) {
    out.beginObject()
    out.member("SPDXID", f.spdxID)
    out.key("checksums")
    checksums(f.checksums, to: &out)
    out.member("fileName", f.fileName)
    out.endObject()
  }

  private func checksums(_ values: [SPDXDocument.Checksum], to out: inout JSONStreamWriter) {
    out.beginArray()
    for c in values {
      out.beginObject()
      out.member("algorithm", c.algorithm)
      out.member("checksumValue", c.value)
      out.endObject()
    }
    out.endArray()
  }
}
