import SBOMModel

/// Classifies the differences between the old and the new copy of one package.
///
/// Facts one side does not state (no hash, no licence, no supplier, an unknown origin) are never
/// a change: generators differ in what they record, and silence is not evidence.
enum ChangeClassifier {
  /// The change kinds between two paired copies, with their details, in alarm order.
  static func classify(
    old: IdentifiedComponent, _ a: Component, new: IdentifiedComponent, _ b: Component
  ) -> [(Change.Kind, Change.Details)] {
    withUnsafePointer(to: old) { old in
      withUnsafePointer(to: new) { new in
        withUnsafePointer(to: a) { a in
          withUnsafePointer(to: b) { b in classify(old: old, a, new: new, b) }
        }
      }
    }
  }

  /// The same, reading the items and components where they are stored: the differ classifies
  /// every pair, and passing them by value made a retained copy of each of their fields.
  static func classify(
    old: UnsafePointer<IdentifiedComponent>, _ pa: UnsafePointer<Component>,
    new: UnsafePointer<IdentifiedComponent>, _ pb: UnsafePointer<Component>
  ) -> [(Change.Kind, Change.Details)] {
    var kinds: [(Change.Kind, Change.Details)] = []
    if old.pointee.version == new.pointee.version {
      let algorithms = differingHashAlgorithms(pa.pointee.hashes, pb.pointee.hashes)
      if !algorithms.isEmpty {
        kinds.append((.hashChanged, Change.Details(algorithms: algorithms)))
      }
      if revisionMoved(pa.pointee.origin, pb.pointee.origin) {
        kinds.append((.revisionMoved, Change.Details()))
      }
    }
    if OriginLocus.moved(pa.pointee.origin, pb.pointee.origin) {
      kinds.append((.originChanged, Change.Details()))
    }
    // A version one side does not state is silence, like any other unstated fact.
    if let va = old.pointee.version, let vb = new.pointee.version, va != vb {
      kinds.append((versionKind(va, vb, type: new.pointee.key.type), Change.Details()))
    }
    if pa.pointee.declaredLicense != pb.pointee.declaredLicense
      || pa.pointee.concludedLicense != pb.pointee.concludedLicense,
      let la = licenseKey(pa.pointee), let lb = licenseKey(pb.pointee), la != lb
    {
      kinds.append((.licenseChanged, Change.Details()))
    }
    if pa.pointee.supplier != pb.pointee.supplier, let sa = supplierKey(pa.pointee.supplier),
      let sb = supplierKey(pb.pointee.supplier), sa != sb
    {
      kinds.append((.supplierChanged, Change.Details()))
    }
    if pa.pointee.scope != pb.pointee.scope { kinds.append((.scopeChanged, Change.Details())) }
    return kinds
  }

  /// Upgraded or downgraded by the ecosystem's order; `version-changed` when the two have no
  /// order (git commits) or compare equal yet are spelt apart.
  static func versionKind(_ old: String?, _ new: String?, type: String) -> Change.Kind {
    guard let old, let new else { return .versionChanged }
    if looksLikeRevision(old) && looksLikeRevision(new) { return .versionChanged }
    let order = VersionOrder.compare(old, new, ecosystem: Ecosystem(type))
    if order < 0 { return .upgraded }
    if order > 0 { return .downgraded }
    return .versionChanged
  }

  /// A git commit id used as a version (SwiftPM branch pins): 7 to 64 hex digits, not all
  /// decimal.
  static func looksLikeRevision(_ s: String) -> Bool {
    let count = s.utf8.count
    guard count >= 7, count <= 64 else { return false }
    var sawLetter = false
    for c in s.utf8 {
      switch c {
      case 48...57: continue
      case 97...102, 65...70: sawLetter = true
      default: return false
      }
    }
    return sawLetter
  }

  /// Algorithms both sides state whose digests share no value. Different algorithm sets alone
  /// are not a change (one tool records SHA-1, another SHA-512).
  static func differingHashAlgorithms(_ a: [Hash], _ b: [Hash]) -> [Hash.Algorithm] {
    guard !a.isEmpty, !b.isEmpty, a != b else { return [] }
    var left: [Hash.Algorithm: Set<String>] = [:]
    for h in a { left[h.algorithm, default: []].insert(h.value.lowercased()) }
    var right: [Hash.Algorithm: Set<String>] = [:]
    for h in b { right[h.algorithm, default: []].insert(h.value.lowercased()) }
    return left.keys.filter { alg in
      guard let l = left[alg], let r = right[alg] else { return false }
      return l.isDisjoint(with: r)
    }.sorted()
  }

  /// Both sides from git, both with a revision, and the revisions differ (an abbreviated
  /// revision of at least 7 digits matches the full one it starts).
  static func revisionMoved(_ a: Origin, _ b: Origin) -> Bool {
    guard case .git(_, let ra?, _) = a, case .git(_, let rb?, _) = b else { return false }
    let x = ra.lowercased()
    let y = rb.lowercased()
    if x == y { return false }
    let shorter = x.count < y.count ? x : y
    let longer = x.count < y.count ? y : x
    return !(shorter.count >= 7 && longer.hasPrefix(shorter))
  }

  /// The licence in a canonical spelling: identifiers upper-cased, the operands of AND and OR
  /// sorted, so `MIT OR Apache-2.0` equals `apache-2.0 OR MIT`. Nil when the input states none
  /// (`NOASSERTION` and `NONE` count as none).
  static func licenseKey(_ component: Component) -> String? {
    guard let expression = component.declaredLicense ?? component.concludedLicense else {
      return nil
    }
    let key = canonical(expression)
    return key == "NOASSERTION" || key == "NONE" || key.isEmpty ? nil : key
  }

  private static func canonical(_ e: LicenseExpression) -> String {
    switch e {
    case .license(let id, let orLater):
      var s = id.trimmingWhitespace().uppercased()
      while s.hasPrefix("("), s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
      return orLater ? s + "+" : s
    case .with(let l, let exception):
      return "\(canonical(l)) WITH \(exception.uppercased())"
    case .and(let xs):
      return "(" + xs.map(canonical).sorted().joined(separator: " AND ") + ")"
    case .or(let xs):
      return "(" + xs.map(canonical).sorted().joined(separator: " OR ") + ")"
    }
  }

  /// The supplier name case-folded, without an SPDX `Organization:` / `Person:` prefix; nil when
  /// absent or `NOASSERTION`.
  static func supplierKey(_ supplier: Supplier?) -> String? {
    guard var name = supplier?.name.trimmingWhitespace() else { return nil }
    for prefix in ["Organization:", "Person:"] where name.hasPrefix(prefix) {
      name = String(name.dropFirst(prefix.count)).trimmingWhitespace()
    }
    let key = name.lowercased()
    return key.isEmpty || key == "noassertion" ? nil : key
  }
}
