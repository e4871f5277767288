import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// A document read by two parsers at once (`YAMLSplit` + `YAMLEventBuffer`) must give exactly
/// the events of one parser: same kinds, same lines, same bytes, same anchors.
@Suite("YAML split reading")
struct YAMLSplitTests {
  /// Every event of `bytes` as text, through `nextRaw` or `next`.
  static func events(_ bytes: [UInt8], _ splitting: YAMLEventStream.Splitting, raw: Bool) throws
    -> [String]
  {
    try YAMLEventStream.withEvents(bytes, file: "t.yaml", splitting: splitting) { stream in
      var out: [String] = []
      while true {
        if raw {
          let e = try stream.nextRaw()
          out.append("\(e.kind) \(e.line) \(e.plain) \(e.anchored) \(e.text)")
          if e.kind == .streamEnd { return out }
        } else {
          let (e, line) = try stream.next()
          out.append("\(e) \(line)")
          if case .streamEnd = e { return out }
        }
      }
    }
  }

  static func expectSame(_ text: String, splits: Bool = true) throws {
    let bytes = Array(text.utf8)
    if splits {
      let found = bytes.withUnsafeBufferPointer { YAMLSplit.find(in: $0, minimumSize: 0) }
      #expect(found != nil, "expected a cut in \(text.prefix(60))")
    }
    for raw in [true, false] {
      let whole = try events(bytes, .never, raw: raw)
      let split = try events(bytes, .always, raw: raw)
      #expect(whole == split)
    }
  }

  static let lockfiles: [String] =
    (try? TestPaths.corpusFiles { $0 == "pnpm" || $0 == "pairs:pnpm" }) ?? []

  @Test("every pnpm lockfile of the corpus reads the same cut in two", arguments: lockfiles)
  func corpus(_ relative: String) throws {
    let bytes = try [UInt8](Data(contentsOf: TestPaths.corpus.appendingPathComponent(relative)))
    let found = bytes.withUnsafeBufferPointer { YAMLSplit.find(in: $0, minimumSize: 0) }
    #expect(found != nil || relative.contains("multi"), "no cut found in \(relative)")
    #expect(try Self.events(bytes, .always, raw: true) == Self.events(bytes, .never, raw: true))
  }

  @Test("a cut inside a section repeats the section key before the second piece")
  func section() throws {
    let text =
      "lockfileVersion: 5.4\npackages:\n"
      + (0..<40).map { "  /p\($0)/1.0.0:\n    dev: false\n" }
      .joined()
    let found = try #require(
      Array(text.utf8).withUnsafeBufferPointer { YAMLSplit.find(in: $0, minimumSize: 0) })
    #expect(found.header == Array("packages:\n".utf8))
    try Self.expectSame(text)
  }

  @Test("nested mappings, block scalars, quoted and flow values and comments survive the cut")
  func awkward() throws {
    var text = "importers:\n  .:\n    specifiers: {a: 1}\npackages:\n"
    for i in 0..<30 {
      text += "  '/q\(i)@1.0.0':\n    resolution: {integrity: sha512-x}\n"
      text += "    note: |\n      line one\n\n      line three\n"
      text += "    quoted: \"a\n      b\"\n  # a comment\n    plain: a\n      b\n"
      text += "    deps:\n      - x\n      - y\n"
    }
    text += "snapshots:\n  a: {}\n"
    try Self.expectSame(text)
  }

  @Test("anchors and aliases on both sides of the cut read as one parser reads them")
  func anchors() throws {
    var text = "packages:\n  /a/1.0.0: &base\n    dev: false\n"
    for i in 0..<30 { text += "  /b\(i)/1.0.0: *base\n" }
    try Self.expectSame(text)
  }

  @Test("documents with markers, directives or tab indentation are not cut")
  func refused() {
    for text in [
      "---\npackages:\n  a: 1\n  b: 2\n", "%YAML 1.2\n---\npackages:\n  a: 1\n  b: 2\n",
      "packages:\n  a: 1\n---\nb: 2\n", "[1, 2, 3]\n",
    ] {
      let found = Array(text.utf8).withUnsafeBufferPointer {
        YAMLSplit.find(in: $0, minimumSize: 0)
      }
      #expect(found == nil, "cut found in \(text)")
    }
  }

  @Test("a syntax error after the cut is reported with its line in the whole text")
  func errorAfterCut() throws {
    var text = "packages:\n"
    for i in 0..<40 { text += "  /p\(i)/1.0.0:\n    dev: false\n" }
    text += "  /bad/1.0.0:\n    x: [unclosed\n"
    let bytes = Array(text.utf8)
    var messages: [String] = []
    for splitting in [YAMLEventStream.Splitting.never, .always] {
      do {
        _ = try Self.events(bytes, splitting, raw: true)
        Issue.record("expected a syntax error")
      } catch let error as LineageError {
        messages.append("\(error)")
      }
    }
    #expect(messages.count == 2 && messages[0] == messages[1])
  }

  @Test("a long document is cut in four pieces, each with its section's header")
  func fourPieces() throws {
    var text = "lockfileVersion: 5.4\nimporters:\n"
    for i in 0..<30 { text += "  app\(i):\n    specifiers: {}\n" }
    text += "packages:\n"
    for i in 0..<90 { text += "  /p\(i)/1.0.0:\n    dev: false\n" }
    let cuts = Array(text.utf8).withUnsafeBufferPointer {
      YAMLSplit.cuts(in: $0, at: [0.25, 0.5, 0.75], minimumSize: 0)
    }
    #expect(cuts.count == 3)
    #expect(cuts.map { String(decoding: $0.header, as: UTF8.self) }.allSatisfy { !$0.isEmpty })
    try Self.expectSame(text)
  }
}
