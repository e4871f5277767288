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
enum PackageLockParser {
  static func parse(_ document: JSONValue, file: String) throws -> PackageLock {
    let root = JSONNode(document)
    guard document.objectValue != nil else {
      throw LineageError(
        .schema, "expected a JSON object at the top of a package lock, found \(document.typeName)",
        at: SourceLocation(file: file, jsonPath: "$"))
    }
    let versionNode = root["lockfileVersion"]
    let lockfileVersion = versionNode?.value.intValue ?? 1
    if let versionNode, versionNode.value.intValue == nil {
      throw LineageError(
        .schema, "expected lockfileVersion to be a number, found \(versionNode.value.typeName)",
        at: SourceLocation(file: file, jsonPath: versionNode.path))
    }
    guard (1...3).contains(lockfileVersion) else {
      throw LineageError(
        .unsupportedVersion,
        "lockfileVersion \(lockfileVersion) is not one Lineage reads (1, 2 or 3)",
        at: SourceLocation(file: file, jsonPath: "$.lockfileVersion"))
    }
    var lock = PackageLock(
      lockfileVersion: lockfileVersion, name: document["name"]?.stringValue,
      version: document["version"]?.stringValue, rootManifest: nil, entries: [])
    if let packages = root["packages"] {
      try readPackages(packages, into: &lock, file: file)
    } else if let dependencies = root["dependencies"] {
      try readNested(dependencies, parentPath: "", into: &lock.entries, file: file)
    }
    return lock
  }

  // MARK: lockfileVersion 2 and 3

  private static func readPackages(_ node: JSONNode, into lock: inout PackageLock, file: String)
    throws
  {
    guard case .object(let members) = node.value else {
      throw LineageError(
        .schema, "expected `packages` to be an object, found \(node.value.typeName)",
        at: SourceLocation(file: file, jsonPath: node.path))
    }
    lock.entries.reserveCapacity(members.count)
    for (key, value) in members {
      guard value.objectValue != nil else {
        throw LineageError(
          .schema, "expected a package entry object, found \(value.typeName)",
          at: SourceLocation(file: file, jsonPath: "$.packages[\"" + key + "\"]"))
      }
      if key.isEmpty {
        lock.rootManifest = PackageJSONManifest(object: value)
        continue
      }
      let path = normalizedKey(key)
      var entry = PackageLockEntry(
        path: path, installName: installName(of: path), locator: .packagesKey(key))
      entry.name = value["name"]?.stringValue
      entry.version = value["version"]?.stringValue
      entry.resolved = value["resolved"]?.stringValue
      entry.integrity = value["integrity"]?.stringValue
      entry.link = value["link"]?.boolValue ?? false
      entry.dev = value["dev"]?.boolValue ?? false
      entry.optional = value["optional"]?.boolValue ?? false
      entry.devOptional = value["devOptional"]?.boolValue ?? false
      entry.peer = value["peer"]?.boolValue ?? false
      entry.inBundle = value["inBundle"]?.boolValue ?? false
      entry.extraneous = value["extraneous"]?.boolValue ?? false
      if !entry.link {
        // Only folder packages (the root's workspaces, `file:` folders) record devDependencies
        // that matter; npm keeps none for packages under node_modules.
        let manifest = PackageJSONManifest(object: value, includeDev: !isUnderNodeModules(path))
        entry.dependencies = manifest.dependencies
        entry.optionalPeers = manifest.optionalPeers
      }
      lock.entries.append(entry)
    }
  }

  // MARK: lockfileVersion 1

  private static func readNested(
    _ node: JSONNode, parentPath: String, into entries: inout [PackageLockEntry], file: String
  ) throws {
    guard case .object(let members) = node.value else {
      throw LineageError(
        .schema, "expected `dependencies` to be an object, found \(node.value.typeName)",
        at: SourceLocation(file: file, jsonPath: node.path))
    }
    for (key, value) in members {
      let jsonPath = node.path + "[\"" + key + "\"]"
      guard value.objectValue != nil else {
        throw LineageError(
          .schema, "expected a dependency entry object, found \(value.typeName)",
          at: SourceLocation(file: file, jsonPath: jsonPath))
      }
      let path = (parentPath.isEmpty ? "" : parentPath + "/") + "node_modules/" + key
      var entry = PackageLockEntry(path: path, installName: key, locator: .jsonPath(jsonPath))
      let version = value["version"]?.stringValue
      entry.resolved = value["resolved"]?.stringValue
      entry.integrity = value["integrity"]?.stringValue
      entry.dev = value["dev"]?.boolValue ?? false
      entry.optional = value["optional"]?.boolValue ?? false
      entry.inBundle = value["bundled"]?.boolValue ?? false
      entry.extraneous = value["extraneous"]?.boolValue ?? false
      readV1Version(version, into: &entry)
      for member in value["requires"]?.objectValue ?? JSONObject() {
        // npm 5 wrote `requires: true` at the top; in entries it maps names to specs.
        entry.dependencies.append(
          .init(name: member.key, spec: member.value.stringValue ?? "", kind: .dependsOn))
      }
      entries.append(entry)
      if let nested = JSONNode(value, path: jsonPath)["dependencies"] {
        try readNested(nested, parentPath: path, into: &entries, file: file)
      }
    }
  }

  /// Lockfile v1 puts the spec of aliases, git, tarball and folder dependencies in `version`.
  private static func readV1Version(_ version: String?, into entry: inout PackageLockEntry) {
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
