import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

@Suite("yarn.lock resolver")
struct YarnLockResolverTests {
  @Test("a classic lockfile with package.json matches its golden")
  func classicGolden() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    try Golden.check(GraphDump.text(graph), against: "goldens/yarn/classic.txt")
  }

  @Test("a berry lockfile with workspaces, patch, link and alias matches its golden")
  func berryGolden() throws {
    let graph = try NodeFixtures.scan("yarn/berry/yarn.lock")
    try Golden.check(GraphDump.text(graph), against: "goldens/yarn/berry.txt")
  }

  @Test("a headerless lockfile with quoted field names under another name is read by content")
  func headerlessQuoted() throws {
    let graph = try NodeFixtures.scan("yarn/classic-quoted/deps.lock")
    try Golden.check(GraphDump.text(graph), against: "goldens/yarn/classic-quoted.txt")
    #expect(NodeFixtures.labels(graph) == ["ansi-regex@5.0.1", "strip-ansi@6.0.1"])
  }

  @Test("dependencies link to the entry whose key lists the descriptor, not by name")
  func exactDescriptors() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    let edges = graph.edges.map {
      "\(graph[$0.from]?.version ?? "") -> \(graph[$0.to]?.displayName ?? "")@\(graph[$0.to]?.version ?? "")"
    }
    // strip-ansi asks for ansi-regex ^6 and gets 6.0.1; string-width asks for ^5 and gets 5.0.1.
    #expect(edges.contains("7.1.0 -> ansi-regex@6.0.1"))
    #expect(edges.contains("4.2.3 -> ansi-regex@5.0.1"))
    #expect(!edges.contains("7.1.0 -> ansi-regex@5.0.1"))
  }

  @Test("an alias names the real package and keeps the alias as a property")
  func alias() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    let c = try #require(NodeFixtures.component(graph, "string-width@4.2.3"))
    #expect(c.purl?.description == "pkg:npm/string-width@4.2.3")
    #expect(c.property("lineage:npm:alias") == "string-width-cjs")
  }

  @Test("git and codeload tarball sources become git origins with vcs_url")
  func gitSources() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    let sucrase = try #require(NodeFixtures.component(graph, "sucrase@3.36.0"))
    #expect(
      sucrase.origin
        == .git(
          url: "https://github.com/getsentry/sucrase",
          revision: "fd682f6129e507c00bb4e6319cc5d6b767e36061", reference: nil))
    #expect(sucrase.purl?.qualifiers["vcs_url"] != nil)
    let lerna = try #require(NodeFixtures.component(graph, "lerna-tool@1.0.0"))
    #expect(
      lerna.origin
        == .git(
          url: "https://github.com/acme/lerna-tool",
          revision: "ae87fff020c5ad00366878c14b749e8ee0a34145", reference: nil))
  }

  @Test("a package from another registry carries that registry")
  func otherRegistry() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    let c = try #require(NodeFixtures.component(graph, "ansi-regex@6.0.1"))
    #expect(c.origin == .registry(url: "https://npm.example.com"))
    #expect(c.purl?.qualifiers["repository_url"] == "https://npm.example.com")
    #expect(
      NodeFixtures.component(graph, "ansi-regex@5.0.1")?.origin
        == .registry(url: NodeResolvedSource.defaultRegistry))
  }

  @Test("package.json dev dependencies mark what only they reach, and --exclude-dev drops it")
  func devScopes() throws {
    let graph = try NodeFixtures.scan("yarn/classic/yarn.lock")
    #expect(NodeFixtures.component(graph, "@scope/devtool@2.0.3")?.scope == .dev)
    #expect(NodeFixtures.component(graph, "left-pad@1.3.0")?.scope == .required)
    #expect(NodeFixtures.component(graph, "fsevents@2.3.3")?.scope == .optional)
    #expect(NodeFixtures.component(graph, "strip-ansi@7.1.0")?.scope == .optional)
    let prod = try NodeFixtures.scan(
      "yarn/classic/yarn.lock", options: ScanOptions(excludeDev: true))
    #expect(NodeFixtures.component(prod, "@scope/devtool@2.0.3") == nil)
    #expect(NodeFixtures.component(prod, "left-pad@1.3.0") != nil)
  }

  @Test("berry checksums are a property, never a hash")
  func checksum() throws {
    let graph = try NodeFixtures.scan("yarn/berry/yarn.lock")
    let c = try #require(NodeFixtures.component(graph, "ansi-regex@5.0.1"))
    #expect(c.hashes.isEmpty)
    #expect(c.property("lineage:yarn:checksum")?.hasPrefix("10c0/") == true)
  }

  @Test("berry workspaces are roots with their own edges; a missing link target is a warning")
  func berryWorkspaces() throws {
    let graph = try NodeFixtures.scan("yarn/berry/yarn.lock")
    #expect(graph.roots.count == 2)
    #expect(graph.primaryRoot?.name == "berry-root")
    #expect(graph.primaryRoot?.version == "3.0.0")
    let lib = try #require(graph.components.first { $0.name == "lib" && $0.kind == .application })
    #expect(graph.edges.contains { $0.from == lib.id && graph[$0.to]?.name == "strip-ansi" })
    #expect(graph.diagnostics.contains { $0.message.contains("tools links to ./tools") })
    #expect(NodeFixtures.component(graph, "typescript@5.4.5")?.scope == .dev)
    #expect(
      NodeFixtures.component(graph, "typescript@5.4.5")?.property("lineage:yarn:patch") != nil)
  }

  @Test("a lockfile that is not a yarn.lock is an error with a line")
  func syntaxErrors() throws {
    let source = MemorySource(texts: [
      "yarn.lock": "# yarn lockfile v1\n\nfoo@^1:\n  version \"1.0.0\n"
    ])
    #expect(throws: LineageError.self) {
      _ = try YarnLockResolver().resolve(input: "yarn.lock", in: source, options: ScanOptions())
    }
    let conflict = MemorySource(texts: [
      "yarn.lock": "# yarn lockfile v1\n\n<<<<<<< HEAD\nfoo@^1:\n"
    ])
    do {
      _ = try YarnLockResolver().resolve(input: "yarn.lock", in: conflict, options: ScanOptions())
      Issue.record("expected an error")
    } catch let error as LineageError {
      #expect(error.location?.line == 3)
      #expect(error.message.contains("merge conflict"))
    }
  }

  @Test("yarn.lock files are recognised by name and by content")
  func recognition() {
    let resolver = YarnLockResolver()
    #expect(resolver.recognizes(fileName: "yarn.lock", head: []))
    #expect(
      resolver.recognizes(fileName: "yarn-multi.lock", head: Array("# yarn lockfile v1\n".utf8)))
    #expect(
      resolver.recognizes(fileName: "x.lock", head: Array("__metadata:\n  version: 6\n".utf8)))
    #expect(
      resolver.recognizes(fileName: "x.lock", head: Array("a@^1:\n  version \"1.0.0\"\n".utf8)))
    #expect(!resolver.recognizes(fileName: "Gemfile.lock", head: Array("GEM\n  remote: x\n".utf8)))
  }
}
