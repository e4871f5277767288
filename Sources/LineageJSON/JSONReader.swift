/// Why a byte sequence is not the JSON it should be: a message and a 1-based line and column.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int
  public var description: String { "\(line):\(column): \(message)" }
}

/// A one-pass JSON parser over UTF-8 bytes (RFC 8259), faster than Foundation's coders on
/// multi-megabyte lockfiles and SBOMs. Limits nesting depth so hostile input cannot exhaust
/// the stack.
public struct JSONReader {
  /// Deepest nesting of arrays and objects accepted.
  public static let defaultMaxDepth = 512

  public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth)
    throws(JSONSyntaxError) -> JSONValue
  {
    try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
      var parser = Parser(bytes: buffer, maxDepth: maxDepth)
      return try parser.parseDocument()
    }
  }

  public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError)
    -> JSONValue
  {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }
}

private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  let maxDepth: Int
  var pos = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
    // A UTF-8 byte order mark is tolerated.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    skipWhitespace()
    if pos >= bytes.count { throw error("expected a JSON value, found end of file") }
    let value = try parseValue()
    skipWhitespace()
    if pos < bytes.count { throw error("expected end of document after the top-level value") }
    return value
  }

  func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
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

  @inline(__always) mutating func skipWhitespace() {
    while pos < bytes.count {
      let c = bytes[pos]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
    }
  }

  func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16)
  }

  mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    guard pos < bytes.count else { throw error("expected a value, found end of file") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default:
      throw error("expected a JSON value, found \(describe(bytes[pos]))")
    }
  }

  mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError)
    -> JSONValue
  {
    let count = word.utf8CodeUnitCount
    guard pos + count <= bytes.count else { throw error("expected '\(word)'") }
    let start = word.utf8Start
    for i in 0..<count where bytes[pos + i] != start[i] {
      throw error("expected '\(word)'", at: pos + i)
    }
    pos += count
    return value
  }

  mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
  }

  mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    pos += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      depth -= 1
      return .object(JSONObject(members))
    }
    while true {
      skipWhitespace()
      guard pos < bytes.count else { throw error("expected a member name, found end of file") }
      guard bytes[pos] == UInt8(ascii: "\"") else {
        throw error("expected a member name in double quotes, found \(describe(bytes[pos]))")
      }
      let key = try parseString()
      skipWhitespace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
        throw error("expected ':' after member name \"\(key)\"")
      }
      pos += 1
      skipWhitespace()
      let value = try parseValue()
      members.append((key, value))
      skipWhitespace()
      guard pos < bytes.count else { throw error("expected ',' or '}', found end of file") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        depth -= 1
        return .object(JSONObject(members))
      }
      throw error("expected ',' or '}' in object, found \(describe(bytes[pos]))")
    }
  }

  mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    pos += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard pos < bytes.count else { throw error("expected ',' or ']', found end of file") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if bytes[pos] == UInt8(ascii: "]") {
        pos += 1
        depth -= 1
        return .array(elements)
      }
      throw error("expected ',' or ']' in array, found \(describe(bytes[pos]))")
    }
  }

  mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = pos
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
    return .number(
      String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self))
  }

  @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  mutating func parseString() throws(JSONSyntaxError) -> String {
    pos += 1  // opening quote
    let start = pos
    // Fast path: no escapes, valid UTF-8.
    while pos < bytes.count {
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
        pos += 1
        return try decodeUTF8(slice, at: start)
      }
      if c == UInt8(ascii: "\\") { break }
      if c < 0x20 { throw error("control character \(describe(c)) inside a string") }
      pos += 1
    }
    guard pos < bytes.count else { throw error("unterminated string", at: start - 1) }
    // Slow path with escapes.
    var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
    while pos < bytes.count {
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        pos += 1
        return try out.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
          try decodeUTF8(b, at: start)
        }
      }
      if c < 0x20 { throw error("control character \(describe(c)) inside a string") }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        pos += 1
        continue
      }
      pos += 1
      guard pos < bytes.count else { break }
      let e = bytes[pos]
      pos += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
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
        UTF8.encode(u) { out.append($0) }
      default:
        throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: pos - 2)
      }
    }
    throw error("unterminated string", at: start - 1)
  }

  mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
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

  func decodeUTF8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError)
    -> String
  {
    // ASCII is by far the common case and needs no validation.
    var ascii = true
    for b in slice where b >= 0x80 {
      ascii = false
      break
    }
    if ascii { return String(decoding: slice, as: UTF8.self) }
    guard let s = String(validating: slice, as: UTF8.self) else {
      throw error("invalid UTF-8 in string", at: offset)
    }
    return s
  }
}
