/// Where a component's bytes came from. The differ compares origins to catch a package that
/// silently moved to another registry, repository or archive.
public enum Origin: Sendable, Hashable {
  /// Downloaded from a package registry; `url` is the resolved artifact or the registry base.
  case registry(url: String)
  /// Checked out from a git repository (URL normalised, see `GitURL`).
  case git(url: String, revision: String?, reference: GitReference?)
  /// A local directory or file, relative to the scan root where possible.
  case path(String)
  /// A tarball or other archive fetched from a URL.
  case download(url: String)
  /// Installed from an operating-system distribution.
  case distribution(Distribution)
  /// Nothing in the input says where it came from.
  case unknown

  /// A tag or a branch a git revision was resolved from.
  public enum GitReference: Sendable, Hashable {
    case tag(String)
    case branch(String)
  }

  /// A Linux distribution, and the archive a package was taken from when known.
  public struct Distribution: Sendable, Hashable {
    /// `debian`, `ubuntu`, …
    public var vendor: String
    /// `12`, `22.04`, …
    public var release: String?
    public var archive: Archive?
    public init(vendor: String, release: String? = nil, archive: Archive? = nil) {
      self.vendor = vendor
      self.release = release
      self.archive = archive
    }
  }

  /// An apt archive entry: `Origin`, `Suite`, `Component` of the Release file and the pool URL.
  public struct Archive: Sendable, Hashable {
    public var origin: String?
    public var suite: String?
    public var component: String?
    public var url: String?
    public init(
      origin: String? = nil, suite: String? = nil, component: String? = nil, url: String? = nil
    ) {
      self.origin = origin
      self.suite = suite
      self.component = component
      self.url = url
    }
  }

  /// The URL a person would follow to fetch the bytes, if any.
  public var locator: String? {
    switch self {
    case .registry(let url), .download(let url): url
    case .git(let url, _, _): url
    case .path(let path): path
    case .distribution(let d): d.archive?.url
    case .unknown: nil
    }
  }

  /// A short kind name for reports: `registry`, `git`, `path`, `download`, `distribution`, `unknown`.
  public var kindName: String {
    switch self {
    case .registry: "registry"
    case .git: "git"
    case .path: "path"
    case .download: "download"
    case .distribution: "distribution"
    case .unknown: "unknown"
    }
  }
}

/// Normalises git remote URLs so that equivalent spellings compare equal:
/// `git@github.com:a/b.git`, `ssh://git@github.com/a/b`, `git+https://github.com/a/b.git` and
/// `https://github.com/a/b` all become `https://github.com/a/b`.
public enum GitURL {
  public static func normalize(_ raw: String) -> String {
    var s = raw.trimmingWhitespace()
    // Schemes are case-insensitive (RFC 3986 §3.1).
    if let schemeEnd = s.firstRange(of: "://"),
      s[..<schemeEnd.lowerBound].allSatisfy({ $0.isLetter || $0 == "+" })
    {
      s = s[..<schemeEnd.lowerBound].lowercased() + s[schemeEnd.lowerBound...]
    }
    for prefix in ["git+", "github:"] where s.hasPrefix(prefix) {
      if prefix == "github:" {
        s = "https://github.com/" + s.dropFirst(prefix.count)
      } else {
        s = String(s.dropFirst(prefix.count))
      }
    }
    // scp-like syntax: user@host:path (no scheme, colon before the first slash).
    if !s.contains("://"), let at = s.firstIndex(of: "@"), let colon = s.firstIndex(of: ":"),
      at < colon
    {
      let host = s[s.index(after: at)..<colon]
      let path = s[s.index(after: colon)...].drop { $0 == "/" }
      s = "https://\(host)/\(path)"
    }
    for scheme in ["ssh://", "git://", "http://", "git+ssh://", "git+https://"]
    where s.hasPrefix(scheme) {
      s = "https://" + s.dropFirst(scheme.count)
    }
    if s.hasPrefix("https://") {
      var rest = Substring(s.dropFirst("https://".count))
      // Drop user info (git@, user:token@), also when there is no path.
      let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
      if let at = rest[..<authorityEnd].lastIndex(of: "@") {
        rest = rest[rest.index(after: at)...]
      }
      // Drop an explicit :22 (from ssh:// forms); other ports distinguish servers.
      let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
      var host = rest[..<hostEnd].lowercased()
      if host.hasSuffix(":22") { host = String(host.dropLast(3)) }
      var path = String(rest[hostEnd...])
      if let fragment = path.firstIndex(of: "#") { path = String(path[..<fragment]) }
      while path.hasSuffix("/") { path.removeLast() }
      if path.hasSuffix(".git") { path.removeLast(4) }
      s = "https://" + host + path
    }
    return s
  }

  /// Host, owner and repository name of a normalised URL (`github.com`, `apple`, `swift-nio`),
  /// or nil when the URL has no path of at least one component.
  public static func components(of url: String) -> (host: String, path: [String])? {
    let normalized = normalize(url)
    let pieces = normalized.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let first = pieces.first, first.hasSuffix(":") else {
      return pieces.isEmpty ? nil : ("", pieces)
    }
    let parts = Array(pieces.dropFirst())
    guard parts.count >= 2 else { return nil }
    return (parts[0], Array(parts.dropFirst()))
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
  public func trimmingWhitespace() -> String {
    // Most values have nothing to trim: answer from the end bytes without walking Characters.
    func isSpaceByte(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    if !isSpaceByte(utf8.first) && !isSpaceByte(utf8.last) { return isEmpty ? "" : self }
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    guard let end = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[start...end])
  }
}
