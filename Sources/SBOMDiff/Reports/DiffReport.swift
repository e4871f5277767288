import SBOMModel

/// The report formats `lineage diff` writes.
public enum DiffReportFormat: String, Sendable, CaseIterable {
  /// A terminal view, one line per change (ANSI colour on request).
  case text
  /// Release notes and pull-request comments: a summary table, then a table per change kind.
  case markdown
  /// The stable machine contract documented in `Formats/diff-report-schema.md`.
  case json

  /// Renders `result` in this format. `colour` applies to `text` only.
  public func render(_ result: DiffResult, colour: Bool = false) -> [UInt8] {
    switch self {
    case .text: Array(TextReport(colour: colour).render(result).utf8)
    case .markdown: Array(MarkdownReport().render(result).utf8)
    case .json: JSONReport().render(result)
    }
  }
}

/// Phrases shared by the text and Markdown reports.
enum ReportPhrases {
  static func version(_ snapshot: Snapshot?) -> String {
    snapshot?.version ?? "-"
  }

  /// `4.3.4 → 4.3.5`, `4.3.5` (added), `2.6.9` (removed).
  static func versions(_ change: Change) -> String {
    switch (change.before, change.after) {
    case (let b?, let a?) where b.version != a.version: "\(version(b)) → \(version(a))"
    case (_, let a?): version(a)
    case (let b?, nil): version(b)
    case (nil, nil): "-"
    }
  }

  /// One origin for people: `git https://github.com/a/b @abc1234`, `registry https://…`.
  static func origin(_ origin: Origin) -> String {
    switch origin {
    case .git(let url, let revision, _):
      return "git \(url)" + (revision.map { " @" + shortRevision($0) } ?? "")
    case .distribution(let d):
      var s = "distribution \(d.vendor)"
      if let release = d.release { s += " \(release)" }
      if let archive = d.archive?.origin { s += " (\(archive))" }
      return s
    case .unknown:
      return "unknown"
    default:
      return origin.kindName + (origin.locator.map { " " + $0 } ?? "")
    }
  }

  /// The roots for a header: the first few, then how many more (workspaces have dozens).
  static func roots(_ roots: [String], limit: Int = 3) -> [String] {
    guard roots.count > limit else { return roots }
    return Array(roots.prefix(limit)) + ["+\(roots.count - limit) more"]
  }

  static func shortRevision(_ revision: String) -> String {
    let isFullCommitID =
      (revision.utf8.count == 40 || revision.utf8.count == 64)
      && revision.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    return isFullCommitID ? String(revision.prefix(12)) : revision
  }

  static func license(_ snapshot: Snapshot?) -> String {
    snapshot?.license?.description ?? "none"
  }

  /// What a change is about, beyond name and versions (empty when the versions say it all).
  static func detail(_ change: Change) -> String {
    let b = change.before
    let a = change.after
    switch change.kind {
    case .hashChanged:
      let algorithms = change.details.algorithms ?? []
      return algorithms.map { alg in
        let old = b?.hashes.first { $0.algorithm == alg }?.value ?? "-"
        let new = a?.hashes.first { $0.algorithm == alg }?.value ?? "-"
        return "\(alg.rawValue) \(old.prefix(16))… → \(new.prefix(16))…"
      }.joined(separator: "; ")
    case .revisionMoved:
      guard case .git(_, let ro, _)? = b?.origin, case .git(_, let rn, _)? = a?.origin else {
        return ""
      }
      return "revision \(shortRevision(ro ?? "-")) → \(shortRevision(rn ?? "-"))"
    case .originChanged:
      return "\(origin(b?.origin ?? .unknown)) → \(origin(a?.origin ?? .unknown))"
    case .added, .removed:
      guard let path = change.details.path else { return "not reachable from a root" }
      return "via " + path.joined(separator: " → ")
    case .licenseChanged:
      return "\(license(b)) → \(license(a))"
    case .supplierChanged:
      return "\(b?.supplier ?? "-") → \(a?.supplier ?? "-")"
    case .scopeChanged:
      return "\(b?.scope.rawValue ?? "-") → \(a?.scope.rawValue ?? "-")"
    case .edgeAdded, .edgeRemoved:
      guard let d = change.details.dependency else { return "" }
      let relation = change.details.relationship?.rawValue ?? Edge.Kind.dependsOn.rawValue
      return "\(relation) \(d.name)@\(d.version ?? "-")"
    case .downgraded, .upgraded, .versionChanged:
      return ""
    }
  }
}
