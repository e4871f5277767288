import Foundation
import SBOMTestSupport
import Testing

@Suite("lineage tree")
struct TreeCommandTests {
  @Test("a SwiftPM project prints its tree from the root through .build/checkouts edges")
  func tree() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run(["tree", project.path])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(
      result.stdoutText == """
        CheckoutsDemo@1.4.0
        └── swift-nio@2.62.0
            ├── swift-atomics@1.2.0
            └── swift-collections@1.1.0

        """)
  }

  @Test("--depth 1 stops below the direct dependencies")
  func depth() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run(["tree", project.path, "--depth", "1"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdoutText == "CheckoutsDemo@1.4.0\n└── swift-nio@2.62.0\n")
  }

  @Test("a bare Package.resolved, with no checkouts beside it, says its edges are incomplete")
  func incomplete() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let bare = try TemporaryDirectory()
    defer { bare.cleanup() }
    let file = bare.url.appendingPathComponent("Package.resolved")
    try FileManager.default.copyItem(
      at: project.appendingPathComponent("Package.resolved"), to: file)
    let result = CLIHarness().run(["tree", file.path])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let lines = result.stdoutText.split(separator: "\n").map(String.init)
    #expect(
      Array(lines.dropFirst()) == [
        "(edges incomplete: the input does not record every dependency)",
        "not reached from a root:",
        "  swift-atomics@1.2.0",
        "  swift-collections@1.1.0",
        "  swift-nio@2.62.0",
      ])
  }
}
