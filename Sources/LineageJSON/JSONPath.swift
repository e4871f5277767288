/// A JSON value together with the path that reached it, so that errors can name the exact place
/// (`$.pins[3].location`) where a document differs from what was expected.
public struct JSONNode: Sendable {
  public let value: JSONValue
  public let path: String

  public init(_ value: JSONValue, path: String = "$") {
    self.value = value
    self.path = path
  }

  /// The member `key`, or nil when absent or null.
  public subscript(key: String) -> JSONNode? {
    guard let v = value[key], !v.isNull else { return nil }
    return JSONNode(v, path: JSONNode.append(key, to: path))
  }

  static func append(_ key: String, to path: String) -> String {
    let simple =
      !key.isEmpty
      && key.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || b == 0x5F
      }
    if simple { return path + "." + key }
    var escaped = ""
    for ch in key {
      if ch == "\"" || ch == "\\" { escaped.append("\\") }
      escaped.append(ch)
    }
    return path + "[\"" + escaped + "\"]"
  }

  /// The elements of an array, each with its indexed path; throws when not an array.
  public func elements() throws(JSONTypeError) -> [JSONNode] {
    guard case .array(let a) = value else { throw mismatch("an array") }
    var out: [JSONNode] = []
    out.reserveCapacity(a.count)
    for (i, v) in a.enumerated() { out.append(JSONNode(v, path: "\(path)[\(i)]")) }
    return out
  }

  /// The members of an object, each with its path; throws when not an object.
  public func members() throws(JSONTypeError) -> [(key: String, node: JSONNode)] {
    guard case .object(let o) = value else { throw mismatch("an object") }
    return o.members.map { ($0.key, JSONNode($0.value, path: JSONNode.append($0.key, to: path))) }
  }

  public func string() throws(JSONTypeError) -> String {
    guard case .string(let s) = value else { throw mismatch("a string") }
    return s
  }

  /// A required string member.
  public func string(_ key: String) throws(JSONTypeError) -> String {
    guard let node = self[key] else {
      throw JSONTypeError(
        path: JSONNode.append(key, to: path), expected: "a string", found: "nothing")
    }
    return try node.string()
  }

  /// An optional string member: nil when absent or null, throws when of another type.
  public func optionalString(_ key: String) throws(JSONTypeError) -> String? {
    guard let node = self[key] else { return nil }
    return try node.string()
  }

  public func mismatch(_ expected: String) -> JSONTypeError {
    JSONTypeError(path: path, expected: expected, found: value.typeName)
  }
}

/// A JSON value of the wrong type (or a missing one) at a path.
public struct JSONTypeError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var expected: String
  public var found: String
  public init(path: String, expected: String, found: String) {
    self.path = path
    self.expected = expected
    self.found = found
  }
  public var description: String { "expected \(expected), found \(found)" }
}
