/// A Package URL (purl): `pkg:type/namespace/name@version?qualifiers#subpath`.
/// STUB: to be replaced by a spec-compliant implementation.
public struct PackageURL: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var type: String
  public var namespace: String?
  public var name: String
  public var version: String?
  /// Qualifiers sorted by key; keys lowercase.
  public var qualifiers: [String: String]
  public var subpath: String?

  public init(
    type: String, namespace: String? = nil, name: String, version: String? = nil,
    qualifiers: [String: String] = [:], subpath: String? = nil
  ) throws {
    self.type = type.lowercased()
    self.namespace = namespace
    self.name = name
    self.version = version
    self.qualifiers = qualifiers
    self.subpath = subpath
  }

  public init(parsing string: String) throws {
    throw LineageError(.syntax, "purl parsing not implemented")
  }

  public var description: String {
    var s = "pkg:\(type)/"
    if let namespace, !namespace.isEmpty { s += namespace + "/" }
    s += name
    if let version { s += "@" + version }
    if !qualifiers.isEmpty {
      s += "?" + qualifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
        separator: "&")
    }
    if let subpath { s += "#" + subpath }
    return s
  }

  public var withoutVersion: PackageURL {
    var copy = self
    copy.version = nil
    return copy
  }

  public static func < (lhs: PackageURL, rhs: PackageURL) -> Bool {
    lhs.description < rhs.description
  }
}
