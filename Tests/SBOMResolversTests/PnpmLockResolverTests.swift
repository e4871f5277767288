import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

@Suite("pnpm-lock.yaml resolver")
struct PnpmLockResolverTests {
  @Test(
    "5.4 (no importers), 6.0 (workspace) and 9.0 (multi-document) fixtures match their goldens",
    arguments: ["v5", "v6", "v9"])
  func goldens(_ version: String) throws {
    let graph = try NodeFixtures.scan("pnpm/\(version)/pnpm-lock.yaml")
    try Golden.check(GraphDump.text(graph), against: "goldens/pnpm/\(version).txt")
  }

  @Test("peer suffixes are followed exactly and peer edges are typed")
  func peers() throws {
    let graph = try NodeFixtures.scan("pnpm/v5/pnpm-lock.yaml")
    let dom = try #require(NodeFixtures.component(graph, "react-dom@18.2.0"))
    let react = try #require(NodeFixtures.component(graph, "react@18.2.0"))
    #expect(
      graph.edges.contains { $0.from == dom.id && $0.to == react.id && $0.kind == .peerDependsOn })
    #expect(dom.purl?.description == "pkg:npm/react-dom@18.2.0")
  }

  @Test("dev, optional and dev-optional scopes follow importer sections")
  func scopes() throws {
    let v5 = try NodeFixtures.scan("pnpm/v5/pnpm-lock.yaml")
    #expect(NodeFixtures.component(v5, "typescript@4.9.5")?.scope == .dev)
    #expect(NodeFixtures.component(v5, "fsevents@2.3.2")?.scope == .optional)
    #expect(NodeFixtures.component(v5, "react@18.2.0")?.scope == .required)
    let v6 = try NodeFixtures.scan("pnpm/v6/pnpm-lock.yaml")
    #expect(NodeFixtures.component(v6, "fsevents@2.3.3")?.scope == .devOptional)
    #expect(NodeFixtures.component(v6, "string-width@4.2.3")?.scope == .required)
    let prod = try NodeFixtures.scan(
      "pnpm/v6/pnpm-lock.yaml", options: ScanOptions(excludeDev: true))
    #expect(NodeFixtures.component(prod, "vitest@1.0.4") == nil)
    #expect(NodeFixtures.component(prod, "fsevents@2.3.3") == nil)
    #expect(NodeFixtures.component(prod, "string-width@4.2.3") != nil)
  }

  @Test("importers are roots, links between them are edges, a missing link target warns")
  func importers() throws {
    let graph = try NodeFixtures.scan("pnpm/v6/pnpm-lock.yaml")
    #expect(graph.roots.count == 2)
    #expect(graph.primaryRoot?.name == "six")
    let ui = try #require(graph.components.first { $0.displayName == "@six/ui" })
    #expect(graph.roots.contains(ui.id))
    #expect(graph.edges.contains { $0.from == graph.roots[0] && $0.to == ui.id })
    #expect(
      graph.diagnostics.contains { $0.message.contains("missing-dir links to packages/missing") })
  }

  @Test("aliases name the real package; the alias is a property")
  func aliases() throws {
    let v9 = try NodeFixtures.scan("pnpm/v9/pnpm-lock.yaml")
    let obug = try #require(NodeFixtures.component(v9, "obug@1.0.2"))
    #expect(obug.property("lineage:npm:alias") == "debug")
    let v6 = try NodeFixtures.scan("pnpm/v6/pnpm-lock.yaml")
    #expect(
      NodeFixtures.component(v6, "string-width@4.2.3")?.property("lineage:npm:alias")
        == "string-width-cjs")
  }

  @Test("the package manager's own document is not the project's")
  func multiDocument() throws {
    let graph = try NodeFixtures.scan("pnpm/v9/pnpm-lock.yaml")
    #expect(NodeFixtures.component(graph, "pnpm@10.12.0") == nil)
    #expect(NodeFixtures.component(graph, "ms@2.1.3") != nil)
  }

  @Test("file: directories keep a path origin; codeload tarballs become git origins")
  func sources() throws {
    let graph = try NodeFixtures.scan("pnpm/v9/pnpm-lock.yaml")
    let local = try #require(graph.packages.first { $0.name == "local-dep" })
    #expect(local.origin == .path("local-dep"))
    let tool = try #require(NodeFixtures.component(graph, "tool@0.1.0"))
    #expect(
      tool.origin
        == .git(
          url: "https://github.com/acme/tool", revision: "0123456789abcdef0123456789abcdef01234567",
          reference: nil))
    #expect(
      NodeFixtures.component(graph, "ms@2.1.3")?.property("lineage:pnpm:patch-hash") == "abc123")
    #expect(NodeFixtures.component(graph, "obug@1.0.2")?.property("lineage:pnpm:patch-hash") == nil)
  }

  @Test("integrity becomes a hex SHA-512")
  func integrity() throws {
    let graph = try NodeFixtures.scan("pnpm/v5/pnpm-lock.yaml")
    let hash = try #require(NodeFixtures.component(graph, "js-tokens@4.0.0")?.hashes.first)
    #expect(hash.algorithm == .sha512)
    #expect(hash.value.hasPrefix("030405"))
  }

  @Test("an unknown lockfileVersion is an error naming the supported ones")
  func unknownVersion() {
    let source = MemorySource(texts: ["pnpm-lock.yaml": "lockfileVersion: '42.0'\n"])
    do {
      _ = try PnpmLockResolver().resolve(
        input: "pnpm-lock.yaml", in: source, options: ScanOptions())
      Issue.record("expected an error")
    } catch let error as LineageError {
      #expect(error.code == .unsupportedVersion)
      #expect(error.message.contains("9.x"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("pnpm lockfiles are recognised by name and by content")
  func recognition() {
    let resolver = PnpmLockResolver()
    #expect(resolver.recognizes(fileName: "bytemd-pnpm-lock.yaml", head: []))
    #expect(
      resolver.recognizes(
        fileName: "lock.yaml", head: Array("lockfileVersion: '9.0'\n\nimporters:\n".utf8)))
    #expect(!resolver.recognizes(fileName: "config.yaml", head: Array("name: x\n".utf8)))
  }
}
