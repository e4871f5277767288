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
    let type = Self.lowercasedASCIIFast(type)
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
    // Decoders parse a purl per component: ASCII purls (nearly all) are split on their UTF-8
    // bytes, which is several times cheaper than walking Characters. Other text takes the
    // Character walk below, whose grapheme rules the byte split would not reproduce.
    var ascii = string
    if let parts = try ascii.withUTF8({ try Self.splitASCII($0, string) }) {
      try self.init(
        type: parts.type, namespace: parts.namespace, name: parts.name, version: parts.version,
        qualifiers: parts.qualifiers, subpath: parts.subpath)
      return
    }
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

  /// Parses a purl string as `init(parsing:)` does, and tells whether the text is already the
  /// canonical form (`description` would give it back byte for byte). Decoders derive every
  /// component id from the canonical purl: when the document wrote it canonically (nearly
  /// always), the text it has is that id, and writing the purl out again is wasted work.
  public static func parsingNotingCanonical(_ string: String) throws -> (
    purl: PackageURL, isCanonical: Bool
  ) {
    var text = string
    if let simple = text.withUTF8({ simpleCanonical($0) }) { return (simple, true) }
    return (try PackageURL(parsing: string), false)
  }

  /// The purl when `b` is the plain form `pkg:type/ns/…/name@version`: lowercase ASCII, every
  /// segment non-empty and made of characters that need no percent-encoding, no qualifiers or
  /// subpath. Such text splits the same way in `splitASCII` and is its own canonical form (unless a
  /// type rule would rewrite or reject it: then nil, and the caller takes the general path).
  private static func simpleCanonical(_ b: UnsafeBufferPointer<UInt8>) -> PackageURL? {
    guard b.count > 4, b[0] == UInt8(ascii: "p"), b[1] == UInt8(ascii: "k"),
      b[2] == UInt8(ascii: "g"), b[3] == UInt8(ascii: ":")
    else { return nil }
    // The type: lowercase letters, digits, '.', '+', '-', not starting with a digit.
    var i = 4
    while i < b.count, b[i] != UInt8(ascii: "/") {
      let c = b[i]
      let isLetter = c >= 97 && c <= 122
      let isLaterDigit = c >= 48 && c <= 57 && i > 4
      let isMark = c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
      guard isLetter || isLaterDigit || isMark else { return nil }
      i += 1
    }
    let typeEnd = i
    guard typeEnd > 4, typeEnd < b.count else { return nil }
    // Segments: non-empty, unencoded lowercase characters; the last may hold one '@'.
    var lastSlash = typeEnd
    var at: Int?
    i = typeEnd + 1
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "/") {
        guard at == nil, i - lastSlash > 1 else { return nil }
        lastSlash = i
      } else if c == UInt8(ascii: "@") {
        guard at == nil, i - lastSlash > 1 else { return nil }
        at = i
      } else if !isUnencoded(c) || (c >= 65 && c <= 90) {
        return nil
      }
      i += 1
    }
    let nameEnd = at ?? b.count
    guard nameEnd - lastSlash > 1, b.count - (at ?? (b.count - 2)) > 1 else { return nil }
    func text(_ start: Int, _ end: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }
    let type = text(4, typeEnd)
    let hasNamespace = lastSlash > typeEnd
    // The type rules (`applyTypeRules`) change nothing in lowercase text but a pypi name, and
    // reject a swift purl without a namespace: those two take the general path.
    switch type {
    case "pypi": return nil
    case "swift" where !hasNamespace: return nil
    default: break
    }
    return PackageURL(
      checkedType: type, namespace: hasNamespace ? text(typeEnd + 1, lastSlash) : nil,
      name: text(lastSlash + 1, nameEnd), version: at.map { text($0 + 1, b.count) })
  }

  /// Fields already known valid and clean (see `simpleCanonical`); type rules not yet applied.
  private init(checkedType type: String, namespace: String?, name: String, version: String?) {
    self.type = type
    self.namespace = namespace
    self.name = name
    self.version = version
    self.qualifiers = [:]
    self.subpath = nil
  }

  /// The parts of an all-ASCII purl (still percent-encoded parts decoded), split exactly as
  /// `init(parsing:)` splits Characters; nil when the text is not ASCII.
  private static func splitASCII(_ b: UnsafeBufferPointer<UInt8>, _ string: String) throws -> (
    type: String, namespace: String?, name: String, version: String?,
    qualifiers: [String: String], subpath: String?
  )? {
    for byte in b where byte >= 0x80 { return nil }
    func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }
    guard b.count >= 4, lower(b[0]) == UInt8(ascii: "p"), lower(b[1]) == UInt8(ascii: "k"),
      lower(b[2]) == UInt8(ascii: "g"), b[3] == UInt8(ascii: ":")
    else {
      throw LineageError(.syntax, "purl must start with 'pkg:': '\(string)'")
    }
    func text(_ r: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }
    func decoded(_ r: Range<Int>) throws -> String {
      var i = r.lowerBound
      while i < r.upperBound && b[i] != UInt8(ascii: "%") { i += 1 }
      if i == r.upperBound { return text(r) }
      return try decode(text(r))
    }
    var start = 4
    var end = b.count

    var subpath: String?
    if let hash = (start..<end).first(where: { b[$0] == UInt8(ascii: "#") }) {
      subpath = try decoded(hash + 1..<end)
      end = hash
    }

    var qualifiers: [String: String] = [:]
    if let question = (start..<end).first(where: { b[$0] == UInt8(ascii: "?") }) {
      var pairStart = question + 1
      while pairStart <= end {
        var pairEnd = pairStart
        while pairEnd < end && b[pairEnd] != UInt8(ascii: "&") { pairEnd += 1 }
        if pairEnd > pairStart {  // `split` drops empty pairs
          guard let equals = (pairStart..<pairEnd).first(where: { b[$0] == UInt8(ascii: "=") })
          else {
            throw LineageError(.syntax, "purl qualifier '\(text(pairStart..<pairEnd))' has no '='")
          }
          let key = text(pairStart..<equals).lowercased()
          try validateQualifierKey(key)
          guard qualifiers[key] == nil else {
            throw LineageError(.syntax, "purl qualifier '\(key)' appears twice")
          }
          qualifiers[key] = try decoded(equals + 1..<pairEnd)
        }
        pairStart = pairEnd + 1
      }
      end = question
    }

    while start < end && b[start] == UInt8(ascii: "/") { start += 1 }
    guard let typeEnd = (start..<end).first(where: { b[$0] == UInt8(ascii: "/") }) else {
      throw LineageError(.syntax, "purl has no type: '\(string)'")
    }
    let type = text(start..<typeEnd)
    start = typeEnd + 1

    let lastSlash = (start..<end).last(where: { b[$0] == UInt8(ascii: "/") })
    let nameStart = lastSlash.map { $0 + 1 } ?? start
    var nameEnd = end
    var version: String?
    if let at = (nameStart..<end).last(where: { b[$0] == UInt8(ascii: "@") }) {
      version = try decoded(at + 1..<end)
      nameEnd = at
    }
    let name = try decoded(nameStart..<nameEnd)
    var namespace: String?
    if let lastSlash {
      // Empty segments disappear, as `split(separator:)` drops them.
      var segments: [String] = []
      var segmentStart = start
      while segmentStart <= lastSlash {
        var segmentEnd = segmentStart
        while segmentEnd < lastSlash && b[segmentEnd] != UInt8(ascii: "/") { segmentEnd += 1 }
        if segmentEnd > segmentStart { segments.append(try decoded(segmentStart..<segmentEnd)) }
        segmentStart = segmentEnd + 1
      }
      namespace = segments.count == 1 ? segments[0] : segments.joined(separator: "/")
    }
    guard !name.isEmpty else {
      throw LineageError(.syntax, "purl has no name: '\(string)'")
    }
    return (type, namespace, name, version, qualifiers, subpath)
  }

  /// The canonical purl string.
  public var description: String {
    // Written into one byte buffer: every decoded or resolved component derives its id from
    // this, and joining per-part Strings allocated several times per purl.
    var out: [UInt8] = []
    out.reserveCapacity(
      8 + type.utf8.count + (namespace?.utf8.count ?? 0) + name.utf8.count
        + (version?.utf8.count ?? 0))
    appendDescription(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the canonical purl string's UTF-8 bytes to `out`: encoders that write a purl per
  /// component reuse one buffer instead of making a String each time.
  public func appendDescription(to out: inout [UInt8]) {
    out.append(contentsOf: "pkg:".utf8)
    Self.appendUTF8(type, to: &out)
    out.append(UInt8(ascii: "/"))
    if let namespace {
      Self.appendEncodedSegments(namespace, to: &out)
      out.append(UInt8(ascii: "/"))
    }
    Self.appendEncoded(name, to: &out)
    if let version {
      out.append(UInt8(ascii: "@"))
      Self.appendEncoded(version, to: &out)
    }
    if !qualifiers.isEmpty {
      out.append(UInt8(ascii: "?"))
      for (i, q) in qualifiers.sorted(by: { $0.key < $1.key }).enumerated() {
        if i > 0 { out.append(UInt8(ascii: "&")) }
        out.append(contentsOf: q.key.utf8)
        out.append(UInt8(ascii: "="))
        Self.appendEncoded(q.value, to: &out)
      }
    }
    if let subpath {
      out.append(UInt8(ascii: "#"))
      Self.appendEncodedSegments(subpath, to: &out)
    }
  }

  /// A native string's bytes are copied at once; the generic `utf8` append went byte by byte.
  private static func appendUTF8(_ s: String, to out: inout [UInt8]) {
    let copied: Void? = s.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
    if copied == nil { out.append(contentsOf: s.utf8) }
  }

  /// The non-empty `/`-separated segments of `s`, each percent-encoded, joined by `/`.
  private static func appendEncodedSegments(_ s: String, to out: inout [UInt8]) {
    // ASCII in contiguous storage (nearly always) is walked in place: splitting allocated an
    // array of slices per purl.
    let done: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
      var first = true
      var start = 0
      for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
        if i > start {
          if !first { out.append(UInt8(ascii: "/")) }
          first = false
          let segment = UnsafeBufferPointer(rebasing: bytes[start..<i])
          if segment.allSatisfy(isUnencoded) {
            out.append(contentsOf: segment)
          } else {
            appendEncoded(segment, to: &out)
          }
        }
        start = i + 1
      }
      return true
    }
    if done == true { return }
    guard s.utf8.allSatisfy({ $0 < 0x80 }) else {
      // Non-ASCII text splits on Characters (a `/` with a combining mark is not a separator).
      out.append(
        contentsOf: s.split(separator: "/").map { encode($0) }.joined(separator: "/").utf8)
      return
    }
    var first = true
    for segment in s.utf8.split(separator: UInt8(ascii: "/")) {
      if !first { out.append(UInt8(ascii: "/")) }
      first = false
      appendEncoded(segment, to: &out)
    }
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
      namespace = namespace.map(Self.lowercasedASCIIFast)
      name = Self.lowercasedASCIIFast(name)
    case "npm":
      // New npm names may not contain capitals, so the spec makes lowercase canonical.
      namespace = namespace.map(Self.lowercasedASCIIFast)
      name = Self.lowercasedASCIIFast(name)
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
    if s.utf8.first != UInt8(ascii: "/") && s.utf8.last != UInt8(ascii: "/") { return s }
    var sub = Substring(s)
    while sub.first == "/" { sub = sub.dropFirst() }
    while sub.last == "/" { sub = sub.dropLast() }
    return String(sub)
  }

  /// Joins the non-empty segments of a `/`-separated path (dropping `.` and `..` for subpaths),
  /// or nil when none remain.
  private static func cleanSegments(_ s: String?, dropDots: Bool) -> String? {
    guard let s else { return nil }
    if isCleanPath(s, dropDots: dropDots) { return s }
    let segments = s.split(separator: "/").filter { !dropDots || ($0 != "." && $0 != "..") }
    return segments.isEmpty ? nil : segments.joined(separator: "/")
  }

  /// Whether `s` has no empty segments (and, with `dropDots`, no `.`/`..` segments), so that
  /// cleaning would return it unchanged: the common case, answered without splitting.
  private static func isCleanPath(_ s: String, dropDots: Bool) -> Bool {
    var segmentLength = 0
    var onlyDots = true
    for c in s.utf8 {
      if c == UInt8(ascii: "/") {
        if segmentLength == 0 || (dropDots && onlyDots && segmentLength <= 2) { return false }
        segmentLength = 0
        onlyDots = true
      } else {
        segmentLength += 1
        if c != UInt8(ascii: ".") { onlyDots = false }
      }
    }
    return segmentLength > 0 && !(dropDots && onlyDots && segmentLength <= 2)
  }

  /// `s` lowercased, without allocating when it has no ASCII capitals and is ASCII.
  private static func lowercasedASCIIFast(_ s: String) -> String {
    // Over the contiguous bytes: walking the `utf8` view cost several times as much.
    var copy = s
    let needs = copy.withUTF8 { bytes in bytes.contains { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) } }
    return needs ? s.lowercased() : s
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
    appendEncoded(s.utf8, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func appendEncoded<S: StringProtocol>(_ s: S, to out: inout [UInt8]) {
    // Most names and versions need no escape: copy them at once instead of byte by byte.
    let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
      guard bytes.allSatisfy(isUnencoded) else { return false }
      out.append(contentsOf: bytes)
      return true
    }
    if copied != true { appendEncoded(s.utf8, to: &out) }
  }

  static func appendEncoded<C: Sequence<UInt8>>(_ bytes: C, to out: inout [UInt8]) {
    for c in bytes {
      if isUnencoded(c) {
        out.append(c)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(c >> 4)])
        out.append(hexDigits[Int(c & 0x0f)])
      }
    }
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
