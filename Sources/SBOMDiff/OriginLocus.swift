import SBOMModel

/// Decides whether a package's origin really moved.
///
/// A version bump changes the tarball URL (`…/debug/-/debug-4.3.5.tgz`), so URLs are not compared
/// whole: each origin is reduced to its *locus*, the part that stays put across versions.
/// - registry and download URLs: host (aliases such as `registry.yarnpkg.com` folded into
///   `registry.npmjs.org`) plus the registry base path in front of an npm-style
///   `<name>/-/<file>` path; scheme, user info, query and fragment are ignored.
/// - GitHub archive downloads (`codeload.github.com/o/r/tar.gz/<sha>`) count as the repository
///   `https://github.com/o/r`, so a lockfile switching between tarball and git spellings of one
///   repository is no move.
/// - git: the URL normalised by `GitURL.normalize`, case-folded.
/// - path: the path without `./` and trailing `/`.
/// - distribution: the vendor, and the archive's `Origin` and host when both sides know them.
/// An `unknown` origin on either side is never a change: a generator that does not record
/// origins says nothing about a move.
enum OriginLocus {
  static func moved(_ a: Origin, _ b: Origin) -> Bool {
    switch (a, b) {
    case (.unknown, _), (_, .unknown):
      return false
    case (.registry(let x), .registry(let y)), (.download(let x), .download(let y)),
      (.registry(let x), .download(let y)), (.download(let x), .registry(let y)):
      // Fast path for the common case, two tarballs of one package in one registry: the same
      // text before `/-/` is the same host, base path and package name.
      if x == y { return false }
      if let px = npmTarballPrefix(x), let py = npmTarballPrefix(y), px.elementsEqual(py) {
        return false
      }
      return remoteLocus(x) != remoteLocus(y)
    case (.distribution(let x), .distribution(let y)):
      return distributionMoved(x, y)
    default:
      return locus(a) != locus(b)
    }
  }

  static func locus(_ origin: Origin) -> String {
    switch origin {
    case .registry(let url), .download(let url):
      return remoteLocus(url)
    case .git(let url, _, _):
      return "git:" + GitURL.normalize(url).lowercased()
    case .path(let path):
      var p = Substring(path)
      while p.hasPrefix("./") { p = p.dropFirst(2) }
      while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
      return "path:" + p
    case .distribution(let d):
      return "distribution:" + d.vendor.lowercased()
    case .unknown:
      return "unknown"
    }
  }

  private static let registryAliases: [String: String] = [
    "registry.yarnpkg.com": "registry.npmjs.org",
    "registry.npmjs.com": "registry.npmjs.org",
  ]
  private static let githubArchiveHosts: Set<String> = ["codeload.github.com", "github.com"]

  /// The bytes of `url` before its first `/-/`, if it has one.
  private static func npmTarballPrefix(_ url: String) -> Substring.UTF8View? {
    let bytes = url.utf8
    var i = bytes.startIndex
    while i != bytes.endIndex {
      if bytes[i] == UInt8(ascii: "/") {
        let j = bytes.index(after: i)
        if j != bytes.endIndex, bytes[j] == UInt8(ascii: "-") {
          let k = bytes.index(after: j)
          if k != bytes.endIndex, bytes[k] == UInt8(ascii: "/") { return url[..<i].utf8 }
        }
      }
      i = bytes.index(after: i)
    }
    return nil
  }

  private static func remoteLocus(_ url: String) -> String {
    guard let parsed = ParsedURL(url) else { return "remote:" + url }
    let host = registryAliases[parsed.host] ?? parsed.host
    let segments = parsed.path
    if githubArchiveHosts.contains(host), segments.count >= 2 {
      var repository = segments[1]
      if repository.hasSuffix(".git") { repository.removeLast(4) }
      return "git:https://github.com/\(segments[0].lowercased())/\(repository.lowercased())"
    }
    // npm layout: <base…>/[@scope/]name/-/file.tgz → keep <base…>.
    if let dash = segments.firstIndex(of: "-"), dash >= 1 {
      var packageStart = dash - 1
      if packageStart >= 1, segments[packageStart - 1].hasPrefix("@") { packageStart -= 1 }
      return "remote:" + ([host] + segments[..<packageStart]).joined(separator: "/")
    }
    return "remote:" + host
  }

  private static func distributionMoved(_ x: Origin.Distribution, _ y: Origin.Distribution)
    -> Bool
  {
    if !x.vendor.isEmpty, !y.vendor.isEmpty, x.vendor.lowercased() != y.vendor.lowercased() {
      return true
    }
    if let ox = x.archive?.origin, let oy = y.archive?.origin, ox.lowercased() != oy.lowercased() {
      return true
    }
    if let ux = x.archive?.url.flatMap(ParsedURL.init),
      let uy = y.archive?.url.flatMap(ParsedURL.init),
      ux.host != uy.host
    {
      return true
    }
    return false
  }
}

/// The host and path segments of a URL, without scheme, user info, port 443/80, query or
/// fragment. Enough for comparing origins; not a general URL parser.
struct ParsedURL {
  var host: String
  var path: [String]

  init?(_ raw: String) {
    var s = Substring(raw.trimmingWhitespace())
    if s.hasPrefix("git+") { s = s.dropFirst(4) }
    guard let colon = s.firstIndex(of: ":"), s[colon...].hasPrefix("://") else { return nil }
    s = s[s.index(colon, offsetBy: 3)...]
    if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<cut] }
    let hostEnd = s.firstIndex(of: "/") ?? s.endIndex
    var authority = s[..<hostEnd]
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    var host = authority.lowercased()
    for port in [":443", ":80"] where host.hasSuffix(port) { host.removeLast(port.count) }
    guard !host.isEmpty else { return nil }
    self.host = host
    self.path = s[hostEnd...].split(separator: "/").map(String.init)
  }
}
