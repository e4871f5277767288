/// Maps each format to its encoder. Each encoder adds its case here.
enum EncoderRegistry {
  static func encoder(for format: FormatID) -> (any SBOMEncoder)? {
    switch (format.family, format.encoding) {
    default: return nil
    }
  }
}
