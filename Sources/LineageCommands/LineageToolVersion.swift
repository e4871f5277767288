import SBOMFormats

/// The version `lineage --version` prints; the same one encoders write into documents.
enum LineageToolVersion {
  static let current = LineageVersion.current
}
