/// An SPDX 2.3 document as Lineage writes it: the wire shape shared by the JSON and tag-value
/// encoders, so both say exactly the same thing.
struct SPDXDocument: Sendable {
  var name: String
  var namespace: String
  var created: String
  var creators: [String]
  var describes: [String]
  var packages: [Package]
  var files: [File]
  var relationships: [Relationship]
  var extractedLicenses: [SPDXLicenseMapper.ExtractedLicense]

  struct Package: Sendable {
    var spdxID: String
    var name: String
    var version: String?
    var supplier: String
    var downloadLocation: String
    var filesAnalyzed: Bool
    var verificationCode: String?
    var checksums: [Checksum]
    var homepage: String?
    var licenseConcluded: String
    var licenseDeclared: String
    var copyrightText = "NOASSERTION"
    var description: String?
    var comment: String?
    var externalRefs: [ExternalRef]
    var primaryPurpose: String?
    var annotations: [Annotation]
  }

  struct File: Sendable {
    var spdxID: String
    var fileName: String
    var checksums: [Checksum]
  }

  struct Checksum: Sendable {
    var algorithm: String
    var value: String
  }

  struct ExternalRef: Sendable {
    var category: String
    var type: String
    var locator: String
  }

  struct Relationship: Sendable {
    var element: String
    var type: String
    var related: String
    var comment: String?
  }

  struct Annotation: Sendable {
    var annotator: String
    var date: String
    var type = "OTHER"
    var comment: String
  }
}
