extension JSONPullReader {
  /// The value at the current position as a `JSONValue` tree: for the few small values a
  /// reader wants whole (a lockfile's root manifest), in a document otherwise read by pulling.
  public mutating func value() throws(JSONSyntaxError) -> JSONValue {
    switch try kind() {
    case .object:
      try beginObject()
      var members: [(key: String, value: JSONValue)] = []
      while try nextMember() {
        let key = memberName
        members.append((key, try value()))
      }
      return .object(JSONObject(members))
    case .array:
      try beginArray()
      var elements: [JSONValue] = []
      while try nextElement() { elements.append(try value()) }
      return .array(elements)
    case .string: return .string(try string())
    case .number: return .number(try numberText())
    case .bool: return .bool(try boolValue() ?? false)
    case .null:
      try skipValue()
      return .null
    }
  }
}
