import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Resolves a lockfile under `Fixtures/npm/<folder>`.
func resolveNpmFixture(
  _ folder: String, file: String = "package-lock.json", options: ScanOptions = ScanOptions()
) throws -> Graph {
  let root = TestPaths.fixtures.appendingPathComponent("npm/\(folder)").path
  let source = try DirectorySource(root: root, displayRoot: folder)
  return try NpmLockResolver().resolve(input: file, in: source, options: options)
}

func npmLabel(_ graph: Graph, _ id: ComponentID) -> String {
  guard let c = graph[id] else { return id.rawValue }
  return "\(c.displayName)@\(c.version ?? "")"
}

@Suite("npm lockfile resolver")
struct NpmLockResolverTests {
  @Test(
    "each fixture resolves to its golden graph",
    arguments: [
      ("v1-nested", "package-lock.json"), ("v1-inferred", "package-lock.json"),
      ("v3-scopes", "package-lock.json"), ("v3-workspaces", "package-lock.json"),
      ("shrinkwrap", "npm-shrinkwrap.json"),
    ])
  func fixtureGolden(folder: String, file: String) throws {
    let graph = try resolveNpmFixture(folder, file: file)
    try Golden.check(GraphDump.text(graph), against: "goldens/npm/\(folder).txt")
  }

  @Test("a folder is scanned through its shrinkwrap before its package lock")
  func detectsShrinkwrapFirst() {
    let source = MemorySource(texts: ["package-lock.json": "{}", "npm-shrinkwrap.json": "{}"])
    #expect(
      NpmLockResolver().detect(in: source, directory: "") == [
        "npm-shrinkwrap.json", "package-lock.json",
      ])
  }

  @Test("a lockfile under another name is recognised by its content")
  func recognisesByContent() {
    let resolver = NpmLockResolver()
    let head = Array("{\n  \"name\": \"x\",\n  \"lockfileVersion\": 2,".utf8)
    #expect(resolver.recognizes(fileName: "package-lock-v2.json", head: head))
    #expect(resolver.recognizes(fileName: "npm-shrinkwrap.json", head: []))
    #expect(!resolver.recognizes(fileName: "sbom.cdx.json", head: Array("{\"bomFormat\":1}".utf8)))
    #expect(
      !resolver.recognizes(fileName: "pnpm-lock.yaml", head: Array("lockfileVersion: '9.0'".utf8)))
  }

  @Test("the same name at two versions stays two components, each with its own edges")
  func nestedDuplicates() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let edges = Set(graph.edges.map { "\(npmLabel(graph, $0.from)) -> \(npmLabel(graph, $0.to))" })
    #expect(edges.contains("a@1.2.0 -> b@1.5.0"))
    #expect(edges.contains("scopes-app@2.0.0 -> b@2.1.0"))
    #expect(edges.contains("b@1.5.0 -> c@1.0.1"))
    #expect(edges.contains("devtool@1.4.0 -> c@2.0.0"))
    #expect(!edges.contains("devtool@1.4.0 -> c@1.0.1"))
    #expect(edges.contains("c@1.0.1 -> a@1.2.0"), "cycles are kept")
  }

  @Test("flags become component scopes and declarations become edge kinds")
  func scopes() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    func scope(_ name: String) -> Component.Scope? {
      graph.components.first { $0.name == name }?.scope
    }
    #expect(scope("devtool") == .dev)
    #expect(scope("native") == .dev)
    #expect(scope("helper") == .devOptional)
    #expect(scope("fsevents") == .optional)
    #expect(scope("react") == .peer)
    #expect(scope("a") == .required)
    let kinds = Dictionary(
      graph.edges.map { ("\(npmLabel(graph, $0.from))>\(npmLabel(graph, $0.to))", $0.kind) },
      uniquingKeysWith: { a, _ in a })
    #expect(kinds["scopes-app@2.0.0>devtool@1.4.0"] == .devDependsOn)
    #expect(kinds["scopes-app@2.0.0>fsevents@2.3.3"] == .optionalDependsOn)
    #expect(kinds["scopes-app@2.0.0>react@18.2.0"] == .peerDependsOn)
    #expect(kinds["devtool@1.4.0>native@1.0.0"] == .optionalDependsOn)
  }

  @Test(
    "excluding dev drops dev-only packages but keeps dev-optional ones a runtime optional needs")
  func excludeDev() throws {
    let graph = try resolveNpmFixture("v3-scopes").excludingDevelopmentOnly()
    let names = Set(graph.components.map(\.name))
    #expect(!names.contains("devtool"))
    #expect(!names.contains("native"))
    #expect(!names.contains("bundled-x"))
    #expect(names.contains("helper"), "fsevents (optional, runtime) needs helper")
    #expect(names.contains("fsevents"))
    #expect(graph.components.contains { $0.name == "c" && $0.version == "1.0.1" })
    #expect(!graph.components.contains { $0.name == "c" && $0.version == "2.0.0" })
  }

  @Test("aliases keep the real name in the purl and the alias as a property")
  func aliases() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let b = try #require(graph.components.first { $0.name == "b" && $0.version == "2.1.0" })
    #expect(b.purl?.name == "b")
    #expect(b.property("lineage:npm:alias") == "b-alias")
    let v1 = try resolveNpmFixture("v1-nested")
    let c = try #require(v1.components.first { $0.name == "c" && $0.version == "1.1.0" })
    #expect(c.property("lineage:npm:alias") == "my-c")
  }

  @Test(
    "git and tarball dependencies carry vcs_url and download_url, and a git origin with the commit")
  func gitAndTarball() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let git = try #require(graph.components.first { $0.name == "gitdep" })
    #expect(
      git.origin
        == .git(
          url: "https://github.com/acme/gitdep",
          revision: "0123456789abcdef0123456789abcdef01234567", reference: nil))
    #expect(
      git.purl?.qualifiers["vcs_url"]
        == "git+https://github.com/acme/gitdep@0123456789abcdef0123456789abcdef01234567")
    let tar = try #require(graph.components.first { $0.name == "tar" })
    #expect(tar.origin == .download(url: "https://example.com/files/tar-3.1.0.tgz"))
    #expect(tar.purl?.qualifiers["download_url"] == "https://example.com/files/tar-3.1.0.tgz")
    #expect(tar.hashes.first?.algorithm == .sha256)
  }

  @Test("a package from a non-default registry keeps its registry as origin and property")
  func customRegistry() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let p = try #require(graph.components.first { $0.name == "private" })
    #expect(p.namespace == "@corp")
    #expect(p.origin == .registry(url: "https://npm.corp.example/api/npm"))
    #expect(p.property("lineage:npm:registry") == "https://npm.corp.example/api/npm")
    #expect(p.hashes.map(\.algorithm) == [.sha1])
    let a = try #require(graph.components.first { $0.name == "a" })
    #expect(a.origin == .registry(url: "https://registry.npmjs.org"))
    #expect(a.property("lineage:npm:registry") == nil)
  }

  @Test("bundled packages are marked")
  func bundled() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let x = try #require(graph.components.first { $0.name == "bundled-x" })
    #expect(x.property("lineage:npm:bundled") == "true")
  }

  @Test("workspaces are applications the root depends on; links keep a path origin")
  func workspaces() throws {
    let graph = try resolveNpmFixture("v3-workspaces")
    let web = try #require(graph.components.first { $0.displayName == "@acme/web" })
    #expect(web.kind == .application)
    #expect(web.origin == .path("packages/web"))
    let tools = try #require(graph.components.first { $0.displayName == "@acme/tools" })
    #expect(tools.kind == .application, "named by the link that points at it")
    let lib = try #require(graph.components.first { $0.name == "local-lib" })
    #expect(lib.kind == .library)
    #expect(lib.origin == .path("vendor/local-lib"))
    let edges = Set(
      graph.edges.map { "\(npmLabel(graph, $0.from)) \($0.kind) \(npmLabel(graph, $0.to))" })
    #expect(edges.contains("@acme/mono@1.0.0 dependsOn @acme/web@0.1.0"))
    #expect(edges.contains("@acme/mono@1.0.0 devDependsOn @acme/tools@0.0.1"))
    #expect(edges.contains("@acme/web@0.1.0 dependsOn shared@2.0.0"))
    #expect(edges.contains("local-lib@0.0.0 dependsOn shared@1.0.0"))
    #expect(edges.contains("@acme/tools@0.0.1 devDependsOn lodash@4.17.21"))
  }

  @Test("a link whose target is missing is a warning, not an error")
  func missingLinkTarget() throws {
    let graph = try resolveNpmFixture("v3-workspaces")
    let warnings = graph.diagnostics.map(\.description)
    #expect(
      warnings.contains {
        $0.contains("node_modules/@acme/gone points to packages/gone")
          && $0.contains("v3-workspaces/package-lock.json:$.packages[\"node_modules/@acme/gone\"]")
      })
    #expect(!graph.edgesComplete)
  }

  @Test("a missing required dependency is a warning; optional peers are expected to be absent")
  func missingDependencies() throws {
    let graph = try resolveNpmFixture("v3-scopes")
    let messages = graph.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("needs peer dependency missing-peer (*)") })
    #expect(!messages.contains { $0.contains("react-dom") })
  }

  @Test("the root is named by package.json, then the lockfile, then the folder")
  func rootIdentity() throws {
    let withManifest = try resolveNpmFixture("v1-nested")
    #expect(withManifest.primaryRoot?.purl?.description == "pkg:npm/v1-app@1.0.0")
    #expect(withManifest.primaryRoot?.kind == .application)
    let source = MemorySource(
      displayRoot: "/tmp/my-project",
      texts: ["package-lock.json": #"{"lockfileVersion": 3, "packages": {"": {}}}"#])
    let bare = try NpmLockResolver().resolve(
      input: "package-lock.json", in: source, options: ScanOptions())
    #expect(bare.primaryRoot?.name == "my-project")
    #expect(bare.primaryRoot?.version == nil)
    let overridden = try NpmLockResolver().resolve(
      input: "package-lock.json", in: source, options: ScanOptions(sourceVersion: "9.9.9"))
    #expect(overridden.primaryRoot?.version == "9.9.9")
  }

  @Test(
    "lockfile v1 without package.json roots the top-level packages nothing requires, and says so")
  func inferredRoot() throws {
    let graph = try resolveNpmFixture("v1-inferred")
    #expect(!graph.edgesComplete)
    #expect(graph.diagnostics.contains { $0.severity == .note })
    let rootEdges = graph.edges.filter { $0.from == graph.roots.first }.map {
      npmLabel(graph, $0.to)
    }
    #expect(rootEdges.contains("a@1.0.0"))
    #expect(!rootEdges.contains("c@1.0.0"), "b@2.0.0 requires c")
  }

  @Test("merge-conflict markers give a one-line error naming file and line")
  func mergeConflict() throws {
    let text =
      "{\n  \"lockfileVersion\": 2,\n<<<<<<< HEAD\n  \"name\": \"a\"\n=======\n>>>>>>> b\n}\n"
    let source = MemorySource(displayRoot: "proj", texts: ["package-lock.json": text])
    let error = try #require(throws: LineageError.self) {
      try NpmLockResolver().resolve(input: "package-lock.json", in: source, options: ScanOptions())
    }
    #expect(error.code == .syntax)
    #expect(error.location == SourceLocation(file: "proj/package-lock.json", line: 3))
    #expect(error.message.contains("unresolved merge conflict marker"))
    #expect(!error.description.contains("\n"))
  }

  @Test("wrong types give schema errors with JSON paths")
  func schemaErrors() throws {
    let source = MemorySource(
      texts: ["package-lock.json": #"{"lockfileVersion": 3, "packages": {"node_modules/a": 5}}"#])
    let error = try #require(throws: LineageError.self) {
      try NpmLockResolver().resolve(input: "package-lock.json", in: source, options: ScanOptions())
    }
    #expect(error.code == .schema)
    #expect(error.location?.jsonPath == #"$.packages["node_modules/a"]"#)
    let bad = MemorySource(texts: ["package-lock.json": "{\"lockfileVersion\": 3,"])
    let syntax = try #require(throws: LineageError.self) {
      try NpmLockResolver().resolve(input: "package-lock.json", in: bad, options: ScanOptions())
    }
    #expect(syntax.code == .syntax)
    #expect(syntax.location?.line == 1)
  }

  @Test("a lockfileVersion other than 1, 2 or 3 is an error naming it")
  func unknownVersion() throws {
    let source = MemorySource(
      texts: ["package-lock.json": #"{"lockfileVersion": 4, "packages": {}}"#])
    let error = try #require(throws: LineageError.self) {
      try NpmLockResolver().resolve(input: "package-lock.json", in: source, options: ScanOptions())
    }
    #expect(error.code == .unsupportedVersion)
    #expect(error.message.contains("lockfileVersion 4"))
    #expect(error.location?.jsonPath == "$.lockfileVersion")
  }

  @Test(
    "an unreadable package.json beside the lockfile is a warning, and the lockfile names the root")
  func brokenPackageJSON() throws {
    let source = MemorySource(
      displayRoot: "proj",
      texts: [
        "package-lock.json": #"{"name": "from-lock", "lockfileVersion": 3, "packages": {}}"#,
        "package.json": "{ nope",
      ])
    let graph = try NpmLockResolver().resolve(
      input: "package-lock.json", in: source, options: ScanOptions())
    #expect(graph.primaryRoot?.name == "from-lock")
    #expect(
      graph.diagnostics.map(\.description) == [
        "proj/package.json: warning: package.json beside the lockfile is not a JSON object; ignored"
      ])
  }
}
