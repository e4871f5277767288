import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// The event reader must read exactly what the tree reader reads: same importers, snapshots
/// and package metadata, over every corpus lockfile and over the YAML corners (duplicate keys,
/// nulls, non-scalar keys, several documents) where a careless stream reader would differ.
@Suite("pnpm-lock.yaml event reader")
struct PnpmLockStreamReaderTests {
  static let files: [String] =
    (try? TestPaths.corpusFiles { $0 == "pnpm" || $0 == "pairs:pnpm" }) ?? []

  /// A deterministic text of everything a lockfile holds.
  static func dump(_ lockfile: PnpmLockfile) -> String {
    var lines = ["\(lockfile.version) \(lockfile.layout) \(lockfile.skippedPackageManagerDocument)"]
    for i in lockfile.importers {
      lines.append("importer \(i.path) \(i.line)")
      for d in i.dependencies {
        lines.append("  \(d.name) \(d.reference) \(d.specifier ?? "-") \(d.kind)")
      }
    }
    for s in lockfile.snapshots {
      lines.append("snapshot \(s.key) \(s.line) \(String(describing: s.dev)) \(s.optional)")
      for d in s.dependencies { lines.append("  \(d.name) \(d.reference) \(d.kind)") }
    }
    for key in lockfile.snapshotIndex.keys.sorted() {
      lines.append("index \(key) \(lockfile.snapshotIndex[key] ?? -1)")
    }
    for key in lockfile.packages.keys.sorted() {
      guard let p = lockfile.packages[key] else { continue }
      let fields = [p.name, p.version, p.integrity, p.tarball, p.gitRepository, p.gitCommit]
      lines.append(
        "package \(key) \(fields.map { $0 ?? "-" }) \(p.directory ?? "-") "
          + p.peerNames.sorted().joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }

  static func compare(_ bytes: [UInt8]) throws {
    let parser = PnpmLockParser(file: "pnpm-lock.yaml")
    let streamed = try parser.assemble(
      PnpmLockStreamReader(file: "pnpm-lock.yaml").documents(bytes))
    #expect(dump(streamed) == dump(try parser.parseTree(bytes)))
  }

  @Test("reads every corpus lockfile as the tree reader does", arguments: files)
  func corpus(_ relative: String) throws {
    let url = TestPaths.corpus.appendingPathComponent(relative)
    try Self.compare(Array(try Data(contentsOf: url)))
  }

  @Test("takes the first of a looked-up key and every pair of an iterated mapping")
  func duplicatesAndNulls() throws {
    let text = """
      lockfileVersion: '6.0'
      lockfileVersion: '9.0'
      dependencies:
        a:
          specifier: ^1
          version: 1.0.0
          version: 2.0.0
        b: ~
        c: [1, 2]
      dependencies:
        z: {specifier: x, version: 9.9.9}
      packages:
        /a@1.0.0:
          resolution: {integrity: sha512-AAAA, tarball: ~}
          dependencies:
            b: 1.0.0
            ? [complex]
            : 1.0.0
          dependencies:
            c: 2.0.0
            d: null
          dev: true
          dev: {x: 1}
          peerDependencies: {b: '*', e: '*'}
        ? {complex: key}
        : {}
        /b@1.0.0: ~
      packages:
        /ignored@1.0.0: {}

      """
    try Self.compare(Array(text.utf8))
  }

  @Test("skips a package manager's own document for the project's")
  func documents() throws {
    let text = """
      ---
      lockfileVersion: '9.0'
      importers:
        .:
          configDependencies:
            x: {specifier: '1', version: 1.0.0}
      ---
      - a sequence document
      ---
      lockfileVersion: '9.0'
      importers:
        .:
          dependencies:
            a: {specifier: ^1, version: 1.0.0}
          specifiers: {}
      packages:
        a@1.0.0: {resolution: {integrity: sha512-AAAA}}
      snapshots:
        a@1.0.0: {}

      """
    try Self.compare(Array(text.utf8))
    let lockfile = try PnpmLockParser(file: "p").parse(Array(text.utf8))
    #expect(lockfile.skippedPackageManagerDocument)
    #expect(lockfile.importers.first?.dependencies.map(\.name) == ["a"])
  }

  @Test("hands anchors and aliases to the tree reader")
  func anchors() throws {
    let text = """
      lockfileVersion: '6.0'
      dependencies:
        a: &v 1.0.0
        b: *v

      """
    #expect(throws: PnpmLockStreamReader.NeedsTree.self) {
      try PnpmLockStreamReader(file: "p").documents(Array(text.utf8))
    }
    let lockfile = try PnpmLockParser(file: "p").parse(Array(text.utf8))
    #expect(lockfile.importers.first?.dependencies.map(\.reference) == ["1.0.0", "1.0.0"])
  }

  @Test("refuses nesting deeper than the YAML limit, at its line")
  func nesting() throws {
    let text = "lockfileVersion: '6.0'\nx: " + String(repeating: "[", count: 300)
    let streamed = try #require(throws: LineageError.self) {
      try PnpmLockStreamReader(file: "p").documents(Array(text.utf8))
    }
    let tree = try #require(throws: LineageError.self) {
      try PnpmLockParser(file: "p").parseTree(Array(text.utf8))
    }
    #expect(streamed == tree)
    #expect(streamed.code == .limitExceeded && streamed.location?.line == 2)
  }
}
