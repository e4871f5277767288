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
    for _ in 0..<indent { out.append(0x20) }
  }

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
      if sortKeys {
        members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      }
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

  private static let hex = Array("0123456789abcdef".utf8)

  /// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20, 0x7F:
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0xF)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
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
