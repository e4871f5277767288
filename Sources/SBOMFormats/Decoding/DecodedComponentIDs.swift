import SBOMModel

/// Gives each decoded component a stable id from its identity: the purl when there is one, a
/// readable `ecosystem:name@version` key otherwise. When two entries of one document share that
/// identity, the later ones are told apart by their document reference (bom-ref / SPDXID), or
/// by their position when they have none. The first occurrence keeps the plain id, so a document
/// without duplicates gets exactly the ids a resolver would give.
struct DecodedComponentIDs {
  private var taken: Set<ComponentID> = []

  init() {}

  mutating func reserveCapacity(_ count: Int) { taken.reserveCapacity(count) }

  /// `canonicalPurl` is the purl's text when it is already canonical (it is then the id, and
  /// the purl need not be written out again); `position` is made only for a repeated identity.
  mutating func assign(
    purl: PackageURL?, canonicalPurl: String? = nil, ecosystem: Ecosystem, name: String,
    version: String?, reference: String?, position: @autoclosure () -> String
  ) -> ComponentID {
    let base: ComponentID
    if let canonicalPurl {
      base = ComponentID(canonicalPurl)
    } else if let purl {
      base = ComponentID.derived(from: purl)
    } else {
      base = ComponentID("\(ecosystem.rawValue):\(name)" + (version.map { "@" + $0 } ?? ""))
    }
    if taken.insert(base).inserted { return base }
    let baseText = base.rawValue
    let position = position()
    for disambiguator in [reference, position].compactMap({ $0 }) where !disambiguator.isEmpty {
      let candidate = ComponentID(baseText + "#" + disambiguator)
      if taken.insert(candidate).inserted { return candidate }
    }
    // Same identity, same reference and same position cannot happen twice; this keeps ids unique
    // even for input that breaks that rule.
    var n = 2
    while true {
      let candidate = ComponentID(baseText + "#" + position + "~" + String(n))
      if taken.insert(candidate).inserted { return candidate }
      n += 1
    }
  }
}
