/// An SPDX licence expression (SPDX 2.3 Annex D): licence ids, `LicenseRef-`s, `+`, `WITH`,
/// `AND` and `OR`.
///
/// Parsing normalises: ids take the SPDX list's case (`apache-2.0` → `Apache-2.0`), operators
/// are uppercase, nested `AND`s and `OR`s are flattened, and redundant parentheses disappear.
/// Two expressions that print the same are equal.
public indirect enum LicenseExpression: Sendable, Hashable, CustomStringConvertible {
  /// A licence id from the SPDX list, a `LicenseRef-…` or a `DocumentRef-…:LicenseRef-…`;
  /// `orLater` is a trailing `+`.
  case license(String, orLater: Bool)
  /// A licence with an exception id from the SPDX list (or an `AdditionRef-…`).
  case with(LicenseExpression, exception: String)
  /// All of the operands apply (two or more).
  case and([LicenseExpression])
  /// Any one of the operands may be chosen (two or more).
  case or([LicenseExpression])

  /// Parses an expression strictly: throws `LineageError(.syntax)` for malformed expressions
  /// and for ids that are not on the SPDX License List, and `.limitExceeded` for absurd nesting.
  public init(parsing text: String) throws {
    var parser = LicenseExpressionParser(text, strict: true)
    self = try parser.parse()
  }

  /// Reads any licence text without failing. Valid expressions are normalised; within an
  /// otherwise valid expression an unknown id becomes `LicenseRef-<id>`; text that is not an
  /// expression at all (`BSD style`, `GPL v2`) becomes one `LicenseRef-<sanitised text>`, with
  /// characters outside `[A-Za-z0-9.-]` replaced by `-`. Callers should map SPDX's `NONE` and
  /// `NOASSERTION` (which are not expressions) to nil before calling.
  public static func lenient(_ text: String) -> LicenseExpression {
    var parser = LicenseExpressionParser(text, strict: false)
    if let parsed = try? parser.parse() { return parsed }
    return .license(licenseRef(for: text), orLater: false)
  }

  /// Whether `id` is a licence id on the SPDX License List (any case; deprecated ids count).
  public static func isKnownLicenseID(_ id: String) -> Bool { canonicalLicenseID(id) != nil }

  /// Whether `id` is a licence exception id on the SPDX License List (any case).
  public static func isKnownExceptionID(_ id: String) -> Bool { canonicalExceptionID(id) != nil }

  /// The SPDX list's spelling of a licence id (`mit` → `MIT`), or nil when unknown.
  public static func canonicalLicenseID(_ id: String) -> String? {
    SPDXLicenseIndex.licenses[id.lowercased()]?.id
  }

  /// The SPDX list's spelling of an exception id, or nil when unknown.
  public static func canonicalExceptionID(_ id: String) -> String? {
    SPDXLicenseIndex.exceptions[id.lowercased()]?.id
  }

  /// Whether `id` is on the SPDX list but deprecated (`GPL-2.0`, `LGPL-2.1+`'s `LGPL-2.1`).
  public static func isDeprecatedLicenseID(_ id: String) -> Bool {
    SPDXLicenseIndex.licenses[id.lowercased()]?.deprecated ?? false
  }

  /// `LicenseRef-` followed by `text` with every character outside `[A-Za-z0-9.-]` replaced
  /// by `-` (`LicenseRef-unknown` for blank text; an existing `LicenseRef-` prefix is kept).
  public static func licenseRef(for text: String) -> String {
    var body = text.trimmingWhitespace()
    if body.lowercased().hasPrefix("licenseref-") { body.removeFirst("LicenseRef-".count) }
    var sanitised = String.UnicodeScalarView()
    for scalar in body.unicodeScalars {
      let c = scalar.value
      let ok =
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 45
      sanitised.append(ok ? scalar : "-")
    }
    return "LicenseRef-" + (sanitised.isEmpty ? "unknown" : String(sanitised))
  }

  /// Every licence id (or reference) the expression mentions, in order of appearance, without
  /// `+` and exceptions.
  public var licenseIDs: [String] {
    switch self {
    case .license(let id, _): [id]
    case .with(let license, _): license.licenseIDs
    case .and(let xs), .or(let xs): xs.flatMap(\.licenseIDs)
    }
  }

  /// The canonical text, with only the parentheses that change meaning (an `OR` inside an
  /// `AND`, or a compound expression on the left of `WITH`).
  public var description: String {
    switch self {
    case .license(let id, let orLater):
      return orLater ? id + "+" : id
    case .with(let license, let exception):
      if case .license = license { return "\(license) WITH \(exception)" }
      return "(\(license)) WITH \(exception)"
    case .and(let operands):
      return operands.map { operand in
        if case .or = operand { return "(\(operand))" }
        return operand.description
      }.joined(separator: " AND ")
    case .or(let operands):
      return operands.map(\.description).joined(separator: " OR ")
    }
  }
}

/// Case-insensitive lookup tables over the generated list.
enum SPDXLicenseIndex {
  static let licenses: [String: SPDXLicenseList.Entry] = index(SPDXLicenseList.licenses)
  static let exceptions: [String: SPDXLicenseList.Entry] = index(SPDXLicenseList.exceptions)

  private static func index(_ entries: [SPDXLicenseList.Entry]) -> [String: SPDXLicenseList.Entry] {
    var table: [String: SPDXLicenseList.Entry] = [:]
    for entry in entries { table[entry.id.lowercased()] = entry }
    return table
  }
}
