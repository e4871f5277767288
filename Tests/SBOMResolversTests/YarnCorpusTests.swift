import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Every yarn.lock of the shared corpus, checked against a deliberately simple reading of the
/// same file.
///
/// Rule for the expected set: every entry contributes (name, version), the name taken from the
/// resolution (berry) or from the key, following an `npm:` alias (classic); entries resolved
/// through `workspace:`, `link:` or `portal:` are projects, not installed packages, and are left
/// out on both sides (the graph side drops roots and components with a path origin).
@Suite("yarn.lock corpus")
struct YarnCorpusTests {
  static let files: [String] =
    (try? TestPaths.corpusFiles { $0 == "yarn" || $0 == "pairs:yarn" }) ?? []

  static func resolve(_ relative: String) throws -> Graph {
    let url = TestPaths.corpus.appendingPathComponent(relative)
    let source = try DirectorySource(root: url.deletingLastPathComponent().path)
    return try YarnLockResolver().resolve(
      input: url.lastPathComponent, in: source, options: ScanOptions())
  }

  struct Expected {
    var packages: Set<String> = []
    var integrity: [String: String] = [:]
  }

  /// The simple reading: key or resolution, version, integrity; nothing else.
  static func expected(_ relative: String) throws -> Expected {
    let text = try String(
      contentsOf: TestPaths.corpus.appendingPathComponent(relative), encoding: .utf8)
    var out = Expected()
    var name: String?
    var version: String?
    var integrity: String?
    var skip = false
    func flush() {
      if let name, let version, !skip {
        out.packages.insert("\(name)@\(version)")
        if let integrity { out.integrity["\(name)@\(version)"] = integrity }
      }
      name = nil
      version = nil
      integrity = nil
      skip = false
    }
    func unquote(_ s: Substring) -> String {
      var t = String(s).trimmingWhitespace()
      if t.hasPrefix("\"") && t.hasSuffix("\"") && t.count >= 2 {
        t = String(t.dropFirst().dropLast())
      }
      return t
    }
    func nameOf(_ descriptor: String) -> String {
      let scoped = descriptor.hasPrefix("@")
      let body = scoped ? descriptor.dropFirst() : Substring(descriptor)
      let at = body.firstIndex(of: "@") ?? body.endIndex
      return (scoped ? "@" : "") + body[..<at]
    }
    let berry = text.contains("\n__metadata:")
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty || line.hasPrefix("#") { continue }
      if !line.hasPrefix(" ") {
        flush()
        if !berry {
          let first = unquote(line.dropLast().split(separator: ",")[0])
          name = nameOf(first)
          let range = first.dropFirst(nameOf(first).count + 1)
          if range.hasPrefix("npm:") && range.dropFirst(4).contains("@") {
            name = nameOf(String(range.dropFirst(4)))
          }
        }
        continue
      }
      let field = line.trimmingPrefix(while: { $0 == " " })
      if line.hasPrefix("    ") { continue }
      if berry, field.hasPrefix("resolution: ") {
        let resolution = unquote(field.dropFirst("resolution: ".count))
        name = nameOf(resolution)
        let reference = resolution.dropFirst(name?.count ?? 0).dropFirst()
        skip = ["workspace:", "link:", "portal:"].contains { reference.hasPrefix($0) }
      } else if field.hasPrefix("version") || field.hasPrefix("\"version\"") {
        version = unquote(field.split(separator: " ", maxSplits: 1).last ?? "")
        if berry { version = unquote(field.dropFirst("version:".count)) }
      } else if field.hasPrefix("integrity") || field.hasPrefix("\"integrity\"") {
        integrity = unquote(field.split(separator: " ", maxSplits: 1).last ?? "")
      }
    }
    flush()
    return out
  }

  static func installed(_ graph: Graph) -> Set<String> {
    Set(
      graph.packages.filter {
        if case .path = $0.origin { return false }
        return true
      }.map { "\($0.displayName)@\($0.version ?? "-")" })
  }

  @Test("the corpus has yarn inputs")
  func corpusPresent() {
    #expect(Self.files.count >= 10)
  }

  @Test(
    "every corpus yarn.lock installs exactly the packages a simple reading finds", arguments: files)
  func packageSets(_ file: String) throws {
    let graph = try Self.resolve(file)
    let expected = try Self.expected(file)
    let actual = Self.installed(graph)
    #expect(actual.subtracting(expected.packages).sorted().prefix(10) == [], "\(file)")
    #expect(expected.packages.subtracting(actual).sorted().prefix(10) == [], "\(file)")
  }

  @Test("every integrity in a corpus yarn.lock becomes a hex hash", arguments: files)
  func integrityHashes(_ file: String) throws {
    let graph = try Self.resolve(file)
    let expected = try Self.expected(file)
    var byLabel: [String: [Hash]] = [:]
    for c in graph.packages {
      byLabel["\(c.displayName)@\(c.version ?? "-")", default: []] += c.hashes
    }
    var missing: [String] = []
    for (label, sri) in expected.integrity {
      let want = Hash.fromSubresourceIntegrity(sri)
      if want.isEmpty || !want.allSatisfy({ byLabel[label, default: []].contains($0) }) {
        missing.append(label)
      }
    }
    #expect(missing.sorted().prefix(10) == [], "\(file)")
  }

  @Test("berry checksums are properties, never hashes", arguments: files)
  func berryChecksums(_ file: String) throws {
    let graph = try Self.resolve(file)
    if graph.metadata.inputFormat?.contains("berry") == true {
      #expect(graph.packages.allSatisfy { $0.hashes.isEmpty })
      #expect(graph.packages.contains { $0.property("lineage:yarn:checksum") != nil })
    }
  }

  @Test("every edge of a corpus yarn.lock joins two components of the graph", arguments: files)
  func edgesClosed(_ file: String) throws {
    let graph = try Self.resolve(file)
    #expect(graph.edges.allSatisfy { graph[$0.from] != nil && graph[$0.to] != nil })
    #expect(graph.edges.count > graph.packages.count / 2)
  }

  @Test("babel's move from classic to berry keeps most packages and explodes nothing")
  func babelMigration() throws {
    let old = try Self.resolve("pairs/babel-yarn-v1-to-berry/old/yarn.lock")
    let new = try Self.resolve("pairs/babel-yarn-v1-to-berry/new/yarn.lock")
    let (a, b) = (Self.installed(old), Self.installed(new))
    #expect(a.intersection(b).count * 10 > min(a.count, b.count) * 7)
    #expect(new.roots.count > 1)
  }

  @Test("a corpus folder holding a differently named lockfile is scanned by content")
  func folderScan() throws {
    let folder = TestPaths.corpus.appendingPathComponent("yarn/cdxgen-yarn-multi")
    let graph = try Scanner.scan(
      source: try DirectorySource(root: folder.path), options: ScanOptions())
    #expect(graph.packages.count > 100)
    let pnpm = TestPaths.corpus.appendingPathComponent("pnpm/cdxgen-bytemd-6.0")
    #expect(
      try Scanner.scan(source: try DirectorySource(root: pnpm.path), options: ScanOptions())
        .packages.count > 100)
  }
}
