import SBOMModel

/// Reads where a decoded component's bytes came from: SPDX `downloadLocation`, CycloneDX
/// external references and the purl's `vcs_url` / `download_url` / `repository_url` / `distro`.
enum DecodedOriginReading {
  /// An SPDX `downloadLocation` or a CycloneDX reference URL: `git+https://host/a/b@rev` (and
  /// npm's `…#rev`) is git, http(s) is a registry or a download, NOASSERTION and NONE are unknown.
  static func origin(fromLocator text: String?, purlType: String?) -> Origin {
    guard let raw = DecodedFieldReading.meaningful(text) else { return .unknown }
    if isVCS(raw) { return git(raw) }
    if raw.hasPrefix("http://") || raw.hasPrefix("https://") {
      return isRegistry(raw, purlType: purlType) ? .registry(url: raw) : .download(url: raw)
    }
    if raw.hasPrefix("file:") { return .path(String(raw.dropFirst("file:".count))) }
    return .download(url: raw)
  }

  /// Whether a locator names a version-control checkout rather than an archive.
  static func isVCS(_ raw: String) -> Bool {
    for prefix in ["git+", "git://", "git@", "ssh://", "github:"] where raw.hasPrefix(prefix) {
      return true
    }
    let path = raw.split(separator: "#", maxSplits: 1).first.map(String.init) ?? raw
    let noRev = path.split(separator: "@").first.map(String.init) ?? path
    return noRev.hasSuffix(".git") || path.contains(".git@")
  }

  /// `git+https://github.com/a/b.git@<rev>` (SPDX and purl `vcs_url`) or `…#<rev>` (npm).
  static func git(_ raw: String) -> Origin {
    var locator = Substring(raw)
    var revision: String?
    var fragment: Substring?
    if let hash = locator.firstIndex(of: "#") {
      fragment = locator[locator.index(after: hash)...]
      locator = locator[..<hash]
    }
    // The revision follows the last '@' of the path, not the user-info '@' of `git@host`.
    let schemeEnd = locator.firstRange(of: "://")?.upperBound ?? locator.startIndex
    let pathStart = locator[schemeEnd...].firstIndex(where: { $0 == "/" || $0 == ":" })
    if let pathStart, let at = locator[pathStart...].lastIndex(of: "@") {
      revision = String(locator[locator.index(after: at)...])
      locator = locator[..<at]
    } else if let fragment, !fragment.isEmpty {
      revision = String(fragment)
    }
    let url = GitURL.normalize(String(locator))
    guard let rev = revision, !rev.isEmpty else {
      return .git(url: url, revision: nil, reference: nil)
    }
    if looksLikeCommit(rev) { return .git(url: url, revision: rev.lowercased(), reference: nil) }
    return .git(url: url, revision: nil, reference: .tag(rev))
  }

  static func looksLikeCommit(_ s: String) -> Bool {
    s.utf8.count >= 7 && s.utf8.count <= 64
      && s.utf8.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66)
      }
  }

  /// Artifact hosts of the public registries: a download from one of them is a registry origin.
  static func isRegistry(_ url: String, purlType: String?) -> Bool {
    let hosts = [
      "registry.npmjs.org", "registry.yarnpkg.com", "npm.pkg.github.com", "files.pythonhosted.org",
      "pypi.org", "repo.maven.apache.org", "repo1.maven.org", "crates.io", "static.crates.io",
      "proxy.golang.org", "rubygems.org", "api.nuget.org", "packagist.org", "repo.packagist.org",
    ]
    guard let schemeEnd = url.firstRange(of: "://")?.upperBound else { return false }
    let rest = url[schemeEnd...]
    let host = rest.prefix { $0 != "/" && $0 != ":" }.lowercased()
    return hosts.contains(host)
  }

  /// The origin a purl itself pins down: its `vcs_url` or `download_url` qualifier, or the
  /// distribution of an OS package (`pkg:deb/debian/…?distro=debian-12`), whose distribution is a
  /// better origin than the upstream URL some tools write as its download location.
  static func exactOrigin(fromPurl purl: PackageURL?) -> Origin? {
    guard let purl else { return nil }
    // Most purls have no qualifiers: no lookups then (each hashes its key).
    if !purl.qualifiers.isEmpty {
      if let vcs = purl.qualifiers["vcs_url"], !vcs.isEmpty { return git(vcs) }
      if let download = purl.qualifiers["download_url"], !download.isEmpty {
        return origin(fromLocator: download, purlType: purl.type)
      }
    }
    let isOSPackage =
      switch purl.type {
      case "deb", "apk", "rpm", "alpm": true
      default: false
      }
    if isOSPackage, let vendor = purl.namespace, !vendor.isEmpty {
      var release = purl.qualifiers["distro"]
      if let r = release, r.hasPrefix(vendor + "-") {
        release = String(r.dropFirst(vendor.count + 1))
      }
      return .distribution(Origin.Distribution(vendor: vendor, release: release))
    }
    return nil
  }

  /// The registry a purl's `repository_url` qualifier names, as a last resort.
  static func registryHint(fromPurl purl: PackageURL?) -> Origin? {
    guard let purl, !purl.qualifiers.isEmpty, let url = purl.qualifiers["repository_url"],
      !url.isEmpty
    else { return nil }
    return .registry(url: url)
  }
}
