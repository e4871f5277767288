/// Ecosystem-aware version ordering, for the differ's upgrade/downgrade classification.
public enum VersionOrder {
  /// Compares two versions as `ecosystem` orders them: -1 when `a` is older, 0 when they rank
  /// the same, 1 when `a` is newer. Never fails: strings an ecosystem's grammar rejects fall
  /// back to `natural(_:_:)`.
  public static func compare(_ a: String, _ b: String, ecosystem: Ecosystem) -> Int {
    if a == b { return 0 }
    switch ecosystem.rawValue {
    case "deb":
      return DebianVersion.compare(a, b)
    // Alpine, RPM and Arch versions have their own comparators (apk-tools, rpmvercmp, vercmp)
    // that differ from dpkg in corner cases (rpm's `^`, apk's `_rc` suffixes); dpkg's ordering
    // is an approximation that agrees on ordinary dotted versions and `~` pre-releases.
    case "apk", "rpm", "alpm", "opkg":
      return DebianVersion.compare(a, b)
    default:
      // npm and SwiftPM (and most registries) use SemVer; git revisions and other
      // non-SemVer strings order naturally.
      if let x = SemanticVersion(a), let y = SemanticVersion(b) {
        return SemanticVersion.compare(x, y)
      }
      return natural(a, b)
    }
  }

  /// A total "natural" order for arbitrary version strings: runs of digits compare as numbers
  /// (of any length), other runs compare byte by byte, a digit run ranks below a non-digit
  /// run at the same position, and a string that is a prefix of another ranks first.
  public static func natural(_ a: String, _ b: String) -> Int {
    let x = runs(Substring(a))
    let y = runs(Substring(b))
    while let rx = x.next() {
      guard let ry = y.next() else { return 1 }
      let xDigit = rx.utf8.first.map(isDigit) ?? false
      let yDigit = ry.utf8.first.map(isDigit) ?? false
      let c: Int
      switch (xDigit, yDigit) {
      case (true, true): c = compareDigits(rx, ry)
      case (true, false): c = -1
      case (false, true): c = 1
      case (false, false):
        c = rx == ry ? 0 : (rx.utf8.lexicographicallyPrecedes(ry.utf8) ? -1 : 1)
      }
      if c != 0 { return c }
    }
    return y.next() == nil ? 0 : -1
  }

  /// Compares two all-digit strings as numbers without overflowing.
  static func compareDigits(_ x: Substring, _ y: Substring) -> Int {
    let x = x.drop { $0 == "0" }
    let y = y.drop { $0 == "0" }
    if x.utf8.count != y.utf8.count { return x.utf8.count < y.utf8.count ? -1 : 1 }
    if x == y { return 0 }
    return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// Maximal runs of digits and of non-digits.
  private static func runs(_ s: Substring) -> AnyIterator<Substring> {
    var rest = s
    return AnyIterator {
      guard let first = rest.utf8.first else { return nil }
      let digit = isDigit(first)
      let end = rest.utf8.firstIndex { isDigit($0) != digit } ?? rest.endIndex
      defer { rest = rest[end...] }
      return rest[..<end]
    }
  }
}
