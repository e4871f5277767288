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
    var expressions: [String] = []
    for (index, paragraph) in paragraphs.enumerated() {
      // The header's summary licence and every `Files` paragraph's licence count; stand-alone
      // `License` paragraphs only hold the texts of licences named elsewhere.
      guard index == 0 || paragraph.has("Files"), let field = paragraph.field("License") else {
        continue
      }
      let value = paragraph.value(of: field)
      let shortNames = value.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
      guard let spdx = spdxExpression(shortNames), seen.insert(spdx).inserted else { continue }
      expressions.append(spdx)
    }
    guard !expressions.isEmpty else { return .machineReadableWithoutLicenses }
    expressions.sort()
    let combined =
      expressions.count == 1
      ? expressions[0]
      : expressions.map { $0.contains(" OR ") || $0.contains(" AND ") ? "(\($0))" : $0 }.joined(separator: " AND ")
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
  static func spdxExpression(_ text: String) -> String? {
    var result: String?
    for (segmentIndex, segment) in text.split(separator: ",").enumerated() {
      var tokens = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      var joiner = "AND"
      if segmentIndex > 0, let first = tokens.first?.lowercased(), first == "and" || first == "or" {
        joiner = first.uppercased()
        tokens.removeFirst()
      }
      guard let piece = segmentExpression(tokens) else { continue }
      func grouped(_ e: String) -> String { e.contains(" ") ? "(\(e))" : e }
      if let previous = result {
        result = "\(grouped(previous)) \(joiner) \(grouped(piece))"
      } else {
        result = piece
      }
    }
    return result
  }

  /// `A or B and C with X exception` → `A OR B AND C WITH X-exception` (SPDX gives AND the
  /// tighter binding, as Debian does).
  static func segmentExpression(_ tokens: [String]) -> String? {
    var parts: [String] = []
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      let lower = token.lowercased()
      if lower == "or" || lower == "and" {
        if !parts.isEmpty, parts.last != "OR", parts.last != "AND" { parts.append(lower.uppercased()) }
        i += 1
        continue
      }
      var license = DebianLicenseNames.spdx(token)
      i += 1
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
          !license.hasPrefix("LicenseRef-"), !license.hasPrefix("(")
        {
          license = "\(license) WITH \(exception)"
        } else {
          // SPDX 2 cannot attach an unknown exception: keep the pair as one named licence.
          let spelled = token.hasSuffix("+") ? String(token.dropLast()) + "-or-later" : token
          license = DebianLicenseNames.licenseRef("\(spelled)-with-\(keyword)-exception")
        }
      }
      if let last = parts.last, last != "OR", last != "AND" { parts.append("AND") }
      parts.append(license)
    }
    while let last = parts.last, last == "OR" || last == "AND" { parts.removeLast() }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
  }
}
