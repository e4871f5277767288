import SBOMModel

/// A version constraint of a Debian relationship: `(>= 2.34)`.
public struct DebianVersionConstraint: Sendable, Hashable, CustomStringConvertible {
  public enum Operator: String, Sendable, Hashable {
    case earlier = "<<"
    case earlierOrEqual = "<="
    case equal = "="
    case laterOrEqual = ">="
    case later = ">>"
  }
  public var op: Operator
  public var version: String

  public init(op: Operator, version: String) {
    self.op = op
    self.version = version
  }

  /// `>= 2.34`
  public var description: String { "\(op.rawValue) \(version)" }

  /// Whether `candidate` satisfies the constraint, in Debian version order.
  public func isSatisfied(by candidate: String) -> Bool {
    let order = VersionOrder.compare(candidate, version, ecosystem: .deb)
    switch op {
    case .earlier: return order < 0
    case .earlierOrEqual: return order <= 0
    case .equal: return order == 0
    case .laterOrEqual: return order >= 0
    case .later: return order > 0
    }
  }
}

/// One package named in a relationship field: `libc6:any (>= 2.34) [amd64 i386] <!nocheck>`.
public struct DebianRelation: Sendable, Hashable, CustomStringConvertible {
  /// How the name's architecture qualifier restricts who may satisfy it.
  public enum ArchQualifier: Sendable, Hashable {
    /// No qualifier: the depending package's own architecture rules apply.
    case none
    /// `:any`: any architecture, for packages marked `Multi-Arch: allowed`.
    case any
    /// `:native`: the system's native architecture.
    case native
    /// `:amd64` and the like.
    case architecture(String)
  }

  public var name: String
  public var archQualifier: ArchQualifier
  public var constraint: DebianVersionConstraint?
  /// `[amd64 !i386]` restriction list as written (`!` kept); empty when absent.
  public var architectures: [String]

  public init(
    name: String, archQualifier: ArchQualifier = .none, constraint: DebianVersionConstraint? = nil,
    architectures: [String] = []
  ) {
    self.name = name
    self.archQualifier = archQualifier
    self.constraint = constraint
    self.architectures = architectures
  }

  /// The relation as a requirement string: `libc6:any (>= 2.34)`.
  public var description: String {
    var s = name
    switch archQualifier {
    case .none: break
    case .any: s += ":any"
    case .native: s += ":native"
    case .architecture(let a): s += ":" + a
    }
    if let constraint { s += " (\(constraint))" }
    return s
  }

  /// Whether the `[arch]` restriction admits a package built for `architecture`.
  public func applies(to architecture: String) -> Bool {
    guard !architectures.isEmpty else { return true }
    let negated = architectures.allSatisfy { $0.hasPrefix("!") }
    if negated { return !architectures.contains("!" + architecture) }
    return architectures.contains(architecture) || architectures.contains("any")
  }
}

/// Reads Debian relationship fields (`Depends`, `Pre-Depends`, `Recommends`, `Provides`):
/// comma-separated groups of `|`-separated alternatives.
public enum DebianRelationParser {
  /// The groups of a relationship field; each group lists its alternatives in order. Malformed
  /// pieces are returned as `problems` (text and why) and left out of the groups.
  public static func parse(_ text: String) -> (groups: [[DebianRelation]], problems: [String]) {
    if let parsed = parseASCII(text) { return parsed }
    var groups: [[DebianRelation]] = []
    var problems: [String] = []
    for groupText in text.split(separator: ",", omittingEmptySubsequences: true) {
      var group: [DebianRelation] = []
      for alternative in groupText.split(separator: "|", omittingEmptySubsequences: false) {
        let trimmed = String(alternative).trimmingWhitespace()
        if trimmed.isEmpty {
          if groupText.trimmingWhitespaceSubstring().isEmpty { continue }
          problems.append("empty alternative in `\(groupText.trimmingWhitespaceSubstring())`")
          continue
        }
        switch parseRelation(trimmed) {
        case .success(let relation): group.append(relation)
        case .failure(let problem): problems.append("`\(trimmed.prefix(80))`: \(problem.reason)")
        }
      }
      if !group.isEmpty { groups.append(group) }
    }
    return (groups, problems)
  }

  /// `parse` for ASCII text without carriage returns, splitting and trimming bytes instead of
  /// Characters (every package's relation fields go through here); nil for other text, whose
  /// grapheme rules only the Character-based walk reproduces.
  static func parseASCII(_ text: String) -> (groups: [[DebianRelation]], problems: [String])? {
    var text = text
    return text.withUTF8 { b -> (groups: [[DebianRelation]], problems: [String])? in
      for c in b where c >= 0x80 || c == 0x0D { return nil }
      func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A }
      func trimmed(_ r: Range<Int>) -> Range<Int> {
        var (lo, hi) = (r.lowerBound, r.upperBound)
        while lo < hi && isSpace(b[lo]) { lo += 1 }
        while hi > lo && isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
      }
      func string(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
      }
      var groups: [[DebianRelation]] = []
      var problems: [String] = []
      var groupStart = 0
      while groupStart <= b.count {
        var groupEnd = groupStart
        while groupEnd < b.count && b[groupEnd] != UInt8(ascii: ",") { groupEnd += 1 }
        defer { groupStart = groupEnd + 1 }
        if groupEnd == groupStart { continue }  // `split` omits empty groups
        let groupText = trimmed(groupStart..<groupEnd)
        var group: [DebianRelation] = []
        var alternativeStart = groupStart
        while alternativeStart <= groupEnd {
          var alternativeEnd = alternativeStart
          while alternativeEnd < groupEnd && b[alternativeEnd] != UInt8(ascii: "|") {
            alternativeEnd += 1
          }
          defer { alternativeStart = alternativeEnd + 1 }
          let alternative = trimmed(alternativeStart..<alternativeEnd)
          if alternative.isEmpty {
            if groupText.isEmpty { continue }
            problems.append("empty alternative in `\(string(groupText))`")
            continue
          }
          let relationText = string(alternative)
          switch parseRelation(relationText) {
          case .success(let relation): group.append(relation)
          case .failure(let problem):
            problems.append("`\(relationText.prefix(80))`: \(problem.reason)")
          }
        }
        if !group.isEmpty { groups.append(group) }
      }
      return (groups, problems)
    }
  }

  struct Problem: Error { var reason: String }

  static func parseRelation(_ text: String) -> Result<DebianRelation, Problem> {
    var text = text
    return text.withUTF8 { parseRelation(bytes: $0) }
  }

  static func parseRelation(bytes: UnsafeBufferPointer<UInt8>) -> Result<DebianRelation, Problem> {
    var i = 0
    func skipSpace() {
      while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A) { i += 1 }
    }
    func isNameByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        || b == 0x2B || b == 0x2D || b == 0x2E || b == 0x5F
    }
    let nameStart = i
    while i < bytes.count && isNameByte(bytes[i]) { i += 1 }
    guard i > nameStart else { return .failure(Problem(reason: "expected a package name")) }
    let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
    var relation = DebianRelation(name: name)
    if i < bytes.count && bytes[i] == 0x3A {
      i += 1
      let qualStart = i
      while i < bytes.count && isNameByte(bytes[i]) { i += 1 }
      let qualifier = String(decoding: bytes[qualStart..<i], as: UTF8.self)
      switch qualifier {
      case "": return .failure(Problem(reason: "empty architecture qualifier"))
      case "any": relation.archQualifier = .any
      case "native": relation.archQualifier = .native
      default: relation.archQualifier = .architecture(qualifier)
      }
    }
    skipSpace()
    if i < bytes.count && bytes[i] == 0x28 {  // (
      i += 1
      skipSpace()
      let opStart = i
      while i < bytes.count && (bytes[i] == 0x3C || bytes[i] == 0x3D || bytes[i] == 0x3E) { i += 1 }
      let opText = String(decoding: bytes[opStart..<i], as: UTF8.self)
      let op: DebianVersionConstraint.Operator
      switch opText {
      case "<<": op = .earlier
      case "<=", "<": op = .earlierOrEqual  // `<` and `>` are obsolete spellings of `<=`, `>=`
      case "=": op = .equal
      case ">=", ">": op = .laterOrEqual
      case ">>": op = .later
      default: return .failure(Problem(reason: "unknown version operator `\(opText)`"))
      }
      skipSpace()
      let versionStart = i
      while i < bytes.count && bytes[i] != 0x29 && bytes[i] != 0x20 && bytes[i] != 0x09
        && bytes[i] != 0x0A
      {
        i += 1
      }
      let version = String(decoding: bytes[versionStart..<i], as: UTF8.self)
      skipSpace()
      guard i < bytes.count && bytes[i] == 0x29, !version.isEmpty else {
        return .failure(Problem(reason: "unterminated or empty version constraint"))
      }
      i += 1
      relation.constraint = DebianVersionConstraint(op: op, version: version)
      skipSpace()
    }
    if i < bytes.count && bytes[i] == 0x5B {  // [arch list]
      guard let close = bytes[i...].firstIndex(of: 0x5D) else {
        return .failure(Problem(reason: "unterminated architecture list"))
      }
      relation.architectures = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
        .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
      i = close + 1
      skipSpace()
    }
    // Build profiles (`<!nocheck>`) only matter when building; skip them.
    while i < bytes.count && bytes[i] == 0x3C {
      guard let close = bytes[i...].firstIndex(of: 0x3E) else {
        return .failure(Problem(reason: "unterminated build-profile list"))
      }
      i = close + 1
      skipSpace()
    }
    guard i == bytes.count else {
      return .failure(Problem(reason: "unexpected text after the relation"))
    }
    return .success(relation)
  }
}

extension Substring {
  func trimmingWhitespaceSubstring() -> String { String(self).trimmingWhitespace() }
}
