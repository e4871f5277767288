import Foundation
import SBOMTestSupport
import Testing

@testable import LineageCommands

/// Lineage scans its own package: `Package.swift` names the root, `Package.resolved` (written by
/// the `swift build` that precedes `swift test`) pins swift-argument-parser, and
/// `.build/checkouts/swift-argument-parser/Package.swift` gives its edges.
@Suite("Self-scan")
struct SelfScanTests {
  static var root: URL { TestPaths.packageRoot }

  @Test("the package's own root is Lineage, with an edge to swift-argument-parser")
  func graph() throws {
    let resolved = Self.root.appendingPathComponent("Package.resolved")
    try #require(
      FileManager.default.fileExists(atPath: resolved.path),
      "Package.resolved is written by swift build")
    let result = CLIHarness().run(["scan", Self.root.path, "-o", "cyclonedx-json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let bom = try #require(CommandFixtures.jsonObject(result.stdout))
    let main = try #require((bom["metadata"] as? [String: Any])?["component"] as? [String: Any])
    #expect(main["name"] as? String == "Lineage")
    let rootRef = try #require(main["bom-ref"] as? String)
    let components = bom["components"] as? [[String: Any]] ?? []
    let parser = try #require(components.first { $0["name"] as? String == "swift-argument-parser" })
    let parserRef = try #require(parser["bom-ref"] as? String)
    #expect(
      (parser["purl"] as? String)?.hasPrefix("pkg:swift/github.com/apple/swift-argument-parser@")
        == true)
    #expect(parser["version"] as? String != nil)
    let dependencies = bom["dependencies"] as? [[String: Any]] ?? []
    let rootDependsOn = dependencies.first { $0["ref"] as? String == rootRef }?["dependsOn"]
    #expect((rootDependsOn as? [String])?.contains(parserRef) == true, "\(dependencies)")
  }

  @Test("the self-scan passes the validators in every format")
  func validates() throws {
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    // In a git worktree `.git` is a pointer to a directory outside the package, which Lineage
    // refuses to follow, and a clone may have no tag or `origin`; the root's version and
    // supplier are never made up, and NTIA needs both, so they are given as a release would.
    let result = CLIHarness().run(
      [
        "scan", Self.root.path, "--source-version", LineageToolVersion.current,
        "--supplier", "Lineage project",
      ] + CommandFixtures.outputArguments(into: out.url))
    #expect(result.exitCode == 0, "\(result.stderr)")
    let files = CommandFixtures.allFormats.map { out.url.appendingPathComponent($0.file) }
    let results = try Validators.validate(files)
    #expect(results.count == files.count)
    for failure in results where !failure.ok {
      Issue.record("\(failure.file):\n\(failure.summary)")
    }
  }
}
