import LineageJSON
import SBOMModel

// Helpers the yarn and pnpm resolvers share: npm names and purls, where a resolved URL points,
// package.json beside a lockfile, and scopes from reachability.
// TODO(lead): unify with NodeCommon.swift (npm helper) once both have landed.

/// An npm package name split as purl wants it: `@babel/core` → namespace `@babel`, name `core`.
struct NpmName: Hashable, Sendable {
  var namespace: String?
  var name: String

  init(_ full: String) {
    if full.hasPrefix("@"), let slash = full.firstIndex(of: "/") {
      namespace = String(full[..<slash])
      name = String(full[full.index(after: slash)...])
    } else {
      namespace = nil
      name = full
    }
  }

  var full: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// Splits `name@range` (the name may be scoped: `@scope/name@range`) at the `@` that ends the
/// name. Nil when there is no such `@`.
func splitNameAtRange(_ descriptor: Substring) -> (name: Substring, range: Substring)? {
  let start = descriptor.startIndex
  guard start < descriptor.endIndex else { return nil }
  var search = descriptor.index(after: start)
  // A scoped name's own `@` comes first; the separator is the first `@` after its slash.
  if descriptor[start] == "@" {
    guard let slash = descriptor.firstIndex(of: "/") else { return nil }
    search = slash
  }
  guard let at = descriptor[search...].firstIndex(of: "@") else { return nil }
  return (descriptor[..<at], descriptor[descriptor.index(after: at)...])
}

/// Where a package's bytes came from, from a lockfile's resolved URL, with the purl qualifiers
/// that identify a non-registry or non-default-registry source.
struct NpmSource: Sendable {
  var origin: Origin
  var qualifiers: [String: String]

  /// The public npm registry: packages from it carry no `repository_url` qualifier.
  static let defaultRegistry = "https://registry.npmjs.org"

  static let registryDefault = NpmSource(
    origin: .registry(url: defaultRegistry), qualifiers: [:])

  /// Classifies a `resolved` / `tarball` / berry resolution URL. `name` is the real package name.
  static func classify(_ raw: String, name: String) -> NpmSource {
    let url = raw.trimmingWhitespace()
    if url.isEmpty { return registryDefault }
    for prefix in ["file:", "link:", "portal:"] where url.hasPrefix(prefix) {
      return NpmSource(origin: .path(String(url.dropFirst(prefix.count))), qualifiers: [:])
    }
    // The common case first: the public registry's own tarball URL.
    for prefix in ["https://registry.yarnpkg.com/", "https://registry.npmjs.org/"]
    where url.hasPrefix(prefix) {
      let path = url.utf8.dropFirst(prefix.utf8.count)
      if path.starts(with: name.utf8), path.dropFirst(name.utf8.count).starts(with: "/-/".utf8) {
        return registryDefault
      }
    }
    if let git = gitSource(url) { return git }
    if url.hasPrefix("http://") || url.hasPrefix("https://") {
      let withoutFragment = String(url.split(separator: "#", maxSplits: 1).first ?? "")
      if let base = registryBase(withoutFragment, name: name) {
        let normalized = normalizeRegistry(base)
        if normalized == defaultRegistry { return registryDefault }
        return NpmSource(
          origin: .registry(url: normalized), qualifiers: ["repository_url": normalized])
      }
      return NpmSource(
        origin: .download(url: withoutFragment), qualifiers: ["download_url": withoutFragment])
    }
    return NpmSource(origin: .unknown, qualifiers: [:])
  }

  /// A git source: `git+https://…#sha`, `git@host:o/r.git#sha`, `github:o/r#sha`,
  /// `https://github.com/o/r.git#sha`, berry's `…#commit=sha`, and GitHub codeload tarballs.
  static func gitSource(_ url: String) -> NpmSource? {
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

  private static func git(repository: String, revision: String?) -> NpmSource {
    let isCommit = revision.map { $0.count == 40 && $0.utf8.allSatisfy(isHex) } ?? false
    let reference: Origin.GitReference? =
      (revision != nil && !isCommit) ? .branch(revision ?? "") : nil
    var vcs = "git+" + repository
    if let revision { vcs += "@" + revision }
    return NpmSource(
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
}

/// Builds npm components the same way for every lockfile.
enum NpmComponents {
  /// A package component: purl `pkg:npm/<ns>/<name>@<version>` with the source's qualifiers.
  static func package(
    name: String, version: String?, source: NpmSource, hashes: [Hash], file: String,
    alias: String? = nil
  ) -> Component {
    let split = NpmName(name)
    let purl = try? PackageURL(
      type: "npm", namespace: split.namespace, name: split.name, version: version,
      qualifiers: source.qualifiers)
    let id =
      purl.map { ComponentID.derived(from: $0) }
      ?? ComponentID("npm:\(name)@\(version ?? "")")
    var properties: [Property] = []
    if let alias, alias != name { properties.append(Property("lineage:npm:alias", alias)) }
    return Component(
      id: id, ecosystem: .npm, namespace: split.namespace, name: split.name, version: version,
      purl: purl, origin: source.origin, hashes: hashes, properties: properties, sourceFile: file)
  }

  /// A project or workspace: an application component told apart by its path when its purl is
  /// taken.
  static func project(name: String, version: String?, path: String, file: String) -> Component {
    let split = NpmName(name)
    let purl = try? PackageURL(
      type: "npm", namespace: split.namespace, name: split.name, version: version)
    let id =
      purl.map {
        ComponentID.derived(from: $0, disambiguator: "workspace:" + (path.isEmpty ? "." : path))
      }
      ?? ComponentID("npm-workspace:\(path)")
    return Component(
      id: id, kind: .application, ecosystem: .npm, namespace: split.namespace, name: split.name,
      version: version, purl: purl, origin: .path(path.isEmpty ? "." : path), sourceFile: file)
  }
}

/// The parts of a `package.json` a lockfile resolver needs.
struct NodePackageJSON: Sendable {
  var name: String?
  var version: String?
  var dependencies: [(name: String, range: String)] = []
  var devDependencies: [(name: String, range: String)] = []
  var optionalDependencies: [(name: String, range: String)] = []
  var peerDependencies: [(name: String, range: String)] = []

  /// Reads `directory/package.json` if present; nil when absent. Unreadable JSON is a warning.
  static func read(
    in directory: String, from source: any FileSource, builder: inout GraphBuilder
  ) -> NodePackageJSON? {
    let path = joinPath(directory, "package.json")
    guard source.isFile(path) else { return nil }
    do {
      let value = try JSONReader.parse(try source.read(path))
      var manifest = NodePackageJSON()
      manifest.name = value["name"]?.stringValue
      manifest.version = value["version"]?.stringValue
      func section(_ key: String) -> [(name: String, range: String)] {
        (value[key]?.objectValue?.members ?? []).compactMap { member in
          member.value.stringValue.map { (member.key, $0) }
        }
      }
      manifest.dependencies = section("dependencies")
      manifest.devDependencies = section("devDependencies")
      manifest.optionalDependencies = section("optionalDependencies")
      manifest.peerDependencies = section("peerDependencies")
      return manifest
    } catch {
      builder.warn(
        "package.json beside the lockfile is unreadable (\(error)); root name and direct"
          + " dependencies unknown", at: SourceLocation(file: source.displayPath(path)))
      return nil
    }
  }

  /// Names listed only under devDependencies.
  var devOnlyNames: Set<String> {
    let runtime = Set((dependencies + optionalDependencies + peerDependencies).map(\.name))
    return Set(devDependencies.map(\.name)).subtracting(runtime)
  }
}

/// The directory part of a root-relative path (`a/b/yarn.lock` → `a/b`, `yarn.lock` → ``).
func directoryOf(_ path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "" }
  return String(path[..<slash])
}

/// The last path component, or a fallback for an empty or `.` path.
func lastComponent(_ path: String, fallback: String) -> String {
  let name = path.split(separator: "/").last.map(String.init) ?? ""
  return (name.isEmpty || name == ".") ? fallback : name
}
