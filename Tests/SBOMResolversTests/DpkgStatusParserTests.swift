import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("DpkgStatusParser")
struct DpkgStatusParserTests {
  func parse(_ text: String) -> ([ControlParagraph], [Diagnostic]) {
    let result = DpkgStatusParser.parse(Array(text.utf8), file: "status")
    return (result.paragraphs, result.diagnostics)
  }

  @Test("paragraphs are split at blank lines and fields keep their line numbers")
  func paragraphs() {
    let (paragraphs, diagnostics) = parse("Package: a\nVersion: 1\n\n\nPackage: b\nVersion: 2\n")
    #expect(diagnostics.isEmpty)
    #expect(paragraphs.count == 2)
    #expect(paragraphs[1]["Package"] == "b")
    #expect(paragraphs[1].line == 5)
    #expect(paragraphs[1].field("Version")?.line == 6)
  }

  @Test("continuation lines fold into the field with leading white space removed")
  func continuation() {
    let (paragraphs, _) = parse(
      "Package: a\nDepends: libc6 (>= 2.34),\n  libgcc-s1\nDescription: short\n more\n .\n end\n")
    #expect(paragraphs[0]["Depends"] == "libc6 (>= 2.34),\nlibgcc-s1")
    #expect(paragraphs[0]["Description"] == "short\nmore\n.\nend")
  }

  @Test("field names compare case-insensitively")
  func caseInsensitive() {
    let (paragraphs, _) = parse("package: a\nVERSION: 1\n")
    #expect(paragraphs[0]["Package"] == "a")
    #expect(paragraphs[0]["version"] == "1")
  }

  @Test("CRLF line ends and lines of spaces are tolerated")
  func crlf() {
    let (paragraphs, diagnostics) = parse(
      "Package: a\r\nVersion: 1\r\n   \r\nPackage: b\r\nVersion: 2\r\n")
    #expect(diagnostics.isEmpty)
    #expect(paragraphs.map { $0["Version"] } == ["1", "2"])
  }

  @Test("a line without a colon is a warning with its line number, not a failure")
  func malformedLine() {
    let (paragraphs, diagnostics) = parse("Package: a\nthis is not a field\nVersion: 1\n")
    #expect(paragraphs.count == 1)
    #expect(paragraphs[0]["Version"] == "1")
    #expect(diagnostics.count == 1)
    #expect(diagnostics[0].location.line == 2)
  }

  @Test("a second Package field without a blank line starts a new paragraph, with a warning")
  func missingBlankLine() {
    let (paragraphs, diagnostics) = parse("Package: a\nVersion: 1\nPackage: b\nVersion: 2\n")
    #expect(paragraphs.map { $0["Package"] } == ["a", "b"])
    #expect(diagnostics.map { $0.location.line } == [3])
  }

  @Test("a repeated field keeps the first value and warns")
  func repeatedField() {
    let (paragraphs, diagnostics) = parse("Package: a\nVersion: 1\nVersion: 2\n")
    #expect(paragraphs[0]["Version"] == "1")
    #expect(diagnostics.map { $0.location.line } == [3])
  }

  @Test("a continuation line before any field is a warning")
  func strayContinuation() {
    let (paragraphs, diagnostics) = parse(" stray\nPackage: a\n")
    #expect(paragraphs.count == 1)
    #expect(diagnostics.map { $0.location.line } == [1])
  }

  @Test("a file without a final newline and with empty values parses")
  func edges() {
    let (paragraphs, diagnostics) = parse("Package: a\nConffiles:\n /etc/x 0123\nVersion: 1")
    #expect(diagnostics.isEmpty)
    // An empty first line stays: it is how a field says it has no one-line value.
    #expect(paragraphs[0]["Conffiles"] == "\n/etc/x 0123")
    #expect(paragraphs[0]["Version"] == "1")
  }

  @Test("a 5 MB line and 100 000 fields in one paragraph are read in linear time")
  func bounded() {
    var text = "Package: big\nDescription: " + String(repeating: "x", count: 5 << 20) + "\n"
    for i in 0..<100_000 { text += "X-Field-\(i): v\n" }
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      let (paragraphs, diagnostics) = parse(text)
      #expect(paragraphs.count == 1)
      #expect(diagnostics.isEmpty)
      #expect(paragraphs[0]["Description"]?.utf8.count == 5 << 20)
    }
    #expect(elapsed < .seconds(10))
  }
}
