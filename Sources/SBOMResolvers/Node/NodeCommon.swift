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
    // Byte search in ASCII names (all npm names since 2017), where it finds the same `/`.
    if isASCII(full) {
      let bytes = full.utf8
      if bytes.first == UInt8(ascii: "@"), let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
        scope = String(full[..<slash])
        name = String(full[bytes.index(after: slash)...])
      } else {
        scope = nil
        name = full
      }
      return
    }
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
/// digests, working on bytes: a lockfile has thousands of them. Gives exactly the result of
/// `Hash.fromSubresourceIntegrity` (tests compare both over every corpus lockfile).
enum NodeIntegrity {
  static func hashes(_ sri: String) -> [Hash] {
    var sri = sri
    return sri.withUTF8 { bytes in
      var out: [Hash] = []
      var i = 0
      let n = bytes.count
      while i < n {
        while i < n && isSeparator(bytes[i]) { i += 1 }
        let start = i
        while i < n && !isSeparator(bytes[i]) { i += 1 }
        if i > start, let hash = token(UnsafeBufferPointer(rebasing: bytes[start..<i])) {
          out.append(hash)
        }
      }
      return out
    }
  }

  /// The separators `Hash.fromSubresourceIntegrity` splits on.
  private static func isSeparator(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 }

  private static func token(_ t: UnsafeBufferPointer<UInt8>) -> Hash? {
    guard let dash = t.firstIndex(of: 45) else { return nil }
    guard let algorithm = algorithm(UnsafeBufferPointer(rebasing: t[..<dash])) else {
      return nil
    }
    // Every 4 base64 characters give 3 bytes, 6 hex digits: an upper bound for the digest.
    let capacity = (t.count - dash) / 4 * 6 + 6
    var invalid = false
    // Written to a scratch buffer and then decoded, not written into the string's own storage:
    // `String(unsafeUninitializedCapacity:)` validates a large string byte by byte (~3,500
    // instructions for a sha512 digest), where decoding checks ASCII eight bytes at a time.
    let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { hex in
      var written = 0
      var buffer: UInt32 = 0
      var bits = 0
      var i = dash + 1
      while i < t.count {
        let c = t[i]
        i += 1
        let v: UInt32
        switch c {
        case 65...90: v = UInt32(c - 65)
        case 97...122: v = UInt32(c - 71)
        case 48...57: v = UInt32(c + 4)
        case 43, 45: v = 62
        case 47, 95: v = 63
        case 61: continue
        case 63:
          i = t.count  // `?options` end the digest
          continue
        default:
          invalid = true
          return ""
        }
        buffer = (buffer << 6) | v
        bits += 6
        if bits >= 8 {
          bits -= 8
          let byte = UInt8((buffer >> UInt32(bits)) & 0xff)
          guard written + 2 <= hex.count else {
            invalid = true
            return ""
          }
          hex[written] = hexDigit(byte >> 4)
          hex[written + 1] = hexDigit(byte & 0x0f)
          written += 2
        }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: hex[..<written]), as: UTF8.self)
    }
    if invalid { return nil }
    // The text is lowercase hex by construction, so of `Hash.isWellFormed` only the length is
    // left to check, and `Hash.init`'s lowercase scan can be skipped by setting the value.
    if let length = algorithm.hexLength {
      guard text.utf8.count == length else { return nil }
    } else if text.isEmpty {
      return nil
    }
    var hash = Hash(algorithm, "")
    hash.value = text
    return hash
  }

  /// The common lowercase names without building a String; anything else as the model reads it.
  private static func algorithm(_ name: UnsafeBufferPointer<UInt8>) -> Hash.Algorithm? {
    if name.elementsEqual("sha512".utf8) { return .sha512 }
    if name.elementsEqual("sha1".utf8) { return .sha1 }
    if name.elementsEqual("sha256".utf8) { return .sha256 }
    if name.elementsEqual("sha384".utf8) { return .sha384 }
    return Hash.Algorithm(name: String(decoding: name, as: UTF8.self))
  }

  /// A lowercase hex digit, computed rather than looked up in a global table, whose lazy
  /// initialisation check ran for every digit.
  @inline(__always)
  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? 48 + nibble : 87 + nibble
  }
}

/// Where a package's bytes came from, from a lockfile's `resolved` / `tarball` / resolution
/// (npm, yarn and pnpm alike), with the purl qualifiers that identify a non-registry or
/// non-default-registry source (`vcs_url`, `download_url`, `repository_url`).
struct NodeResolvedSource: Sendable, Hashable {
  var origin: Origin
  var qualifiers: [String: String]

  /// The git commit of a git source.
  var commit: String? {
    if case .git(_, let revision, _) = origin { return revision }
    return nil
  }

  /// Hosts that serve the public npm registry.
  static let defaultRegistryHosts: Set<String> = [
    "registry.npmjs.org", "registry.yarnpkg.com", "registry.npmjs.com",
  ]

  /// The public npm registry: packages from it carry no `repository_url` qualifier.
  static let defaultRegistry = "https://registry.npmjs.org"

  static let registryDefault = NodeResolvedSource(
    origin: .registry(url: defaultRegistry), qualifiers: [:])

  /// Classifies a `resolved` / `tarball` / berry resolution URL. `name` is the real package
  /// name. With `baseDirectory` (the lockfile's folder), paths — `file:`, or npm's bare relative
  /// ones — are made relative to the scan root; without it they are kept as written and a bare
  /// word is `.unknown`.
  static func classify(
    _ raw: String, name: String, baseDirectory: String? = nil
  ) -> NodeResolvedSource {
    let url = raw.trimmingWhitespace()
    if url.isEmpty { return registryDefault }
    // The common case first (no path prefix can start a registry URL): the public registry's
    // own tarball URL.
    for prefix in ["https://registry.yarnpkg.com/", "https://registry.npmjs.org/"]
    where url.hasPrefix(prefix) {
      if isRegistryTarball(url, after: prefix.utf8.count, name: name) { return registryDefault }
    }
    for prefix in ["file:", "link:", "portal:"] where url.hasPrefix(prefix) {
      let path = String(url.dropFirst(prefix.count))
      return NodeResolvedSource(
        origin: .path(baseDirectory.map { joinRelative($0, path) } ?? path), qualifiers: [:])
    }
    if let git = gitSource(url) { return git }
    if url.hasPrefix("http://") || url.hasPrefix("https://") {
      let withoutFragment = String(url.split(separator: "#", maxSplits: 1).first ?? "")
      if let base = registryBase(withoutFragment, name: name) {
        let normalized = normalizeRegistry(base)
        if normalized == defaultRegistry { return registryDefault }
        return NodeResolvedSource(
          origin: .registry(url: normalized), qualifiers: ["repository_url": normalized])
      }
      return NodeResolvedSource(
        origin: .download(url: withoutFragment), qualifiers: ["download_url": withoutFragment])
    }
    if let baseDirectory {
      return NodeResolvedSource(origin: .path(joinRelative(baseDirectory, url)), qualifiers: [:])
    }
    return NodeResolvedSource(origin: .unknown, qualifiers: [:])
  }

  /// Whether `url` continues, `offset` bytes in, with `<name>/-/` (compared on contiguous
  /// bytes: the generic `utf8` view comparison cost more than the rest of classifying).
  private static func isRegistryTarball(_ url: String, after offset: Int, name: String) -> Bool {
    var url = url
    var name = name
    return url.withUTF8 { u in
      name.withUTF8 { n in
        let end = offset + n.count
        guard end + 3 <= u.count else { return false }
        return UnsafeBufferPointer(rebasing: u[offset..<end]).elementsEqual(n)
          && u[end] == UInt8(ascii: "/") && u[end + 1] == UInt8(ascii: "-")
          && u[end + 2] == UInt8(ascii: "/")
      }
    }
  }

  /// A git source: `git+https://…#sha`, `git@host:o/r.git#sha`, `github:o/r#sha`,
  /// `https://github.com/o/r.git#sha`, berry's `…#commit=sha`, and GitHub codeload tarballs.
  static func gitSource(_ spec: String) -> NodeResolvedSource? {
    var url = spec
    let shortcuts = [
      ("gitlab:", "https://gitlab.com/"), ("bitbucket:", "https://bitbucket.org/"),
      ("gist:", "https://gist.github.com/"),
    ]
    for (shortcut, base) in shortcuts where url.hasPrefix(shortcut) {
      url = "git+" + base + url.dropFirst(shortcut.count)
    }
    if url.hasPrefix("https://codeload.github.com/") {
      // https://codeload.github.com/<owner>/<repo>/tar.gz/<sha>
      let parts = url.dropFirst("https://codeload.github.com/".count).split(separator: "/")
      guard parts.count >= 4 else { return nil }
      return git(
        repository: "https://github.com/\(parts[0])/\(parts[1])", revision: String(parts[3]))
    }
    var body = Substring(url)
    var fragment: Substring?
    if let hash = url.firstIndex(of: "#") {
      body = url[..<hash]
      fragment = url[url.index(after: hash)...]
    }
    let isGit =
      body.hasPrefix("git+") || body.hasPrefix("git://") || body.hasPrefix("git@")
      || body.hasPrefix("ssh://") || body.hasPrefix("github:")
      || ((body.hasPrefix("https://") || body.hasPrefix("http://"))
        && (body.hasSuffix(".git") || (fragment != nil && isKnownGitHost(body))))
    guard isGit else { return nil }
    var revision: String?
    if let fragment {
      // berry: `commit=sha&…`; classic: the sha (or a ref) itself.
      for piece in fragment.split(separator: "&") {
        if piece.hasPrefix("commit=") {
          revision = String(piece.dropFirst("commit=".count))
        } else if !piece.contains("=") {
          revision = String(piece)
        }
      }
    }
    return git(repository: GitURL.normalize(String(body)), revision: revision)
  }

  private static func isKnownGitHost(_ url: Substring) -> Bool {
    ["https://github.com/", "https://gitlab.com/", "https://bitbucket.org/"].contains {
      url.hasPrefix($0)
    }
  }

  private static func git(repository: String, revision: String?) -> NodeResolvedSource {
    let isCommit = revision.map { $0.count == 40 && $0.utf8.allSatisfy(isHex) } ?? false
    let reference: Origin.GitReference? =
      (revision != nil && !isCommit) ? .branch(revision ?? "") : nil
    var vcs = "git+" + repository
    if let revision { vcs += "@" + revision }
    return NodeResolvedSource(
      origin: .git(url: repository, revision: isCommit ? revision : nil, reference: reference),
      qualifiers: ["vcs_url": vcs])
  }

  private static func isHex(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
  }

  /// `https://host/path/<name>/-/<file>.tgz` → `https://host/path`.
  static func registryBase(_ url: String, name: String) -> String? {
    guard let dash = url.firstRange(of: "/-/") else { return nil }
    let before = url[..<dash.lowerBound]
    for spelled in [name, name.replacing("/", with: "%2f"), name.replacing("/", with: "%2F")]
    where before.hasSuffix("/" + spelled) {
      return String(before.dropLast(spelled.count + 1))
    }
    return nil
  }

  /// yarn's registry is a mirror of npm's: both spell the same source.
  static func normalizeRegistry(_ base: String) -> String {
    var b = base
    while b.hasSuffix("/") { b.removeLast() }
    if b == "https://registry.yarnpkg.com" || b == "http://registry.npmjs.org"
      || b == "http://registry.yarnpkg.com"
    {
      return defaultRegistry
    }
    return b
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

/// Joins a directory and a relative path, resolving `.` and `..` where it can; a `..` above
/// the scan root is kept (npm's `file:../lib` may point outside the scanned tree).
func joinRelative(_ base: String, _ relative: String) -> String {
  let parts = normalizedSegments(base + "/" + relative, keepingEscapes: true) ?? []
  return parts.isEmpty ? "." : parts.joined(separator: "/")
}

/// `path` with `.`, empty segments and `..` resolved (`""` for the root itself); nil when it
/// climbs above its start.
func normalizePath(_ path: String) -> String? {
  normalizedSegments(path, keepingEscapes: false)?.joined(separator: "/")
}

private func normalizedSegments(_ path: String, keepingEscapes: Bool) -> [Substring]? {
  var parts: [Substring] = []
  for piece in path.split(separator: "/") {
    if piece == "." || piece.isEmpty { continue }
    if piece == "..", let last = parts.last, last != ".." {
      parts.removeLast()
    } else if piece == ".." && !keepingEscapes {
      return nil
    } else {
      parts.append(piece)
    }
  }
  return parts
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
  /// `author`, as a person string or object.
  var author: Supplier?
  /// `repository`, as a string or the `url` of an object.
  var repository: String?

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
    author = object["author"].flatMap { NodeSupplier.person($0) }
    repository = object["repository"]?.stringValue ?? object["repository"]?["url"]?.stringValue
  }

  /// The declared dependencies of one kind, in the order package.json lists them.
  func specs(_ kind: Edge.Kind) -> [(name: String, range: String)] {
    dependencies.filter { $0.kind == kind }.map { ($0.name, $0.spec) }
  }

  /// Names listed only under devDependencies.
  var devOnlyNames: Set<String> {
    let runtime = Set(dependencies.filter { $0.kind != .devDependsOn }.map(\.name))
    return Set(dependencies.filter { $0.kind == .devDependsOn }.map(\.name)).subtracting(runtime)
  }

  /// Reads `package.json` in `directory` of `source`; nil when there is none or it is not JSON.
  static func read(in source: any FileSource, directory: String) -> PackageJSONManifest? {
    let path = joinPath(directory, "package.json")
    guard source.isFile(path), let bytes = try? source.read(path),
      let value = try? JSONReader.parse(bytes), value.objectValue != nil
    else { return nil }
    return PackageJSONManifest(object: value)
  }

  /// Reads `package.json` in `directory`; nil when there is none. One that is not a JSON object
  /// is a warning: the root name and direct dependencies are then unknown.
  static func read(
    in directory: String, from source: any FileSource, builder: inout GraphBuilder
  ) -> PackageJSONManifest? {
    let path = joinPath(directory, "package.json")
    guard source.isFile(path) else { return nil }
    if let manifest = read(in: source, directory: directory) { return manifest }
    builder.warn(
      "package.json beside the lockfile is not a JSON object; root name and direct"
        + " dependencies unknown", at: SourceLocation(file: source.displayPath(path)))
    return nil
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
