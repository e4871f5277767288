import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

@Suite("SwiftPM resolver")
struct SwiftPMResolverTests {
  @Test(
    "each fixture project resolves to its golden graph",
    arguments: ["v1-manifest", "v2-kinds", "v3-registry", "checkouts", "git-detached", "xcode"])
  func golden(name: String) throws {
    let graph = try SwiftPMFixtures.scan(name)
    try Golden.check(GraphDump.text(graph), against: "goldens/swiftpm/\(name).txt")
  }

  @Test("v1 pins take their identity from the URL and keep a differing package name")
  func v1Identity() throws {
    let graph = try SwiftPMFixtures.scan("v1-manifest")
    let llbuild = try #require(graph.packages.first { $0.name == "swift-llbuild" })
    #expect(llbuild.property("lineage:swift:identity") == "swift-llbuild")
    #expect(llbuild.property("lineage:swift:package-name") == "llbuild")
    #expect(llbuild.purl?.description == "pkg:swift/github.com/apple/swift-llbuild@0.5.0")
    let nimble = try #require(graph.packages.first { $0.name == "Nimble" })
    #expect(nimble.property("lineage:swift:package-name") == nil)
    #expect(nimble.supplier == Supplier(name: "Quick", url: "https://github.com/Quick"))
    #expect(
      nimble.origin
        == .git(
          url: "https://github.com/Quick/Nimble", revision: String(repeating: "2b", count: 20),
          reference: .tag("9.2.1")))
  }

  @Test("root edges carry the manifest's requirement text")
  func requirements() throws {
    let graph = try SwiftPMFixtures.scan("v1-manifest")
    let requirements = graph.edges.compactMap(\.requirement).sorted()
    #expect(requirements == [#""9.0.0"..<"10.0.0""#, #".upToNextMinor(from: "0.5.0")"#])
    #expect(graph.primaryRoot?.name == "V1Demo")
    #expect(graph.primaryRoot?.kind == .application)
    #expect(graph.edgesComplete == false)
  }

  @Test("branch and revision-only pins use the revision as version")
  func branchPins() throws {
    let graph = try SwiftPMFixtures.scan("v2-kinds")
    let mmio = try #require(graph.packages.first { $0.name == "swift-mmio" })
    #expect(mmio.version == String(repeating: "4d", count: 20))
    #expect(mmio.property("lineage:swift:branch") == "main")
    if case .git(_, _, let reference) = mmio.origin {
      #expect(reference == .branch("main"))
    } else {
      Issue.record("expected a git origin")
    }
    let revisionOnly = try #require(graph.packages.first { $0.name == "Pinned-By-Revision" })
    #expect(revisionOnly.version == String(repeating: "5e", count: 20))
  }

  @Test("a computed .package URL is reported and leaves edges incomplete")
  func computedURL() throws {
    let graph = try SwiftPMFixtures.scan("v2-kinds")
    #expect(graph.edgesComplete == false)
    #expect(
      graph.diagnostics.contains {
        $0.location.file == "v2-kinds/Package.swift" && $0.location.line == 16
          && $0.message.contains("not a string literal")
      })
  }

  @Test("with every manifest present the edges are complete, and unpinned test-only deps are notes")
  func completeEdges() throws {
    let graph = try SwiftPMFixtures.scan("checkouts")
    #expect(graph.edgesComplete)
    #expect(graph.edges.count == 3)
    #expect(graph.diagnostics.allSatisfy { $0.severity == .note })
    #expect(graph.diagnostics.count == 1)
  }

  @Test("the root takes its version from a peeled tag at HEAD and its supplier from origin")
  func rootFromGit() throws {
    let root = try #require(try SwiftPMFixtures.scan("checkouts").primaryRoot)
    #expect(root.name == "CheckoutsDemo")
    #expect(root.version == "1.4.0")
    #expect(root.purl?.description == "pkg:swift/github.com/example-org/checkouts-demo@1.4.0")
    #expect(
      root.origin
        == .git(
          url: "https://github.com/example-org/checkouts-demo",
          revision: String(repeating: "c5", count: 20), reference: .tag("v1.4.0")))
    #expect(root.supplier?.name == "example-org")
  }

  @Test("scan options override what .git says")
  func optionsOverride() throws {
    let graph = try SwiftPMFixtures.scan(
      "checkouts", options: ScanOptions(sourceVersion: "9.9.9", supplier: "Example Inc."))
    #expect(graph.primaryRoot?.version == "9.9.9")
    #expect(graph.primaryRoot?.supplier == Supplier(name: "Example Inc."))
  }

  @Test("without .git or options the root has no version and no supplier")
  func nothingMadeUp() throws {
    let root = try #require(try SwiftPMFixtures.scan("v1-manifest").primaryRoot)
    #expect(root.version == nil)
    #expect(root.supplier == nil)
    #expect(root.purl?.description == "pkg:generic/V1Demo")
  }

  @Test("a bare Package.resolved has no edges and says so")
  func bareResolved() throws {
    let graph = try SwiftPMFixtures.scan("git-detached")
    #expect(graph.edges.isEmpty)
    #expect(graph.edgesComplete == false)
    #expect(graph.primaryRoot?.name == "git-detached")
    #expect(graph.primaryRoot?.version == String(repeating: "1b", count: 20))
  }

  @Test("an Xcode project is named after the .xcodeproj, not a Package.swift beside it")
  func xcodeProject() throws {
    let graph = try SwiftPMFixtures.scan("xcode")
    #expect(graph.primaryRoot?.name == "Demo")
    #expect(graph.components.map(\.name).sorted() == ["Alamofire", "Demo", "Helpers"])
    #expect(graph.edgesComplete == false)
  }

  @Test("an Xcode project's package references in project.pbxproj are the root's edges")
  func xcodeProjectEdges() throws {
    let graph = try SwiftPMFixtures.scan("xcode")
    let root = try #require(graph.primaryRoot)
    let fromRoot = graph.edges.filter { $0.from == root.id }
    #expect(fromRoot.count == 2)
    #expect(fromRoot.compactMap(\.requirement) == [#"from: "5.8.0""#])
    #expect(graph.diagnostics.isEmpty)
  }

  @Test("registry pins get scope namespaces and configured registry origins")
  func registryPins() throws {
    let graph = try SwiftPMFixtures.scan("v3-registry")
    let linked = try #require(graph.packages.first { $0.name == "linkedlist" })
    #expect(linked.purl?.description == "pkg:swift/mona/linkedlist@1.1.0")
    #expect(linked.origin == .registry(url: "https://mona.example.com/registry"))
    let parser = try #require(graph.packages.first { $0.name == "parser" })
    #expect(parser.origin == .registry(url: "https://packages.example.com/acme/parser"))
    #expect(graph.primaryRoot?.property("lineage:swift:origin-hash")?.count == 64)
  }

  @Test("detect finds the top-level file and Xcode's files")
  func detect() {
    let source = MemorySource(texts: [
      "Package.resolved": "{}",
      "App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved": "{}",
      "App.xcworkspace/xcshareddata/swiftpm/Package.resolved": "{}",
      "Other.xcodeproj/project.pbxproj": "",
    ])
    #expect(
      SwiftPMResolver().detect(in: source, directory: "") == [
        "Package.resolved", "App.xcworkspace/xcshareddata/swiftpm/Package.resolved",
        "App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved",
      ])
  }

  @Test("recognizes Package.resolved content under any name, and not other JSON")
  func recognizes() {
    let resolver = SwiftPMResolver()
    #expect(resolver.recognizes(fileName: "PackageV3.resolved", head: Array(#"{"pins": []}"#.utf8)))
    #expect(resolver.recognizes(fileName: "x.json", head: Array("{\n  \"pins\" : [".utf8)))
    #expect(resolver.recognizes(fileName: "empty-Package.resolved", head: Array("{}".utf8)))
    #expect(resolver.recognizes(fileName: "Package.resolved", head: []))
    #expect(!resolver.recognizes(fileName: "package-lock.json", head: Array(#"{"name":"a"}"#.utf8)))
    #expect(!resolver.recognizes(fileName: "x.json", head: Array(#"{"a": "pins"}"#.utf8)))
  }

  @Test(
    "bad inputs fail with the file and the place",
    arguments: [
      ("bad/truncated.resolved", LineageError.Code.syntax, "truncated.resolved:6:"),
      ("bad/empty.resolved", .syntax, "empty.resolved:1:1"),
      ("bad/version4.resolved", .unsupportedVersion, "version4.resolved:$.version"),
      ("bad/missing-location.resolved", .schema, "missing-location.resolved:$.pins[1].location"),
      ("bad/wrong-kind.resolved", .schema, "wrong-kind.resolved:$.pins[0].kind"),
    ])
  func badInputs(path: String, code: LineageError.Code, place: String) throws {
    do {
      _ = try SwiftPMFixtures.resolveFile(path)
      Issue.record("expected an error for \(path)")
    } catch let error as LineageError {
      #expect(error.code == code)
      #expect(error.description.contains("bad/" + place), "\(error)")
    }
  }

  @Test("version 4 names the supported versions")
  func unsupportedVersionMessage() throws {
    #expect {
      _ = try SwiftPMFixtures.resolveFile("bad/version4.resolved")
    } throws: { error in
      "\(error)".contains("supported versions: 1, 2, 3")
    }
  }
}
