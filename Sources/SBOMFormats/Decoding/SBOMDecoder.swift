import LineageJSON
import SBOMModel

/// A document format recognised from content (never from the file name, which often lies).
public struct DetectedFormat: Sendable, Hashable, CustomStringConvertible {
  public var family: FormatID.Family
  public var encoding: FormatID.Encoding

  public init(family: FormatID.Family, encoding: FormatID.Encoding) {
    self.family = family
    self.encoding = encoding
  }

  public static let cyclonedxJSON = DetectedFormat(family: .cyclonedx, encoding: .json)
  public static let cyclonedxXML = DetectedFormat(family: .cyclonedx, encoding: .xml)
  public static let spdxJSON = DetectedFormat(family: .spdx, encoding: .json)
  public static let spdxTagValue = DetectedFormat(family: .spdx, encoding: .tagValue)

  public var description: String { "\(family.rawValue)-\(encoding.rawValue)" }
}

/// Reads an SPDX (2.1–2.3, JSON or tag-value) or CycloneDX (1.2–1.7, JSON or XML) document
/// written by any tool into the graph.
public enum SBOMDecoder {
  /// The format the bytes look like, from a cheap look at their content, or nil when they look
  /// like none of the formats Lineage reads. `decode` makes the final call.
  public static func sniff(_ bytes: [UInt8]) -> DetectedFormat? {
    let start = firstSignificantByte(bytes)
    guard start < bytes.count else { return nil }
    switch bytes[start] {
    case UInt8(ascii: "{"):
      if ByteSearch.contains(bytes, "\"bomFormat\"") { return .cyclonedxJSON }
      if ByteSearch.contains(bytes, "\"spdxVersion\"") { return .spdxJSON }
      return nil
    case UInt8(ascii: "<"):
      return ByteSearch.contains(bytes, "cyclonedx.org/schema/bom") ? .cyclonedxXML : nil
    default:
      return SPDXTagValueDecoder.looksLikeTagValue(bytes, from: start) ? .spdxTagValue : nil
    }
  }

  /// Decodes the document; `file` names it in errors and warnings.
  ///
  /// Throws `LineageError` with `.syntax` (not valid JSON / XML, with line and column),
  /// `.unrecognizedInput` (valid, but neither CycloneDX nor SPDX), `.unsupportedVersion`, or
  /// `.schema` (a required part has the wrong shape).
  public static func decode(_ bytes: [UInt8], file: String) throws -> Graph {
    let start = firstSignificantByte(bytes)
    guard start < bytes.count else {
      throw LineageError(
        .unrecognizedInput, "empty file: expected a CycloneDX or SPDX document",
        at: SourceLocation(file: file))
    }
    switch bytes[start] {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      return try decodeJSON(bytes, file: file)
    case UInt8(ascii: "<"):
      return try CycloneDXXMLDecoder.decode(bytes, file: file)
    default:
      guard SPDXTagValueDecoder.looksLikeTagValue(bytes, from: start) else {
        throw LineageError(
          .unrecognizedInput,
          "expected a CycloneDX document (JSON or XML) or an SPDX document (JSON or tag-value)",
          at: SourceLocation(file: file, line: 1))
      }
      return try SPDXTagValueDecoder.decode(bytes, file: file)
    }
  }

  static func decodeJSON(_ bytes: [UInt8], file: String) throws -> Graph {
    // CycloneDX, the format large SBOMs come in, is read in one pass without a tree. Any object
    // is tried (its top-level names may be spelt with escapes, so no byte search can rule it
    // out); one without a top-level `bomFormat` falls through to the tree.
    let start = firstSignificantByte(bytes)
    if start < bytes.count, bytes[start] == UInt8(ascii: "{"),
      let graph = try CycloneDXJSONDecoder.decode(bytes, file: file)
    {
      return graph
    }
    let value: JSONValue
    do {
      value = try JSONReader.parse(bytes)
    } catch {
      throw syntaxError(error, file: file)
    }
    let notSBOM = "expected a CycloneDX document (bomFormat) or an SPDX document (spdxVersion)"
    guard let root = value.objectValue else {
      throw LineageError(
        .unrecognizedInput, "\(notSBOM), found a JSON \(value.typeName)",
        at: SourceLocation(file: file, jsonPath: "$"))
    }
    if root["spdxVersion"] != nil { return try SPDXJSONDecoder.decode(root, file: file) }
    let contexts = root["@context"].map { [$0] + ($0.arrayValue ?? []) } ?? []
    if contexts.contains(where: { $0.stringValue?.contains("spdx.org/rdf/3") == true }) {
      throw LineageError(
        .unsupportedVersion, "SPDX 3 JSON-LD is not read yet (expected SPDX 2.1 to 2.3)",
        at: SourceLocation(file: file, jsonPath: "$[\"@context\"]"))
    }
    throw LineageError(.unrecognizedInput, notSBOM, at: SourceLocation(file: file, jsonPath: "$"))
  }

  /// A JSON syntax error as the CLI reports it: with the line and column.
  static func syntaxError(_ error: JSONSyntaxError, file: String) -> LineageError {
    LineageError(
      .syntax, "invalid JSON: \(error.message)",
      at: SourceLocation(file: file, line: error.line, column: error.column))
  }

  /// Index of the first byte after a UTF-8 byte order mark and whitespace.
  static func firstSignificantByte(_ bytes: [UInt8]) -> Int {
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    {
      i += 1
    }
    return i
  }
}

/// Substring search over bytes (no Foundation), for sniffing.
enum ByteSearch {
  static func contains(_ bytes: [UInt8], _ needle: String, from start: Int = 0, limit: Int? = nil)
    -> Bool
  {
    firstIndex(of: needle, in: bytes, from: start, limit: limit) != nil
  }

  static func firstIndex(
    of needle: String, in bytes: [UInt8], from start: Int = 0, limit: Int? = nil
  )
    -> Int?
  {
    let n = Array(needle.utf8)
    guard let first = n.first else { return start }
    let end = min(bytes.count, limit ?? bytes.count) - n.count
    guard end >= start else { return nil }
    return bytes.withUnsafeBufferPointer { b -> Int? in
      var i = start
      while i <= end {
        if b[i] == first {
          var j = 1
          while j < n.count, b[i + j] == n[j] { j += 1 }
          if j == n.count { return i }
        }
        i += 1
      }
      return nil
    }
  }
}
