/// A Debian package version, `[epoch:]upstream[-revision]`, ordered as dpkg orders it
/// (Debian Policy §5.6.12).
///
/// Equality is ordering equality, as `dpkg --compare-versions eq` defines it: `1.0` equals
/// `1.00` and `0:1.0-0` equals `1.0`. That is why the type is `Comparable` but not `Hashable`.
public struct DebianVersion: Sendable, Comparable, CustomStringConvertible {
  public var epoch: Int
  public var upstream: String
  /// Empty when the version has no `-revision`.
  public var revision: String

  /// Parses and validates a version as `dpkg --validate-version` does; throws
  /// `LineageError(.syntax)` naming the first problem.
  public init(parsing text: String) throws {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw LineageError(.syntax, "Debian version is empty") }
    guard !trimmed.utf8.contains(where: { $0 == 32 || $0 == 9 }) else {
      throw LineageError(.syntax, "Debian version '\(text)' contains a space")
    }
    let parts = Self.split(trimmed)
    guard let epoch = parts.epoch else {
      throw LineageError(
        .syntax, "Debian version '\(text)' has an epoch that is not a small number")
    }
    guard let first = parts.upstream.utf8.first else {
      throw LineageError(.syntax, "Debian version '\(text)' has an empty upstream version")
    }
    guard first >= 48 && first <= 57 else {
      throw LineageError(.syntax, "Debian version '\(text)' does not start with a digit")
    }
    guard parts.upstream.utf8.allSatisfy({ Self.isAlnum($0) || ".-+~:".utf8.contains($0) }) else {
      throw LineageError(
        .syntax, "Debian version '\(text)' has an invalid character in the upstream version")
    }
    if parts.hasRevision {
      guard !parts.revision.isEmpty else {
        throw LineageError(.syntax, "Debian version '\(text)' has an empty revision")
      }
      guard parts.revision.utf8.allSatisfy({ Self.isAlnum($0) || ".+~".utf8.contains($0) }) else {
        throw LineageError(
          .syntax, "Debian version '\(text)' has an invalid character in the revision")
      }
    }
    self.epoch = epoch
    self.upstream = parts.upstream
    self.revision = parts.revision
  }

  /// Splits any string into epoch, upstream and revision without validating it, so that
  /// malformed versions from real status files still order sensibly.
  public init(lenient text: String) {
    let parts = Self.split(text.trimmingWhitespace())
    epoch = parts.epoch ?? 0
    upstream = parts.epoch == nil ? text.trimmingWhitespace() : parts.upstream
    revision = parts.epoch == nil ? "" : parts.revision
  }

  public var description: String {
    var s = epoch != 0 ? "\(epoch):" : ""
    s += upstream
    if !revision.isEmpty { s += "-" + revision }
    return s
  }

  public static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
    compare(lhs, rhs) == 0
  }

  public static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// -1, 0 or 1 as dpkg orders the two versions.
  public static func compare(_ a: DebianVersion, _ b: DebianVersion) -> Int {
    if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
    let upstream = compareFragment(bytes(a.upstream), bytes(b.upstream))
    if upstream != 0 { return upstream }
    return compareFragment(bytes(a.revision), bytes(b.revision))
  }

  /// Orders two version strings, parsing each leniently.
  public static func compare(_ a: String, _ b: String) -> Int {
    // Resolving a dpkg status compares versions for every versioned relation: plain ASCII
    // versions are compared on their bytes in place, with no parts allocated.
    var a = a
    var b = b
    let fast: Int? = a.withUTF8 { x in
      b.withUTF8 { y in
        guard let p = LenientParts(x), let q = LenientParts(y) else { return nil }
        if p.epoch != q.epoch { return p.epoch < q.epoch ? -1 : 1 }
        let upstream = compareFragment(p.upstream, q.upstream)
        if upstream != 0 { return upstream }
        return compareFragment(p.revision, q.revision)
      }
    }
    if let fast { return fast }
    return compare(DebianVersion(lenient: a), DebianVersion(lenient: b))
  }

  /// `init(lenient:)`'s split as byte slices, for ASCII text without NULs (else nil, and the
  /// String-based path decides).
  private struct LenientParts {
    var epoch: Int
    var upstream: UnsafeBufferPointer<UInt8>
    var revision: UnsafeBufferPointer<UInt8>

    init?(_ s: UnsafeBufferPointer<UInt8>) {
      // Carriage returns too: `trimmingWhitespace` works on Characters, and "\r\n" is one
      // Character that is none of the four it trims.
      for c in s where c >= 0x80 || c == 0 || c == 0x0D { return nil }
      func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A }
      var start = 0
      var end = s.count
      while start < end && isSpace(s[start]) { start += 1 }
      while end > start && isSpace(s[end - 1]) { end -= 1 }
      func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: s[r])
      }
      var epoch = 0
      var restStart = start
      if let colon = (start..<end).first(where: { s[$0] == UInt8(ascii: ":") }) {
        var value: Int32? = colon > start ? 0 : nil
        for k in start..<colon {
          let c = s[k]
          guard c >= 48 && c <= 57, let v = value else {
            value = nil
            break
          }
          let (m, o1) = v.multipliedReportingOverflow(by: 10)
          let (n, o2) = m.addingReportingOverflow(Int32(c - 48))
          value = o1 || o2 ? nil : n
        }
        guard let value else {
          // An unreadable epoch: the whole trimmed text is the upstream version.
          self.epoch = 0
          upstream = slice(start..<end)
          revision = slice(end..<end)
          return
        }
        epoch = Int(value)
        restStart = colon + 1
      }
      self.epoch = epoch
      if let dash = (restStart..<end).last(where: { s[$0] == UInt8(ascii: "-") }) {
        upstream = slice(restStart..<dash)
        revision = slice(dash + 1..<end)
      } else {
        upstream = slice(restStart..<end)
        revision = slice(end..<end)
      }
    }
  }

  // MARK: - dpkg's algorithm

  private static func split(_ s: String) -> (
    epoch: Int?, upstream: String, revision: String, hasRevision: Bool
  ) {
    var rest = Substring(s)
    var epoch: Int? = 0
    if let colon = rest.firstIndex(of: ":") {
      let digits = rest[..<colon]
      // dpkg rejects epochs that are empty, non-numeric or above INT_MAX.
      if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int32(digits) {
        epoch = Int(n)
      } else {
        epoch = nil
      }
      rest = rest[rest.index(after: colon)...]
    }
    if let dash = rest.lastIndex(of: "-") {
      return (epoch, String(rest[..<dash]), String(rest[rest.index(after: dash)...]), true)
    }
    return (epoch, String(rest), "", false)
  }

  /// The UTF-8 bytes without NULs, which `compareFragment` reads as the end of the string.
  private static func bytes(_ s: String) -> [UInt8] { s.utf8.filter { $0 != 0 } }

  private static func isAlnum(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// dpkg's `order()`: `~` before the end of the string, the end before letters, letters
  /// before every other character.
  private static func weight(_ c: UInt8) -> Int {
    if c == 0 || isDigit(c) { return 0 }
    if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) { return Int(c) }
    if c == UInt8(ascii: "~") { return -1 }
    return Int(c) + 256
  }

  /// dpkg's `verrevcmp()`: alternating non-digit runs (compared by `weight`) and digit runs
  /// (compared as numbers of any length).
  private static func compareFragment(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in compareFragment(x, y) } }
  }

  private static func compareFragment(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
  ) -> Int {
    var i = 0
    var j = 0
    func at(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
    while i < a.count || j < b.count {
      while (at(a, i) != 0 && !isDigit(at(a, i))) || (at(b, j) != 0 && !isDigit(at(b, j))) {
        let wa = weight(at(a, i))
        let wb = weight(at(b, j))
        if wa != wb { return wa < wb ? -1 : 1 }
        i += 1
        j += 1
      }
      while at(a, i) == UInt8(ascii: "0") { i += 1 }
      while at(b, j) == UInt8(ascii: "0") { j += 1 }
      var firstDiff = 0
      while isDigit(at(a, i)) && isDigit(at(b, j)) {
        if firstDiff == 0 { firstDiff = Int(at(a, i)) - Int(at(b, j)) }
        i += 1
        j += 1
      }
      if isDigit(at(a, i)) { return 1 }
      if isDigit(at(b, j)) { return -1 }
      if firstDiff != 0 { return firstDiff < 0 ? -1 : 1 }
    }
    return 0
  }
}
