/// A Package URL (purl): `pkg:type/namespace/name@version?qualifiers#subpath`, as the purl
/// specification defines it.
///
/// Both initialisers validate and normalise (type and qualifier keys lowercase, type-specific
/// case folding, empty qualifier values dropped, subpath `.`/`..` segments removed), so two
/// `PackageURL`s are equal exactly when their canonical strings (`description`) are equal.
/// Fields hold decoded text; `description` percent-encodes them.
public struct PackageURL: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Lowercase package type (`npm`, `deb`, `swift`, …).
  public var type: String
  /// Decoded namespace; segments separated by `/` (`github.com/apple` for Swift).
  public var namespace: String?
  public var name: String
  public var version: String?
  /// Qualifiers; keys lowercase, values decoded and never empty.
  public var qualifiers: [String: String]
  /// Decoded subpath without leading or trailing `/`.
  public var subpath: String?

  /// Builds a purl from decoded components; throws `LineageError(.syntax)` when the type, a
  /// qualifier key, the name or a type-specific rule is violated.
  public init(
    type: String, namespace: String? = nil, name: String, version: String? = nil,
    qualifiers: [String: String] = [:], subpath: String? = nil
  ) throws {
    let type = type.lowercased()
    try Self.validateType(type)
    var cleanQualifiers: [String: String] = [:]
    for (key, value) in qualifiers {
      let key = key.lowercased()
      try Self.validateQualifierKey(key)
      guard cleanQualifiers[key] == nil else {
        throw LineageError(.syntax, "purl qualifier '\(key)' appears twice")
      }
      if !value.isEmpty { cleanQualifiers[key] = value }
    }
    self.type = type
    self.namespace = Self.cleanSegments(namespace, dropDots: false)
    self.name = Self.trimSlashes(name)
    self.version = (version?.isEmpty ?? true) ? nil : version
    self.qualifiers = cleanQualifiers
    self.subpath = Self.cleanSegments(subpath, dropDots: true)
    try applyTypeRules()
  }

  /// Parses a purl string; throws `LineageError(.syntax)` when it is not a valid purl.
  public init(parsing string: String) throws {
    var rest = Substring(string)
    guard rest.count >= 4, rest.prefix(4).lowercased() == "pkg:" else {
      throw LineageError(.syntax, "purl must start with 'pkg:': '\(string)'")
    }
    rest = rest.dropFirst(4)

    var subpath: String?
    if let hash = rest.firstIndex(of: "#") {
      subpath = try Self.decode(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }

    var qualifiers: [String: String] = [:]
    if let question = rest.firstIndex(of: "?") {
      for pair in rest[rest.index(after: question)...].split(separator: "&") {
        guard let equals = pair.firstIndex(of: "=") else {
          throw LineageError(.syntax, "purl qualifier '\(pair)' has no '='")
        }
        let key = pair[..<equals].lowercased()
        try Self.validateQualifierKey(key)
        guard qualifiers[key] == nil else {
          throw LineageError(.syntax, "purl qualifier '\(key)' appears twice")
        }
        qualifiers[key] = try Self.decode(pair[pair.index(after: equals)...])
      }
      rest = rest[..<question]
    }

    // The spec tolerates `pkg://type/...`.
    while rest.first == "/" { rest = rest.dropFirst() }
    guard let typeEnd = rest.firstIndex(of: "/") else {
      throw LineageError(.syntax, "purl has no type: '\(string)'")
    }
    let type = String(rest[..<typeEnd])
    rest = rest[rest.index(after: typeEnd)...]

    // Only the last segment can carry `@version`: an `@` in the namespace (an npm scope written
    // unencoded) is part of the namespace.
    let nameStart = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
    var nameSegment = rest[nameStart...]
    var version: String?
    if let at = nameSegment.lastIndex(of: "@") {
      version = try Self.decode(nameSegment[nameSegment.index(after: at)...])
      nameSegment = nameSegment[..<at]
    }
    let name = try Self.decode(nameSegment)
    var namespace: String?
    if nameStart > rest.startIndex {
      let segments = try rest[..<rest.index(before: nameStart)].split(separator: "/").map {
        try Self.decode($0)
      }
      namespace = segments.joined(separator: "/")
    }
    guard !name.isEmpty else {
      throw LineageError(.syntax, "purl has no name: '\(string)'")
    }
    try self.init(
      type: type, namespace: namespace, name: name, version: version, qualifiers: qualifiers,
      subpath: subpath)
  }

  /// The canonical purl string.
  public var description: String {
    var s = "pkg:" + type + "/"
    if let namespace {
      s += namespace.split(separator: "/").map { Self.encode($0) }.joined(separator: "/") + "/"
    }
    s += Self.encode(name)
    if let version { s += "@" + Self.encode(version) }
    if !qualifiers.isEmpty {
      s += "?"
      s += qualifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }
        .joined(separator: "&")
    }
    if let subpath {
      s += "#" + subpath.split(separator: "/").map { Self.encode($0) }.joined(separator: "/")
    }
    return s
  }

  /// The same package without its version (the identity the differ matches on).
  public var withoutVersion: PackageURL {
    var copy = self
    copy.version = nil
    return copy
  }

  public static func < (lhs: PackageURL, rhs: PackageURL) -> Bool {
    lhs.description < rhs.description
  }

  // MARK: - Rules

  /// Type-specific normalisation and requirements from the purl type definitions.
  private mutating func applyTypeRules() throws {
    switch type {
    // These ecosystems treat names case-insensitively; the spec makes lowercase canonical.
    case "alpm", "apk", "bitbucket", "composer", "deb", "github", "hex":
      namespace = namespace?.lowercased()
      name = name.lowercased()
    case "npm":
      // New npm names may not contain capitals, so the spec makes lowercase canonical.
      namespace = namespace?.lowercased()
      name = name.lowercased()
    case "pypi":
      name = name.lowercased().replacing("_", with: "-")
    case "swift":
      guard namespace != nil else {
        throw LineageError(.syntax, "a swift purl needs a namespace (the repository host/owner)")
      }
    default:
      break
    }
    guard !name.isEmpty else { throw LineageError(.syntax, "purl has no name") }
  }

  private static func validateType(_ type: String) throws {
    guard let first = type.utf8.first else {
      throw LineageError(.syntax, "purl has no type")
    }
    let valid = type.utf8.allSatisfy {
      isASCIILetter($0) || isASCIIDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "+")
        || $0 == UInt8(ascii: "-")
    }
    guard valid, !isASCIIDigit(first) else {
      throw LineageError(
        .syntax,
        "purl type '\(type)' must be ASCII letters, digits, '.', '+', '-', not starting with a digit"
      )
    }
  }

  private static func validateQualifierKey(_ key: String) throws {
    guard let first = key.utf8.first else {
      throw LineageError(.syntax, "purl qualifier key is empty")
    }
    let valid = key.utf8.allSatisfy {
      isASCIILetter($0) || isASCIIDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
        || $0 == UInt8(ascii: "-")
    }
    guard valid, !isASCIIDigit(first) else {
      throw LineageError(
        .syntax,
        "purl qualifier key '\(key)' must be ASCII letters, digits, '.', '_', '-', not starting with a digit"
      )
    }
  }

  private static func trimSlashes(_ s: String) -> String {
    var sub = Substring(s)
    while sub.first == "/" { sub = sub.dropFirst() }
    while sub.last == "/" { sub = sub.dropLast() }
    return String(sub)
  }

  /// Joins the non-empty segments of a `/`-separated path (dropping `.` and `..` for subpaths),
  /// or nil when none remain.
  private static func cleanSegments(_ s: String?, dropDots: Bool) -> String? {
    guard let s else { return nil }
    let segments = s.split(separator: "/").filter { !dropDots || ($0 != "." && $0 != "..") }
    return segments.isEmpty ? nil : segments.joined(separator: "/")
  }

  // MARK: - Percent-encoding

  private static func isASCIILetter(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  }
  private static func isASCIIDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// Unreserved characters plus `:`, which the spec leaves unencoded everywhere.
  private static func isUnencoded(_ c: UInt8) -> Bool {
    isASCIILetter(c) || isASCIIDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
      || c == UInt8(ascii: "_") || c == UInt8(ascii: "~") || c == UInt8(ascii: ":")
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  static func encode<S: StringProtocol>(_ s: S) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    for c in s.utf8 {
      if isUnencoded(c) {
        out.append(c)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(c >> 4)])
        out.append(hexDigits[Int(c & 0x0f)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func decode<S: StringProtocol>(_ s: S) throws -> String {
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%") {
        guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2])
        else {
          throw LineageError(.syntax, "purl has a malformed percent-escape in '\(s)'")
        }
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    guard let decoded = String(validating: out, as: UTF8.self) else {
      throw LineageError(.syntax, "purl percent-escapes in '\(s)' are not UTF-8")
    }
    return decoded
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: c - 48
    case 65...70: c - 55
    case 97...102: c - 87
    default: nil
    }
  }
}
