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
  /// The folders whose `node_modules` hold packages ("" for the lockfile's own), numbered.
  private var folders: StringInterner
  /// Per folder number: the next such folder up, where a lookup that misses goes on, or -1.
  private var up: [Int32] = []
  /// Entries by path, for the few lookups by path (links, bundled packages); built only when
  /// the lockfile has such entries: hashing 100,000 paths nothing looks up was a tenth of
  /// indexing them.
  private var paths: StringInterner?
  /// Per path number: the first entry at that path.
  private var entryAtPath: [Int32] = []
  /// The names packages are installed under, numbered.
  private var names: NameTable
  /// The folder of the top-level `node_modules` (the lockfile's own), or -1.
  private var topFolder: Int32 = -1
  /// Per name number, the entry installed under it in the top-level `node_modules`, or -1:
  /// most packages are hoisted there, and an array is cheaper to look in than a table.
  private var topLevel: [Int32] = []
  /// Entries in other folders by folder and name, both numbered, packed in one key: a lookup
  /// hashes the dependency's name once and then only integers, however deep the folder.
  private var installed: IntKeyTable
  /// Per entry: the first folder its dependencies are looked for in, or -1.
  private var searchStarts: [Int32] = []
  /// Where the root project's dependencies are looked for first, or -1.
  private(set) var rootSearchStart: Int32 = -1

  init(entries: [PackageLockEntry]) {
    self.entries = entries
    folders = StringInterner(capacity: 16, averageLength: 32)
    installed = IntKeyTable(capacity: 16)
    names = NameTable(capacity: entries.count)
    topLevel.reserveCapacity(entries.count)
    // Per entry, the folder holding it, when it is the folder a lookup from it starts above.
    var holder = [Int32](repeating: -1, count: entries.count)
    var pathLookups = false
    for i in entries.indices {
      if entries[i].link || entries[i].inBundle { pathLookups = true }
      guard let folder = installFolder(path: entries[i].path, name: entries[i].installName)
      else { continue }
      let name = number(name: entries[i].installName)
      // Only one entry has a given path, and so a given folder and name; should a lockfile
      // repeat one, the first stands, as a lookup by path finds the first.
      if folder == topFolder {
        if topLevel[Int(name)] >= 0 { continue }
        topLevel[Int(name)] = Int32(i)
      } else {
        if installed[Self.key(folder, name)] != nil { continue }
        installed[Self.key(folder, name)] = Int32(i)
      }
      if Self.isPackageName(entries[i].installName) { holder[i] = folder }
    }
    for folder in up.indices {
      up[folder] = searchStart(from: NodeModulesTree.parentOrNil(folders.string(Int32(folder))))
    }
    searchStarts = entries.indices.map { i in
      if let own = folders.find(entries[i].path) { return own }
      if holder[i] >= 0 { return holder[i] }
      return searchStart(from: NodeModulesTree.parentOrNil(entries[i].path))
    }
    rootSearchStart = searchStart(from: "")
    if pathLookups { indexPaths() }
  }

  private mutating func indexPaths() {
    var paths = StringInterner(capacity: entries.count, averageLength: 32)
    entryAtPath.reserveCapacity(entries.count)
    for i in entries.indices where Int(paths.intern(entries[i].path)) == entryAtPath.count {
      entryAtPath.append(Int32(i))
    }
    self.paths = paths
  }

  /// The number of folder `path`, added when new.
  private mutating func folder(_ path: UnsafeBufferPointer<UInt8>) -> Int32 {
    let n = folders.intern(path)
    if Int(n) == up.count { up.append(-1) }
    return n
  }

  /// The number of the folder whose `node_modules` holds the package at `path` installed as
  /// `name` (`a` for `a/node_modules/b`, "" for `node_modules/b`); nil for a folder not under
  /// `node_modules`. Strings, not the entry: passing an entry copied (retained) every field.
  private mutating func installFolder(path: String, name: String) -> Int32? {
    var path = path
    let folderLength = path.utf8.count - name.utf8.count
    guard folderLength > 0, path.utf8.last != UInt8(ascii: "/") else { return nil }
    return path.withUTF8 { bytes -> Int32? in
      let modules = UnsafeBufferPointer(rebasing: bytes[..<folderLength])
      if modules.elementsEqual(Self.nodeModulesSlash) {
        topFolder = folder(UnsafeBufferPointer(rebasing: bytes[..<0]))
        return topFolder
      }
      guard modules.count > Self.slashNodeModulesSlash.count,
        modules.suffix(Self.slashNodeModulesSlash.count).elementsEqual(Self.slashNodeModulesSlash)
      else { return nil }
      return folder(
        UnsafeBufferPointer(rebasing: bytes[..<(modules.count - Self.slashNodeModulesSlash.count)])
      )
    }
  }

  private mutating func number(name: String) -> Int32 {
    let n = names.intern(name)
    if Int(n) == topLevel.count { topLevel.append(-1) }
    return n
  }

  private static let nodeModulesSlash = Array("node_modules/".utf8)
  private static let slashNodeModulesSlash = Array("/node_modules/".utf8)

  /// Whether `name` is one folder, or a scope and one folder: then the next folder up from
  /// the package is the one that holds it.
  private static func isPackageName(_ name: String) -> Bool {
    let slashes = name.utf8.lazy.filter { $0 == UInt8(ascii: "/") }.count
    return slashes == 0 || (slashes == 1 && name.utf8.first == UInt8(ascii: "@"))
  }

  private static func key(_ folder: Int32, _ name: Int32) -> Int { Int(folder) << 32 | Int(name) }

  /// The nearest folder at or above `path` whose `node_modules` holds packages, or -1.
  private func searchStart(from path: String?) -> Int32 {
    var directory = path
    while let current = directory {
      if let n = folders.find(current) { return n }
      directory = NodeModulesTree.parentOrNil(current)
    }
    return -1
  }

  /// The folder above `path`, nil above the root.
  private static func parentOrNil(_ path: String) -> String? {
    path.isEmpty ? nil : parentFolder(path)
  }

  /// The entry at a folder, if the lockfile lists it.
  func entry(at path: String) -> Int? {
    guard let paths else {
      // Not indexed (nothing in the lockfile looks paths up): a scan, still exact.
      return entries.indices.first { entries[$0].path == path }
    }
    return paths.find(path).map { Int(entryAtPath[Int($0)]) }
  }

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
      guard let next = entry(at: target), hops < 32 else { return nil }
      current = next
      hops += 1
    }
    return .entry(current)
  }

  /// Where the dependencies of entry `index` are looked for first (see `lookup(_:from:)`).
  func searchStart(ofEntry index: Int) -> Int32 { searchStarts[index] }

  /// The entry `name` resolves to from the folder `from` (an entry's path, or "" for the root),
  /// before following links.
  func lookup(_ name: String, from: String) -> Int? {
    lookup(name, fromStart: searchStart(from: from))
  }

  /// The entry `name` resolves to, looking in the `node_modules` of `start` (a folder number
  /// from `searchStart(ofEntry:)` or `rootSearchStart`), then of each folder up.
  func lookup(_ name: String, fromStart start: Int32) -> Int? {
    guard start >= 0, let n = names.find(name) else { return nil }
    var folder = start
    while folder >= 0 {
      if folder == topFolder {
        if topLevel[Int(n)] >= 0 { return Int(topLevel[Int(n)]) }
      } else if let hit = installed[Self.key(folder, n)] {
        return Int(hit)
      }
      folder = up[Int(folder)]
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
