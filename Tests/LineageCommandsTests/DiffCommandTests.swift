import Foundation
import LineageJSON
import SBOMTestSupport
import Testing

@Suite("lineage diff")
struct DiffCommandTests {
  static let fixtures = TestPaths.fixtures.appendingPathComponent("diff")
  var old: String { Self.fixtures.appendingPathComponent("old.cdx.json").path }
  var new: String { Self.fixtures.appendingPathComponent("new.cdx.json").path }

  @Test("exit 0 and a text report when the diff ran")
  func text() {
    let r = CLIHarness().run(["diff", old, new])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdoutText.contains("upgraded"))
    #expect(r.stdoutText.contains("debug 4.3.4 → 4.3.5"))
    #expect(r.stdoutText.contains("hash-changed"))
    #expect(!r.stdoutText.contains("\u{1B}["))
  }

  @Test("colour on a terminal, none with NO_COLOR or into a file")
  func colour() {
    var terminal = CLIHarness()
    terminal.stdoutIsTerminal = true
    #expect(terminal.run(["diff", old, new]).stdoutText.contains("\u{1B}["))
    terminal.variables["NO_COLOR"] = "1"
    #expect(!terminal.run(["diff", old, new]).stdoutText.contains("\u{1B}["))
  }

  @Test("--fail-on exits 1 when a listed kind is present, 0 when none is")
  func failOn() {
    let hit = CLIHarness().run(["diff", old, new, "--fail-on", "downgraded,hash-changed"])
    #expect(hit.exitCode == 1)
    #expect(hit.stderr.contains("hash-changed"))
    let miss = CLIHarness().run([
      "diff", old, new, "--fail-on", "downgraded", "--fail-on", "revision-moved",
    ])
    #expect(miss.exitCode == 0, "\(miss.stderr)")
    #expect(CLIHarness().run(["diff", old, old, "--fail-on", "added"]).exitCode == 0)
  }

  @Test("exit 2 for an unknown --fail-on kind, an unknown format, or a missing input")
  func errors() {
    let badKind = CLIHarness().run(["diff", old, new, "--fail-on", "upgrade"])
    #expect(badKind.exitCode == 2)
    #expect(badKind.stderr.contains("upgraded"))
    #expect(CLIHarness().run(["diff", old, new, "--format", "html"]).exitCode == 2)
    let missing = CLIHarness().run(["diff", old, "/nonexistent/new.json"])
    #expect(missing.exitCode == 2)
    #expect(missing.errorLines.count == 1)
    #expect(missing.stderr.contains("/nonexistent/new.json"))
  }

  @Test("--format json --output writes the documented contract to the file")
  func jsonToFile() throws {
    let temp = try TemporaryDirectory()
    defer { temp.cleanup() }
    let out = temp.url.appendingPathComponent("diff.json").path
    let r = CLIHarness().run(["diff", old, new, "--format", "json", "--output", out])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    let doc = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
    #expect(doc["schemaVersion"]?.intValue == 1)
    let kinds = doc["changes"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
    #expect(kinds == ["hash-changed", "upgraded", "added", "removed"])
    #expect(doc["summary"]?["upgraded"]?.intValue == 1)
  }

  @Test(
    "two lockfiles diff directly: Package.resolved v1 and v2 of one set of pins have no changes")
  func lockfilesDirectly() {
    // Kept as `*.resolved` (SwiftPM's own name for a pins file given directly): files named
    // Package.resolved are local pins and stay out of the repository.
    let v1 = Self.fixtures.appendingPathComponent("swiftpm-v1.resolved").path
    let v2 = Self.fixtures.appendingPathComponent("swiftpm-v2.resolved").path
    let r = CLIHarness().run(["diff", v1, v2, "--format", "json"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdoutText.contains("\"total\": 0"), "\(r.stdoutText)")
  }

  @Test("markdown has a summary table")
  func markdown() {
    let r = CLIHarness().run(["diff", old, new, "--format", "markdown"])
    #expect(r.exitCode == 0)
    #expect(r.stdoutText.contains("| `upgraded` | 1 |"))
  }
}
