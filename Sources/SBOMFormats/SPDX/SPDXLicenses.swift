import SBOMModel

/// Lookup tables over the generated SPDX licence list, built once (immutable).
enum SPDXLicenseCatalog {
  /// Lowercased id → canonical id, current licences.
  static let licenses: [String: String] = table(SPDXLicenseList.licenses)
  static let deprecated: [String: String] = table(SPDXLicenseList.deprecatedLicenses)
  static let exceptions: [String: String] = table(SPDXLicenseList.exceptions)

  private static func table(_ words: String) -> [String: String] {
    var out: [String: String] = [:]
    for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      out[word.lowercased()] = String(word)
    }
    return out
  }

  /// The canonical listed id for `id`, with the GNU family's deprecated `GPL-2.0` / `GPL-2.0+`
  /// spellings moved to `GPL-2.0-only` / `GPL-2.0-or-later`; nil when not on the list.
  static func canonical(_ id: String, orLater: Bool) -> String? {
    var key = id.lowercased()
    var later = orLater
    if key.hasSuffix("+") {
      key.removeLast()
      later = true
    }
    if later, let id = licenses[key + "-or-later"] { return id }
    if later, key.hasSuffix("-only"), let id = licenses[String(key.dropLast(5)) + "-or-later"] {
      return id
    }
    if let id = licenses[key] { return later ? id + "+" : id }
    if !later, let id = licenses[key + "-only"], deprecated[key] != nil { return id }
    if let id = deprecated[key] { return later ? id + "+" : id }
    return nil
  }
}

/// Turns licence expressions into ones SPDX validators accept: listed ids in canonical case,
/// everything else as `LicenseRef-…` with an entry for `hasExtractedLicensingInfos` (SPDX 2.3
/// requires one for every LicenseRef a document uses).
struct SPDXLicenseMapper: Sendable {
  /// A licence SPDX does not list, as the input named it.
  struct ExtractedLicense: Sendable, Hashable {
    var licenseRef: String
    var originalName: String
    /// SPDX requires extracted text; Lineage never has the licence text, so it says so.
    var extractedText: String {
      "The input names this licence \"\(originalName)\"; its text was not available to Lineage."
    }
  }

  /// The mapped form of one expression.
  struct Mapped: Sendable, Hashable {
    var expression: String
    /// The canonical id when the expression is one listed licence (no `+`, no operators).
    var singleListedID: String?
    /// The original text when the expression is one unlisted licence.
    var singleUnlistedName: String?
  }

  private(set) var extracted: [String: ExtractedLicense] = [:]

  /// Extracted licences sorted by reference.
  var extractedLicenses: [ExtractedLicense] {
    extracted.values.sorted { $0.licenseRef < $1.licenseRef }
  }

  mutating func map(_ expression: LicenseExpression) -> Mapped {
    let text = render(expression, parent: nil)
    var mapped = Mapped(expression: text)
    if case .license(let id, let orLater) = expression, !id.contains(" "), !id.contains("(") {
      if let canonical = SPDXLicenseCatalog.canonical(id, orLater: orLater),
        !canonical.hasSuffix("+")
      {
        mapped.singleListedID = canonical
      } else if text.hasPrefix("LicenseRef-") {
        mapped.singleUnlistedName = orLater ? id + "+" : id
      }
    }
    return mapped
  }

  private enum Parent { case and, or, with }

  private mutating func render(_ e: LicenseExpression, parent: Parent?) -> String {
    switch e {
    case .license(let id, let orLater):
      if id.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) {
        // The model's expression was not parsed into structure: map its words one by one.
        let inner = mapText(id)
        return parent == nil ? inner : "(\(inner))"
      }
      return leaf(id, orLater: orLater)
    case .with(let license, let exception):
      if let ex = SPDXLicenseCatalog.exceptions[exception.lowercased()],
        case .license(let id, let orLater) = license,
        let canonical = SPDXLicenseCatalog.canonical(id, orLater: orLater)
      {
        return "\(canonical) WITH \(ex)"
      }
      return reference(for: "\(license) WITH \(exception)")
    case .and(let parts):
      let s = parts.map { render($0, parent: .and) }.joined(separator: " AND ")
      return parent == nil || parent == .and ? s : "(\(s))"
    case .or(let parts):
      let s = parts.map { render($0, parent: .or) }.joined(separator: " OR ")
      return parent == nil || parent == .or ? s : "(\(s))"
    }
  }

  private mutating func leaf(_ id: String, orLater: Bool) -> String {
    let upper = id.uppercased()
    if upper == "NOASSERTION" || upper == "NONE" { return upper }
    if let canonical = SPDXLicenseCatalog.canonical(id, orLater: orLater) { return canonical }
    return reference(for: orLater ? id + "+" : id)
  }

  /// Maps an unparsed expression text word by word; gives up into a single LicenseRef for the
  /// whole text when it does not look like an expression.
  private mutating func mapText(_ text: String) -> String {
    var tokens: [String] = []
    var current = ""
    for ch in text {
      if ch == "(" || ch == ")" || ch == " " || ch == "\t" || ch == "\n" {
        if !current.isEmpty { tokens.append(current) }
        current = ""
        if ch == "(" || ch == ")" { tokens.append(String(ch)) }
      } else {
        current.append(ch)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    var out: [String] = []
    var expectOperand = true
    var depth = 0
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      let upper = token.uppercased()
      if token == "(" {
        guard expectOperand else { return reference(for: text) }
        depth += 1
        out.append("(")
      } else if token == ")" {
        guard !expectOperand, depth > 0 else { return reference(for: text) }
        depth -= 1
        out.append(")")
      } else if upper == "AND" || upper == "OR" {
        guard !expectOperand else { return reference(for: text) }
        out.append(upper)
        expectOperand = true
      } else if upper == "WITH" {
        guard !expectOperand, i + 1 < tokens.count,
          let ex = SPDXLicenseCatalog.exceptions[tokens[i + 1].lowercased()],
          let last = out.last, !last.hasPrefix("LicenseRef-")
        else { return reference(for: text) }
        out.append("WITH")
        out.append(ex)
        i += 1
      } else {
        guard expectOperand else { return reference(for: text) }
        out.append(leaf(token, orLater: false))
        expectOperand = false
      }
      i += 1
    }
    guard !expectOperand, depth == 0 else { return reference(for: text) }
    return out.joined(separator: " ").replacingAll("( ", with: "(").replacingAll(" )", with: ")")
  }

  /// `LicenseRef-<text with every character outside [A-Za-z0-9.-] as '-'>`, recorded.
  private mutating func reference(for name: String) -> String {
    var body = name.hasPrefix("LicenseRef-") ? String(name.dropFirst("LicenseRef-".count)) : name
    body = String(
      body.unicodeScalars.map { s -> Character in
        let v = s.value
        let ok =
          (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
          || v == 0x2D || v == 0x2E
        return ok ? Character(s) : "-"
      })
    if body.isEmpty { body = "unknown" }
    let ref = "LicenseRef-" + body
    if extracted[ref] == nil {
      extracted[ref] = ExtractedLicense(licenseRef: ref, originalName: name)
    }
    return ref
  }
}
