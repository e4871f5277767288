/// Maps each format to its encoder. Each encoder adds its case here.
enum EncoderRegistry {
  static func encoder(for format: FormatID) -> (any SBOMEncoder)? {
    switch (format.family, format.encoding) {
    case (.cyclonedx, .json):
      return CycloneDXVersion(format.version).map { CycloneDXJSONEncoder(version: $0) }
    case (.cyclonedx, .xml):
      return CycloneDXVersion(format.version).map { CycloneDXXMLEncoder(version: $0) }
    case (.spdx, .json) where format.version == "2.3": return SPDXJSONEncoder()
    case (.spdx, .tagValue) where format.version == "2.3": return SPDXTagValueEncoder()
    case (.spdx, .jsonLD) where format.version == "3.0": return SPDX3JSONEncoder()
    default: return nil
    }
  }
}
