/// Writes JSON deterministically: object keys sorted by their UTF-8 bytes (unless told to keep
/// document order), two-space indentation, `\n` line ends, and a final newline. The same value
/// always gives the same bytes.
public struct JSONWriter: Sendable {
  public var sortKeys: Bool
  public var pretty: Bool

  public init(sortKeys: Bool = true, pretty: Bool = true) {
    self.sortKeys = sortKeys
    self.pretty = pretty
  }

  public func write(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    write(value, indent: 0, into: &out)
    out.append(0x0A)
    return out
  }

  public func string(_ value: JSONValue) -> String {
    String(decoding: write(value), as: UTF8.self)
  }

  private func newline(_ indent: Int, _ out: inout [UInt8]) {
    guard pretty else { return }
    out.append(0x0A)
    // Copying a slice of ready spaces is a memcpy; appending a repeated element was not.
    var remaining = indent
    while remaining > 0 {
      let n = min(remaining, JSONWriter.spaces.count)
      out.append(contentsOf: JSONWriter.spaces[0..<n])
      remaining -= n
    }
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 64)

  private func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): out.append(contentsOf: n.utf8)
    case .string(let s): JSONWriter.writeString(s, into: &out)
    case .array(let elements):
      if elements.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(indent + 2, &out)
        write(element, indent: indent + 2, into: &out)
      }
      newline(indent, &out)
      out.append(UInt8(ascii: "]"))
    case .object(let object):
      if object.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      var members = object.members
      if sortKeys && !JSONWriter.isSorted(members) { members = JSONWriter.sortedByKey(members) }
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(indent + 2, &out)
        JSONWriter.writeString(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(0x20) }
        write(member.value, indent: indent + 2, into: &out)
      }
      newline(indent, &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func isSorted(_ members: [(key: String, value: JSONValue)]) -> Bool {
    for i in members.indices.dropFirst() where !bytePrecedes(members[i - 1].key, members[i].key) {
      return false
    }
    return true
  }

  /// Members in UTF-8 byte order of their keys, equal keys in document order. Compares the
  /// keys' first eight bytes as one integer and moves indices, not members: sorting every
  /// object an encoder writes was a quarter of the writer's time.
  static func sortedByKey(_ members: [(key: String, value: JSONValue)]) -> [(
    key: String, value: JSONValue
  )] {
    var order: [(prefix: UInt64, index: Int)] = []
    order.reserveCapacity(members.count)
    for (index, member) in members.enumerated() {
      var key = member.key
      let prefix = key.withUTF8 { bytes in
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return value
      }
      order.append((prefix, index))
    }
    order.sort { a, b in
      if a.prefix != b.prefix { return a.prefix < b.prefix }
      let (x, y) = (members[a.index].key, members[b.index].key)
      if bytePrecedes(x, y) { return true }
      if bytePrecedes(y, x) { return false }
      return a.index < b.index
    }
    return order.map { members[$0.index] }
  }

  /// UTF-8 byte order over contiguous storage (iterating `utf8` views was a tenth of encoding).
  static func bytePrecedes(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        let n = Swift.min(x.count, y.count)
        var i = 0
        while i < n {
          if x[i] != y[i] { return x[i] < y[i] }
          i += 1
        }
        return x.count < y.count
      }
    }
  }

  private static let hex = Array("0123456789abcdef".utf8)

  /// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { bytes in
      // Runs of bytes that need no escape are copied at once; most strings are one such run.
      var runStart = 0
      for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
        appendEscaped(b, into: &out)
        runStart = i + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    out.append(UInt8(ascii: "\""))
  }

  private static func appendEscaped(_ b: UInt8, into out: inout [UInt8]) {
    switch b {
    case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
    case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
    case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
    case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
    case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
    default:
      out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
      out.append(hex[Int(b >> 4)])
      out.append(hex[Int(b & 0xF)])
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(String(value)) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
  }
  public init(nilLiteral: ()) { self = .null }

  /// `.string(s)` when `s` is non-nil, otherwise `.null`.
  public static func optional(_ s: String?) -> JSONValue {
    s.map(JSONValue.string) ?? .null
  }
}

extension JSONObject {
  /// Builds an object from members, dropping those whose value is `nil` or `.null`.
  public static func compact(_ members: [(String, JSONValue?)]) -> JSONObject {
    JSONObject(
      members.compactMap { key, value in
        guard let value, !value.isNull else { return nil }
        return (key: key, value: value)
      })
  }
}
