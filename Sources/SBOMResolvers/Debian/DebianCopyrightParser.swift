import SBOMModel

/// Reads the licences of a package from its `usr/share/doc/<pkg>/copyright` file, only when the
/// file is machine-readable (DEP-5, a first paragraph with `Format:`). Free-text copyright files
/// give nothing: guessing licences from prose is how SBOMs end up wrong.
public enum DebianCopyrightParser {
  /// What a copyright file says.
  public enum Result: Sendable, Hashable {
    /// A DEP-5 file whose `License:` short names give this SPDX expression.
    case machineReadable(LicenseExpression)
    /// A DEP-5 file without any usable `License:` short name.
    case machineReadableWithoutLicenses
    /// Free text: no licence is concluded from it.
    case notMachineReadable
  }

  public static func parse(_ bytes: [UInt8]) -> Result {
    guard isMachineReadable(bytes) else { return .notMachineReadable }
    let (paragraphs, _) = DpkgStatusParser.parse(bytes, file: "copyright")
    var seen: Set<String> = []
    var terms: [LicenseTerm] = []
    for (index, paragraph) in paragraphs.enumerated() {
      // The header's summary licence and every `Files` paragraph's licence count; stand-alone
      // `License` paragraphs only hold the texts of licences named elsewhere.
      guard index == 0 || paragraph.has("Files"), let field = paragraph.field("License") else {
        continue
      }
      let value = paragraph.value(of: field)
      let shortNames =
        value.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map(String.init) ?? ""
      guard let term = licenseTerm(shortNames), seen.insert(term.description).inserted else {
        continue
      }
      terms.append(term)
    }
    guard !terms.isEmpty else { return .machineReadableWithoutLicenses }
    terms.sort { $0.description < $1.description }
    let combined = LicenseTerm.and(terms).flattened.description
    guard let expression = try? LicenseExpression(parsing: combined) else {
      return .machineReadableWithoutLicenses
    }
    return .machineReadable(expression)
  }

  /// A DEP-5 file starts (after blank lines) with a `Format:` field.
  static func isMachineReadable(_ bytes: [UInt8]) -> Bool {
    var i = 0
    while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x20 { i += 1 }
    let head = Array("format:".utf8)
    guard bytes.count - i >= head.count else { return false }
    for (k, b) in head.enumerated() where bytes[i + k] | 0x20 != b { return false }
    return true
  }

  /// One `License:` first line (`GPL-2+ or Artistic, and BSD-3-clause`) as an SPDX expression
  /// string; nil when it names nothing.
  static func spdxExpression(_ text: String) -> String? { licenseTerm(text)?.description }

  static func licenseTerm(_ text: String) -> LicenseTerm? {
    var result: LicenseTerm?
    for (segmentIndex, segment) in text.split(separator: ",").enumerated() {
      var tokens = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      var joiner = "and"
      if segmentIndex > 0, let first = tokens.first?.lowercased(), first == "and" || first == "or" {
        joiner = first
        tokens.removeFirst()
      }
      guard let piece = segmentTerm(tokens) else { continue }
      if let previous = result {
        result =
          (joiner == "or" ? LicenseTerm.or([previous, piece]) : .and([previous, piece]))
          .flattened
      } else {
        result = piece
      }
    }
    return result
  }

  /// `A or B and C with X exception`: AND binds tighter than OR, in Debian as in SPDX.
  static func segmentTerm(_ tokens: [String]) -> LicenseTerm? {
    var alternatives: [[LicenseTerm]] = [[]]
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      let lower = token.lowercased()
      if lower == "or" {
        if !(alternatives.last ?? []).isEmpty { alternatives.append([]) }
        i += 1
        continue
      }
      if lower == "and" {
        i += 1
        continue
      }
      i += 1
      var term = DebianLicenseNames.term(token)
      if i < tokens.count, tokens[i].lowercased() == "with" {
        var keywords: [String] = []
        i += 1
        while i < tokens.count, tokens[i].lowercased() != "exception" {
          keywords.append(tokens[i])
          i += 1
        }
        if i < tokens.count { i += 1 }  // `exception`
        let keyword = keywords.joined(separator: "-")
        if let exception = DebianLicenseNames.exceptions[keyword.lowercased()],
          case .leaf(let id) = term, !id.hasPrefix("LicenseRef-")
        {
          term = .leaf("\(id) WITH \(exception)")
        } else {
          // SPDX 2 cannot attach an unknown exception: keep the pair as one named licence.
          let spelled = token.hasSuffix("+") ? String(token.dropLast()) + "-or-later" : token
          term = .leaf(DebianLicenseNames.licenseRef("\(spelled)-with-\(keyword)-exception"))
        }
      }
      alternatives[alternatives.count - 1].append(term)
    }
    let groups = alternatives.filter { !$0.isEmpty }.map { LicenseTerm.and($0).flattened }
    guard !groups.isEmpty else { return nil }
    return LicenseTerm.or(groups).flattened
  }
}

/// A licence expression while it is being put together, printed the way the model's
/// `LicenseExpression` prints canonically: nested `AND`s and `OR`s flattened, parentheses only
/// around an `OR` inside an `AND`.
indirect enum LicenseTerm: Hashable, CustomStringConvertible {
  /// An id, or `id WITH exception`.
  case leaf(String)
  case and([LicenseTerm])
  case or([LicenseTerm])

  var flattened: LicenseTerm {
    switch self {
    case .leaf: return self
    case .and(let xs):
      let parts = xs.map(\.flattened).flatMap { x -> [LicenseTerm] in
        if case .and(let inner) = x { return inner }
        return [x]
      }
      return parts.count == 1 ? parts[0] : .and(parts)
    case .or(let xs):
      let parts = xs.map(\.flattened).flatMap { x -> [LicenseTerm] in
        if case .or(let inner) = x { return inner }
        return [x]
      }
      return parts.count == 1 ? parts[0] : .or(parts)
    }
  }

  var description: String {
    switch self {
    case .leaf(let id): return id
    case .and(let xs):
      return xs.map { x in
        if case .or = x { return "(\(x))" }
        return x.description
      }.joined(separator: " AND ")
    case .or(let xs): return xs.map(\.description).joined(separator: " OR ")
    }
  }
}
