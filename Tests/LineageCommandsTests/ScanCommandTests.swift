import Foundation
import SBOMTestSupport
import Testing

@Suite("lineage scan")
struct ScanCommandTests {
  @Test("scanning a directory writes CycloneDX 1.6 JSON to standard output by default")
  func directoryToStdout() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run(["scan", project.path])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let bom = try #require(CommandFixtures.jsonObject(result.stdout))
    #expect(bom["bomFormat"] as? String == "CycloneDX")
    #expect(bom["specVersion"] as? String == "1.6")
    let components = bom["components"] as? [[String: Any]] ?? []
    #expect(components.count == 3)
    let main = (bom["metadata"] as? [String: Any])?["component"] as? [String: Any]
    #expect(main?["name"] as? String == "CheckoutsDemo")
  }

  @Test("a lockfile given directly is read by its content")
  func fileToStdout() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let result = CLIHarness().run([
      "scan", project.appendingPathComponent("Package.resolved").path, "-o", "spdx-json",
    ])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let doc = try #require(CommandFixtures.jsonObject(result.stdout))
    #expect(doc["spdxVersion"] as? String == "SPDX-2.3")
    let names = (doc["packages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(names.contains("swift-nio"))
  }

  @Test("five -o options in one run write five documents, each valid in its format")
  func fiveOutputs() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    func file(_ name: String) -> URL { out.url.appendingPathComponent(name) }
    let result = CLIHarness().run([
      "scan", project.path,
      "-o", "cyclonedx-json=\(file("a.cdx.json").path)",
      "-o", "spdx-json=\(file("b.spdx.json").path)",
      "-o", "spdx-tag-value=\(file("c.spdx").path)",
      "-o", "cyclonedx-xml@1.5=\(file("d.cdx.xml").path)",
      "-o", "spdx3-json=\(file("e.spdx3.json").path)",
    ])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty, "every document went to a file")
    #expect(
      CommandFixtures.listing(out.url)
        == ["a.cdx.json", "b.spdx.json", "c.spdx", "d.cdx.xml", "e.spdx3.json"])
    let xml = try String(contentsOf: file("d.cdx.xml"), encoding: .utf8)
    #expect(xml.contains("xmlns=\"http://cyclonedx.org/schema/bom/1.5\""))
    let tagValue = try String(contentsOf: file("c.spdx"), encoding: .utf8)
    #expect(tagValue.hasPrefix("SPDXVersion: SPDX-2.3\n"))
    let files = CommandFixtures.listing(out.url).map(file)
    let results = try Validators.validate(files)
    #expect(results.count == 5)
    for failure in results where !failure.ok {
      Issue.record("\(failure.file):\n\(failure.summary)")
    }
  }

  @Test("FORMAT=- writes that document to standard output beside the files")
  func dashIsStdout() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    let file = out.url.appendingPathComponent("sbom.cdx.json")
    let result = CLIHarness().run([
      "scan", project.path, "-o", "cyclonedx-json=\(file.path)", "-o", "spdx-tag-value=-",
    ])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdoutText.hasPrefix("SPDXVersion: SPDX-2.3\n"))
    #expect(CommandFixtures.jsonObject(at: file)?["bomFormat"] as? String == "CycloneDX")
  }

  @Test("two documents to standard output is a usage error, before anything is read")
  func twoToStdout() throws {
    for arguments in [
      ["-o", "cyclonedx-json", "-o", "spdx-json"], ["-o", "spdx-json=-", "-o", "cyclonedx-xml"],
    ] {
      let result = CLIHarness().run(["scan", "/nonexistent-lineage-path"] + arguments)
      #expect(result.exitCode == 2)
      #expect(result.stdout.isEmpty)
      #expect(result.errorLines == ["lineage: only one -o may write to standard output"])
    }
  }

  @Test("an unknown format is a one-line error naming the choices, exit 2")
  func unknownFormat() throws {
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    for format in ["swid-json", "cyclonedx-json@9.9", "spdx-json@2.2"] {
      let result = CLIHarness().run([
        "scan", out.path, "-o", "\(format)=\(out.url.appendingPathComponent("x").path)",
      ])
      #expect(result.exitCode == 2)
      #expect(result.errorLines.count == 1, "\(result.errorLines)")
      let line = result.errorLines.first ?? ""
      #expect(line.hasPrefix("lineage: "))
      #expect(line.contains("expected one of"), "\(line)")
      #expect(CommandFixtures.listing(out.url).isEmpty)
    }
  }

  @Test("scan --help shows the formats and examples, exit 0")
  func help() throws {
    for arguments in [["scan", "--help"], ["help", "scan"]] {
      let result = CLIHarness().run(arguments)
      #expect(result.exitCode == 0)
      #expect(result.stderr.isEmpty)
      let text = result.stdoutText
      #expect(text.contains("Examples:"))
      #expect(text.contains("lineage scan . -o cyclonedx-json=sbom.cdx.json"))
      #expect(text.contains("spdx3-json"))
      #expect(text.contains("SOURCE_DATE_EPOCH"))
    }
  }

  @Test("with SOURCE_DATE_EPOCH two runs give byte-identical documents in every format")
  func deterministic() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let first = try TemporaryDirectory()
    let second = try TemporaryDirectory()
    defer {
      first.cleanup()
      second.cleanup()
    }
    // Different clocks: only SOURCE_DATE_EPOCH may decide the document time.
    var harness = CLIHarness()
    harness.variables = ["SOURCE_DATE_EPOCH": "1234567890"]
    let a = harness.run(["scan", project.path] + CommandFixtures.outputArguments(into: first.url))
    let b = harness.run(["scan", project.path] + CommandFixtures.outputArguments(into: second.url))
    #expect(a.exitCode == 0 && b.exitCode == 0, "\(a.stderr) \(b.stderr)")
    for (_, name) in CommandFixtures.allFormats {
      let x = try Data(contentsOf: first.url.appendingPathComponent(name))
      let y = try Data(contentsOf: second.url.appendingPathComponent(name))
      #expect(!x.isEmpty)
      #expect(x == y, "\(name) differs between runs")
      #expect(String(decoding: x, as: UTF8.self).contains("2009-02-13T23:31:30Z"), "\(name)")
    }
  }

  @Test("the serial number and document namespace change when the content changes")
  func identifiersFollowContent() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    func identifiers(version: String) throws -> [String] {
      let out = try TemporaryDirectory()
      defer { out.cleanup() }
      let result = CLIHarness().run(
        ["scan", project.path, "--source-version", version]
          + CommandFixtures.outputArguments(into: out.url))
      #expect(result.exitCode == 0, "\(result.stderr)")
      let cdx = CommandFixtures.jsonObject(at: out.url.appendingPathComponent("sbom.cdx.json"))
      let spdx = CommandFixtures.jsonObject(at: out.url.appendingPathComponent("sbom.spdx.json"))
      let tagValue = try String(
        contentsOf: out.url.appendingPathComponent("sbom.spdx"), encoding: .utf8)
      let spdx3 = try String(
        contentsOf: out.url.appendingPathComponent("sbom.spdx3.json"), encoding: .utf8)
      let xml = try String(
        contentsOf: out.url.appendingPathComponent("sbom.cdx.xml"), encoding: .utf8)
      return [
        cdx?["serialNumber"] as? String ?? "",
        spdx?["documentNamespace"] as? String ?? "",
        tagValue.split(separator: "\n").first { $0.hasPrefix("DocumentNamespace: ") }.map(
          String.init)
          ?? "",
        spdx3.firstMatch(of: /lineage\.invalid\/spdxdocs\/[^#"]+/).map { String($0.output) } ?? "",
        xml.firstMatch(of: /serialNumber="[^"]+"/).map { String($0.output) } ?? "",
      ]
    }
    let one = try identifiers(version: "1.0.0")
    let oneAgain = try identifiers(version: "1.0.0")
    let two = try identifiers(version: "2.0.0")
    #expect(one.allSatisfy { !$0.isEmpty }, "\(one)")
    #expect(one == oneAgain)
    for (x, y) in zip(one, two) { #expect(x != y, "\(x) did not change with the content") }
  }

  @Test("bad input is one line 'lineage: FILE:LINE: message' or with a JSON path, exit 2, no file")
  func badInput() throws {
    let bad = TestPaths.fixtures.appendingPathComponent("swiftpm/bad")
    let cases: [(file: String, location: String)] = [
      ("truncated.resolved", "truncated.resolved:6:1: "),
      ("missing-location.resolved", "missing-location.resolved:$.pins[1].location: "),
      ("version4.resolved", "version4.resolved:$.version: "),
    ]
    for (file, location) in cases {
      let out = try TemporaryDirectory()
      defer { out.cleanup() }
      let result = CLIHarness().run(
        ["scan", bad.appendingPathComponent(file).path]
          + CommandFixtures.outputArguments(into: out.url))
      #expect(result.exitCode == 2, "\(file)")
      #expect(result.stdout.isEmpty)
      #expect(result.errorLines.count == 1, "\(result.errorLines)")
      let line = result.errorLines.first ?? ""
      #expect(line.hasPrefix("lineage: "), "\(line)")
      #expect(line.contains(location), "\(line) names \(location)")
      #expect(CommandFixtures.listing(out.url).isEmpty, "no output at all for \(file)")
    }
  }

  @Test("when a later output cannot be written, no earlier output is left, not even a partial one")
  func noPartialOutputs() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    let first = out.url.appendingPathComponent("first.cdx.json")
    let existing = out.url.appendingPathComponent("existing.spdx.json")
    try Data("previous contents".utf8).write(to: existing)
    let missingDirectory = out.url.appendingPathComponent("no-such-dir/sbom.spdx")
    let result = CLIHarness().run([
      "scan", project.path, "-o", "cyclonedx-json=\(first.path)",
      "-o", "spdx-json=\(existing.path)", "-o", "spdx-tag-value=\(missingDirectory.path)",
    ])
    #expect(result.exitCode == 2)
    // The scan's own notes may come first; the failure is one line naming the file.
    let errors = result.errorLines.filter {
      !$0.contains(": note: ") && !$0.contains(": warning: ")
    }
    #expect(errors.count == 1, "\(result.errorLines)")
    #expect(errors.first?.hasPrefix("lineage: ") == true, "\(errors)")
    #expect(errors.first?.contains("no-such-dir/sbom.spdx") == true, "\(errors)")
    #expect(
      CommandFixtures.listing(out.url) == ["existing.spdx.json"],
      "neither the first output nor a temporary file remains")
    #expect(try String(contentsOf: existing, encoding: .utf8) == "previous contents")
  }

  @Test(
    "an output path that is a symlink (or a device, or a FIFO) is written through, not replaced")
  func writesThroughNonRegularFiles() throws {
    let project = try CommandFixtures.swiftPMProject()
    defer { FixtureTree.remove(project) }
    let out = try TemporaryDirectory()
    defer { out.cleanup() }
    // The same rule keeps `-o cyclonedx-json=/dev/stdout` from renaming a file over /dev/stdout.
    let target = out.url.appendingPathComponent("target.cdx.json")
    let link = out.url.appendingPathComponent("link.cdx.json")
    try Data("old".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let result = CLIHarness().run(["scan", project.path, "-o", "cyclonedx-json=\(link.path)"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let kind =
      try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
    #expect(kind == .typeSymbolicLink, "the link is still a link")
    #expect(CommandFixtures.jsonObject(at: target)?["bomFormat"] as? String == "CycloneDX")
    #expect(CommandFixtures.listing(out.url) == ["link.cdx.json", "target.cdx.json"])
  }

  @Test("a path that does not exist is a one-line error naming it")
  func missingPath() throws {
    let result = CLIHarness().run(["scan", "/nonexistent-lineage-path/Package.resolved"])
    #expect(result.exitCode == 2)
    #expect(
      result.errorLines == [
        "lineage: /nonexistent-lineage-path/Package.resolved: no such file or directory"
      ])
  }
}
