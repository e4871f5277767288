import LineageJSON
import SBOMModel

// Facts every Node lockfile (npm, yarn, pnpm) states the same way: package names with scopes,
// `npm:` aliases, SRI integrity strings, `resolved` URLs and the package.json beside the lock.

/// An npm package name split into its scope and bare name: `@babel/core` → (`@babel`, `core`).
struct NodePackageName: Sendable, Hashable, CustomStringConvertible {
  /// `@babel`, or nil for an unscoped package.
  var scope: String?
  var name: String

  init(_ full: String) {
    if full.hasPrefix("@"), let slash = full.firstIndex(of: "/") {
      scope = String(full[..<slash])
      name = String(full[full.index(after: slash)...])
    } else {
      scope = nil
      name = full
    }
  }

  /// The name as npm writes it.
  var description: String { scope.map { "\($0)/\(name)" } ?? name }
}

/// A dependency spec that installs another package under this name: `npm:real@1.2.3`.
struct NodeAlias: Sendable, Hashable {
  /// The real package name (`string-width`).
  var name: String
  /// What follows the `@`: a version or range, nil when the alias names no version.
  var spec: String?

  /// Parses `npm:real@spec` (or `npm:@scope/real@spec`); nil for anything else.
  init?(_ text: String) {
    guard text.hasPrefix("npm:") else { return nil }
    let rest = text.dropFirst(4)
    // A scoped name starts with `@`; the version separator is the next `@` after it.
    let searchFrom = rest.hasPrefix("@") ? rest.index(after: rest.startIndex) : rest.startIndex
    if let at = rest[searchFrom...].firstIndex(of: "@") {
      name = String(rest[..<at])
      spec = String(rest[rest.index(after: at)...])
    } else {
      name = String(rest)
      spec = nil
    }
    if name.isEmpty { return nil }
  }
}

/// Package URLs for npm packages (`pkg:npm/%40scope/name@1.0.0`).
enum NodePURL {
  /// The purl of `name` at `version`. The purl npm type lowercases scope and name (npm names
  /// from before 2017 may hold capitals); the component keeps the name as written.
  static func make(
    name: String, version: String?, qualifiers: [String: String] = [:]
  ) throws -> PackageURL {
    let parsed = NodePackageName(name)
    return try PackageURL(
      type: "npm", namespace: parsed.scope?.lowercased(), name: parsed.name.lowercased(),
      version: version, qualifiers: qualifiers)
  }
}

/// Subresource Integrity strings (`sha512-<base64>`, several separated by spaces) as hex
/// digests. Gives the same result as `Hash.fromSubresourceIntegrity`, working on bytes: a
/// lockfile has thousands of them.
enum NodeIntegrity {
  private static let algorithms: [(prefix: [UInt8], algorithm: Hash.Algorithm)] = [
    (Array("sha512-".utf8), .sha512), (Array("sha384-".utf8), .sha384),
    (Array("sha256-".utf8), .sha256), (Array("sha1-".utf8), .sha1),
  ]
  private static let hexDigits = Array("0123456789abcdef".utf8)

  static func hashes(_ sri: String) -> [Hash] {
    var text = sri
    return text.withUTF8 { bytes in
      var result: [Hash] = []
      var i = 0
      while i < bytes.count {
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        var end = i
        while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
        if end > i, let hash = decodeToken(bytes, from: i, to: end) { result.append(hash) }
        i = end
      }
      return result
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
  }

  private static func decodeToken(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> Hash?
  {
    for (prefix, algorithm) in algorithms where end - start > prefix.count {
      var matches = true
      for k in 0..<prefix.count where bytes[start + k] != prefix[k] {
        matches = false
        break
      }
      guard matches else { continue }
      var hex = [UInt8](repeating: 0, count: (end - start) * 3 / 2)
      var count = 0
      var buffer: UInt32 = 0
      var bits = 0
      var i = start + prefix.count
      hexDigits.withUnsafeBufferPointer { digits in
        while i < end {
          let c = bytes[i]
          i += 1
          let v: UInt32
          switch c {
          case 65...90: v = UInt32(c - 65)
          case 97...122: v = UInt32(c - 97 + 26)
          case 48...57: v = UInt32(c - 48 + 52)
          case 43, 45: v = 62
          case 47, 95: v = 63
          case 61: continue
          case 63:  // `?options` end the digest
            i = end
            continue
          default:
            count = -1
            i = end
            continue
          }
          buffer = (buffer << 6) | v
          bits += 6
          if bits >= 8 {
            bits -= 8
            let byte = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
            hex[count] = digits[Int(byte >> 4)]
            hex[count + 1] = digits[Int(byte & 0x0f)]
            count += 2
          }
        }
      }
      guard count > 0 else { return nil }
      hex.removeLast(hex.count - count)
      let hash = Hash(algorithm, String(decoding: hex, as: UTF8.self))
      return hash.isWellFormed ? hash : nil
    }
    return nil
  }
}

/// Where a `resolved` field (or a `version` of lockfile v1) says a package came from.
struct NodeResolvedSource: Sendable, Hashable {
  var origin: Origin
  /// Qualifiers the purl gets for it (`vcs_url`, `download_url`).
  var qualifiers: [String: String]
  /// The registry base URL when it is not the public npm registry (or its yarn mirror).
  var customRegistry: String?
  /// The git commit for git sources.
  var commit: String?

  /// Hosts that serve the public npm registry.
  static let defaultRegistryHosts: Set<String> = [
    "registry.npmjs.org", "registry.yarnpkg.com", "registry.npmjs.com",
  ]

  /// Classifies a `resolved` URL or path.
  /// Paths (`file:`, bare relative paths) are made relative to the scan root by prefixing
  /// `baseDirectory` (the lockfile's directory).
  static func classify(_ resolved: String, baseDirectory: String)
    -> NodeResolvedSource
  {
    if resolved.hasPrefix("https://") || resolved.hasPrefix("http://") {
      if let base = registryBase(resolved) {
        let custom = defaultRegistryHosts.contains(hostOf(base)) ? nil : base
        return NodeResolvedSource(
          origin: .registry(url: base), qualifiers: [:], customRegistry: custom, commit: nil)
      }
      return NodeResolvedSource(
        origin: .download(url: resolved), qualifiers: ["download_url": resolved],
        customRegistry: nil, commit: nil)
    }
    if let git = gitSource(resolved) { return git }
    var path = resolved
    for prefix in ["file:", "link:"] where path.hasPrefix(prefix) {
      path = String(path.dropFirst(prefix.count))
    }
    return NodeResolvedSource(
      origin: .path(joinRelative(baseDirectory, path)), qualifiers: [:], customRegistry: nil,
      commit: nil)
  }

  /// A git source: `git+ssh://git@github.com/a/b.git#sha`, `github:a/b#sha`, `git://…`.
  static func gitSource(_ spec: String) -> NodeResolvedSource? {
    let lower = spec.lowercased()
    let gitSchemes = [
      "git+ssh://", "git+https://", "git+http://", "git://", "git+file://", "ssh://",
    ]
    let shortcuts = ["github:", "gitlab:", "bitbucket:", "gist:"]
    var url = spec
    var isGit = gitSchemes.contains { lower.hasPrefix($0) }
    if !isGit, let shortcut = shortcuts.first(where: { lower.hasPrefix($0) }) {
      let hosts = [
        "github:": "github.com", "gitlab:": "gitlab.com", "bitbucket:": "bitbucket.org",
        "gist:": "gist.github.com",
      ]
      url = "https://\(hosts[shortcut] ?? "github.com")/" + spec.dropFirst(shortcut.count)
      isGit = true
    }
    guard isGit else { return nil }
    var commit: String?
    if let hash = url.firstIndex(of: "#") {
      let fragment = String(url[url.index(after: hash)...])
      url = String(url[..<hash])
      // `#semver:^1.0` or a branch name is not a commit; only hex revisions are.
      if fragment.utf8.count >= 7,
        fragment.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
      {
        commit = fragment
      }
    }
    let normalized = GitURL.normalize(url)
    var vcs = "git+" + normalized
    if let commit { vcs += "@" + commit }
    return NodeResolvedSource(
      origin: .git(url: normalized, revision: commit, reference: nil),
      qualifiers: ["vcs_url": vcs], customRegistry: nil, commit: commit)
  }

  /// The registry base of a registry tarball URL (`<base>/<name>/-/<file>.tgz`, the name
  /// scoped as `@s/n` or `@s%2fn`), nil for any other URL.
  static func registryBase(_ url: String) -> String? {
    var text = url
    return text.withUTF8 { bytes -> String? in
      let slash = UInt8(ascii: "/")
      var dash = -1
      var i = 0
      while i + 3 <= bytes.count {
        if bytes[i] == slash, bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] == slash {
          dash = i
          break
        }
        i += 1
      }
      guard dash > 0 else { return nil }
      // The name segment ends at the dash; a scope folder may stand before it.
      var start = dash - 1
      while start >= 0, bytes[start] != slash { start -= 1 }
      guard start > 0 else { return nil }
      if bytes[start + 1] != UInt8(ascii: "@") {
        var scope = start - 1
        while scope >= 0, bytes[scope] != slash { scope -= 1 }
        if scope > 0, bytes[scope + 1] == UInt8(ascii: "@") { start = scope }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<start]), as: UTF8.self)
    }
  }

  static func hostOf(_ url: String) -> String {
    var text = url
    return text.withUTF8 { bytes -> String in
      var i = 0
      while i + 3 <= bytes.count,
        !(bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/")
          && bytes[i + 2] == UInt8(ascii: "/"))
      {
        i += 1
      }
      guard i + 3 <= bytes.count else { return "" }
      let start = i + 3
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: ":") {
        end += 1
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        .lowercased()
    }
  }
}

/// Joins a directory and a relative path, resolving `.` and `..` where it can.
func joinRelative(_ base: String, _ relative: String) -> String {
  var parts = (base.isEmpty || base == ".") ? [] : base.split(separator: "/").map(String.init)
  for piece in relative.split(separator: "/") {
    if piece == "." || piece.isEmpty { continue }
    if piece == "..", let last = parts.last, last != ".." {
      parts.removeLast()
    } else {
      parts.append(String(piece))
    }
  }
  return parts.isEmpty ? "." : parts.joined(separator: "/")
}

/// Git merge-conflict markers left in a lockfile, found before a parser fails on them obscurely.
enum MergeConflictMarkers {
  /// The 1-based line of the first `<<<<<<<`, `=======` or `>>>>>>>` line, or nil.
  static func firstLine(in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buffer -> Int? in
      var line = 1
      var atLineStart = true
      var i = 0
      let count = buffer.count
      while i < count {
        let b = buffer[i]
        if atLineStart, b == 0x3C || b == 0x3D || b == 0x3E, i + 7 <= count {
          var run = 1
          while run < 7, buffer[i + run] == b { run += 1 }
          // `=======` must stand alone; the others are followed by a space and a label.
          // A marker is exactly seven characters, then a space (and a label) or the line end.
          let next: UInt8 = i + 7 < count ? buffer[i + 7] : 0x0A
          if run == 7, next == 0x0A || next == 0x0D || next == 0x20 { return line }
        }
        atLineStart = b == 0x0A
        if atLineStart { line += 1 }
        i += 1
      }
      return nil
    }
  }

  /// Throws a syntax error naming the file and line of the first marker, if there is one.
  static func check(_ bytes: [UInt8], file: String) throws {
    guard let line = firstLine(in: bytes) else { return }
    throw LineageError(
      .syntax,
      "unresolved merge conflict marker (resolve the conflict, then regenerate the lockfile)",
      at: SourceLocation(file: file, line: line))
  }
}

/// The parts of a `package.json` a lockfile reader needs: the project's name and version, its
/// declared dependencies by kind, and its workspace globs.
struct PackageJSONManifest: Sendable, Hashable {
  /// A declared dependency: the name it is installed under, the spec, and how it is needed.
  struct Dependency: Sendable, Hashable {
    var name: String
    var spec: String
    var kind: Edge.Kind
    init(name: String, spec: String, kind: Edge.Kind) {
      self.name = name
      self.spec = spec
      self.kind = kind
    }
  }

  var name: String?
  var version: String?
  var dependencies: [Dependency]
  var workspaces: [String]
  /// `peerDependenciesMeta` names marked optional.
  var optionalPeers: Set<String>

  init(
    name: String? = nil, version: String? = nil, dependencies: [Dependency] = [],
    workspaces: [String] = [], optionalPeers: Set<String> = []
  ) {
    self.name = name
    self.version = version
    self.dependencies = dependencies
    self.workspaces = workspaces
    self.optionalPeers = optionalPeers
  }

  /// Reads the manifest fields of a package.json object (or a lockfile entry shaped like one).
  /// Members of the wrong type are ignored: a manifest is context, not the input being scanned.
  init(object: JSONValue, includeDev: Bool = true) {
    name = object["name"]?.stringValue
    version = object["version"]?.stringValue
    var deps: [Dependency] = []
    var sections: [(String, Edge.Kind)] = [
      ("dependencies", .dependsOn), ("optionalDependencies", .optionalDependsOn),
      ("peerDependencies", .peerDependsOn),
    ]
    if includeDev { sections.insert(("devDependencies", .devDependsOn), at: 1) }
    for (section, kind) in sections {
      guard let members = object[section]?.objectValue else { continue }
      for member in members {
        deps.append(
          Dependency(name: member.key, spec: member.value.stringValue ?? "", kind: kind))
      }
    }
    dependencies = deps
    if let list = object["workspaces"]?.arrayValue {
      workspaces = list.compactMap(\.stringValue)
    } else if let list = object["workspaces"]?["packages"]?.arrayValue {
      workspaces = list.compactMap(\.stringValue)
    } else {
      workspaces = []
    }
    var peers = Set<String>()
    for member in object["peerDependenciesMeta"]?.objectValue ?? JSONObject()
    where member.value["optional"]?.boolValue == true {
      peers.insert(member.key)
    }
    optionalPeers = peers
  }

  /// Reads `package.json` in `directory` of `source`; nil when there is none or it is not JSON.
  static func read(in source: any FileSource, directory: String) -> PackageJSONManifest? {
    let path = joinPath(directory, "package.json")
    guard source.isFile(path), let bytes = try? source.read(path),
      let value = try? JSONReader.parse(bytes), value.objectValue != nil
    else { return nil }
    return PackageJSONManifest(object: value)
  }
}

/// Matches workspace globs as npm does for folder names: `*` within one path segment, `**`
/// across any number of segments.
enum WorkspaceGlob {
  static func matches(_ pattern: String, path: String) -> Bool {
    var pattern = pattern
    if pattern.hasPrefix("./") { pattern.removeFirst(2) }
    while pattern.hasSuffix("/") { pattern.removeLast() }
    let p = pattern.split(separator: "/").map(String.init)
    let s = joinRelative("", path).split(separator: "/").map(String.init)
    return match(p[...], s[...])
  }

  private static func match(_ p: ArraySlice<String>, _ s: ArraySlice<String>) -> Bool {
    guard let head = p.first else { return s.isEmpty }
    if head == "**" {
      var rest = s
      while true {
        if match(p.dropFirst(), rest) { return true }
        if rest.isEmpty { return false }
        rest = rest.dropFirst()
      }
    }
    guard let segment = s.first, segmentMatches(Array(head.utf8)[...], Array(segment.utf8)[...])
    else { return false }
    return match(p.dropFirst(), s.dropFirst())
  }

  private static func segmentMatches(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
    guard let c = p.first else { return s.isEmpty }
    if c == UInt8(ascii: "*") {
      var rest = s
      while true {
        if segmentMatches(p.dropFirst(), rest) { return true }
        if rest.isEmpty { return false }
        rest = rest.dropFirst()
      }
    }
    guard let d = s.first, c == UInt8(ascii: "?") || c == d else { return false }
    return segmentMatches(p.dropFirst(), s.dropFirst())
  }
}
