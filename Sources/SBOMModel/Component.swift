/// A package (or the scanned project itself) found in a build: what it is, which exact version,
/// where its bytes came from, and how it was identified.
public struct Component: Sendable, Hashable {
  /// What role the component plays in the document.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The scanned project, a workspace member, or another thing the user builds.
    case application
    /// A package consumed by the build (the default).
    case library
    /// An operating system image or distribution (the root of a Debian scan).
    case operatingSystem = "operating-system"
    /// A single file.
    case file
  }

  /// How a component takes part in the build, from the way the lockfile reaches it.
  public enum Scope: String, Sendable, Hashable, CaseIterable, Comparable {
    case required
    case optional
    case dev
    case peer
    case devOptional = "dev-optional"

    public static func < (lhs: Scope, rhs: Scope) -> Bool {
      lhs.rank < rhs.rank
    }
    private var rank: Int {
      switch self {
      case .required: 0
      case .peer: 1
      case .optional: 2
      case .devOptional: 3
      case .dev: 4
      }
    }
  }

  /// Stable identifier derived from identity; see `ComponentID`.
  public var id: ComponentID
  public var kind: Kind
  public var ecosystem: Ecosystem
  /// Namespace as its ecosystem writes it: `github.com/apple` for SwiftPM, `@babel` for npm,
  /// the vendor for Debian (`debian`).
  public var namespace: String?
  public var name: String
  public var version: String?
  public var purl: PackageURL?
  public var origin: Origin
  public var hashes: [Hash]
  public var declaredLicense: LicenseExpression?
  public var concludedLicense: LicenseExpression?
  public var supplier: Supplier?
  public var scope: Scope
  public var description: String?
  public var homepage: String?
  /// Extra facts in insertion order (`lineage:npm:alias`, `lineage:deb:multi-arch`, …).
  public var properties: [Property]
  /// Files the component installs, when the resolver was asked for them.
  public var files: [FileEntry]
  /// Path of the input (relative to the scan root) where the component was found.
  public var sourceFile: String?

  // Inlinable so that decoders build the component in place: called across modules, the
  // initialiser made a copy of the whole component (a retain of every field) on return.
  @inlinable
  public init(
    id: ComponentID,
    kind: Kind = .library,
    ecosystem: Ecosystem,
    namespace: String? = nil,
    name: String,
    version: String? = nil,
    purl: PackageURL? = nil,
    origin: Origin = .unknown,
    hashes: [Hash] = [],
    declaredLicense: LicenseExpression? = nil,
    concludedLicense: LicenseExpression? = nil,
    supplier: Supplier? = nil,
    scope: Scope = .required,
    description: String? = nil,
    homepage: String? = nil,
    properties: [Property] = [],
    files: [FileEntry] = [],
    sourceFile: String? = nil
  ) {
    self.id = id
    self.kind = kind
    self.ecosystem = ecosystem
    self.namespace = namespace
    self.name = name
    self.version = version
    self.purl = purl
    self.origin = origin
    self.hashes = hashes
    self.declaredLicense = declaredLicense
    self.concludedLicense = concludedLicense
    self.supplier = supplier
    self.scope = scope
    self.description = description
    self.homepage = homepage
    self.properties = properties
    self.files = files
    self.sourceFile = sourceFile
  }

  /// The full name as the ecosystem writes it: `@babel/core`, `libc6`, `swift-nio`.
  public var displayName: String {
    if ecosystem == .npm, let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
    return name
  }

  /// The first property with this name.
  public func property(_ name: String) -> String? {
    properties.first { $0.name == name }?.value
  }
}

/// A stable component identifier: the canonical purl when there is one (plus a disambiguator
/// when one purl is found twice), otherwise a readable key built from ecosystem, name and version.
/// Never a counter, never random: the same input always yields the same id.
public struct ComponentID: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: ComponentID, rhs: ComponentID) -> Bool {
    byteOrderPrecedes(lhs.rawValue, rhs.rawValue)
  }

  /// The id for a component identified by `purl`, told apart by `disambiguator`
  /// (a lockfile path, say) when the same purl occurs more than once.
  public static func derived(from purl: PackageURL, disambiguator: String? = nil) -> ComponentID {
    guard let disambiguator, !disambiguator.isEmpty else { return ComponentID(purl.description) }
    return ComponentID("\(purl.description)#\(disambiguator)")
  }
}

/// A package ecosystem, named as the purl `type` names it.
public struct Ecosystem: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
  public init(_ rawValue: String) { self.init(rawValue: rawValue) }
  public var description: String { rawValue }
  public static func < (lhs: Ecosystem, rhs: Ecosystem) -> Bool { lhs.rawValue < rhs.rawValue }

  public static let swift = Ecosystem("swift")
  public static let deb = Ecosystem("deb")
  public static let npm = Ecosystem("npm")
  public static let generic = Ecosystem("generic")
}

/// A named fact about a component, kept in the order it was found.
public struct Property: Sendable, Hashable {
  public var name: String
  public var value: String
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// Who supplies a component: an organisation or person, and where to reach them.
public struct Supplier: Sendable, Hashable {
  public var name: String
  public var email: String?
  public var url: String?
  public init(name: String, email: String? = nil, url: String? = nil) {
    self.name = name
    self.email = email
    self.url = url
  }
}

/// One file a component installs, with its digests.
public struct FileEntry: Sendable, Hashable {
  public var path: String
  public var hashes: [Hash]
  public init(path: String, hashes: [Hash]) {
    self.path = path
    self.hashes = hashes
  }
}

/// Whether `a` sorts before `b` by their UTF-8 bytes: the order every document writes members in.
/// Compares contiguous storage directly; `String.<` (Unicode canonical order) and iterating
/// `utf8` views are several times slower when sorting tens of thousands of ids.
@inlinable
public func byteOrderPrecedes(_ a: String, _ b: String) -> Bool {
  var a = a
  var b = b
  return a.withUTF8 { x in
    b.withUTF8 { y in
      let n = Swift.min(x.count, y.count)
      var i = 0
      while i < n {
        let (p, q) = (x[i], y[i])
        if p != q { return p < q }
        i += 1
      }
      return x.count < y.count
    }
  }
}
