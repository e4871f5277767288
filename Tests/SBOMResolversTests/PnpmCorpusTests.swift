import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Every pnpm-lock.yaml of the shared corpus, checked against a deliberately simple, line-based
/// reading of the `packages:` section.
///
/// Rule for the expected set: every `packages` key contributes (name, version) — from its
/// `name:`/`version:` fields when it has them, else spelled in the key (`/name/1.0.0_peer` in
/// 5.x, `/name@1.0.0(peer)` in 6.x, `name@1.0.0` in 9.x). Keys and resolutions that are local
/// folders or files (`file:`, `link:`, `directory:`) are projects, not installed packages, and
/// are left out on both sides (the graph side drops roots and components with a path origin).
@Suite("pnpm-lock.yaml corpus")
struct PnpmCorpusTests {
  static let files: [String] =
    (try? TestPaths.corpusFiles { $0 == "pnpm" || $0 == "pairs:pnpm" }) ?? []

  static func resolve(_ relative: String) throws -> Graph {
    let url = TestPaths.corpus.appendingPathComponent(relative)
    let source = try DirectorySource(root: url.deletingLastPathComponent().path)
    return try PnpmLockResolver().resolve(
      input: url.lastPathComponent, in: source, options: ScanOptions())
  }

  struct Expected {
    var packages: Set<String> = []
    var integrity: [String: String] = [:]
  }

  static func expected(_ relative: String) throws -> Expected {
    let text = try String(
      contentsOf: TestPaths.corpus.appendingPathComponent(relative), encoding: .utf8)
    var out = Expected()
    var inPackages = false
    var key: String?
    var name: String?
    var version: String?
    var integrity: String?
    var local = false
    let v5 = text.contains("\nlockfileVersion: 5") || text.hasPrefix("lockfileVersion: 5")
    func strip(_ s: Substring) -> String {
      var t = String(s).trimmingWhitespace()
      if t.hasSuffix(":") { t.removeLast() }
      if (t.hasPrefix("'") && t.hasSuffix("'")) || (t.hasPrefix("\"") && t.hasSuffix("\"")) {
        t = String(t.dropFirst().dropLast())
      }
      return t
    }
    func flush() {
      defer { key = nil; name = nil; version = nil; integrity = nil; local = false }
      guard var k = key, !local, !k.hasPrefix("file:"), !k.hasPrefix("link:") else { return }
      if name == nil || version == nil {
        if k.contains("@file:") || k.contains("@link:") { return }
        if let paren = k.firstIndex(of: "(") { k = String(k[..<paren]) }
        if v5 {
          // 5.x: /name/version_peers or /@scope/name/version_peers
          guard k.hasPrefix("/") else { return }
          let parts = k.dropFirst().split(separator: "/")
          let n = k.hasPrefix("/@") ? 2 : 1
          guard parts.count > n else { return }
          name = name ?? parts.prefix(n).joined(separator: "/")
          version = version ?? String(parts[n].split(separator: "_")[0])
        } else {
          let body = k.hasPrefix("/") ? k.dropFirst() : Substring(k)
          let at = body.dropFirst().firstIndex(of: "@") ?? body.endIndex
          name = name ?? String(body[..<at])
          version = version ?? String(body[at...].dropFirst())
        }
      }
      if let name, let version {
        out.packages.insert("\(name)@\(version)")
        if let integrity { out.integrity["\(name)@\(version)"] = integrity }
      }
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if !line.hasPrefix(" ") {
        flush()
        inPackages = line.hasPrefix("packages:")
        continue
      }
      guard inPackages else { continue }
      if line.hasPrefix("  ") && !line.hasPrefix("   ") {
        flush()
        key = strip(line.hasSuffix(" {}") ? line.dropLast(3) : line)
        continue
      }
      let field = line.trimmingPrefix(while: { $0 == " " })
      if line.hasPrefix("    ") && !line.hasPrefix("     ") {
        if field.hasPrefix("name: ") { name = strip(field.dropFirst(6)) }
        if field.hasPrefix("version: ") { version = strip(field.dropFirst(9)) }
      }
      if field.hasPrefix("directory:") || field.contains("{directory:")
        || field.contains("tarball: file:")
        || field.contains("tarball: 'file:")
      {
        local = true
      }
      if let r = field.firstRange(of: "integrity: ") {
        integrity = String(field[r.upperBound...].prefix { $0 != "," && $0 != "}" && $0 != " " })
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

  @Test("the corpus has pnpm inputs")
  func corpusPresent() {
    #expect(Self.files.count >= 13)
  }

  @Test(
    "every corpus pnpm-lock.yaml installs exactly the packages a simple reading finds",
    arguments: files)
  func packageSets(_ file: String) throws {
    let graph = try Self.resolve(file)
    let expected = try Self.expected(file)
    let actual = Self.installed(graph)
    #expect(actual.subtracting(expected.packages).sorted().prefix(10) == [], "\(file)")
    #expect(expected.packages.subtracting(actual).sorted().prefix(10) == [], "\(file)")
    #expect(!expected.packages.isEmpty)
  }

  @Test("every integrity in a corpus pnpm-lock.yaml becomes a hex hash", arguments: files)
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
    #expect(!expected.integrity.isEmpty)
  }

  @Test("every dependency of a corpus pnpm-lock.yaml links to a package key", arguments: files)
  func edgesResolve(_ file: String) throws {
    let graph = try Self.resolve(file)
    #expect(!graph.diagnostics.contains { $0.message.contains("name no package key") }, "\(file)")
    #expect(graph.edges.allSatisfy { graph[$0.from] != nil && graph[$0.to] != nil })
  }

  @Test("the novu 5.3 and 5.4 lockfiles give the same graph")
  func novuFlipFlop() throws {
    // The same project folder name for both, as a checkout would have.
    func resolve(_ side: String) throws -> Graph {
      let bytes = try Data(
        contentsOf: TestPaths.corpus.appendingPathComponent(
          "pairs/novu-pnpm-5.3-5.4-flipflop/\(side)/pnpm-lock.yaml"))
      let source = MemorySource(displayRoot: "novu", files: ["pnpm-lock.yaml": Array(bytes)])
      return try PnpmLockResolver().resolve(
        input: "pnpm-lock.yaml", in: source, options: ScanOptions())
    }
    let old = try resolve("old")
    let new = try resolve("new")
    #expect(old.components == new.components)
    #expect(old.edges == new.edges)
    #expect(old.components.count > 4000)
  }

  @Test("vue's move from lockfile 6.0 to 9.0 (with dependency bumps) keeps most packages")
  func vueMigration() throws {
    let old = Self.installed(try Self.resolve("pairs/vue-core-pnpm-6.0-to-9.0/old/pnpm-lock.yaml"))
    let new = Self.installed(try Self.resolve("pairs/vue-core-pnpm-6.0-to-9.0/new/pnpm-lock.yaml"))
    #expect(old.intersection(new).count * 10 > min(old.count, new.count) * 6)
  }
}
