/// A Semantic Versioning 2.0.0 version, `MAJOR.MINOR.PATCH[-pre.release][+build]`, ordered by
/// SemVer precedence (build metadata ignored).
///
/// Equality is precedence equality (`1.0.0+a == 1.0.0+b`), so the type is `Comparable` but not
/// `Hashable`.
public struct SemanticVersion: Sendable, Comparable, CustomStringConvertible {
  public var major: Int
  public var minor: Int
  public var patch: Int
  /// Dot-separated pre-release identifiers (`["rc", "1"]`); empty for a release.
  public var preRelease: [String]
  /// Dot-separated build metadata identifiers; ignored by ordering.
  public var build: [String]

  /// `major.minor.patch` of ASCII digits and nothing else, or nil. Parts of up to 18 digits
  /// only, so no part can overflow (the general parse rejects those that would).
  private static func plainCore(_ text: String) -> SemanticVersion? {
    var text = text
    return text.withUTF8 { bytes -> SemanticVersion? in
      var major = 0
      var minor = 0
      var part = 0
      var digits = 0
      var value = 0
      for c in bytes {
        if c >= 48 && c <= 57 {
          guard digits < 18 else { return nil }
          value = value * 10 + Int(c - 48)
          digits += 1
        } else if c == UInt8(ascii: "."), digits > 0, part < 2 {
          if part == 0 { major = value } else { minor = value }
          part += 1
          value = 0
          digits = 0
        } else {
          return nil
        }
      }
      guard digits > 0, part == 2 else { return nil }
      return SemanticVersion(major: major, minor: minor, patch: value)
    }
  }

  public init(
    major: Int, minor: Int, patch: Int, preRelease: [String] = [], build: [String] = []
  ) {
    self.major = major
    self.minor = minor
    self.patch = patch
    self.preRelease = preRelease
    self.build = build
  }

  /// Parses a version. Strict parsing follows the SemVer 2.0.0 grammar exactly. Lenient
  /// parsing (the default) also accepts a `v`/`V`/`=` prefix, a missing minor or patch
  /// (`1`, `1.2` read as `1.0.0`, `1.2.0`) and leading zeros, as npm and SwiftPM tags do.
  /// Returns nil for anything else (git revisions, dates, distro versions).
  public init?(_ text: String, strict: Bool = false) {
    // Nearly every version is plain `major.minor.patch`: read those from their bytes. Anything
    // else (prefixes, pre-release, build, whitespace, strict checks) takes the general parse.
    if !strict, let plain = Self.plainCore(text) {
      self = plain
      return
    }
    var rest = Substring(text)
    if !strict {
      rest = Substring(text.trimmingWhitespace())
      if rest.first == "=" { rest = rest.dropFirst() }
      if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
    }
    var build: [String] = []
    if let plus = rest.firstIndex(of: "+") {
      let ids = rest[rest.index(after: plus)...].split(
        separator: ".", omittingEmptySubsequences: false)
      guard ids.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isIdentifierByte) }) else {
        return nil
      }
      build = ids.map(String.init)
      rest = rest[..<plus]
    }
    var preRelease: [String] = []
    if let dash = rest.firstIndex(of: "-") {
      let ids = rest[rest.index(after: dash)...].split(
        separator: ".", omittingEmptySubsequences: false)
      for id in ids {
        guard !id.isEmpty, id.utf8.allSatisfy(Self.isIdentifierByte) else { return nil }
        if strict, id.count > 1, id.first == "0", id.utf8.allSatisfy(Self.isDigit) { return nil }
      }
      preRelease = ids.map(String.init)
      rest = rest[..<dash]
    }
    let core = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard core.count == 3 || (!strict && (core.count == 1 || core.count == 2)) else { return nil }
    var numbers: [Int] = []
    for part in core {
      guard !part.isEmpty, part.utf8.allSatisfy(Self.isDigit), let n = Int(part) else { return nil }
      if strict, part.count > 1, part.first == "0" { return nil }
      numbers.append(n)
    }
    while numbers.count < 3 { numbers.append(0) }
    self.init(
      major: numbers[0], minor: numbers[1], patch: numbers[2], preRelease: preRelease,
      build: build)
  }

  public var description: String {
    var s = "\(major).\(minor).\(patch)"
    if !preRelease.isEmpty { s += "-" + preRelease.joined(separator: ".") }
    if !build.isEmpty { s += "+" + build.joined(separator: ".") }
    return s
  }

  public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    compare(lhs, rhs) == 0
  }

  public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// -1, 0 or 1 by SemVer precedence (§11).
  public static func compare(_ a: SemanticVersion, _ b: SemanticVersion) -> Int {
    for (x, y) in [(a.major, b.major), (a.minor, b.minor), (a.patch, b.patch)] where x != y {
      return x < y ? -1 : 1
    }
    // A release ranks above any of its pre-releases.
    switch (a.preRelease.isEmpty, b.preRelease.isEmpty) {
    case (true, true): return 0
    case (true, false): return 1
    case (false, true): return -1
    case (false, false): break
    }
    for (x, y) in zip(a.preRelease, b.preRelease) {
      let c = compareIdentifier(x, y)
      if c != 0 { return c }
    }
    if a.preRelease.count == b.preRelease.count { return 0 }
    return a.preRelease.count < b.preRelease.count ? -1 : 1
  }

  /// Numeric identifiers compare as numbers and rank below alphanumeric ones, which compare
  /// in ASCII order.
  private static func compareIdentifier(_ x: String, _ y: String) -> Int {
    let xNumeric = x.utf8.allSatisfy(isDigit)
    let yNumeric = y.utf8.allSatisfy(isDigit)
    switch (xNumeric, yNumeric) {
    case (true, true): return VersionOrder.compareDigits(Substring(x), Substring(y))
    case (true, false): return -1
    case (false, true): return 1
    case (false, false): return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
    }
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  private static func isIdentifierByte(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "-")
  }
}
