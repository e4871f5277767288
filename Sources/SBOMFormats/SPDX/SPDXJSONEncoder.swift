import LineageJSON
import SBOMModel

/// Writes SPDX 2.3 JSON (sorted keys, deterministic).
struct SPDXJSONEncoder: SBOMEncoder {
  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    let doc = SPDXMapping(graph: graph, context: context).document()
    return JSONWriter().write(SPDXJSONEncoder.json(doc))
  }

  static func json(_ doc: SPDXDocument) -> JSONValue {
    var members: [(String, JSONValue?)] = [
      ("spdxVersion", "SPDX-2.3"),
      ("dataLicense", "CC0-1.0"),
      ("SPDXID", "SPDXRef-DOCUMENT"),
      ("name", .string(doc.name)),
      ("documentNamespace", .string(doc.namespace)),
      (
        "creationInfo",
        [
          "created": .string(doc.created),
          "creators": .array(doc.creators.map(JSONValue.string)),
        ]
      ),
      ("documentDescribes", .array(doc.describes.map(JSONValue.string))),
      ("packages", .array(doc.packages.map(package))),
      ("relationships", .array(doc.relationships.map(relationship))),
    ]
    if !doc.files.isEmpty { members.append(("files", .array(doc.files.map(file)))) }
    if !doc.extractedLicenses.isEmpty {
      members.append(
        (
          "hasExtractedLicensingInfos",
          .array(
            doc.extractedLicenses.map {
              [
                "licenseId": .string($0.licenseRef), "extractedText": .string($0.extractedText),
                "name": .string($0.originalName),
              ]
            })
        ))
    }
    return .object(.compact(members))
  }

  private static func package(_ p: SPDXDocument.Package) -> JSONValue {
    .object(
      .compact([
        ("SPDXID", .string(p.spdxID)),
        ("name", .string(p.name)),
        ("versionInfo", .optional(p.version)),
        ("supplier", .string(p.supplier)),
        ("downloadLocation", .string(p.downloadLocation)),
        ("filesAnalyzed", .bool(p.filesAnalyzed)),
        (
          "packageVerificationCode",
          p.verificationCode.map { ["packageVerificationCodeValue": .string($0)] }
        ),
        ("checksums", p.checksums.isEmpty ? nil : .array(p.checksums.map(checksum))),
        ("homepage", .optional(p.homepage)),
        ("licenseConcluded", .string(p.licenseConcluded)),
        ("licenseDeclared", .string(p.licenseDeclared)),
        ("copyrightText", .string(p.copyrightText)),
        ("description", .optional(p.description)),
        ("comment", .optional(p.comment)),
        (
          "externalRefs",
          p.externalRefs.isEmpty
            ? nil
            : .array(
              p.externalRefs.map {
                [
                  "referenceCategory": .string($0.category), "referenceType": .string($0.type),
                  "referenceLocator": .string($0.locator),
                ]
              })
        ),
        ("primaryPackagePurpose", .optional(p.primaryPurpose)),
        (
          "annotations",
          p.annotations.isEmpty
            ? nil
            : .array(
              p.annotations.map {
                [
                  "annotator": .string($0.annotator), "annotationDate": .string($0.date),
                  "annotationType": .string($0.type), "comment": .string($0.comment),
                ]
              })
        ),
      ]))
  }

  private static func file(_ f: SPDXDocument.File) -> JSONValue {
    [
      "SPDXID": .string(f.spdxID), "fileName": .string(f.fileName),
      "checksums": .array(f.checksums.map(checksum)),
    ]
  }

  private static func checksum(_ c: SPDXDocument.Checksum) -> JSONValue {
    ["algorithm": .string(c.algorithm), "checksumValue": .string(c.value)]
  }

  private static func relationship(_ r: SPDXDocument.Relationship) -> JSONValue {
    .object(
      .compact([
        ("spdxElementId", .string(r.element)),
        ("relationshipType", .string(r.type)),
        ("relatedSpdxElement", .string(r.related)),
        ("comment", .optional(r.comment)),
      ]))
  }
}
