import LineageJSON
import Testing

@Suite("JSON reader")
struct JSONReaderTests {
  @Test("parses nested values and keeps member order")
  func parsesNested() throws {
    let value = try JSONReader.parse(#"{"b": [1, 2.5e3, true, null], "a": "x\u00e9\n"}"#)
    #expect(value.objectValue?.keys == ["b", "a"])
    #expect(value["a"]?.stringValue == "xé\n")
    #expect(value["b"]?.arrayValue?.count == 4)
    #expect(value["b"]?.arrayValue?[1].numberText == "2.5e3")
  }

  @Test("reports line and column of a syntax error")
  func reportsPosition() {
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse("{\n  \"a\": tru\n}") }
    do {
      _ = try JSONReader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3)
      #expect(error.column == 7)
    }
  }

  @Test("rejects nesting deeper than the limit instead of overflowing the stack")
  func depthLimit() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(deep) }
  }

  @Test("rejects lone surrogates and invalid UTF-8")
  func rejectsBadText() {
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(#"["\ud800"]"#) }
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xFF, 0xFE, 0x22]) }
  }

  @Test("writer sorts keys and round-trips")
  func writerRoundTrip() throws {
    let value: JSONValue = ["z": 1, "a": ["q\"uote", nil, false]]
    let text = JSONWriter().string(value)
    #expect(
      text == "{\n  \"a\": [\n    \"q\\\"uote\",\n    null,\n    false\n  ],\n  \"z\": 1\n}\n")
    let reparsed = try JSONReader.parse(text)
    #expect(reparsed["a"]?.arrayValue?.first?.stringValue == "q\"uote")
  }
}
