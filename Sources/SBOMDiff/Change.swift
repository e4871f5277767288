import SBOMModel

/// What changed between two graphs, one package (or one dependency edge) at a time.
///
/// A package can carry several changes at once (upgraded and origin-changed, say): each is its own
/// `Change`, so `--fail-on` and JSON consumers can filter by kind without parsing anything.
public struct Change: Sendable, Hashable {
  /// The class of a change. Cases are declared most alarming first; reports keep that order.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Same name and version, a different digest of the same algorithm: possible tampering.
    case hashChanged = "hash-changed"
    /// Same version, a different git revision: a tag was moved.
    case revisionMoved = "revision-moved"
    /// The package now comes from another registry, repository, archive or path.
    case originChanged = "origin-changed"
    case downgraded
    case upgraded
    /// The version string changed but the ecosystem gives the two no order (two git commits,
    /// two builds of one SemVer version, a version that appeared or vanished).
    case versionChanged = "version-changed"
    case added
    case removed
    case licenseChanged = "license-changed"
    case supplierChanged = "supplier-changed"
    /// The package moved between required, optional, dev and peer.
    case scopeChanged = "scope-changed"
    /// A package present on both sides now depends on another package present on both sides.
    case edgeAdded = "edge-added"
    case edgeRemoved = "edge-removed"

    /// Position in the alarm order (0 is the most alarming): the declaration order.
    public var rank: Int {
      switch self {
      case .hashChanged: 0
      case .revisionMoved: 1
      case .originChanged: 2
      case .downgraded: 3
      case .upgraded: 4
      case .versionChanged: 5
      case .added: 6
      case .removed: 7
      case .licenseChanged: 8
      case .supplierChanged: 9
      case .scopeChanged: 10
      case .edgeAdded: 11
      case .edgeRemoved: 12
      }
    }

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }

    /// Whether this kind is a version difference of a package (what release notes list).
    public var isPackageVersionChange: Bool {
      self == .upgraded || self == .downgraded || self == .versionChanged
    }

    /// Reads a kind as written on the command line (`hash-changed`).
    public init?(name: String) {
      self.init(rawValue: name.trimmingWhitespace().lowercased())
    }
  }

  public var kind: Kind
  /// The full name as its ecosystem writes it: `@babel/core`, `libc6`, `swift-nio`.
  public var name: String
  /// The normalised package URL without version (with `arch` for Debian).
  public var purl: String
  public var ecosystem: Ecosystem
  /// The package on the old side; nil when added.
  public var before: Snapshot?
  /// The package on the new side; nil when removed.
  public var after: Snapshot?
  public var details: Details

  public init(
    kind: Kind, name: String, purl: String, ecosystem: Ecosystem, before: Snapshot?,
    after: Snapshot?, details: Details = Details()
  ) {
    self.kind = kind
    self.name = name
    self.purl = purl
    self.ecosystem = ecosystem
    self.before = before
    self.after = after
    self.details = details
  }

  /// Facts that explain one change; only the ones that apply are set.
  public struct Details: Sendable, Hashable {
    /// For added (new graph) and removed (old graph): the shortest path from a root, as
    /// `name@version` labels, root first and the package last. Nil when no root reaches it.
    public var path: [String]?
    /// For hash-changed: the algorithms whose digests differ.
    public var algorithms: [Hash.Algorithm]?
    /// For edge changes: the package depended upon.
    public var dependency: Dependency?
    /// For edge changes: the kind of dependency.
    public var relationship: Edge.Kind?

    public init(
      path: [String]? = nil, algorithms: [Hash.Algorithm]? = nil, dependency: Dependency? = nil,
      relationship: Edge.Kind? = nil
    ) {
      self.path = path
      self.algorithms = algorithms
      self.dependency = dependency
      self.relationship = relationship
    }
  }

  /// The target of an added or removed edge.
  public struct Dependency: Sendable, Hashable {
    public var name: String
    public var purl: String
    public var version: String?
    public init(name: String, purl: String, version: String?) {
      self.name = name
      self.purl = purl
      self.version = version
    }
  }
}

/// One side of a change: the facts of the package as that graph states them.
public struct Snapshot: Sendable, Hashable {
  /// The version, normalised across generators (a Debian epoch is always written `1:` in it).
  public var version: String?
  /// The package URL as the input wrote it (with version), when it had one.
  public var purl: String?
  public var origin: Origin
  public var hashes: [Hash]
  /// The declared licence, else the concluded one.
  public var license: LicenseExpression?
  public var supplier: String?
  public var scope: Component.Scope

  public init(
    version: String?, purl: String? = nil, origin: Origin = .unknown, hashes: [Hash] = [],
    license: LicenseExpression? = nil, supplier: String? = nil, scope: Component.Scope = .required
  ) {
    self.version = version
    self.purl = purl
    self.origin = origin
    self.hashes = hashes
    self.license = license
    self.supplier = supplier
    self.scope = scope
  }

  init(_ component: Component, version: String?) {
    self.init(
      version: version, purl: component.purl?.description, origin: component.origin,
      hashes: component.hashes.sorted(),
      license: component.declaredLicense ?? component.concludedLicense,
      supplier: component.supplier?.name, scope: component.scope)
  }
}

/// The outcome of comparing two graphs: every change, sorted most alarming first, then by name.
public struct DiffResult: Sendable, Hashable {
  public var changes: [Change]
  public var old: Side
  public var new: Side

  public init(changes: [Change], old: Side, new: Side) {
    self.changes = changes
    self.old = old
    self.new = new
  }

  /// How many changes of each kind, every kind listed (zero included), in alarm order.
  public var counts: [(kind: Change.Kind, count: Int)] {
    var tally = [Int](repeating: 0, count: Change.Kind.allCases.count)
    for change in changes { tally[change.kind.rank] += 1 }
    return Change.Kind.allCases.map { ($0, tally[$0.rank]) }
  }

  /// Whether any change is of one of `kinds`.
  public func contains(anyOf kinds: Set<Change.Kind>) -> Bool {
    changes.contains { kinds.contains($0.kind) }
  }

  /// What one input was: its label, format, roots and package count.
  public struct Side: Sendable, Hashable {
    /// What the user called the input (a path), when known.
    public var label: String?
    /// `package-lock.json v3`, `CycloneDX 1.6 JSON`, …
    public var format: String?
    /// The scanned projects, as `name@version`.
    public var roots: [String]
    /// Components compared (roots and file entries not counted).
    public var packageCount: Int

    public init(label: String? = nil, format: String?, roots: [String], packageCount: Int) {
      self.label = label
      self.format = format
      self.roots = roots
      self.packageCount = packageCount
    }
  }
}
