import SBOMModel

/// An SPDX 2.x document as read from JSON or tag-value, before it is mapped into the graph.
enum SPDXInput {
  struct Document {
    /// `2.1` … `2.3`.
    var version: String
    /// `JSON` or `tag-value`.
    var encoding: String
    var name: String?
    var created: String?
    var creators: [String] = []
    /// `documentDescribes` (JSON) — DESCRIBES relationships are in `relationships`.
    var describes: [String] = []
    var packages: [Package] = []
    var relationships: [Relationship] = []
  }

  struct Package {
    var location: SourceLocation
    var spdxID: String?
    var name: String?
    var version: String?
    var supplier: String?
    var downloadLocation: String?
    var homepage: String?
    var description: String?
    var purpose: String?
    var licenseConcluded: String?
    var licenseDeclared: String?
    var checksums: [(algorithm: String, value: String)] = []
    /// `(referenceType, referenceLocator)` of every external reference.
    var externalRefs: [(type: String, locator: String)] = []
    /// Comments of annotations on this package.
    var annotations: [String] = []
  }

  struct Relationship {
    var element: String
    var type: String
    var related: String
    var location: SourceLocation
    /// `RelationshipComment`; Lineage writes `lineage:edge=…`, `lineage:requirement=…` lines there.
    var comment: String?
  }

  static let supportedVersions = ["2.1", "2.2", "2.3"]

  /// `SPDX-2.3` → `2.3`, or an error naming the versions Lineage reads.
  static func version(_ text: String, at location: SourceLocation) throws -> String {
    let trimmed = text.trimmingWhitespace()
    let version = trimmed.hasPrefix("SPDX-") ? String(trimmed.dropFirst(5)) : trimmed
    guard supportedVersions.contains(version) else {
      throw LineageError(
        .unsupportedVersion,
        "SPDX version '\(trimmed)' is not supported (expected SPDX-2.1 to SPDX-2.3)",
        at: location)
    }
    return version
  }
}
