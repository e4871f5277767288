import SBOMTestSupport
import Testing

@Suite("lineage why")
struct WhyCommandTests {
  @Test("a transitive dependency is explained by its chain from the root")
  func chain() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run(["why", project.path, "swift-atomics"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(
      result.stdoutText
        == "swift-atomics@1.2.0\n  CheckoutsDemo@1.4.0 → swift-nio@2.62.0 → swift-atomics@1.2.0\n")
  }

  @Test("NAME@VERSION matches only that version")
  func withVersion() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let hit = CLIHarness().run(["why", project.path, "swift-nio@2.62.0"])
    #expect(hit.exitCode == 0)
    #expect(hit.stdoutText.hasPrefix("swift-nio@2.62.0\n  CheckoutsDemo@1.4.0 → swift-nio@2.62.0"))
    let miss = CLIHarness().run(["why", project.path, "swift-nio@1.0.0"])
    #expect(miss.exitCode == 2)
  }

  @Test("an unknown package is a one-line error, exit 2")
  func unknown() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run(["why", project.path, "left-pad"])
    #expect(result.exitCode == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.errorLines.count == 1)
    #expect(result.errorLines.first?.contains("no component named 'left-pad'") == true)
  }
}
