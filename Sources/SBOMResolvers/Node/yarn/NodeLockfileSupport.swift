import LineageJSON
import SBOMModel

// Helpers the yarn and pnpm resolvers share: npm names and purls, where a resolved URL points,
// package.json beside a lockfile, and scopes from reachability.

/// Splits `name@range` (the name may be scoped: `@scope/name@range`) at the `@` that ends the
/// name. Nil when there is no such `@`.
func splitNameAtRange(_ descriptor: Substring) -> (name: Substring, range: Substring)? {
  // ASCII text (nearly every descriptor) is searched by bytes, which there find the same
  // indices as the Character walk below at a fraction of its cost.
  if isASCII(descriptor) {
    let bytes = descriptor.utf8
    guard let first = bytes.first else { return nil }
    var search = bytes.index(after: bytes.startIndex)
    if first == UInt8(ascii: "@") {
      guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
      search = slash
    }
    guard let at = bytes[search...].firstIndex(of: UInt8(ascii: "@")) else { return nil }
    return (descriptor[..<at], descriptor[bytes.index(after: at)...])
  }
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

/// Whether `text` is all ASCII, where byte offsets and Character boundaries coincide (bar
/// `\r\n`, which no byte search for a printable character can split).
func isASCII(_ text: String) -> Bool {
  // On the contiguous bytes: iterating the `utf8` view costs several times more.
  var text = text
  return text.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 } }
}

/// Whether `text` is all ASCII (see `isASCII(_: String)`).
func isASCII(_ text: Substring) -> Bool {
  var text = text
  return text.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 } }
}

/// Builds npm components the same way for every lockfile.
enum NpmComponents {
  /// A package component: purl `pkg:npm/<ns>/<name>@<version>` with the source's qualifiers.
  /// (`NodeLockGraph.build` gives it its supplier, once its origin is final.)
  static func package(
    name: String, version: String?, source: NodeResolvedSource, hashes: [Hash], file: String,
    alias: String? = nil
  ) -> Component {
    let split = NodePackageName(name)
    let purl = try? NodePURL.make(name: name, version: version, qualifiers: source.qualifiers)
    let id =
      purl.map { ComponentID.derived(from: $0) }
      ?? ComponentID("npm:\(name)@\(version ?? "")")
    var properties: [Property] = []
    if let alias, alias != name { properties.append(Property("lineage:npm:alias", alias)) }
    return Component(
      id: id, ecosystem: .npm, namespace: split.scope, name: split.name, version: version,
      purl: purl, origin: source.origin, hashes: hashes, properties: properties, sourceFile: file)
  }

  /// A project or workspace: an application component told apart by its path when its purl is
  /// taken.
  static func project(name: String, version: String?, path: String, file: String) -> Component {
    let split = NodePackageName(name)
    let purl = try? NodePURL.make(name: name, version: version)
    let id =
      purl.map {
        ComponentID.derived(from: $0, disambiguator: "workspace:" + (path.isEmpty ? "." : path))
      }
      ?? ComponentID("npm-workspace:\(path)")
    return Component(
      id: id, kind: .application, ecosystem: .npm, namespace: split.scope, name: split.name,
      version: version, purl: purl, origin: .path(path.isEmpty ? "." : path), sourceFile: file)
  }

  /// A `link:`/`portal:` target: a folder of the project, without a version, told apart by its
  /// path.
  static func link(name: String, path: String, file: String) -> Component {
    let split = NodePackageName(name)
    let purl = try? NodePURL.make(name: name, version: nil)
    let location = path.isEmpty ? "." : path
    let id =
      purl.map { ComponentID.derived(from: $0, disambiguator: "link:" + path) }
      ?? ComponentID("npm-link:\(path)")
    return Component(
      id: id, ecosystem: .npm, namespace: split.scope, name: split.name, purl: purl,
      origin: .path(location), sourceFile: file)
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
