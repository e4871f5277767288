import SBOMModel

/// Field conversions every decoder shares: purls, licences, suppliers, kinds and hashes as
/// SPDX and CycloneDX documents from any tool write them.
enum DecodedFieldReading {
  /// `nil` for absent, empty, `NOASSERTION` and `NONE` values (SPDX's "we don't know" and
  /// "there is none", and the empty strings some generators write instead of leaving a field out).
  static func meaningful(_ value: String?) -> String? {
    guard var value, !value.isEmpty else { return nil }
    // Nearly every value is a plain word: answer from its first and last bytes without trimming
    // or comparing strings (this runs several times for every decoded component). Read from the
    // contiguous bytes: the `utf8` view's generic `last` cost several times as much.
    let (first, last) = value.withUTF8 { ($0.first ?? 0, $0.last ?? 0) }
    if first != UInt8(ascii: "N"), first > 0x20, last > 0x20 { return value }
    let trimmed = value.trimmingWhitespace()
    if trimmed.isEmpty || trimmed == "NOASSERTION" || trimmed == "NONE" { return nil }
    return trimmed
  }

  /// A purl, or nil plus a warning when it is malformed (the component is kept without it).
  static func purl(
    _ text: String?, at location: SourceLocation, into builder: inout GraphBuilder
  ) -> PackageURL? {
    purlNotingCanonical(text, at: location, into: &builder)?.purl
  }

  /// A purl as `purl(_:at:into:)` reads it, and whether the text was its canonical form already
  /// (then the text is the id `ComponentID.derived(from:)` would give).
  static func purlNotingCanonical(
    _ text: String?, at location: @autoclosure () -> SourceLocation,
    into builder: inout GraphBuilder
  ) -> (purl: PackageURL, canonicalText: String?)? {
    guard let text = meaningful(text) else { return nil }
    do {
      let (purl, isCanonical) = try PackageURL.parsingNotingCanonical(text)
      return (purl, isCanonical ? text : nil)
    } catch {
      let reason = (error as? LineageError)?.message ?? "\(error)"
      builder.warn("ignoring malformed purl '\(text)': \(reason)", at: location())
      return nil
    }
  }

  /// A licence expression, read leniently: unknown ids become `LicenseRef-`s and text that is
  /// no expression at all (a licence name like `Apache License 2.0`) one `LicenseRef-`, so the
  /// fact is kept, not dropped.
  static func license(_ text: String?) -> LicenseExpression? {
    guard let text = meaningful(text) else { return nil }
    return LicenseExpression.lenient(text)
  }

  /// Several licence expressions that all apply (CycloneDX `licenses` arrays) joined with AND.
  static func allOf(_ expressions: [LicenseExpression]) -> LicenseExpression? {
    if expressions.count <= 1 { return expressions.first }
    var unique: [LicenseExpression] = []
    for e in expressions where !unique.contains(e) { unique.append(e) }
    if unique.count <= 1 { return unique.first }
    return .and(unique)
  }

  /// An SPDX actor (`Organization: Acme (ops@acme.example)`, `Person: Jane <jane@x.org>`,
  /// `Tool: x`), or nil for NOASSERTION.
  static func spdxActor(_ text: String?) -> Supplier? {
    guard var rest = meaningful(text) else { return nil }
    for prefix in ["Organization:", "Person:", "Tool:"] where rest.hasPrefix(prefix) {
      rest = String(rest.dropFirst(prefix.count)).trimmingWhitespace()
      break
    }
    var email: String?
    for (open, close) in [("(", ")"), ("<", ">")] {
      guard rest.hasSuffix(close), let start = rest.lastIndex(of: Character(open)) else { continue }
      let inner = rest[rest.index(after: start)..<rest.index(before: rest.endIndex)]
      let value = String(inner).trimmingWhitespace()
      email = value.isEmpty ? nil : value
      rest = String(rest[..<start]).trimmingWhitespace()
      break
    }
    guard !rest.isEmpty else { return nil }
    return Supplier(name: rest, email: email)
  }

  /// The model's kind for a CycloneDX `type` or an SPDX `primaryPackagePurpose`.
  static func kind(_ text: String?) -> Component.Kind {
    // Documents almost always spell the type in lowercase: no lowercased copy then.
    switch text {
    case "library", nil: return .library
    case "application": return .application
    case "file": return .file
    default: break
    }
    return switch text?.lowercased() {
    case "application", "container", "install": .application
    case "operating-system", "operating_system": .operatingSystem
    case "file": .file
    default: .library
    }
  }

  /// A hash, or nil (with a warning) for an algorithm the model does not know.
  static func hash(
    algorithm: String?, value: String?, at location: @autoclosure () -> SourceLocation,
    into builder: inout GraphBuilder
  ) -> Hash? {
    guard let algorithm, let value = meaningful(value) else { return nil }
    guard let alg = Hash.Algorithm(name: algorithm) else {
      builder.warn("ignoring hash with unknown algorithm '\(algorithm)'", at: location())
      return nil
    }
    return Hash(alg, value)
  }

  /// Name and namespace for the model: the purl's when the document name just spells the purl's
  /// namespace and name together (`@babel/core`, `github.com/spf13/cobra`), the document's otherwise.
  static func nameAndNamespace(
    documentName: String?, group: String?, purl: PackageURL?
  ) -> (name: String, namespace: String?) {
    let docName = meaningful(documentName)
    guard let purl else { return (docName ?? "", meaningful(group)) }
    guard let docName else { return (purl.name, purl.namespace) }
    if docName == purl.name { return (docName, purl.namespace) }
    if let ns = purl.namespace, !ns.isEmpty, docName == ns + "/" + purl.name {
      return (purl.name, ns)
    }
    return (docName, purl.namespace ?? meaningful(group))
  }
}
