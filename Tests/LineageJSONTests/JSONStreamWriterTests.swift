import LineageJSON
import Testing

@Suite("JSON stream writer")
struct JSONStreamWriterTests {
  /// Strings that take the escaping path at each position of an eight-byte word, and ones that
  /// do not (including non-ASCII, whose high bytes must not look like control characters).
  static let awkwardStrings: [String] = [
    "", "plain", "exactly8", "sixteen-bytes-ok", "quote\"d", "back\\slash", "tab\there",
    "line\nbreak", "\u{1}", "del\u{7F}", "é", "日本語テキスト", "1234567\"", "12345678\u{1F}",
    "ÿÿÿÿÿÿÿÿ", "pkg:npm/%40babel/core@7.0.0",
  ]

  @Test("writes the same bytes as JSONWriter for the same value, keys given in byte order")
  func matchesJSONWriter() {
    var out = JSONStreamWriter()
    out.beginObject()
    out.key("a")
    out.beginArray()
    for s in Self.awkwardStrings { out.string(s) }
    out.endArray()
    out.key("b")
    out.beginObject()
    out.endObject()
    out.key("c")
    out.beginArray()
    out.endArray()
    out.member("d", ifPresent: nil)
    out.member("e", "x")
    out.key("f")
    out.beginArray()
    out.beginObject()
    out.key("g")
    out.number(1)
    out.key("h")
    out.bool(true)
    out.key("i")
    out.null()
    out.endObject()
    out.beginArray()
    out.beginArray()
    out.endArray()
    out.endArray()
    out.endArray()
    out.endObject()

    let expected: JSONValue = [
      "a": .array(Self.awkwardStrings.map(JSONValue.string)),
      "b": .object(JSONObject()),
      "c": [],
      "e": "x",
      "f": [["g": 1, "h": true, "i": nil], [[]]],
    ]
    #expect(out.finish() == JSONWriter().write(expected))
  }

  @Test("lays out an embedded JSONValue as JSONWriter does, sorting its keys")
  func embedsValues() {
    let value: JSONValue = ["z": ["y": 1, "x": [true, "é\n"]], "a": [:], "k\"ey": "v"]
    var out = JSONStreamWriter()
    out.value(value)
    #expect(out.finish() == JSONWriter().write(value))
  }

  @Test("escapes each string exactly as JSONWriter does")
  func escapesLikeJSONWriter() {
    for s in Self.awkwardStrings {
      var streamed: [UInt8] = []
      JSONStreamWriter.appendString(s, into: &streamed)
      var written: [UInt8] = []
      JSONWriter.writeString(s, into: &written)
      #expect(streamed == written, "\(s)")
    }
  }

  @Test("splicing fragments written apart gives the bytes of one writer, empty ones included")
  func fragmentsSpliceToOneWriter() {
    func elements(_ range: Range<Int>, to out: inout JSONStreamWriter) {
      for i in range {
        out.beginObject()
        out.member("n", "\(i)")
        out.endObject()
      }
    }
    for split in [0, 1, 3, 5] {
      var whole = JSONStreamWriter()
      whole.beginObject()
      whole.key("items")
      whole.beginArray()
      elements(0..<5, to: &whole)
      whole.endArray()
      whole.endObject()

      var spliced = JSONStreamWriter()
      spliced.beginObject()
      spliced.key("items")
      spliced.beginArray()
      var fragment = JSONStreamWriter(fragmentAtDepth: spliced.depth)
      elements(split..<5, to: &fragment)
      elements(0..<split, to: &spliced)
      spliced.append(fragment: fragment.fragment())
      spliced.endArray()
      spliced.endObject()
      let splicedBytes = spliced.finish()
      let wholeBytes = whole.finish()
      #expect(splicedBytes == wholeBytes, "split at \(split)")
    }
  }

  /// Writes a document of `count` elements, `fragmentFrom` on written apart and spliced in.
  static func document(
    count: Int, fragmentFrom: Int, to out: inout JSONStreamWriter
  ) {
    func elements(_ range: Range<Int>, to out: inout JSONStreamWriter) {
      for i in range {
        out.beginObject()
        out.member("n", "\(i)")
        // One string longer than a small streaming buffer.
        out.member("s", i == 7 ? String(repeating: "long ", count: 200) : "short\n")
        out.endObject()
      }
    }
    out.beginObject()
    out.key("items")
    out.beginArray()
    var fragment = JSONStreamWriter(fragmentAtDepth: out.depth)
    elements(fragmentFrom..<count, to: &fragment)
    elements(0..<fragmentFrom, to: &out)
    out.append(fragment: fragment.fragment())
    out.endArray()
    out.endObject()
  }

  @Test("a writer flushing through a small buffer hands on the bytes of one in-memory writer")
  func streamingMatchesInMemory() throws {
    var whole = JSONStreamWriter()
    Self.document(count: 40, fragmentFrom: 25, to: &whole)
    let expected = whole.finish()
    for bufferSize in [256, 1000, 1 << 20] {
      var streamed: [UInt8] = []
      var pieces = 0
      var out = JSONStreamWriter(bufferSize: bufferSize) { piece in
        streamed.append(contentsOf: piece)
        pieces += 1
      }
      Self.document(count: 40, fragmentFrom: 25, to: &out)
      try out.finishStreaming()
      #expect(streamed == expected, "buffer of \(bufferSize)")
      #expect(bufferSize > expected.count || pieces > 1)
    }
  }

  @Test("the sink's first error stops the writing and is thrown when it finishes")
  func sinkErrorIsRethrown() {
    struct Full: Error {}
    var calls = 0
    var out = JSONStreamWriter(bufferSize: 256) { _ in
      calls += 1
      throw Full()
    }
    Self.document(count: 40, fragmentFrom: 25, to: &out)
    var thrown: (any Error)?
    do { try out.finishStreaming() } catch { thrown = error }
    #expect(thrown is Full)
    #expect(calls == 1)
  }
}
