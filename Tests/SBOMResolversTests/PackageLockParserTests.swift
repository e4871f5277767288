import LineageJSON
import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("package-lock parser")
struct PackageLockParserTests {
  static func parse(_ text: String) throws -> PackageLock {
    try PackageLockParser.parse(Array(text.utf8), file: "package-lock.json")
  }

  @Test("v2/v3 entries keep their folder, install name, flags and declared dependencies")
  func packagesEntries() throws {
    let lock = try Self.parse(
      """
      {"lockfileVersion": 3, "packages": {
        "": {"name": "root", "dependencies": {"a": "^1"}},
        "node_modules/@s/a-cjs": {"name": "@s/a", "version": "1.0.0", "dev": true,
          "dependencies": {"b": "^2"}, "devDependencies": {"ignored": "*"},
          "peerDependencies": {"p": "*"}, "peerDependenciesMeta": {"p": {"optional": true}}},
        "packages/ws": {"version": "0.1.0", "devDependencies": {"t": "*"}},
        "node_modules/ws": {"resolved": "packages/ws", "link": true}
      }}
      """)
    #expect(lock.rootManifest?.name == "root")
    #expect(lock.entries.count == 3)
    let a = lock.entries[0]
    #expect(a.path == "node_modules/@s/a-cjs")
    #expect(a.installName == "@s/a-cjs")
    #expect(a.name == "@s/a")
    #expect(a.scope == .dev)
    #expect(
      a.dependencies.map(\.name) == ["b", "p"],
      "devDependencies of installed packages are not edges")
    #expect(a.optionalPeers == ["p"])
    #expect(a.jsonPath == #"$.packages["node_modules/@s/a-cjs"]"#)
    #expect(lock.entries[1].dependencies.map(\.kind) == [.devDependsOn])
    #expect(lock.entries[2].link)
  }

  @Test("v1 nesting becomes node_modules folders, and v1 version specs are read")
  func nestedEntries() throws {
    let lock = try Self.parse(
      """
      {"lockfileVersion": 1, "dependencies": {
        "a": {"version": "1.0.0", "requires": {"b": "^2"},
              "dependencies": {"b": {"version": "2.0.0", "bundled": true}}},
        "al": {"version": "npm:@s/real@3.0.0"},
        "g": {"version": "github:o/r#0123456789abcdef0123456789abcdef01234567"},
        "t": {"version": "https://example.com/t.tgz"}
      }}
      """)
    #expect(
      lock.entries.map(\.path) == [
        "node_modules/a", "node_modules/a/node_modules/b", "node_modules/al", "node_modules/g",
        "node_modules/t",
      ])
    #expect(lock.entries[0].dependencies.map(\.name) == ["b"])
    #expect(lock.entries[1].inBundle)
    #expect(lock.entries[1].jsonPath == #"$.dependencies["a"].dependencies["b"]"#)
    #expect(lock.entries[2].name == "@s/real")
    #expect(lock.entries[2].version == "3.0.0")
    #expect(lock.entries[3].version == "0123456789abcdef0123456789abcdef01234567")
    #expect(lock.entries[3].resolved?.hasPrefix("github:") == true)
    #expect(lock.entries[4].version == nil)
    #expect(lock.entries[4].resolved == "https://example.com/t.tgz")
  }

  @Test("install names and node_modules membership come from the path")
  func paths() {
    #expect(PackageLockParser.installName(of: "node_modules/a/node_modules/@s/b") == "@s/b")
    #expect(PackageLockParser.installName(of: "packages/web") == "web")
    #expect(PackageLockParser.installName(of: "docs") == "docs")
    #expect(PackageLockParser.isUnderNodeModules("node_modules/x"))
    #expect(PackageLockParser.isUnderNodeModules("apps/a/node_modules/x"))
    #expect(!PackageLockParser.isUnderNodeModules("packages/my_node_modules/x"))
    #expect(PackageLockParser.normalizedKey("./packages\\a") == "packages/a")
  }

  @Test("a lockfile that is not an object, or a version that is not a number, is a schema error")
  func schema() throws {
    #expect(throws: LineageError.self) { try Self.parse("[]") }
    let error = try #require(throws: LineageError.self) {
      try Self.parse(#"{"lockfileVersion": "3"}"#)
    }
    #expect(error.code == .schema)
    #expect(error.location?.jsonPath == "$.lockfileVersion")
  }

  @Test("read in one pass as a tree reader reads: first member wins, null is absent")
  func treeSemantics() throws {
    let lock = try Self.parse(
      """
      {"name": "first", "name": "second", "lockfileVersion": 2,
       "dependencies": {"zz": {"version": "9.9.9"}},
       "packages": {"node_modules/a": {"version": "1.0.0", "version": "2.0.0", "dev": true,
         "dev": false, "dependencies": null}}}
      """)
    #expect(lock.name == "first")
    #expect(lock.entries.map(\.path) == ["node_modules/a"])  // `packages` wins over v1 entries
    #expect(lock.entries.first?.version == "1.0.0")
    #expect(lock.entries.first?.dev == true)
    let v1 = try Self.parse(#"{"packages": null, "dependencies": {"a": {"version": "1.0.0"}}}"#)
    #expect(v1.entries.map(\.path) == ["node_modules/a"])
  }

  @Test("a JSON syntax error anywhere wins over a schema error before it")
  func syntaxErrorWins() {
    do {
      _ = try Self.parse(#"{"lockfileVersion": 3, "packages": {"node_modules/a": 5}, "x": [1,}"#)
      Issue.record("expected an error")
    } catch let error as LineageError {
      #expect(error.code == .syntax)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
