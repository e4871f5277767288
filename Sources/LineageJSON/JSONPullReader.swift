/// The type of the JSON value a `JSONPullReader` is positioned at.
public enum JSONValueKind: Sendable, Hashable {
  case object, array, string, number, bool, null

  /// A short name of the type for error messages (`JSONValue.typeName` uses it too).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

/// A pull parser over UTF-8 bytes: the caller walks the document value by value and reads
/// straight into its own types, so no tree is built and nothing is allocated for values it
/// skips. Strings become `String`s only when asked for.
///
/// It accepts and rejects exactly what `JSONReader` does, with the same messages and positions
/// (escapes, surrogate pairs and UTF-8 are validated in skipped values too, and nesting is
/// limited), so a decoder can move from the tree to the pull reader without changing its errors.
///
/// A reader exists only inside `JSONPullReader.read(_:maxDepth:_:)`, which owns the bytes:
///
///     let names = try JSONPullReader.read(bytes) { r throws(JSONSyntaxError) in
///       var names: [String] = []
///       try r.beginArray()
///       while try r.nextElement() {
///         if let s = try r.stringValue() { names.append(s) }
///       }
///       return names
///     }
///
/// The body must read exactly one value (the document); each value it is positioned at must be
/// consumed by one read (`stringValue()`, `skipValue()`, `beginObject()` … `nextMember()`
/// until false).
public struct JSONPullReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let maxDepth: Int
  private var pos = 0
  private var depth = 0
  /// True right after `beginObject`/`beginArray`: the next member or element needs no comma.
  private var atContainerStart = false
  /// The current member name as a range of `bytes`, or decoded when it contained escapes.
  private var keyStart = 0
  private var keyEnd = 0
  private var escapedKey: [UInt8]?

  private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  /// Runs `body` over the one JSON value `bytes` hold (after an optional UTF-8 byte order mark),
  /// then checks that nothing but whitespace follows it.
  public static func read<R>(
    _ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth,
    _ body: (inout JSONPullReader) throws(JSONSyntaxError) -> R
  ) throws(JSONSyntaxError) -> R {
    try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
      var reader = JSONPullReader(bytes: buffer, maxDepth: maxDepth)
      if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
        reader.pos = 3
      }
      reader.skipWhitespace()
      if reader.pos >= buffer.count {
        throw reader.error("expected a JSON value, found end of file")
      }
      let result = try body(&reader)
      reader.skipWhitespace()
      if reader.pos < buffer.count {
        throw reader.error("expected end of document after the top-level value")
      }
      return result
    }
  }

  // MARK: Values

  /// The kind of the value at the current position, without consuming it.
  public func kind() throws(JSONSyntaxError) -> JSONValueKind {
    guard pos < bytes.count else { throw error("expected a value, found end of file") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    default: throw error("expected a JSON value, found \(describe(bytes[pos]))")
    }
  }

  /// The string at the current position, or nil (the value skipped) when it is not a string.
  public mutating func stringValue() throws(JSONSyntaxError) -> String? {
    guard try kind() == .string else {
      try skipValue()
      return nil
    }
    return try string()
  }

  /// The string at the current position; the caller has checked that `kind()` is `.string`.
  public mutating func string() throws(JSONSyntaxError) -> String {
    let token = try scanString()
    return makeString(token)
  }

  /// The source text of the number at the current position (nothing is lost to floating
  /// point); the caller has checked that `kind()` is `.number`.
  public mutating func numberText() throws(JSONSyntaxError) -> String {
    let start = pos
    try scanNumber()
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
  }

  /// The boolean at the current position, or nil (the value skipped) when it is not one.
  public mutating func boolValue() throws(JSONSyntaxError) -> Bool? {
    guard try kind() == .bool else {
      try skipValue()
      return nil
    }
    let isTrue = bytes[pos] == UInt8(ascii: "t")
    try literal(isTrue ? "true" : "false")
    return isTrue
  }

  /// Whether the string at the current position equals `text`, consuming it; false (the value
  /// skipped) for any other value. Compares bytes, so no `String` is made.
  public mutating func stringValueEquals(_ text: StaticString) throws(JSONSyntaxError) -> Bool {
    guard try kind() == .string else {
      try skipValue()
      return false
    }
    let token = try scanString()
    if token.escaped {
      return makeString(token).utf8.elementsEqual(
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    return equal(token.start, token.end, text)
  }

  /// Consumes the value at the current position, validating it as `JSONReader` would.
  public mutating func skipValue() throws(JSONSyntaxError) {
    switch try kind() {
    case .object:
      try beginObject()
      while try nextMember() { try skipValue() }
    case .array:
      try beginArray()
      while try nextElement() { try skipValue() }
    case .string: _ = try scanString()
    case .number: try scanNumber()
    case .bool:
      if bytes[pos] == UInt8(ascii: "t") { try literal("true") } else { try literal("false") }
    case .null: try literal("null")
    }
  }

  // MARK: Objects

  /// Enters the object at the current position; the caller has checked that `kind()` is
  /// `.object`. Then call `nextMember()` until it returns false.
  public mutating func beginObject() throws(JSONSyntaxError) {
    try enter()
    atContainerStart = true
  }

  /// Moves to the next member's value and returns true, or leaves the object and returns false.
  /// The member's name is then tested with `memberIs(_:)` or read with `memberName`.
  public mutating func nextMember() throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    if atContainerStart {
      atContainerStart = false
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
        return leave()
      }
    } else {
      guard pos < bytes.count else { throw error("expected ',' or '}', found end of file") }
      if bytes[pos] == UInt8(ascii: "}") { return leave() }
      guard bytes[pos] == UInt8(ascii: ",") else {
        throw error("expected ',' or '}' in object, found \(describe(bytes[pos]))")
      }
      pos += 1
      skipWhitespace()
    }
    guard pos < bytes.count else { throw error("expected a member name, found end of file") }
    guard bytes[pos] == UInt8(ascii: "\"") else {
      throw error("expected a member name in double quotes, found \(describe(bytes[pos]))")
    }
    let token = try scanString()
    keyStart = token.start
    keyEnd = token.end
    escapedKey = token.escaped ? unescape(token) : nil
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
      throw error("expected ':' after member name \"\(memberName)\"")
    }
    pos += 1
    skipWhitespace()
    return true
  }

  /// Whether the current member's name is `name` (compared as bytes).
  public func memberIs(_ name: StaticString) -> Bool {
    if let escapedKey {
      return escapedKey.elementsEqual(
        UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
    return equal(keyStart, keyEnd, name)
  }

  /// The position in `names` of the current member's name, or nil when it is none of them.
  public func member(in names: JSONMemberNames) -> Int? {
    if let escapedKey {
      return escapedKey.withUnsafeBufferPointer { names.index(of: $0) }
    }
    return names.index(of: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]))
  }

  /// The current member's name.
  public var memberName: String {
    if let escapedKey { return String(decoding: escapedKey, as: UTF8.self) }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), as: UTF8.self)
  }

  // MARK: Arrays

  /// Enters the array at the current position; the caller has checked that `kind()` is
  /// `.array`. Then call `nextElement()` until it returns false.
  public mutating func beginArray() throws(JSONSyntaxError) {
    try enter()
    atContainerStart = true
  }

  /// Moves to the next element and returns true, or leaves the array and returns false.
  public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
    skipWhitespace()
    if atContainerStart {
      atContainerStart = false
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { return leave() }
      return true
    }
    guard pos < bytes.count else { throw error("expected ',' or ']', found end of file") }
    if bytes[pos] == UInt8(ascii: "]") { return leave() }
    guard bytes[pos] == UInt8(ascii: ",") else {
      throw error("expected ',' or ']' in array, found \(describe(bytes[pos]))")
    }
    pos += 1
    skipWhitespace()
    return true
  }

  // MARK: Scanning

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
    pos += 1
  }

  /// Consumes the closing bracket or brace; always false, for `nextMember`/`nextElement`.
  private mutating func leave() -> Bool {
    pos += 1
    depth -= 1
    return false
  }

  @inline(__always) private mutating func skipWhitespace() {
    while pos < bytes.count {
      let c = bytes[pos]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
    }
  }

  private func equal(_ start: Int, _ end: Int, _ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard end - start == count else { return false }
    let p = text.utf8Start
    var i = 0
    while i < count {
      if bytes[start + i] != p[i] { return false }
      i += 1
    }
    return true
  }

  private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let count = word.utf8CodeUnitCount
    guard pos + count <= bytes.count else { throw error("expected '\(word)'") }
    let start = word.utf8Start
    for i in 0..<count where bytes[pos + i] != start[i] {
      throw error("expected '\(word)'", at: pos + i)
    }
    pos += count
  }

  private mutating func scanNumber() throws(JSONSyntaxError) {
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("expected a digit") }
    if bytes[pos] == UInt8(ascii: "0") {
      pos += 1
    } else {
      while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      guard pos < bytes.count, isDigit(bytes[pos]) else {
        throw error("expected a digit after '.'")
      }
      while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
      pos += 1
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") {
        pos += 1
      }
      guard pos < bytes.count, isDigit(bytes[pos]) else {
        throw error("expected a digit in exponent")
      }
      while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }
  }

  @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  /// A scanned string: the bytes between the quotes, and whether they hold escapes.
  private struct StringToken {
    var start: Int
    var end: Int
    var escaped: Bool
  }

  /// Consumes a string, validating it completely (control characters, escapes, surrogate pairs,
  /// UTF-8) without decoding it. Errors come in the order `JSONReader` reports them: escape and
  /// control-character errors as met, an unterminated string, then invalid UTF-8.
  private mutating func scanString() throws(JSONSyntaxError) -> StringToken {
    pos += 1  // opening quote
    let start = pos
    var escaped = false
    // Raw bytes between escapes are checked as separate runs: an escape always decodes to a
    // whole UTF-8 sequence, so the decoded string is valid exactly when every run is.
    var runStart = pos
    var runHasNonASCII = false
    var invalidUTF8 = false
    while pos < bytes.count {
      skipToSpecialByte()
      guard pos < bytes.count else { break }
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        if runHasNonASCII, !invalidUTF8, !JSONPullReader.isValidUTF8(bytes, runStart, pos) {
          invalidUTF8 = true
        }
        if invalidUTF8 { throw error("invalid UTF-8 in string", at: start) }
        pos += 1
        return StringToken(start: start, end: pos - 1, escaped: escaped)
      }
      if c == UInt8(ascii: "\\") {
        if runHasNonASCII, !invalidUTF8, !JSONPullReader.isValidUTF8(bytes, runStart, pos) {
          invalidUTF8 = true
        }
        escaped = true
        try scanEscape(openQuote: start - 1)
        runStart = pos
        runHasNonASCII = false
        continue
      }
      if c < 0x20 { throw error("control character \(describe(c)) inside a string") }
      if c >= 0x80 { runHasNonASCII = true }
      pos += 1
    }
    throw error("unterminated string", at: start - 1)
  }

  /// Moves to the next byte inside a string that needs a look (`"`, `\\`, a control character
  /// or a non-ASCII byte), testing 8 bytes at a time: string bytes are most of an SBOM
  /// (digests, purls), and a word at a time is several times cheaper than a byte at a time.
  /// Near the end of the input it stops early and leaves the last bytes to the byte loop.
  @inline(__always) private mutating func skipToSpecialByte() {
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    while pos + 8 <= bytes.count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      // High bit of each byte that is zero after an XOR (a quote or backslash), below 0x20, or
      // non-ASCII. Borrows can only flag bytes above a flagged one, so the lowest flag is exact.
      let flagged =
        (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
          | ((word &- ones &* 0x20) & ~word) | word) & high
      if flagged != 0 {
        pos += flagged.trailingZeroBitCount >> 3
        return
      }
      pos += 8
    }
  }

  /// Consumes one escape sequence (at its backslash), returning the scalar it stands for.
  /// `openQuote` is where the string began, for the error when the input ends after `\`.
  @discardableResult
  private mutating func scanEscape(openQuote: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
    pos += 1
    guard pos < bytes.count else { throw error("unterminated string", at: openQuote) }
    let e = bytes[pos]
    pos += 1
    switch e {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      var scalar = try parseHex4()
      if scalar >= 0xD800 && scalar <= 0xDBFF {
        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"),
          bytes[pos + 1] == UInt8(ascii: "u")
        else { throw error("lone surrogate \\u\(String(scalar, radix: 16)) in string") }
        pos += 2
        let low = try parseHex4()
        guard low >= 0xDC00 && low <= 0xDFFF else {
          throw error("lone surrogate \\u\(String(scalar, radix: 16)) in string")
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
        throw error("lone surrogate \\u\(String(scalar, radix: 16)) in string")
      }
      guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
      return u
    default:
      throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: pos - 2)
    }
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard pos + 4 <= bytes.count else { throw error("expected 4 hex digits after \\u") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[pos]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw error("expected 4 hex digits after \\u")
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }

  private func makeString(_ token: StringToken) -> String {
    if !token.escaped {
      // Already validated by `scanString`.
      return String(
        decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }
    return String(decoding: unescape(token), as: UTF8.self)
  }

  /// The decoded bytes of a string with escapes (already validated by `scanString`).
  private func unescape(_ token: StringToken) -> [UInt8] {
    var copy = self
    copy.pos = token.start
    var out: [UInt8] = []
    out.reserveCapacity(token.end - token.start)
    while copy.pos < token.end {
      let c = bytes[copy.pos]
      if c != UInt8(ascii: "\\") {
        out.append(c)
        copy.pos += 1
        continue
      }
      // Cannot fail: the same bytes passed `scanString`.
      guard let scalar = try? copy.scanEscape(openQuote: token.start - 1) else { break }
      UTF8.encode(scalar) { out.append($0) }
    }
    return out
  }

  /// Well-formed UTF-8 (Unicode 3.9, table 3-7): no overlong forms, surrogates or values past
  /// U+10FFFF, as `String(validating:)` requires.
  static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let count: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: count = 1
      case 0xE0:
        count = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: count = 2
      case 0xED:
        count = 2
        high = 0x9F
      case 0xF0:
        count = 3
        low = 0x90
      case 0xF1...0xF3: count = 3
      case 0xF4:
        count = 3
        high = 0x8F
      default: return false
      }
      guard i + count < end else { return false }
      let second = b[i + 1]
      guard second >= low && second <= high else { return false }
      var k = 2
      while k <= count {
        if b[i + k] & 0xC0 != 0x80 { return false }
        k += 1
      }
      i += count + 1
    }
    return true
  }

  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16)
  }

  private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
    let end = min(offset ?? pos, bytes.count)
    var line = 1
    var lineStart = 0
    var i = 0
    while i < end {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    // Column counts characters, not bytes.
    var column = 1
    i = lineStart
    while i < end {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return JSONSyntaxError(message: message, line: line, column: column)
  }
}

/// The member names a decoder reads from one kind of object, looked up as bytes so that a
/// member name never becomes a `String`. Build it once (a `static let`) and reuse it.
public struct JSONMemberNames: Sendable {
  /// Every name's UTF-8, one after another.
  private let text: [UInt8]
  private let starts: [Int]
  private let lengths: [Int]
  /// Each name's first eight bytes (fewer for a shorter name, zero-padded) as one word, so that
  /// a name of up to eight bytes (nearly all) is matched by two integer comparisons.
  private let heads: [UInt64]

  public init(_ names: [String]) {
    var text: [UInt8] = []
    var starts: [Int] = []
    var lengths: [Int] = []
    var heads: [UInt64] = []
    for name in names {
      starts.append(text.count)
      lengths.append(name.utf8.count)
      text.append(contentsOf: name.utf8)
      var head: UInt64 = 0
      for (i, byte) in name.utf8.prefix(8).enumerated() { head |= UInt64(byte) << (8 * i) }
      heads.append(head)
    }
    self.text = text
    self.starts = starts
    self.lengths = lengths
    self.heads = heads
  }

  func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = key.count
    var head: UInt64 = 0
    for i in 0..<Swift.min(count, 8) { head |= UInt64(key[i]) << (8 * i) }
    for i in lengths.indices where lengths[i] == count && heads[i] == head {
      if count <= 8 { return i }
      let start = starts[i]
      var j = 8
      while j < count, text[start + j] == key[j] { j += 1 }
      if j == count { return i }
    }
    return nil
  }
}
