/// A parsed JSON value. Objects keep their members in document order (lookups scan linearly:
/// objects in lockfiles and SBOMs are small, and building an array is much cheaper than hashing).
/// Numbers keep their source text so nothing is lost to floating point.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }
  public var numberText: String? {
    if case .number(let n) = self { return n }
    return nil
  }
  public var intValue: Int? {
    if case .number(let n) = self { return Int(n) }
    return nil
  }
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The value's type.
  public var kind: JSONValueKind {
    switch self {
    case .null: .null
    case .bool: .bool
    case .number: .number
    case .string: .string
    case .array: .array
    case .object: .object
    }
  }

  /// A short name of the value's type for error messages (one spelling, `JSONValueKind`'s).
  public var typeName: String { kind.typeName }
}

/// JSON object members in document order.
public struct JSONObject: Sendable, Hashable, Sequence {
  public var members: [(key: String, value: JSONValue)]

  public init(_ members: [(key: String, value: JSONValue)] = []) { self.members = members }

  public subscript(key: String) -> JSONValue? {
    for member in members where member.key == key { return member.value }
    return nil
  }

  public var keys: [String] { members.map(\.key) }
  public var count: Int { members.count }
  public var isEmpty: Bool { members.isEmpty }

  public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
    members.makeIterator()
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
  public func hash(into hasher: inout Hasher) {
    for m in members {
      hasher.combine(m.key)
      hasher.combine(m.value)
    }
  }
}
