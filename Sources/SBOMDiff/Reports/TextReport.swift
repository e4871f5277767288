import SBOMModel

/// The terminal view: a header naming both inputs, a one-line summary, then one line per change
/// (`upgraded         debug 4.3.4 → 4.3.5`). ANSI colour only when `colour` is set; the CLI sets
/// it on a terminal without `NO_COLOR`.
struct TextReport {
  var colour: Bool

  func render(_ result: DiffResult) -> String {
    var out = ""
    out += "old: \(side(result.old))\n"
    out += "new: \(side(result.new))\n"
    let counts = result.counts.filter { $0.count > 0 }
    if counts.isEmpty {
      out += "no changes\n"
      return out
    }
    out +=
      "summary: " + counts.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
      + "\n\n"
    let width = Change.Kind.allCases.map(\.rawValue.count).max() ?? 0
    for change in result.changes {
      let label = change.kind.rawValue.padding(to: width)
      var line =
        paint(label, change.kind) + "  " + change.name + " " + ReportPhrases.versions(change)
      let detail = ReportPhrases.detail(change)
      if !detail.isEmpty { line += "  " + dim(detail) }
      out += line + "\n"
    }
    return out
  }

  private func side(_ s: DiffResult.Side) -> String {
    var parts: [String] = []
    if let label = s.label { parts.append(label) }
    var facts = "\(s.packageCount) packages"
    if let format = s.format, !format.isEmpty { facts += ", \(format)" }
    if !s.roots.isEmpty {
      facts += ", root " + ReportPhrases.roots(s.roots).joined(separator: ", ")
    }
    parts.append("(\(facts))")
    return parts.joined(separator: " ")
  }

  private func paint(_ text: String, _ kind: Change.Kind) -> String {
    guard colour else { return text }
    let code: String
    switch kind {
    case .hashChanged, .revisionMoved, .originChanged, .downgraded: code = "1;31"
    case .removed: code = "31"
    case .added: code = "32"
    case .upgraded, .versionChanged: code = "33"
    case .licenseChanged, .supplierChanged, .scopeChanged: code = "36"
    case .edgeAdded, .edgeRemoved: code = "2"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  private func dim(_ text: String) -> String {
    colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text
  }
}

extension String {
  /// The string followed by spaces up to `width` characters.
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
