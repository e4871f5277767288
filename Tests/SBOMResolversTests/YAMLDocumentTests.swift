import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("YAML event reader")
struct YAMLDocumentTests {
  func read(_ text: String, limits: YAMLLimits = .default) throws -> [YAMLDocument] {
    try YAMLReader.documents(Array(text.utf8), file: "t.yaml", limits: limits)
  }

  @Test("mappings, sequences, flow style and quoting read into the tree")
  func basics() throws {
    let doc = try #require(try read("a: '6.0'\nb: {x: 1, y: [p, q]}\nc:\n  - 1\n  - ~\n").first)
    let root = try #require(doc.root)
    #expect(root["a"]?.scalar == "6.0")
    #expect(root["b"]?["x"]?.scalar == "1")
    #expect(root["b"]?["y"]?.items.map(\.scalar) == ["p", "q"])
    #expect(root["c"]?.items.map(\.scalar) == ["1", nil])
    #expect(root.pairs.map(\.key) == ["a", "b", "c"])
    #expect(root["c"]?.line == 4)
  }

  @Test("several documents are kept apart")
  func documents() throws {
    let docs = try read("---\na: 1\n---\na: 2\n")
    #expect(docs.compactMap { $0.root?["a"]?.scalar } == ["1", "2"])
  }

  @Test("an alias bomb fails fast with a limit error")
  func aliasBomb() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1..<30 {
      text +=
        "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
        + "]\n"
    }
    do {
      _ = try read(text)
      Issue.record("expected a limit error")
    } catch let error as LineageError {
      #expect(error.code == .limitExceeded)
      #expect(error.message.contains("alias"))
    }
  }

  @Test("a few aliases within the limit share their node")
  func smallAliases() throws {
    let root = try #require(try read("a: &x {k: v}\nb: *x\n").first?.root)
    #expect(root["b"]?["k"]?.scalar == "v")
  }

  @Test("nesting past the depth limit is refused")
  func depth() throws {
    let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
    #expect(throws: LineageError.self) { _ = try read(text) }
  }

  @Test("malformed YAML is a syntax error with a line")
  func syntax() throws {
    do {
      _ = try read("a: 1\nb: [1, 2\nc: 3\n")
      Issue.record("expected an error")
    } catch let error as LineageError {
      #expect(error.code == .syntax)
      #expect(error.location?.line != nil)
    }
  }
}
