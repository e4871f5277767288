/// The folders of a package lock, looked up the way Node's `require` and npm's Arborist find a
/// dependency: in the requiring package's own `node_modules`, then in each ancestor folder's,
/// up to the project root. Links are followed to their target folder, whose own dependencies
/// then resolve from the target's location (Node resolves real paths).
struct NodeModulesTree {
  /// The node a lookup ends at: an entry (by index) or the root project.
  enum Node: Hashable {
    case root
    case entry(Int)
  }

  private let entries: [PackageLockEntry]
  private var byPath: [String: Int] = [:]
  /// Entries by their `node_modules/` folder, then by the name installed there: lookups then
  /// hash only the short name, without building a path per try.
  private var byFolder: [String: [String: Int]] = [:]

  init(entries: [PackageLockEntry]) {
    self.entries = entries
    byPath.reserveCapacity(entries.count)
    for (i, entry) in entries.enumerated() where byPath[entry.path] == nil {
      byPath[entry.path] = i
      let folderLength = entry.path.utf8.count - entry.installName.utf8.count
      guard folderLength > 0, entry.path.utf8.last != UInt8(ascii: "/") else { continue }
      let folder = String(decoding: entry.path.utf8.prefix(folderLength), as: UTF8.self)
      guard folder.hasSuffix("node_modules/") else { continue }
      byFolder[folder, default: [:]][entry.installName] = i
    }
  }

  /// The entry at a folder, if the lockfile lists it.
  func entry(at path: String) -> Int? { byPath[path] }

  /// The target folder of a link entry: `resolved` relative to the lockfile's folder.
  func linkTarget(of index: Int) -> String? {
    guard let resolved = entries[index].resolved else { return nil }
    var target = resolved
    if target.hasPrefix("file:") { target.removeFirst(5) }
    let joined = joinRelative("", target)
    return joined == "." ? "" : joined
  }

  /// The node that a link (or a plain entry) stands for; nil when a link's target is missing.
  func follow(_ index: Int) -> Node? {
    var current = index
    var hops = 0
    while entries[current].link {
      guard let target = linkTarget(of: current) else { return nil }
      if target.isEmpty { return .root }
      guard let next = byPath[target], hops < 32 else { return nil }
      current = next
      hops += 1
    }
    return .entry(current)
  }

  /// The entry `name` resolves to from the folder `from` (an entry's path, or "" for the root),
  /// before following links.
  func lookup(_ name: String, from: String) -> Int? {
    lookup(name, in: scopes(from: from))
  }

  /// The installed packages visible from the folder `path`, nearest `node_modules` first.
  func scopes(from path: String) -> [[String: Int]] {
    NodeModulesTree.searchFolders(from: path).compactMap { byFolder[$0] }
  }

  /// The entry `name` resolves to in `scopes(from:)`.
  func lookup(_ name: String, in scopes: [[String: Int]]) -> Int? {
    for scope in scopes {
      if let hit = scope[name] { return hit }
    }
    return nil
  }

  /// The `node_modules/` folders a package at `path` searches, nearest first:
  /// `a/node_modules/b` → `a/node_modules/b/node_modules/`, `a/node_modules/`, `node_modules/`.
  static func searchFolders(from path: String) -> [String] {
    var folders: [String] = []
    var directory = path
    while true {
      folders.append(directory.isEmpty ? "node_modules/" : directory + "/node_modules/")
      if directory.isEmpty { return folders }
      directory = parentFolder(directory)
    }
  }

  /// The next folder up that can hold a `node_modules`: `a/node_modules/@s/b` → `a`,
  /// `packages/x` → `packages`.
  static func parentFolder(_ path: String) -> String {
    var text = path
    return text.withUTF8 { bytes -> String in
      let slash = UInt8(ascii: "/")
      guard var end = bytes.lastIndex(of: slash) else { return "" }
      // Skip the scope folder and the node_modules folder itself: neither holds packages' deps.
      var segmentStart = (bytes[..<end].lastIndex(of: slash) ?? -1) + 1
      if bytes[segmentStart] == UInt8(ascii: "@"), segmentStart > 0,
        isNodeModules(bytes, segmentEnd: segmentStart - 1)
      {
        end = segmentStart - 1
        segmentStart = (bytes[..<end].lastIndex(of: slash) ?? -1) + 1
      }
      if isNodeModules(bytes, segmentEnd: end) { end = max(0, segmentStart - 1) }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
    }
  }

  private static let nodeModules = Array("node_modules".utf8)

  /// Whether the path segment ending at `segmentEnd` (exclusive) is `node_modules`.
  private static func isNodeModules(_ bytes: UnsafeBufferPointer<UInt8>, segmentEnd: Int) -> Bool {
    let start = segmentEnd - nodeModules.count
    guard start >= 0, start == 0 || bytes[start - 1] == UInt8(ascii: "/") else { return false }
    for k in 0..<nodeModules.count where bytes[start + k] != nodeModules[k] { return false }
    return true
  }
}
