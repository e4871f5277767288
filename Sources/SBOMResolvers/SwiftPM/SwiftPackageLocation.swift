import SBOMModel

/// What a SwiftPM package location (`https://github.com/apple/swift-nio.git`,
/// `git@github.com:apple/swift-nio.git`, `/Users/me/dev/Foo`) tells about the package: its
/// identity as SwiftPM derives it, and the host, owner and repository name for the purl.
struct SwiftPackageLocation: Sendable, Hashable {
  /// The URL as normalised for comparison (`https://github.com/apple/swift-nio`), or the path.
  var normalized: String
  /// `github.com`; nil for a local path.
  var host: String?
  /// Owner path on the host (`apple`, or `group/subgroup` on GitLab); nil when the URL has none.
  var owner: String?
  /// Repository name as written in the URL (case kept, `.git` stripped).
  var repositoryName: String
  /// True for a filesystem path or `file://` URL.
  var isLocal: Bool

  /// SwiftPM's identity for the location: the last path component, `.git` stripped,
  /// lowercased (so a v1 pin named `llbuild` at `…/swift-llbuild.git` is `swift-llbuild`).
  var identity: String { repositoryName.lowercased() }

  init(_ raw: String) {
    let trimmed = raw.trimmingWhitespace()
    if SwiftPackageLocation.isLocalPath(trimmed) {
      var path = trimmed
      if path.hasPrefix("file://") { path = String(path.dropFirst("file://".count)) }
      while path.count > 1, path.hasSuffix("/") { path.removeLast() }
      normalized = path
      host = nil
      owner = nil
      repositoryName = SwiftPackageLocation.lastComponent(of: path)
      isLocal = true
      return
    }
    normalized = GitURL.normalize(trimmed)
    isLocal = false
    guard let rest = SwiftPackageLocation.afterScheme(normalized) else {
      host = nil
      owner = nil
      repositoryName = SwiftPackageLocation.lastComponent(of: normalized)
      return
    }
    var pieces = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    host = pieces.isEmpty ? nil : pieces.removeFirst()
    repositoryName = pieces.isEmpty ? "" : SwiftPackageLocation.stripGit(pieces.removeLast())
    owner = pieces.isEmpty ? nil : pieces.joined(separator: "/")
  }

  /// `github.com/apple`, the purl namespace; nil when there is no host.
  var namespace: String? {
    guard let host else { return nil }
    guard let owner else { return host }
    return host + "/" + owner
  }

  /// The repository owner on its host, as a supplier (`apple`, `https://github.com/apple`).
  var supplier: Supplier? {
    guard let host, let owner else { return nil }
    return Supplier(name: owner, url: "https://\(host)/\(owner)")
  }

  /// The part of a URL after `scheme://`, nil when there is no scheme.
  static func afterScheme(_ url: String) -> Substring? {
    let scalars = Array(url.utf8)
    guard scalars.count > 3 else { return nil }
    for i in 0..<(scalars.count - 2)
    where scalars[i] == UInt8(ascii: ":") && scalars[i + 1] == UInt8(ascii: "/")
      && scalars[i + 2] == UInt8(ascii: "/")
    {
      return Substring(url.utf8.dropFirst(i + 3))
    }
    return nil
  }

  static func isLocalPath(_ s: String) -> Bool {
    s.hasPrefix("/") || s.hasPrefix("file://") || s.hasPrefix("./") || s.hasPrefix("../")
      || s.hasPrefix("~/") || s == "." || s == ".."
  }

  static func lastComponent(of path: String) -> String {
    let last = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
    return stripGit(last ?? path)
  }

  static func stripGit(_ s: String) -> String {
    s.hasSuffix(".git") && s.count > 4 ? String(s.dropLast(4)) : s
  }
}
