import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Every npm lockfile of the shared corpus (kinds `npm` and `pairs:npm`), checked against what
/// the lockfile itself says it installs, computed here independently with Foundation's JSON.
@Suite("npm lockfile resolver over the corpus")
struct NpmCorpusTests {
  static let rows: [[String: String]] =
    ((try? TestPaths.manifest()) ?? []).filter { ["npm", "pairs:npm"].contains($0["kind"] ?? "") }
  static var paths: [String] { rows.compactMap { $0["path"] }.sorted() }
  static var v2v3Paths: [String] {
    rows.filter { ["2", "3"].contains($0["format-version"] ?? "") }.compactMap { $0["path"] }
      .sorted()
  }
  static let conflictFile = "npm/npm-arborist-conflict/package-lock.json"

  /// Scans one corpus file the way `lineage scan FILE` does: recognised by content.
  static func scan(_ path: String, options: ScanOptions = ScanOptions()) throws -> Graph {
    let url = TestPaths.corpus.appendingPathComponent(path)
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path,
      displayRoot: (path as NSString).deletingLastPathComponent)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }

  struct Installed: Hashable {
    var name: String
    var version: String?
  }

  /// What the lockfile installs, and the SRI integrity of each, from the raw JSON.
  static func expected(_ path: String) throws -> (Set<Installed>, [(Installed, String)]) {
    let data = try Data(contentsOf: TestPaths.corpus.appendingPathComponent(path))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var installed = Set<Installed>()
    var integrities: [(Installed, String)] = []
    if let packages = json["packages"] as? [String: [String: Any]] {
      var linkNames: [String: String] = [:]
      for (key, value) in packages where value["link"] as? Bool == true {
        let target = value["resolved"] as? String ?? ""
        let name = String(
          key[
            (key.range(of: "node_modules/", options: .backwards)?.upperBound ?? key.startIndex)...])
        if linkNames[target] == nil || name < linkNames[target] ?? "" { linkNames[target] = name }
      }
      for (key, value) in packages where !key.isEmpty && value["link"] as? Bool != true {
        let folder: String
        if let r = key.range(of: "node_modules/", options: .backwards) {
          folder = String(key[r.upperBound...])
        } else {
          folder = linkNames[key] ?? (key as NSString).lastPathComponent
        }
        let item = Installed(
          name: value["name"] as? String ?? folder, version: value["version"] as? String)
        installed.insert(item)
        if let integrity = value["integrity"] as? String { integrities.append((item, integrity)) }
      }
    } else if let dependencies = json["dependencies"] as? [String: [String: Any]] {
      func walk(_ deps: [String: [String: Any]]) {
        for (key, value) in deps {
          var name = key
          var version = value["version"] as? String
          if let v = version, v.hasPrefix("npm:") {
            let spec = v.dropFirst(4)
            let at = spec.dropFirst().firstIndex(of: "@") ?? spec.endIndex
            name = String(spec[..<at])
            version = at < spec.endIndex ? String(spec[spec.index(after: at)...]) : nil
          } else if let v = version, v.contains(":") {
            // git, tarball and file specs: a git commit is the version, the others have none.
            let fragment = v.split(separator: "#").dropFirst().first.map(String.init)
            version = fragment.flatMap { $0.count >= 7 && $0.allSatisfy(\.isHexDigit) ? $0 : nil }
          }
          let item = Installed(name: name, version: version)
          installed.insert(item)
          if let integrity = value["integrity"] as? String { integrities.append((item, integrity)) }
          if let nested = value["dependencies"] as? [String: [String: Any]] { walk(nested) }
        }
      }
      walk(dependencies)
    }
    return (installed, integrities)
  }

  /// Hex of each SRI digest, decoded with Foundation.
  static func hexDigests(_ sri: String) -> [String] {
    sri.split(separator: " ").compactMap { token in
      guard let dash = token.firstIndex(of: "-"),
        let data = Data(base64Encoded: String(token[token.index(after: dash)...]))
      else { return nil }
      return data.map { String(format: "%02x", $0) }.joined()
    }
  }

  @Test("the corpus lists npm lockfiles")
  func corpusPresent() {
    #expect(Self.paths.count >= 15)
  }

  @Test(
    "components are exactly what the lockfile installs, with every integrity as a hex hash",
    arguments: paths.filter { $0 != conflictFile })
  func installedSetAndHashes(path: String) throws {
    let graph = try Self.scan(path)
    let (expected, integrities) = try Self.expected(path)
    let actual = Set(graph.packages.map { Installed(name: $0.displayName, version: $0.version) })
    let missing = expected.subtracting(actual).map { "\($0.name)@\($0.version ?? "")" }.sorted()
    let extra = actual.subtracting(expected).map { "\($0.name)@\($0.version ?? "")" }.sorted()
    #expect(missing.isEmpty, "missing: \(missing.prefix(10))")
    #expect(extra.isEmpty, "extra: \(extra.prefix(10))")
    var hashesByItem: [Installed: Set<String>] = [:]
    for c in graph.packages {
      hashesByItem[Installed(name: c.displayName, version: c.version), default: []].formUnion(
        c.hashes.map(\.value))
    }
    var unhashed: [String] = []
    for (item, sri) in integrities {
      for hex in Self.hexDigests(sri) where !(hashesByItem[item]?.contains(hex) ?? false) {
        unhashed.append("\(item.name)@\(item.version ?? "")")
      }
    }
    #expect(unhashed.isEmpty, "integrity not carried: \(unhashed.prefix(10))")
    #expect(graph.primaryRoot?.kind == .application)
    #expect(graph.primaryRoot?.purl?.type == "npm")
  }

  @Test(
    "every component but the root is reachable from the root",
    arguments: paths.filter { $0 != conflictFile })
  func reachability(path: String) throws {
    let graph = try Self.scan(path)
    let adjacency = graph.adjacency()
    var seen = Set(graph.roots)
    var queue = graph.roots
    while let id = queue.popLast() {
      for edge in adjacency[id] ?? [] where seen.insert(edge.to).inserted { queue.append(edge.to) }
    }
    let unreachable = graph.components.filter { !seen.contains($0.id) }.map {
      "\($0.displayName)@\($0.version ?? "")"
    }
    #expect(unreachable.isEmpty, "unreachable: \(unreachable.prefix(10))")
  }

  @Test(
    "excluding dev keeps the runtime graph closed", arguments: paths.filter { $0 != conflictFile })
  func excludeDev(path: String) throws {
    let full = try Self.scan(path)
    let graph = try Self.scan(path, options: ScanOptions(excludeDev: true))
    #expect(graph.components.count <= full.components.count)
    #expect(!graph.components.contains { $0.scope == .dev })
    #expect(!graph.edges.contains { $0.kind == .devDependsOn })
  }

  @Test("the merge-conflict lockfile fails with one line naming file and line")
  func conflict() throws {
    let error = try #require(throws: LineageError.self) { try Self.scan(Self.conflictFile) }
    #expect(error.code == .syntax)
    #expect(error.location?.line == 13)
    #expect(error.location?.file == Self.conflictFile)
    #expect(error.description.contains("unresolved merge conflict marker"))
  }

  @Test(
    "the legacy v1 tree and the packages map of one v2 lockfile give the same packages and edges")
  func legacyTreeAgrees() throws {
    let path = "npm/jellyfin-web-10.10/package-lock.json"
    let data = try Data(contentsOf: TestPaths.corpus.appendingPathComponent(path))
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let v2 = try NpmLockResolver().resolve(
      input: "package-lock.json", in: MemorySource(files: ["package-lock.json": Array(data)]),
      options: ScanOptions())
    json["lockfileVersion"] = 1
    json["packages"] = nil
    let v1data = try JSONSerialization.data(withJSONObject: json)
    let v1 = try NpmLockResolver().resolve(
      input: "package-lock.json", in: MemorySource(files: ["package-lock.json": Array(v1data)]),
      options: ScanOptions())
    // v1 records a tarball dependency's URL in place of its version, so tarballs are left out.
    func comparable(_ id: ComponentID) -> Bool { !id.rawValue.contains("download_url=") }
    let ids1 = Set(v1.packages.map(\.id).filter(comparable))
    let ids2 = Set(v2.packages.map(\.id).filter(comparable))
    let differing = ids1.symmetricDifference(ids2).sorted()
    #expect(differing.isEmpty, "\(differing.count) differ: \(differing.prefix(5))")
    // The legacy tree's `requires` leaves out peer dependencies.
    func pairs(_ g: Graph, peers: Bool) -> Set<String> {
      Set(
        g.edges.filter {
          !g.roots.contains($0.from) && (peers || $0.kind != .peerDependsOn) && comparable($0.to)
            && comparable($0.from)
        }
        .map { "\($0.from) -> \($0.to)" })
    }
    let (a, b) = (pairs(v1, peers: true), pairs(v2, peers: false))
    let all2 = pairs(v2, peers: true)
    let onlyV1 = a.subtracting(all2).sorted()
    let onlyV2 = b.subtracting(a).sorted()
    #expect(onlyV1.isEmpty, "\(onlyV1.count) only in v1: \(onlyV1.prefix(5))")
    #expect(onlyV2.isEmpty, "\(onlyV2.count) only in v2: \(onlyV2.prefix(5))")
  }
}
