import SBOMModel

/// One output or input format: family, spec version and encoding.
/// Named on the command line as `cyclonedx-json`, `cyclonedx-xml@1.5`, `spdx-json`,
/// `spdx-tag-value`, `spdx3-json`.
public struct FormatID: Sendable, Hashable, CustomStringConvertible {
  public enum Family: String, Sendable, Hashable { case cyclonedx, spdx }
  public enum Encoding: String, Sendable, Hashable {
    case json, xml, tagValue = "tag-value", jsonLD = "json-ld"
  }

  public var family: Family
  public var encoding: Encoding
  /// Spec version: `1.6`, `2.3`, `3.0`.
  public var version: String

  public init(family: Family, encoding: Encoding, version: String) {
    self.family = family
    self.encoding = encoding
    self.version = version
  }

  public static let cyclonedxVersions = ["1.4", "1.5", "1.6", "1.7"]
  public static let defaultCycloneDXVersion = "1.6"

  /// Every format Lineage writes, by command-line name, with its default version and the
  /// versions it accepts after `@`.
  public static let writable:
    [(name: String, family: Family, encoding: Encoding, versions: [String])] = [
      ("cyclonedx-json", .cyclonedx, .json, ["1.6", "1.4", "1.5", "1.7"]),
      ("cyclonedx-xml", .cyclonedx, .xml, ["1.6", "1.4", "1.5", "1.7"]),
      ("spdx-json", .spdx, .json, ["2.3"]),
      ("spdx-tag-value", .spdx, .tagValue, ["2.3"]),
      ("spdx3-json", .spdx, .jsonLD, ["3.0"]),
    ]

  /// Parses `cyclonedx-json` or `cyclonedx-json@1.5`.
  public init(name: String) throws {
    let parts = name.split(separator: "@", maxSplits: 1).map(String.init)
    let base = parts.first ?? ""
    guard let entry = FormatID.writable.first(where: { $0.name == base }) else {
      throw LineageError(
        .usage,
        "unknown format '\(name)' (expected one of: \(FormatID.writable.map(\.name).joined(separator: ", ")))"
      )
    }
    let version = parts.count > 1 ? parts[1] : entry.versions[0]
    guard entry.versions.contains(version) else {
      throw LineageError(
        .usage,
        "\(base) has no version \(version) (expected one of: \(entry.versions.sorted().joined(separator: ", ")))"
      )
    }
    self.init(family: entry.family, encoding: entry.encoding, version: version)
  }

  public var name: String {
    FormatID.writable.first { $0.family == family && $0.encoding == encoding }?.name
      ?? "\(family.rawValue)-\(encoding.rawValue)"
  }

  public var description: String { "\(name)@\(version)" }
}

/// What an encoder needs besides the graph: the clock and the tool's own identity.
public struct EncodingContext: Sendable, Hashable {
  public var timestamp: Timestamp
  public var toolName: String
  public var toolVersion: String
  public var toolVendor: String

  public init(
    timestamp: Timestamp, toolName: String = "lineage",
    toolVersion: String = LineageVersion.current,
    toolVendor: String = "Lineage project"
  ) {
    self.timestamp = timestamp
    self.toolName = toolName
    self.toolVersion = toolVersion
    self.toolVendor = toolVendor
  }
}

/// The version of Lineage written into every document.
public enum LineageVersion {
  public static let current = "0.1.0"
}

/// Turns a graph into document bytes.
public protocol SBOMEncoder: Sendable {
  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8]

  /// Writes the same bytes as `encode(_:context:)` to `output`, in order and in pieces, so an
  /// encoder that can need not hold the whole document. An error thrown by `output` stops the
  /// encoding and is rethrown.
  func encode(
    _ graph: Graph, context: EncodingContext,
    to output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

extension SBOMEncoder {
  /// Encoders that build their document in memory hand it over whole.
  public func encode(
    _ graph: Graph, context: EncodingContext,
    to output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    let bytes = try encode(graph, context: context)
    try bytes.withUnsafeBufferPointer { try output($0) }
  }
}

/// The encoder for each writable format.
public enum Encoders {
  public static func encoder(for format: FormatID) throws -> any SBOMEncoder {
    if let encoder = EncoderRegistry.encoder(for: format) { return encoder }
    throw LineageError(.usage, "no encoder for \(format) yet")
  }
}
