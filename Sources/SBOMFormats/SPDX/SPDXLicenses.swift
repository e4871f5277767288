import SBOMModel

/// Canonical spellings of listed ids, from the model's SPDX licence list (the one source of
/// licence ids in Lineage), plus the GNU family's preferred spellings that SPDX 2.3 validators
/// and consumers expect.
enum SPDXLicenseCatalog {
  /// The canonical listed id for `id`, with the GNU family's deprecated `GPL-2.0` / `GPL-2.0+`
  /// spellings moved to `GPL-2.0-only` / `GPL-2.0-or-later`; nil when not on the list.
  static func canonical(_ id: String, orLater: Bool) -> String? {
    var key = id
    var later = orLater
    if key.hasSuffix("+") {
      key.removeLast()
      later = true
    }
    if later, let id = current(key + "-or-later") { return id }
    if later, key.lowercased().hasSuffix("-only"), let id = current(key.dropLast(5) + "-or-later") {
      return id
    }
    guard let listed = LicenseExpression.canonicalLicenseID(key) else { return nil }
    if !later, LicenseExpression.isDeprecatedLicenseID(listed), let only = current(key + "-only") {
      return only
    }
    return later ? listed + "+" : listed
  }

  /// The canonical id when `id` is listed and not deprecated.
  private static func current(_ id: String) -> String? {
    guard let listed = LicenseExpression.canonicalLicenseID(id),
      !LicenseExpression.isDeprecatedLicenseID(listed)
    else { return nil }
    return listed
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
  /// Expressions already mapped: a document has thousands of components and a handful of
  /// distinct licences, and rendering one costs thousands of instructions. Mapping is a pure
  /// function of the expression (its `extracted` entry is recorded the first time).
  private var memo: [LicenseExpression: Mapped] = [:]

  /// Extracted licences sorted by reference.
  var extractedLicenses: [ExtractedLicense] {
    extracted.values.sorted { $0.licenseRef < $1.licenseRef }
  }

  mutating func map(_ expression: LicenseExpression) -> Mapped {
    if let known = memo[expression] { return known }
    let mapped = mapUncached(expression)
    memo[expression] = mapped
    return mapped
  }

  private mutating func mapUncached(_ expression: LicenseExpression) -> Mapped {
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
        // Built by hand rather than parsed: parse it leniently, as resolvers do.
        let inner = render(LicenseExpression.lenient(id), parent: nil)
        return parent == nil ? inner : "(\(inner))"
      }
      return leaf(id, orLater: orLater)
    case .with(let license, let exception):
      if let ex = LicenseExpression.canonicalExceptionID(exception),
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

  /// The model's `LicenseRef-` for `name`, recorded for `hasExtractedLicensingInfos`.
  private mutating func reference(for name: String) -> String {
    let ref = LicenseExpression.licenseRef(for: name)
    if extracted[ref] == nil {
      extracted[ref] = ExtractedLicense(licenseRef: ref, originalName: name)
    }
    return ref
  }
}
