/// A typed dependency from one component to another.
public struct Edge: Sendable, Hashable, Comparable {
  /// A total order on optional strings (nil first, then by bytes), so sorting is deterministic.
  private static func precedes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): false
    case (nil, _): true
    case (_, nil): false
    case (let x?, let y?): byteOrderPrecedes(x, y)
    }
  }

  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    case dependsOn = "depends-on"
    case devDependsOn = "dev-depends-on"
    case optionalDependsOn = "optional-depends-on"
    case peerDependsOn = "peer-depends-on"

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public var from: ComponentID
  public var to: ComponentID
  public var kind: Kind
  /// The requirement as declared (`^1.2.0`, `>= 2.6`, `from: "1.0.0"`), where known.
  public var requirement: String?
  /// Edges that satisfy one alternative group (Debian `a | b`) share a group label.
  public var alternativeGroup: String?

  public init(
    from: ComponentID, to: ComponentID, kind: Kind = .dependsOn, requirement: String? = nil,
    alternativeGroup: String? = nil
  ) {
    self.from = from
    self.to = to
    self.kind = kind
    self.requirement = requirement
    self.alternativeGroup = alternativeGroup
  }

  public static func < (lhs: Edge, rhs: Edge) -> Bool {
    if lhs.from != rhs.from { return lhs.from < rhs.from }
    if lhs.to != rhs.to { return lhs.to < rhs.to }
    if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
    if lhs.requirement != rhs.requirement { return precedes(lhs.requirement, rhs.requirement) }
    return precedes(lhs.alternativeGroup, rhs.alternativeGroup)
  }
}
