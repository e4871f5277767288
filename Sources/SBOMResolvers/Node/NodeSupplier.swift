import LineageJSON
import SBOMModel

/// Who supplied a Node package, by one policy for npm, yarn and pnpm.
///
/// CycloneDX defines the supplier as "the organization that supplied the component … may be the
/// manufacturer, or a distributor or repackager"; NTIA minimum elements want one on every
/// component. Only what the input states is used, never a guess:
/// - registry packages: the registry that distributed them — `npm registry`
///   (`https://registry.npmjs.org`, also for its yarn mirror) or, for any other registry, its
///   host (`npm.pkg.github.com`, `https://npm.pkg.github.com`);
/// - git dependencies: the repository owner on its host, as for SwiftPM (`owner`,
///   `https://host/owner`);
/// - tarball downloads: the download host;
/// - packages bundled in another's tarball (npm `inBundle`, no `resolved`): the supplier of the
///   package that bundles them (`PackageLockGraphBuilder`);
/// - workspace, `link:` and `file:` packages: the root project's supplier (they are part of it);
/// - the root project: `--supplier`, else `package.json` `author` (`Name <email> (url)` or an
///   object), else the owner of `package.json` `repository` when it is a GitHub or GitLab URL
///   or `github:`/`gitlab:`/`owner/repo` shorthand, else none;
/// - anything whose origin is unknown: none.
enum NodeSupplier {
  /// The public npm registry, which also serves `registry.yarnpkg.com`.
  static let npmRegistry = Supplier(name: "npm registry", url: "https://registry.npmjs.org")

  /// The supplier of a package that came from `origin`; `project` is the root's supplier.
  static func of(origin: Origin, project: Supplier?) -> Supplier? {
    switch origin {
    case .registry(let url):
      // Nearly every package comes from the public registry: skip parsing its URL each time.
      if url == NodeResolvedSource.defaultRegistry { return npmRegistry }
      guard let host = host(of: url) else { return nil }
      if NodeResolvedSource.defaultRegistryHosts.contains(host) { return npmRegistry }
      return Supplier(name: host, url: "\(scheme(of: url))://\(host)")
    case .download(let url):
      guard let host = host(of: url) else { return nil }
      return Supplier(name: host, url: "\(scheme(of: url))://\(host)")
    case .git(let url, _, _):
      return SwiftPackageLocation(url).supplier
    case .path:
      return project
    case .distribution, .unknown:
      return nil
    }
  }

  /// The root project's supplier: `--supplier`, else package.json `author`, else the owner of
  /// its GitHub/GitLab `repository`.
  static func root(option: String?, manifest: PackageJSONManifest?) -> Supplier? {
    if let option = option?.trimmingWhitespace(), !option.isEmpty {
      return Supplier(name: option)
    }
    if let author = manifest?.author { return author }
    if let repository = manifest?.repository { return repositoryOwner(repository) }
    return nil
  }

  /// `Name <email> (url)` as npm writes a person; nil when no name is left.
  static func person(_ text: String) -> Supplier? {
    var rest = Substring(text)
    var email: String?
    var url: String?
    if let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
      email = String(rest[rest.index(after: open)..<close]).trimmingWhitespace()
      rest = rest[..<open] + rest[rest.index(after: close)...]
    }
    if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
      url = String(rest[rest.index(after: open)..<close]).trimmingWhitespace()
      rest = rest[..<open] + rest[rest.index(after: close)...]
    }
    let name = String(rest).trimmingWhitespace()
    guard !name.isEmpty else { return nil }
    return Supplier(
      name: name, email: email.flatMap { $0.isEmpty ? nil : $0 },
      url: url.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// A person given as `{"name", "email", "url"}`.
  static func person(_ value: JSONValue) -> Supplier? {
    if let text = value.stringValue { return person(text) }
    guard let name = value["name"]?.stringValue?.trimmingWhitespace(), !name.isEmpty else {
      return nil
    }
    return Supplier(
      name: name, email: value["email"]?.stringValue, url: value["url"]?.stringValue)
  }

  /// The owner of a GitHub or GitLab repository URL or shorthand; nil for any other.
  static func repositoryOwner(_ repository: String) -> Supplier? {
    var text = repository.trimmingWhitespace()
    for (shortcut, host) in [("github:", "github.com"), ("gitlab:", "gitlab.com")]
    where text.hasPrefix(shortcut) {
      text = "https://\(host)/" + text.dropFirst(shortcut.count)
    }
    // npm reads a bare `owner/repo` as a GitHub repository.
    if !text.contains(":"), !text.hasPrefix("."), !text.hasPrefix("/"),
      text.split(separator: "/").count == 2
    {
      text = "https://github.com/" + text
    }
    let location = SwiftPackageLocation(text)
    guard !location.isLocal, let host = location.host,
      host == "github.com" || host == "gitlab.com"
    else { return nil }
    return location.supplier
  }

  private static func host(of url: String) -> String? {
    var host = Substring(NodeResolvedSource.hostOf(url))
    if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
    return host.isEmpty ? nil : String(host)
  }

  private static func scheme(of url: String) -> String {
    url.lowercased().hasPrefix("http://") ? "http" : "https"
  }
}
