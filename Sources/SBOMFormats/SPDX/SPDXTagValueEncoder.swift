import SBOMModel

/// Writes SPDX 2.3 tag-value with our own writer: document header and creation info, each package
/// followed by its files, then relationships and extracted licences.
struct SPDXTagValueEncoder: SBOMEncoder {
  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    let doc = SPDXMapping(graph: graph, context: context).document()
    var w = TagValueWriter()
    w.line("SPDXVersion", "SPDX-2.3")
    w.line("DataLicense", "CC0-1.0")
    w.line("SPDXID", "SPDXRef-DOCUMENT")
    w.line("DocumentName", doc.name)
    w.line("DocumentNamespace", doc.namespace)
    for creator in doc.creators { w.line("Creator", creator) }
    w.line("Created", doc.created)

    var filesByPackage: [String: [SPDXDocument.File]] = [:]
    let fileIndex = Dictionary(doc.files.map { ($0.spdxID, $0) }, uniquingKeysWith: { a, _ in a })
    for r in doc.relationships where r.type == "CONTAINS" {
      if let f = fileIndex[r.related] { filesByPackage[r.element, default: []].append(f) }
    }

    for p in doc.packages {
      w.blank()
      w.line("PackageName", p.name)
      w.line("SPDXID", p.spdxID)
      w.line("PackageVersion", p.version)
      w.line("PackageSupplier", p.supplier)
      w.line("PackageDownloadLocation", p.downloadLocation)
      w.line("FilesAnalyzed", p.filesAnalyzed ? "true" : "false")
      w.line("PackageVerificationCode", p.verificationCode)
      for c in p.checksums { w.line("PackageChecksum", "\(c.algorithm): \(c.value)") }
      w.line("PackageHomePage", p.homepage)
      w.line("PackageLicenseConcluded", p.licenseConcluded)
      w.line("PackageLicenseDeclared", p.licenseDeclared)
      w.line("PackageCopyrightText", p.copyrightText)
      w.text("PackageDescription", p.description)
      w.text("PackageComment", p.comment)
      for r in p.externalRefs { w.line("ExternalRef", "\(r.category) \(r.type) \(r.locator)") }
      w.line("PrimaryPackagePurpose", p.primaryPurpose)
      for f in filesByPackage[p.spdxID] ?? [] {
        w.blank()
        w.line("FileName", f.fileName)
        w.line("SPDXID", f.spdxID)
        for c in f.checksums { w.line("FileChecksum", "\(c.algorithm): \(c.value)") }
      }
    }

    w.blank()
    // A file written after its package is contained in it by the layout (SPDX 2.3 §5.2.2);
    // repeating CONTAINS would make readers count the relationship twice.
    let written = Set(filesByPackage.values.flatMap { $0.map(\.spdxID) })
    for r in doc.relationships where !(r.type == "CONTAINS" && written.contains(r.related)) {
      w.line("Relationship", "\(r.element) \(r.type) \(r.related)")
      w.text("RelationshipComment", r.comment)
    }

    // Annotations come after everything they refer to, each naming its package.
    for p in doc.packages where !p.annotations.isEmpty {
      w.blank()
      for a in p.annotations {
        w.line("Annotator", a.annotator)
        w.line("AnnotationDate", a.date)
        w.line("AnnotationType", a.type)
        w.line("SPDXREF", p.spdxID)
        w.text("AnnotationComment", a.comment)
      }
    }

    for l in doc.extractedLicenses {
      w.blank()
      w.line("LicenseID", l.licenseRef)
      w.text("ExtractedText", l.extractedText)
      w.line("LicenseName", l.originalName)
    }
    return Array(w.output.utf8)
  }
}
