import Foundation
import SBOMFormats
import SBOMModel

/// Encodes graphs into files for the validators.
enum EncodingHelpers {
  static let fixedContext = EncodingContext(timestamp: Timestamp(secondsSinceEpoch: 1_700_000_000))

  /// Every writable format at every version it accepts.
  static var allFormats: [FormatID] {
    FormatID.writable.flatMap { entry in
      entry.versions.sorted().map {
        FormatID(family: entry.family, encoding: entry.encoding, version: $0)
      }
    }
  }

  static func encode(
    _ graph: Graph, as format: FormatID, context: EncodingContext = fixedContext
  ) throws -> [UInt8] {
    try Encoders.encoder(for: format).encode(graph, context: context)
  }

  static func text(_ graph: Graph, as format: FormatID, context: EncodingContext = fixedContext)
    throws -> String
  {
    String(decoding: try encode(graph, as: format, context: context), as: UTF8.self)
  }

  static func fileExtension(_ format: FormatID) -> String {
    switch format.encoding {
    case .json: format.family == .cyclonedx ? "cdx.json" : "spdx.json"
    case .xml: "cdx.xml"
    case .tagValue: "spdx"
    case .jsonLD: "spdx3.json"
    }
  }

  /// A fresh temporary directory.
  static func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes each (name, bytes) pair into `directory`, returning the URLs in order.
  static func write(_ documents: [(String, [UInt8])], into directory: URL) throws -> [URL] {
    try documents.map { name, bytes in
      let url = directory.appendingPathComponent(name)
      try Data(bytes).write(to: url)
      return url
    }
  }
}
