import LineageJSON
import SBOMModel

/// One package a `package-lock.json` installs, at the folder npm puts it in.
struct PackageLockEntry: Sendable {
  /// Folder relative to the lockfile: `node_modules/a/node_modules/@s/b`, or `packages/x` for a
  /// workspace or other folder package. Lockfile v1 entries get the path their nesting implies.
  var path: String
  /// The folder name under `node_modules` (an alias when it differs from the real name).
  var installName: String
  /// The real package name when the lockfile states it (`name`, or the target of an `npm:` alias).
  var name: String?
  var version: String?
  var resolved: String?
  var integrity: String?
  /// A symlink to another folder (`link: true`); `resolved` is the target folder.
  var link = false
  var dev = false
  var optional = false
  var devOptional = false
  var peer = false
  var inBundle = false
  var extraneous = false
  /// Declared dependencies, in lockfile order.
  var dependencies: [PackageJSONManifest.Dependency] = []
  /// Peers that `peerDependenciesMeta` marks optional: their absence is expected.
  var optionalPeers: Set<String> = []
  /// The key of a `packages` entry as written, or the JSON path of a lockfile v1 entry.
  var locator: Locator

  enum Locator: Sendable {
    case packagesKey(String)
    case jsonPath(String)
  }

  /// Where the entry is in the lockfile, for messages.
  var jsonPath: String {
    switch locator {
    case .packagesKey(let key): "$.packages[\"" + key + "\"]"
    case .jsonPath(let path): path
    }
  }

  /// The scope the lockfile's flags give the package.
  var scope: Component.Scope {
    if devOptional { return .devOptional }
    if dev { return .dev }
    if optional { return .optional }
    if peer { return .peer }
    return .required
  }
}

/// A `package-lock.json` or `npm-shrinkwrap.json`, flattened into folder entries.
struct PackageLock: Sendable {
  var lockfileVersion: Int
  var name: String?
  var version: String?
  /// The root project as the lockfile records it (`packages[""]`); nil for lockfile v1.
  var rootManifest: PackageJSONManifest?
  /// Every package entry except the root, in lockfile order.
  var entries: [PackageLockEntry]
}

/// Reads the JSON of a package lock: `packages` (lockfileVersion 2 and 3) or the nested
/// `dependencies` tree (lockfileVersion 1). Version 2 files carry both; `packages` wins.
///
/// One pass with a pull reader, straight into entries: no JSON tree of the whole lockfile is
/// built (building and freeing it was most of reading a large one). It reads what a tree reader
/// would: the first member of a name wins, a `null` member counts as absent, and a JSON syntax
/// error anywhere wins over a schema error (schema errors are kept until the document has parsed).
enum PackageLockParser {
  static func parse(_ bytes: [UInt8], file: String) throws -> PackageLock {
    var reader = Reader(file: file)
    do {
      try JSONPullReader.read(bytes) { r throws(JSONSyntaxError) in try reader.document(&r) }
    } catch {
      // Conflict markers always break JSON (no string may hold a line break), so they are
      // looked for only when parsing fails, and reported instead of the parser's complaint.
      try MergeConflictMarkers.check(bytes, file: file)
      throw LineageError(
        .syntax, "not valid JSON: \(error.message)",
        at: SourceLocation(file: file, line: error.line, column: error.column))
    }
    return try reader.finish()
  }

  /// The walk over one lockfile, with schema problems kept in the order a tree reader checks
  /// them (top level, lockfileVersion, then `packages` or `dependencies`).
  private struct Reader {
    let file: String
    var topError: LineageError?
    var versionError: LineageError?
    var lockfileVersion = 1
    var versionSeen = false
    var name: String?
    var nameSeen = false
    var version: String?
    var versionFieldSeen = false
    /// `packages`: nil until met; its entries and root manifest, or its schema error.
    var packages: (entries: [PackageLockEntry], root: PackageJSONManifest?)?
    var packagesSeen = false
    var packagesError: LineageError?
    var nested: [PackageLockEntry]?
    var nestedSeen = false
    var nestedError: LineageError?

    init(file: String) { self.file = file }

    static let topNames = JSONMemberNames([
      "lockfileVersion", "name", "version", "packages", "dependencies",
    ])

    mutating func document(_ r: inout JSONPullReader) throws(JSONSyntaxError) {
      let kind = try r.kind()
      guard kind == .object else {
        try r.skipValue()
        topError = schema(
          "expected a JSON object at the top of a package lock, found \(kind.typeName)", "$")
        return
      }
      try r.beginObject()
      while try r.nextMember() {
        switch r.member(in: Self.topNames) {
        case 0 where !versionSeen:
          versionSeen = true
          try readLockfileVersion(&r)
        case 1 where !nameSeen:
          nameSeen = true
          name = try r.stringValue()
        case 2 where !versionFieldSeen:
          versionFieldSeen = true
          version = try r.stringValue()
        case 3 where !packagesSeen:
          packagesSeen = true
          if try r.kind() == .null {
            try r.skipValue()
          } else {
            try readPackages(&r)
          }
        case 4 where !nestedSeen:
          nestedSeen = true
          if try r.kind() == .null || packages != nil || packagesError != nil {
            try r.skipValue()  // absent, or `packages` (read already) wins
          } else {
            var entries: [PackageLockEntry] = []
            try readNested(&r, parentPath: "", path: "$.dependencies", into: &entries)
            nested = entries
          }
        default:
          try r.skipValue()
        }
      }
    }

    func finish() throws -> PackageLock {
      if let topError { throw topError }
      if let versionError { throw versionError }
      guard (1...3).contains(lockfileVersion) else {
        throw LineageError(
          .unsupportedVersion,
          "lockfileVersion \(lockfileVersion) is not one Lineage reads (1, 2 or 3)",
          at: SourceLocation(file: file, jsonPath: "$.lockfileVersion"))
      }
      var lock = PackageLock(
        lockfileVersion: lockfileVersion, name: name, version: version, rootManifest: nil,
        entries: [])
      if let packagesError { throw packagesError }
      if let packages {
        lock.entries = packages.entries
        lock.rootManifest = packages.root
      } else {
        if let nestedError { throw nestedError }
        lock.entries = nested ?? []
      }
      return lock
    }

    private func schema(_ message: String, _ path: String) -> LineageError {
      LineageError(.schema, message, at: SourceLocation(file: file, jsonPath: path))
    }

    private mutating func readLockfileVersion(_ r: inout JSONPullReader) throws(JSONSyntaxError) {
      let kind = try r.kind()
      switch kind {
      case .null: try r.skipValue()  // absent
      case .number:
        let text = try r.numberText()
        if let value = Int(text) {
          lockfileVersion = value
        } else {
          versionError = schema(
            "expected lockfileVersion to be a number, found number", "$.lockfileVersion")
        }
      default:
        try r.skipValue()
        versionError = schema(
          "expected lockfileVersion to be a number, found \(kind.typeName)", "$.lockfileVersion")
      }
    }

    // MARK: lockfileVersion 2 and 3

    private mutating func readPackages(_ r: inout JSONPullReader) throws(JSONSyntaxError) {
      let kind = try r.kind()
      guard kind == .object else {
        try r.skipValue()
        packagesError = schema(
          "expected `packages` to be an object, found \(kind.typeName)", "$.packages")
        return
      }
      var entries: [PackageLockEntry] = []
      var root: PackageJSONManifest?
      try r.beginObject()
      while try r.nextMember() {
        let key = r.memberName
        let valueKind = try r.kind()
        guard valueKind == .object else {
          try r.skipValue()
          if packagesError == nil {
            packagesError = schema(
              "expected a package entry object, found \(valueKind.typeName)",
              "$.packages[\"" + key + "\"]")
          }
          continue
        }
        if key.isEmpty {
          // The root project: read whole, as package.json is read (it is small).
          root = PackageJSONManifest(object: try r.value())
          continue
        }
        entries.append(try Self.packagesEntry(&r, key: key))
      }
      packages = (entries, root)
    }

    static let entryNames = JSONMemberNames([
      "name", "version", "resolved", "integrity", "link", "dev", "optional", "devOptional",
      "peer", "inBundle", "extraneous", "dependencies", "devDependencies",
      "optionalDependencies", "peerDependencies", "peerDependenciesMeta",
    ])

    /// One `packages` entry, read as `PackageJSONManifest(object:includeDev:)` would read it.
    private static func packagesEntry(_ r: inout JSONPullReader, key: String)
      throws(JSONSyntaxError) -> PackageLockEntry
    {
      let path = normalizedKey(key)
      var entry = PackageLockEntry(
        path: path, installName: installName(of: path), locator: .packagesKey(key))
      var seen = [Bool](repeating: false, count: 16)
      // dependencies, devDependencies, optionalDependencies, peerDependencies
      var sections: [[PackageJSONManifest.Dependency]?] = [nil, nil, nil, nil]
      var optionalPeers: Set<String> = []
      try r.beginObject()
      while try r.nextMember() {
        guard let field = r.member(in: entryNames), !seen[field] else {
          try r.skipValue()
          continue
        }
        seen[field] = true
        switch field {
        case 0: entry.name = try r.stringValue()
        case 1: entry.version = try r.stringValue()
        case 2: entry.resolved = try r.stringValue()
        case 3: entry.integrity = try r.stringValue()
        case 4: entry.link = try r.boolValue() ?? false
        case 5: entry.dev = try r.boolValue() ?? false
        case 6: entry.optional = try r.boolValue() ?? false
        case 7: entry.devOptional = try r.boolValue() ?? false
        case 8: entry.peer = try r.boolValue() ?? false
        case 9: entry.inBundle = try r.boolValue() ?? false
        case 10: entry.extraneous = try r.boolValue() ?? false
        case 11, 12, 13, 14:
          let kinds: [Edge.Kind] = [.dependsOn, .devDependsOn, .optionalDependsOn, .peerDependsOn]
          sections[field - 11] = try dependencySection(&r, kind: kinds[field - 11])
        default:
          optionalPeers = try optionalPeerNames(&r)
        }
      }
      if !entry.link {
        // Only folder packages (the root's workspaces, `file:` folders) record devDependencies
        // that matter; npm keeps none for packages under node_modules.
        let includeDev = !isUnderNodeModules(path)
        var dependencies = sections[0] ?? []
        if includeDev { dependencies += sections[1] ?? [] }
        dependencies += sections[2] ?? []
        dependencies += sections[3] ?? []
        entry.dependencies = dependencies
        entry.optionalPeers = optionalPeers
      }
      return entry
    }

    /// Name → spec members of an object (a spec that is not a string reads as empty); nil
    /// for a value that is not an object.
    private static func dependencySection(_ r: inout JSONPullReader, kind: Edge.Kind)
      throws(JSONSyntaxError) -> [PackageJSONManifest.Dependency]?
    {
      guard try r.kind() == .object else {
        try r.skipValue()
        return nil
      }
      var out: [PackageJSONManifest.Dependency] = []
      try r.beginObject()
      while try r.nextMember() {
        let name = r.memberName
        out.append(.init(name: name, spec: try r.stringValue() ?? "", kind: kind))
      }
      return out
    }

    /// Names in `peerDependenciesMeta` whose (first) `optional` is `true`.
    private static func optionalPeerNames(_ r: inout JSONPullReader) throws(JSONSyntaxError)
      -> Set<String>
    {
      var names: Set<String> = []
      guard try r.kind() == .object else {
        try r.skipValue()
        return names
      }
      try r.beginObject()
      while try r.nextMember() {
        let name = r.memberName
        guard try r.kind() == .object else {
          try r.skipValue()
          continue
        }
        var optionalSeen = false
        try r.beginObject()
        while try r.nextMember() {
          if r.memberIs("optional") && !optionalSeen {
            optionalSeen = true
            if try r.boolValue() == true { names.insert(name) }
          } else {
            try r.skipValue()
          }
        }
      }
      return names
    }

    // MARK: lockfileVersion 1

    static let nestedNames = JSONMemberNames([
      "version", "resolved", "integrity", "dev", "optional", "bundled", "extraneous", "requires",
      "dependencies",
    ])

    /// The `dependencies` object at `path`, its entries (each followed by those nested in it)
    /// appended to `entries`.
    private mutating func readNested(
      _ r: inout JSONPullReader, parentPath: String, path: String,
      into entries: inout [PackageLockEntry]
    ) throws(JSONSyntaxError) {
      let kind = try r.kind()
      guard kind == .object else {
        try r.skipValue()
        if nestedError == nil {
          nestedError = schema(
            "expected `dependencies` to be an object, found \(kind.typeName)", path)
        }
        return
      }
      try r.beginObject()
      while try r.nextMember() {
        let key = r.memberName
        let jsonPath = path + "[\"" + key + "\"]"
        let valueKind = try r.kind()
        guard valueKind == .object else {
          try r.skipValue()
          if nestedError == nil {
            nestedError = schema(
              "expected a dependency entry object, found \(valueKind.typeName)", jsonPath)
          }
          continue
        }
        let entryPath = (parentPath.isEmpty ? "" : parentPath + "/") + "node_modules/" + key
        var entry = PackageLockEntry(
          path: entryPath, installName: key, locator: .jsonPath(jsonPath))
        var version: String?
        var children: [PackageLockEntry] = []
        var seen = [Bool](repeating: false, count: 9)
        try r.beginObject()
        while try r.nextMember() {
          guard let field = r.member(in: Self.nestedNames), !seen[field] else {
            try r.skipValue()
            continue
          }
          seen[field] = true
          switch field {
          case 0: version = try r.stringValue()
          case 1: entry.resolved = try r.stringValue()
          case 2: entry.integrity = try r.stringValue()
          case 3: entry.dev = try r.boolValue() ?? false
          case 4: entry.optional = try r.boolValue() ?? false
          case 5: entry.inBundle = try r.boolValue() ?? false
          case 6: entry.extraneous = try r.boolValue() ?? false
          case 7:
            // npm 5 wrote `requires: true` at the top; in entries it maps names to specs.
            entry.dependencies = try Self.dependencySection(&r, kind: .dependsOn) ?? []
          default:
            if try r.kind() == .null {
              try r.skipValue()
            } else {
              try readNested(
                &r, parentPath: entryPath, path: jsonPath + ".dependencies",
                into: &children)
            }
          }
        }
        PackageLockParser.readV1Version(version, into: &entry)
        entries.append(entry)
        entries.append(contentsOf: children)
      }
    }
  }

  /// Lockfile v1 puts the spec of aliases, git, tarball and folder dependencies in `version`.
  fileprivate static func readV1Version(_ version: String?, into entry: inout PackageLockEntry) {
    guard let version else { return }
    if let alias = NodeAlias(version) {
      entry.name = alias.name
      entry.version = alias.spec
    } else if let git = NodeResolvedSource.gitSource(version) {
      if entry.resolved == nil { entry.resolved = version }
      entry.version = git.commit
    } else if version.hasPrefix("http://") || version.hasPrefix("https://")
      || version.hasPrefix("file:")
    {
      if entry.resolved == nil { entry.resolved = version }
      entry.version = nil
    } else {
      entry.version = version
    }
  }

  // MARK: paths

  /// Lockfile keys use `/`; a key written with `./` or `\` is read the same way.
  static func normalizedKey(_ key: String) -> String {
    guard key.utf8.first == UInt8(ascii: ".") || key.utf8.contains(UInt8(ascii: "\\")) else {
      return key
    }
    var k = key.replacing("\\", with: "/")
    while k.hasPrefix("./") { k.removeFirst(2) }
    return k
  }

  /// The folder name after the last `node_modules/` (`@scope/name` kept whole), or the last
  /// path component of a folder package.
  static func installName(of path: String) -> String {
    var text = path
    return text.withUTF8 { bytes -> String in
      let start =
        lastOffset(of: nodeModulesSlash, in: bytes).map { $0 + nodeModulesSlash.count }
        ?? (bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0)
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
    }
  }

  static func isUnderNodeModules(_ path: String) -> Bool {
    var text = path
    return text.withUTF8 { lastOffset(of: nodeModulesSlash, in: $0) != nil }
  }

  private static let nodeModulesSlash = Array("node_modules/".utf8)

  /// Offset of the last `node_modules/` that starts the path or follows a `/`.
  private static func lastOffset(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = bytes.count - needle.count
    while i >= 0 {
      if i == 0 || bytes[i - 1] == UInt8(ascii: "/") {
        var k = 0
        while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i -= 1
    }
    return nil
  }
}
