import Testing

@testable import LineageCommands

@Suite("lineage command line")
struct LineageCLITests {
  @Test("--version prints the tool version, exit 0")
  func version() {
    let result = CLIHarness().run(["--version"])
    #expect(result.exitCode == 0)
    #expect(result.stdoutText == "lineage \(LineageToolVersion.current)\n")
    #expect(result.stderr.isEmpty)
  }

  @Test("no arguments prints the overview with every subcommand, exit 0")
  func noArguments() {
    let result = CLIHarness().run([])
    #expect(result.exitCode == 0)
    let text = result.stdoutText
    #expect(text.contains("USAGE: lineage <subcommand>"))
    for command in ["scan", "tree", "why"] { #expect(text.contains("  \(command) "), "\(command)") }
    #expect(result.stderr.isEmpty)
  }

  @Test("an unknown subcommand is a usage error on standard error, exit 2")
  func unknownSubcommand() {
    let result = CLIHarness().run(["frobnicate"])
    #expect(result.exitCode == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.errorLines.first?.hasPrefix("lineage: ") == true, "\(result.stderr)")
  }
}
