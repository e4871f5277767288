import LineageJSON
import Testing

@Suite("JSON pull reader")
struct JSONPullReaderTests {
  /// Rebuilds a `JSONValue` through the pull reader, so that it can be compared with the tree.
  static func value(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> JSONValue {
    switch try r.kind() {
    case .object:
      var members: [(key: String, value: JSONValue)] = []
      try r.beginObject()
      while try r.nextMember() {
        let key = r.memberName
        members.append((key, try value(&r)))
      }
      return .object(JSONObject(members))
    case .array:
      var elements: [JSONValue] = []
      try r.beginArray()
      while try r.nextElement() { elements.append(try value(&r)) }
      return .array(elements)
    case .string: return .string(try r.string())
    case .number: return .number(try r.numberText())
    case .bool: return .bool(try r.boolValue() ?? false)
    case .null:
      try r.skipValue()
      return .null
    }
  }

  /// The outcome of parsing with the tree reader and with the pull reader (building the same
  /// value, or only skipping), as comparable text.
  static func outcomes(_ bytes: [UInt8]) -> (tree: String, pull: String, skip: String) {
    func run(_ body: () throws(JSONSyntaxError) -> JSONValue?) -> String {
      do {
        return (try body()).map { "\($0)" } ?? "ok"
      } catch {
        return "error \(error)"
      }
    }
    let tree = run { () throws(JSONSyntaxError) in try JSONReader.parse(bytes) }
    let pull = run { () throws(JSONSyntaxError) in
      try JSONPullReader.read(bytes) { r throws(JSONSyntaxError) in try value(&r) }
    }
    let skip = run { () throws(JSONSyntaxError) -> JSONValue? in
      try JSONPullReader.read(bytes) { r throws(JSONSyntaxError) in try r.skipValue() }
      return nil
    }
    return (tree, pull, skip)
  }

  static let sample = Array(
    #"""
    {"bomFormat": "CycloneDX", "n": [1, -2.5e+3, 0, true, false, null],
     "s": "tab\t \"q\" \u00e9 \ud83d\ude00 é 😀 0123456789abcdef0123456789abcdef",
     "e\u0073c": {}, "a": [[], {"k": []}]}
    """#.utf8)

  @Test("builds the same values as the tree reader")
  func sameValues() {
    let (tree, pull, skip) = Self.outcomes(Self.sample)
    #expect(tree == pull)
    #expect(skip == "ok")
  }

  @Test("fails like the tree reader, with the same message and position, on every truncation")
  func sameErrorsOnTruncation() {
    for end in 0..<Self.sample.count {
      let bytes = Array(Self.sample[..<end])
      let (tree, pull, skip) = Self.outcomes(bytes)
      #expect(tree == pull, "truncated at \(end)")
      if tree.hasPrefix("error") { #expect(skip == tree, "truncated at \(end)") }
    }
  }

  @Test("fails like the tree reader on every single-byte corruption")
  func sameErrorsOnCorruption() {
    let replacements: [UInt8] = [0x22, 0x5C, 0x7B, 0x5D, 0x2C, 0x3A, 0x01, 0x80, 0xC3, 0xFF, 0x75]
    for i in Self.sample.indices {
      for byte in replacements {
        var bytes = Self.sample
        bytes[i] = byte
        let (tree, pull, skip) = Self.outcomes(bytes)
        #expect(tree == pull, "byte \(i) set to \(byte)")
        if tree.hasPrefix("error") { #expect(skip == tree, "byte \(i) set to \(byte)") }
      }
    }
  }

  @Test("validates UTF-8 at every offset of long strings, where whole words are skipped")
  func utf8InLongStrings() {
    let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90]]
    let good: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80]]
    for sequence in bad + good {
      for offset in 0..<20 {
        let text =
          Array(repeating: UInt8(ascii: "a"), count: offset) + sequence
          + Array(repeating: UInt8(ascii: "b"), count: 20 - offset)
        let bytes = [UInt8(ascii: "["), 0x22] + text + [0x22, UInt8(ascii: "]")]
        let (tree, pull, skip) = Self.outcomes(bytes)
        #expect(tree == pull, "\(sequence) at \(offset)")
        #expect(skip == (tree.hasPrefix("error") ? tree : "ok"), "\(sequence) at \(offset)")
      }
    }
  }

  @Test("rejects nesting deeper than the limit in skipped values too")
  func depthLimit() {
    let deep = Array(
      ("{\"x\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        + "}").utf8)
    let (tree, pull, skip) = Self.outcomes(deep)
    #expect(tree.contains("nesting deeper than 512 levels"))
    #expect(pull == tree)
    #expect(skip == tree)
  }

  @Test("finds member names by bytes, escaped names included, without making strings")
  func memberLookup() throws {
    let names = JSONMemberNames(["name", "bom-ref", "version"])
    let found = try JSONPullReader.read(Array(#"{"bom-ref": 1, "n\u0061me": 2, "other": 3}"#.utf8))
    { r throws(JSONSyntaxError) -> [Int?] in
      var found: [Int?] = []
      try r.beginObject()
      while try r.nextMember() {
        found.append(r.member(in: names))
        try r.skipValue()
      }
      return found
    }
    #expect(found == [1, 0, nil])
  }

  @Test("reads strings only when asked, and compares them without making one")
  func stringReads() throws {
    let result = try JSONPullReader.read(Array(#"["CycloneDX", 7, "x", "Cyclone\u0044X"]"#.utf8)) {
      r throws(JSONSyntaxError) -> [String] in
      try r.beginArray()
      var out: [String] = []
      while try r.nextElement() {
        if try r.stringValueEquals("CycloneDX") {
          out.append("match")
        } else {
          out.append("other")
        }
      }
      return out
    }
    #expect(result == ["match", "other", "other", "match"])
  }

  @Test("hands over a string's bytes, decoded when escaped, and skips a value that is not one")
  func stringBytes() throws {
    let json = #"["pkg:npm/a@1", {"x": 1}, "a\u0040b", ""]"#
    let result = try JSONPullReader.read(Array(json.utf8)) {
      r throws(JSONSyntaxError) -> [String?] in
      try r.beginArray()
      var out: [String?] = []
      while try r.nextElement() {
        out.append(try r.withStringValue { String(decoding: $0, as: UTF8.self) })
      }
      return out
    }
    #expect(result == ["pkg:npm/a@1", nil, "a@b", ""])
  }
}
