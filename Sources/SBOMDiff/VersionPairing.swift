/// Pairs the copies of one package on the old side with those on the new side, so that a name
/// present at several versions (`debug` 2.6.9 and 4.3.4 → 2.6.9 and 4.3.5) yields one upgrade
/// rather than an addition and a removal.
///
/// Order of pairing: identical (architecture, version) first; then identical version where one
/// side does not state the architecture; then, among copies whose architectures agree (or one is
/// unstated), the closest versions: most leading numeric fields in common, then the smallest gap
/// in the first field that differs. What is left over is added or removed.
enum VersionPairing {
  struct Entry {
    var discriminator: String?
    var version: String?
  }

  struct Result: Equatable {
    var pairs: [Pair]
    /// Indices into `old` that found no partner.
    var removed: [Int]
    /// Indices into `new` that found no partner.
    var added: [Int]
  }

  struct Pair: Equatable {
    var old: Int
    var new: Int
  }

  /// Above this many candidate pairs in one group, closeness pairing walks both sides in
  /// version order instead of scoring every combination (keeps hostile input linear-ish).
  static let exhaustiveLimit = 250_000

  static func pair(old: [Entry], new: [Entry]) -> Result {
    // The common case: one copy on each side.
    if old.count == 1, new.count == 1 {
      if compatible(old[0].discriminator, new[0].discriminator) {
        return Result(pairs: [Pair(old: 0, new: 0)], removed: [], added: [])
      }
      return Result(pairs: [], removed: [0], added: [0])
    }
    var oldUsed = [Bool](repeating: false, count: old.count)
    var newUsed = [Bool](repeating: false, count: new.count)
    var pairs: [Pair] = []

    func take(_ o: Int, _ n: Int) {
      oldUsed[o] = true
      newUsed[n] = true
      pairs.append(Pair(old: o, new: n))
    }

    // 1. Same architecture and version.
    var byExact: [ExactKey: [Int]] = [:]
    for (i, e) in new.enumerated() {
      byExact[ExactKey(discriminator: e.discriminator, version: e.version), default: []].append(i)
    }
    for (o, e) in old.enumerated() {
      let key = ExactKey(discriminator: e.discriminator, version: e.version)
      if let n = byExact[key]?.first(where: { !newUsed[$0] }) { take(o, n) }
    }
    // 2. Same version, architecture unstated on one side.
    for (o, e) in old.enumerated() where !oldUsed[o] {
      if let n = new.indices.first(where: {
        !newUsed[$0] && new[$0].version == e.version
          && (new[$0].discriminator == nil || e.discriminator == nil)
      }) {
        take(o, n)
      }
    }
    // 3. Closest versions.
    let restOld = old.indices.filter { !oldUsed[$0] }
    let restNew = new.indices.filter { !newUsed[$0] }
    if !restOld.isEmpty, !restNew.isEmpty {
      if restOld.count * restNew.count <= exhaustiveLimit {
        var candidates: [(score: Closeness, o: Int, n: Int)] = []
        let newRuns = Dictionary(
          uniqueKeysWithValues: restNew.map { ($0, numericRuns(new[$0].version)) })
        for o in restOld {
          let runs = numericRuns(old[o].version)
          for n in restNew where compatible(old[o].discriminator, new[n].discriminator) {
            candidates.append((Closeness(runs, newRuns[n] ?? []), o, n))
          }
        }
        candidates.sort { ($0.score, $0.o, $0.n) < ($1.score, $1.o, $1.n) }
        for c in candidates where !oldUsed[c.o] && !newUsed[c.n] { take(c.o, c.n) }
      } else {
        var j = 0
        for o in restOld {
          while j < restNew.count, !compatible(old[o].discriminator, new[restNew[j]].discriminator)
          {
            j += 1
          }
          guard j < restNew.count else { break }
          take(o, restNew[j])
          j += 1
        }
      }
    }
    pairs.sort { ($0.old, $0.new) < ($1.old, $1.new) }
    return Result(
      pairs: pairs, removed: old.indices.filter { !oldUsed[$0] },
      added: new.indices.filter { !newUsed[$0] })
  }

  private struct ExactKey: Hashable {
    var discriminator: String?
    var version: String?
  }

  static func compatible(_ a: String?, _ b: String?) -> Bool {
    a == nil || b == nil || a == b
  }

  /// The runs of decimal digits in a version (`1:2.36-9+deb12u4` → 1, 2, 36, 9, 12, 4).
  /// Runs longer than 18 digits are cut (a hex revision is not a number anyway).
  static func numericRuns(_ version: String?) -> [UInt64] {
    guard let version else { return [] }
    var runs: [UInt64] = []
    var current: UInt64 = 0
    var digits = 0
    for byte in version.utf8 {
      if byte >= 48 && byte <= 57 {
        if digits < 18 { current = current * 10 + UInt64(byte - 48) }
        digits += 1
      } else if digits > 0 {
        runs.append(current)
        current = 0
        digits = 0
      }
    }
    if digits > 0 { runs.append(current) }
    return runs
  }

  /// How near two versions are: more leading fields in common is nearer; then a smaller gap in
  /// the first field that differs. Smaller compares as nearer.
  struct Closeness: Comparable {
    /// Leading fields in common, negated so that more sorts first.
    var negatedCommon: Int
    var gap: UInt64

    init(_ a: [UInt64], _ b: [UInt64]) {
      var common = 0
      while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
      negatedCommon = -common
      if common < a.count, common < b.count {
        gap = a[common] > b[common] ? a[common] - b[common] : b[common] - a[common]
      } else {
        gap = 0
      }
    }

    static func < (lhs: Closeness, rhs: Closeness) -> Bool {
      (lhs.negatedCommon, lhs.gap) < (rhs.negatedCommon, rhs.gap)
    }
  }
}
