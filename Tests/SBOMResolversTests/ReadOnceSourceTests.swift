import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("Read-once file source")
struct ReadOnceSourceTests {
  @Test("the file read already comes from its bytes, every other path from the wrapped source")
  func readsThroughForOtherPaths() throws {
    let base = MemorySource(
      displayRoot: "root", texts: ["a/pnpm-lock.yaml": "on disk", "a/package.json": "{}"])
    let source = ReadOnceSource(base: base, path: "a/pnpm-lock.yaml", bytes: Array("read".utf8))
    #expect(try source.read("a/pnpm-lock.yaml") == Array("read".utf8))
    #expect(try source.read("a/package.json") == Array("{}".utf8))
    #expect(throws: LineageError.self) { try source.read("a/missing") }
    #expect(source.displayRoot == "root")
    #expect(source.displayPath("a/package.json") == "root/a/package.json")
    #expect(source.isFile("a/package.json") && source.isDirectory("a"))
    #expect(source.list("a") == base.list("a"))
  }

  @Test("a file given directly is scanned from the one read Scanner made")
  func scannerPassesTheReadBytesOn() throws {
    let lockfile = """
      lockfileVersion: '9.0'
      importers:
        .:
          dependencies:
            a:
              specifier: ^1.0.0
              version: 1.0.0
      packages:
        a@1.0.0:
          resolution: {integrity: sha512-AAAA}
      snapshots:
        a@1.0.0: {}

      """
    let source = MemorySource(texts: ["pnpm-lock.yaml": lockfile])
    let graph = try Scanner.scan(source: source, file: "pnpm-lock.yaml", options: ScanOptions())
    #expect(graph.components.contains { $0.name == "a" && $0.version == "1.0.0" })
  }
}
