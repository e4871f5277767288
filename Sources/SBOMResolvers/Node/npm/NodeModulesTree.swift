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

  init(entries: [PackageLockEntry]) {
    self.entries = entries
    byPath.reserveCapacity(entries.count)
    for (i, entry) in entries.enumerated() where byPath[entry.path] == nil {
      byPath[entry.path] = i
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
    var directory = Substring(from)
    while true {
      let candidate =
        directory.isEmpty ? "node_modules/" + name : directory + "/node_modules/" + name
      if let hit = byPath[candidate] { return hit }
      if directory.isEmpty { return nil }
      directory = NodeModulesTree.parentFolder(directory)
    }
  }

  /// The next folder up that can hold a `node_modules`: `a/node_modules/@s/b` → `a`,
  /// `packages/x` → `packages`.
  static func parentFolder(_ path: Substring) -> Substring {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    var parent = path[..<slash]
    // Skip the scope folder and the node_modules folder itself: neither holds packages' deps.
    if let scopeSlash = parent.lastIndex(of: "/"),
      parent[parent.index(after: scopeSlash)...].hasPrefix("@")
    {
      let above = parent[..<scopeSlash]
      if above.hasSuffix("node_modules") { parent = above }
    }
    if parent == "node_modules" { return "" }
    if parent.hasSuffix("/node_modules") { parent = parent.dropLast("/node_modules".count) }
    return parent
  }
}
