import SBOMModel

/// What makes two components "the same package" across releases and across generators: purl
/// type, namespace and name, without version, normalised so that Syft's, Trivy's, other tools'
/// and Lineage's spellings of one package compare equal.
///
/// `discriminator` (the `arch` qualifier) tells apart packages installed side by side under one
/// name (`libc6:amd64` and `libc6:i386`). It is kept out of `==` on purpose: one generator may
/// omit it, so the pairing step treats a missing architecture as matching any.
struct IdentityKey: Hashable, Comparable, Sendable {
  let type: String
  let namespace: String
  let name: String
  /// The three strings hashed once, when the key is made (on the thread preparing its side):
  /// the differ looks every key up in both sides' tables, and rehashing three strings per
  /// lookup was most of pairing's cost.
  private let digest: Int

  init(type: String, namespace: String, name: String) {
    self.type = type
    self.namespace = namespace
    self.name = name
    var hasher = Hasher()
    hasher.combine(type)
    hasher.combine(namespace)
    hasher.combine(name)
    digest = hasher.finalize()
  }

  static func == (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
    lhs.digest == rhs.digest && lhs.type == rhs.type && lhs.namespace == rhs.namespace
      && lhs.name == rhs.name
  }

  func hash(into hasher: inout Hasher) { hasher.combine(digest) }

  static func < (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
    (lhs.type, lhs.namespace, lhs.name) < (rhs.type, rhs.namespace, rhs.name)
  }
}

/// A component as the differ sees it: its identity, architecture and normalised version, and
/// its position in its graph's component array (the component itself is not copied: copying
/// one retains a dozen strings, which dominated the differ's hot loops).
struct IdentifiedComponent: Sendable {
  var key: IdentityKey
  /// Lowercased `arch` qualifier, when the input gave one.
  var discriminator: String?
  var version: String?
  var position: Int

  init(_ component: Component, position: Int = 0) {
    self = withUnsafePointer(to: component) { IdentifiedComponent($0, position: position) }
  }

  /// Identifies the component in place (see `SideIndex`: passing components by value copied
  /// each one, a retain and a release of every field).
  init(_ component: UnsafePointer<Component>, position: Int) {
    (key, discriminator) = IdentityNormalizer.key(for: component)
    version = IdentityNormalizer.version(of: component)
    self.position = position
  }

  /// The versionless purl reports print: normalised identity, plus `arch` for Debian.
  func versionlessPURL() -> String {
    IdentityNormalizer.purlString(key, discriminator: key.type == "deb" ? discriminator : nil)
  }
}

/// The normalisation rules, one ecosystem at a time.
enum IdentityNormalizer {
  /// Types whose registries compare names case-insensitively (or, for npm and Debian, only
  /// allow lowercase and so any uppercase is a generator's spelling).
  /// (A switch: it is asked for every component, and a set lookup hashed the type each time.)
  private static func isCaseInsensitive(_ type: String) -> Bool {
    switch type {
    case "npm", "deb", "swift", "github", "bitbucket", "gitlab", "pypi", "nuget", "composer",
      "apk", "alpm":
      true
    default: false
    }
  }

  static func key(for pointer: UnsafePointer<Component>) -> (IdentityKey, String?) {
    let component = UnsafeComponent(pointer)
    let hasPurl = component.hasPurl
    var type = (hasPurl ? component.purlType : component.ecosystem.rawValue).lowercasedIfNeeded()
    var namespace = component.purlNamespace ?? component.namespace ?? ""
    var name = hasPurl ? component.purlName : component.name
    let arch = component.purlQualifier("arch").flatMap {
      $0.isEmpty ? nil : $0.lowercasedIfNeeded()
    }

    if namespace.utf8.first == UInt8(ascii: "%"), namespace.hasPrefix("%40") {
      namespace = "@" + namespace.dropFirst(3)
    }
    switch type {
    case "npm":
      // Some tools put the scope into the name (`@babel/core`) instead of the namespace.
      if namespace.isEmpty, name.utf8.first == UInt8(ascii: "@"),
        let slash = name.firstIndex(of: "/")
      {
        namespace = String(name[..<slash])
        name = String(name[name.index(after: slash)...])
      }
    case "deb":
      // The vendor (`debian`, `ubuntu`) depends on what the generator learnt about the image, not
      // on the package: a bare status file has none. It stays out of the identity.
      namespace = ""
    case "swift":
      (namespace, name) = swiftIdentity(component, namespace: namespace, name: name)
    case "github", "bitbucket", "gitlab":
      if name.hasSuffix(".git") { name.removeLast(4) }
    case "pypi":
      // PEP 503: runs of `-`, `_`, `.` are one separator.
      name = String(name.map { $0 == "_" || $0 == "." ? "-" : $0 })
    default:
      break
    }
    if type.isEmpty { type = "generic" }
    if isCaseInsensitive(type) {
      namespace = namespace.lowercasedIfNeeded()
      name = name.lowercasedIfNeeded()
    }
    return (IdentityKey(type: type, namespace: namespace, name: name), arch)
  }

  /// SwiftPM identity comes from the repository URL: `Package.resolved` v1 names a pin by its
  /// manifest name (`llbuild`) where v2 uses the URL's last component (`swift-llbuild`).
  /// Some generators repeat the repository in the namespace
  /// (`pkg:swift/github.com/apple/swift-nio/swift-nio`) or keep a scheme or `.git`.
  private static func swiftIdentity(
    _ component: UnsafeComponent, namespace: String, name: String
  ) -> (String, String) {
    if case .git(let url, _, _) = component.origin,
      let parts = GitURL.components(of: url), !parts.host.isEmpty, parts.path.count >= 2
    {
      let repository = parts.path[parts.path.count - 1]
      let owner = parts.path.dropLast().joined(separator: "/")
      return ("\(parts.host)/\(owner)", stripGitSuffix(repository))
    }
    // A URL scheme as the first segment: `https://github.com/a`, or `https:/github.com/a` once a
    // purl parser has dropped the empty segment.
    var ns = Substring(namespace)
    if let colon = ns.firstIndex(of: ":"), !ns[..<colon].contains("/") {
      ns = ns[ns.index(after: colon)...].drop { $0 == "/" }
    }
    while ns.hasSuffix("/") { ns.removeLast() }
    let bareName = stripGitSuffix(name)
    var segments = ns.split(separator: "/").map(String.init)
    if segments.count >= 3, let last = segments.last,
      stripGitSuffix(last).lowercased() == bareName.lowercased()
    {
      segments.removeLast()
    }
    return (segments.joined(separator: "/"), bareName)
  }

  private static func stripGitSuffix(_ s: String) -> String {
    s.hasSuffix(".git") ? String(s.dropLast(4)) : s
  }

  /// Placeholders generators write when they do not know a version (Syft's `UNKNOWN` for npm
  /// workspace members, SPDX's `NOASSERTION`): the version is unstated.
  private static let unstatedVersions: Set<String> = ["UNKNOWN", "NOASSERTION", "NONE", "*"]

  /// The version, normalised across generators:
  /// - a Debian/RPM epoch is written into it: Syft writes `1:2.3-4` as the version, Trivy writes
  ///   version `2.3-4` and qualifier `epoch=1`; epoch 0 is no epoch (Debian policy 5.6.12);
  /// - npm: a pnpm peer-dependency suffix some tools leave on (`1.5.2_react@17.0.2`,
  ///   `1.5.2(react@17.0.2)`) is cut; SemVer allows neither `_` nor `(`;
  /// - placeholders such as `UNKNOWN` are no version.
  static func version(of pointer: UnsafePointer<Component>) -> String? {
    let component = UnsafeComponent(pointer)
    guard var version = component.version ?? component.purlVersion, !version.isEmpty,
      !isUnstated(version)
    else {
      return nil
    }
    let type = component.hasPurl ? component.purlType : component.ecosystem.rawValue
    // The byte test spares the Character walk for the versions (nearly all) that have neither.
    if type == "npm", version.containsUTF8(where: { $0 == 0x5F || $0 == 0x28 }),
      let cut = version.firstIndex(where: { $0 == "_" || $0 == "(" }),
      cut != version.startIndex
    {
      version = String(version[..<cut])
    }
    if let epoch = component.purlQualifier("epoch"), !epoch.isEmpty, epoch != "0",
      !version.contains(":")
    {
      version = "\(epoch):\(version)"
    }
    if version.utf8.first == UInt8(ascii: "0"), version.hasPrefix("0:"),
      type == "deb" || type == "rpm"
    {
      version.removeFirst(2)
    }
    return version
  }

  /// Whether the version is a placeholder; versions starting with a digit (nearly all) are
  /// answered without building an uppercased copy.
  private static func isUnstated(_ version: String) -> Bool {
    if let first = version.utf8.first, first >= 0x30, first <= 0x39 { return false }
    return unstatedVersions.contains(version.uppercased())
  }

  static func purlString(_ key: IdentityKey, discriminator: String?) -> String {
    let qualifiers = discriminator.map { ["arch": $0] } ?? [:]
    if let purl = try? PackageURL(
      type: key.type, namespace: key.namespace.isEmpty ? nil : key.namespace, name: key.name,
      qualifiers: qualifiers)
    {
      return purl.description
    }
    var s = "pkg:\(key.type)/"
    if !key.namespace.isEmpty { s += key.namespace + "/" }
    s += key.name
    if let discriminator { s += "?arch=\(discriminator)" }
    return s
  }
}

/// The fields the normalizer reads, each read through the pointer where the component lies
/// (the purl's fields one by one: taking the whole purl retained and released all of them).
struct UnsafeComponent {
  let pointer: UnsafePointer<Component>
  init(_ pointer: UnsafePointer<Component>) { self.pointer = pointer }
  // Through one field: comparing the optional purl with nil copied the whole purl first.
  var hasPurl: Bool { pointer.pointee.purl?.type != nil }
  /// The purl's fields; the purl must exist (see `hasPurl`) for the non-optional ones.
  var purlType: String { pointer.pointee.purl?.type ?? "" }
  var purlNamespace: String? { pointer.pointee.purl?.namespace }
  var purlName: String { pointer.pointee.purl?.name ?? "" }
  var purlVersion: String? { pointer.pointee.purl?.version }
  func purlQualifier(_ key: String) -> String? {
    guard let qualifiers = pointer.pointee.purl?.qualifiers, !qualifiers.isEmpty else {
      return nil
    }
    return qualifiers[key]
  }
  var ecosystem: Ecosystem { pointer.pointee.ecosystem }
  var namespace: String? { pointer.pointee.namespace }
  var name: String { pointer.pointee.name }
  var version: String? { pointer.pointee.version }
  var origin: Origin { pointer.pointee.origin }
}

extension String {
  /// `lowercased()`, without allocating when there is nothing to lower (the common case).
  func lowercasedIfNeeded() -> String {
    containsUTF8 { $0 >= 65 && $0 <= 90 || $0 >= 0x80 } ? lowercased() : self
  }

  /// Whether a UTF-8 byte satisfies `predicate`, tested over the contiguous bytes: the `utf8`
  /// view's generic `contains` cost ten times as much.
  func containsUTF8(where predicate: (UInt8) -> Bool) -> Bool {
    var copy = self
    return copy.withUTF8 { bytes in bytes.contains(where: predicate) }
  }
}
