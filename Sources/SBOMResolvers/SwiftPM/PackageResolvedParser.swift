import LineageJSON
import SBOMModel

/// One pin of a `Package.resolved`, whatever the file's version.
struct ResolvedPin: Sendable, Hashable {
  enum Kind: String, Sendable, Hashable {
    case remoteSourceControl
    case localSourceControl
    case registry
  }

  /// SwiftPM's identity: from the file in v2/v3, derived from the URL in v1.
  var identity: String
  var kind: Kind
  /// URL, path, or (for registry pins) whatever the file says, possibly empty.
  var location: String
  var revision: String?
  var version: String?
  var branch: String?
  /// The v1 `package` name (`llbuild`), which v2 replaced by the identity (`swift-llbuild`).
  var v1Name: String?
  /// JSON path of the pin, for messages.
  var jsonPath: String
}

/// The pins of a `Package.resolved` and what the file says about itself.
struct PackageResolvedFile: Sendable, Hashable {
  /// 1, 2 or 3; nil for the `{}` file some tools write when there are no dependencies.
  var version: Int?
  var pins: [ResolvedPin]
  /// v3's hash over the manifests that produced the pins.
  var originHash: String?
  var warnings: [(message: String, jsonPath: String?)]

  static func == (lhs: PackageResolvedFile, rhs: PackageResolvedFile) -> Bool {
    lhs.version == rhs.version && lhs.pins == rhs.pins && lhs.originHash == rhs.originHash
  }
  func hash(into hasher: inout Hasher) {
    hasher.combine(version)
    hasher.combine(pins)
  }
}

/// Parses `Package.resolved` versions 1 (`object.pins[]` with `package` and `repositoryURL`),
/// 2 and 3 (`pins[]` with `identity`, `kind`, `location`; v3 adds `originHash`).
enum PackageResolvedParser {
  static let supportedVersions = [1, 2, 3]

  /// - Parameter file: the path to name in errors.
  static func parse(_ bytes: [UInt8], file: String) throws -> PackageResolvedFile {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      throw LineageError(
        .syntax, "empty file: expected a Package.resolved JSON object",
        at: SourceLocation(file: file, line: 1, column: 1))
    }
    let value: JSONValue
    do {
      value = try JSONReader.parse(bytes)
    } catch {
      throw LineageError(
        .syntax, "invalid JSON: \(error.message)",
        at: SourceLocation(file: file, line: error.line, column: error.column))
    }
    do {
      return try parse(JSONNode(value), file: file)
    } catch let error as JSONTypeError {
      let message =
        error.found == "nothing"
        ? "missing required field: expected \(error.expected)"
        : "expected \(error.expected), found \(error.found)"
      throw LineageError(.schema, message, at: SourceLocation(file: file, jsonPath: error.path))
    }
  }

  private static func parse(_ root: JSONNode, file: String) throws -> PackageResolvedFile {
    let members = try root.members()
    var result = PackageResolvedFile(version: nil, pins: [], originHash: nil, warnings: [])
    guard let versionNode = root["version"] else {
      // Seen in the wild as a 2-byte `{}`: SwiftPM itself writes no file when there are no
      // pins, so an empty object is read as zero pins rather than rejected.
      if members.isEmpty {
        result.warnings.append(
          ("empty Package.resolved (no version, no pins): nothing pinned", nil))
        return result
      }
      throw JSONTypeError(path: "$.version", expected: "a number (1, 2 or 3)", found: "nothing")
    }
    guard let version = versionNode.value.intValue else {
      throw versionNode.mismatch("a number (1, 2 or 3)")
    }
    guard supportedVersions.contains(version) else {
      throw LineageError(
        .unsupportedVersion,
        "Package.resolved version \(version) is not supported (supported versions: 1, 2, 3)",
        at: SourceLocation(file: file, jsonPath: versionNode.path))
    }
    result.version = version
    if version == 1 {
      guard let object = root["object"] else {
        throw JSONTypeError(path: "$.object", expected: "an object", found: "nothing")
      }
      guard let pins = object["pins"] else {
        throw JSONTypeError(path: "$.object.pins", expected: "an array", found: "nothing")
      }
      result.pins = try pins.elements().map(parseV1Pin)
    } else {
      guard let pins = root["pins"] else {
        throw JSONTypeError(path: "$.pins", expected: "an array", found: "nothing")
      }
      result.pins = try pins.elements().map(parseV2Pin)
      result.originHash = try root.optionalString("originHash")
    }
    return result
  }

  private static func parseV1Pin(_ pin: JSONNode) throws -> ResolvedPin {
    let name = try pin.string("package")
    let url = try pin.string("repositoryURL")
    let state = try requiredObject(pin, "state")
    let location = SwiftPackageLocation(url)
    return ResolvedPin(
      identity: location.identity,
      kind: location.isLocal ? .localSourceControl : .remoteSourceControl, location: url,
      revision: try state.string("revision"), version: try state.optionalString("version"),
      branch: try state.optionalString("branch"), v1Name: name, jsonPath: pin.path)
  }

  private static func parseV2Pin(_ pin: JSONNode) throws -> ResolvedPin {
    let identity = try pin.string("identity")
    let kindNode = try requiredNode(pin, "kind")
    let kindText = try kindNode.string()
    guard let kind = ResolvedPin.Kind(rawValue: kindText) else {
      throw JSONTypeError(
        path: kindNode.path,
        expected: "remoteSourceControl, localSourceControl or registry", found: "\"\(kindText)\"")
    }
    let location = try pin.string("location")
    let state = try requiredObject(pin, "state")
    let revision: String? =
      kind == .registry ? try state.optionalString("revision") : try state.string("revision")
    let version: String? =
      kind == .registry ? try state.string("version") : try state.optionalString("version")
    return ResolvedPin(
      identity: identity, kind: kind, location: location, revision: revision, version: version,
      branch: try state.optionalString("branch"), v1Name: nil, jsonPath: pin.path)
  }

  private static func requiredNode(_ node: JSONNode, _ key: String) throws(JSONTypeError)
    -> JSONNode
  {
    guard let child = node[key] else {
      throw JSONTypeError(path: node.path + "." + key, expected: "a value", found: "nothing")
    }
    return child
  }

  private static func requiredObject(_ node: JSONNode, _ key: String) throws(JSONTypeError)
    -> JSONNode
  {
    guard let child = node[key] else {
      throw JSONTypeError(path: node.path + "." + key, expected: "an object", found: "nothing")
    }
    _ = try child.members()
    return child
  }
}
