import Foundation
import SBOMTestSupport
import Testing

/// Every hostile input gives a one-line error naming the file (or a bounded success with
/// warnings) within seconds, leaves no output file, and never reads outside the scan root.
@Suite("Hostile input")
struct HostileInputTests {
  static let hostile = TestPaths.fixtures.appendingPathComponent("hostile")

  /// Runs `lineage scan TARGET -o cyclonedx-json=OUT` and checks the common promises.
  func scanFails(
    _ target: String, naming expected: String, because fragment: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let temp = try TemporaryDirectory()
    defer { temp.cleanup() }
    let output = temp.url.appendingPathComponent("out.json")
    let start = Date()
    let result = CLIHarness().run(["scan", target, "-o", "cyclonedx-json=\(output.path)"])
    let elapsed = Date().timeIntervalSince(start)
    #expect(result.exitCode == 2, "exit code", sourceLocation: sourceLocation)
    #expect(elapsed < 5, "took \(elapsed) s", sourceLocation: sourceLocation)
    #expect(
      !FileManager.default.fileExists(atPath: output.path), "no partial output",
      sourceLocation: sourceLocation)
    let lines = result.errorLines
    #expect(lines.count == 1, "one line: \(lines)", sourceLocation: sourceLocation)
    let line = lines.first ?? ""
    #expect(line.hasPrefix("lineage: "), "\(line)", sourceLocation: sourceLocation)
    #expect(line.contains(expected), "names \(expected): \(line)", sourceLocation: sourceLocation)
    if let fragment {
      #expect(
        line.lowercased().contains(fragment.lowercased()), "says \(fragment): \(line)",
        sourceLocation: sourceLocation)
    }
  }

  func path(_ relative: String) -> String {
    Self.hostile.appendingPathComponent(relative).path
  }

  /// A fixture holding a `Package.resolved` (stored as `Package.resolved.fixture`), copied out.
  func materialized(_ relative: String) throws -> URL {
    try FixtureTree.materialize(Self.hostile.appendingPathComponent(relative))
  }

  @Test("truncated JSON names the file, line and column")
  func truncated() throws {
    try scanFails(path("truncated-json/package-lock.json"), naming: "package-lock.json:6:")
  }

  @Test("merge-conflict markers are named as such, with their line")
  func mergeConflict() throws {
    try scanFails(
      path("merge-conflict/package-lock.json"), naming: "package-lock.json:5",
      because: "merge conflict")
  }

  @Test("an unknown Package.resolved version names the supported versions")
  func unknownSwiftPMVersion() throws {
    let root = try materialized("unknown-version-swiftpm")
    defer { FixtureTree.remove(root) }
    try scanFails(
      root.appendingPathComponent("Package.resolved").path, naming: "Package.resolved",
      because: "4")
  }

  @Test("an unknown lockfileVersion is an error, not a guess")
  func unknownNpmVersion() throws {
    try scanFails(
      path("unknown-version-npm/package-lock.json"), naming: "package-lock.json", because: "99")
  }

  @Test("an empty Package.resolved is an error naming the file")
  func emptyFile() throws {
    // Made here: a file named Package.resolved is a local pin file and is not committed.
    let temp = try TemporaryDirectory()
    defer { temp.cleanup() }
    let file = temp.url.appendingPathComponent("Package.resolved")
    try Data().write(to: file)
    try scanFails(file.path, naming: "Package.resolved")
  }

  @Test("random bytes under a lockfile name are rejected")
  func randomBytes() throws {
    try scanFails(path("random-bytes/pnpm-lock.yaml"), naming: "pnpm-lock.yaml")
  }

  @Test("invalid UTF-8 and lone surrogates in JSON strings are errors with a position")
  func brokenText() throws {
    try scanFails(path("invalid-utf8/package-lock.json"), naming: "package-lock.json:5:")
    try scanFails(path("lone-surrogate/package-lock.json"), naming: "package-lock.json:5:")
  }

  @Test("a YAML alias bomb fails fast instead of expanding")
  func aliasBomb() throws {
    try scanFails(
      path("yaml-alias-bomb/pnpm-lock.yaml"), naming: "pnpm-lock.yaml", because: "alias")
  }

  @Test("symlink loops are an error, not a hang")
  func symlinkLoop() throws {
    let root = try materialized("symlink-loop")
    defer { FixtureTree.remove(root) }
    try scanFails(
      root.appendingPathComponent("Package.resolved").path, naming: "Package.resolved",
      because: "symlink")
  }

  @Test("a status file symlinked outside the scan root is refused")
  func outsideRoot() throws {
    try scanFails(path("status-outside-root"), naming: "var/lib/dpkg/status", because: "outside")
  }

  @Test("JSON nested 100,000 deep is rejected by the depth limit")
  func deepJSON() throws {
    let temp = try TemporaryDirectory()
    defer { temp.cleanup() }
    let file = temp.url.appendingPathComponent("package-lock.json")
    let deep =
      "{\"lockfileVersion\": 3, \"packages\": " + String(repeating: "[", count: 100_000)
      + String(repeating: "]", count: 100_000) + "}"
    try Data(deep.utf8).write(to: file)
    try scanFails(file.path, naming: "package-lock.json:1:", because: "nesting")
  }

  @Test("a 5 MB line in a dpkg status file stays bounded")
  func hugeStatusLine() throws {
    let temp = try TemporaryDirectory()
    defer { temp.cleanup() }
    let file = temp.url.appendingPathComponent("status")
    var text = "Package: big\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"
    text += "Description: " + String(repeating: "x", count: 5 << 20) + "\n\n"
    try Data(text.utf8).write(to: file)
    let output = temp.url.appendingPathComponent("out.json")
    let start = Date()
    let result = CLIHarness().run([
      "scan", file.path, "--distro", "debian-12", "-o", "cyclonedx-json=\(output.path)",
    ])
    #expect(Date().timeIntervalSince(start) < 5)
    // Either a bounded success (the long description is just a field) or a one-line error.
    if result.exitCode == 0 {
      #expect(FileManager.default.fileExists(atPath: output.path))
    } else {
      #expect(result.exitCode == 2)
      #expect(result.errorLines.count == 1)
      #expect(!FileManager.default.fileExists(atPath: output.path))
    }
  }
}
