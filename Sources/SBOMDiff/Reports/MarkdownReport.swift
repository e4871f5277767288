import SBOMModel

/// Release notes and pull-request comments: a heading, a table of counts, then one section per
/// change kind with a table of packages. Long sections fold into `<details>` so a PR comment
/// stays readable.
struct MarkdownReport {
  /// Sections with more rows than this are folded.
  var foldAbove = 25

  func render(_ result: DiffResult) -> String {
    var out = "## SBOM diff\n\n"
    out += "| | Packages | Format | Root |\n|---|---:|---|---|\n"
    out += row(["**old**" + label(result.old)] + sideCells(result.old))
    out += row(["**new**" + label(result.new)] + sideCells(result.new))
    out += "\n"
    let counts = result.counts.filter { $0.count > 0 }
    if counts.isEmpty {
      out += "No changes.\n"
      return out
    }
    out += "| Change | Count |\n|---|---:|\n"
    for (kind, count) in counts { out += row(["`\(kind.rawValue)`", "\(count)"]) }
    var start = 0
    let changes = result.changes
    while start < changes.count {
      let kind = changes[start].kind
      var end = start
      while end < changes.count, changes[end].kind == kind { end += 1 }
      out += "\n" + section(kind, changes[start..<end])
      start = end
    }
    return out
  }

  private func label(_ side: DiffResult.Side) -> String {
    side.label.map { " " + code($0) } ?? ""
  }

  private func sideCells(_ side: DiffResult.Side) -> [String] {
    [
      "\(side.packageCount)", escape(side.format ?? ""),
      ReportPhrases.roots(side.roots).enumerated().map { i, root in
        i < 3 ? code(root) : escape(root)
      }.joined(separator: ", "),
    ]
  }

  private func section(_ kind: Change.Kind, _ changes: ArraySlice<Change>) -> String {
    var out = "### \(title(kind)) (\(changes.count))\n\n"
    var table = "| Package | Before | After | Details |\n|---|---|---|---|\n"
    for change in changes {
      table += row([
        code(change.name), escape(change.before?.version ?? ""),
        escape(change.after?.version ?? ""),
        escape(ReportPhrases.detail(change)),
      ])
    }
    if changes.count > foldAbove {
      out += "<details><summary>\(changes.count) changes</summary>\n\n\(table)\n</details>\n"
    } else {
      out += table
    }
    return out
  }

  private func title(_ kind: Change.Kind) -> String {
    switch kind {
    case .hashChanged: "Hash changed"
    case .revisionMoved: "Revision moved"
    case .originChanged: "Origin changed"
    case .downgraded: "Downgraded"
    case .upgraded: "Upgraded"
    case .versionChanged: "Version changed"
    case .added: "Added"
    case .removed: "Removed"
    case .licenseChanged: "Licence changed"
    case .supplierChanged: "Supplier changed"
    case .scopeChanged: "Scope changed"
    case .edgeAdded: "Dependencies added"
    case .edgeRemoved: "Dependencies removed"
    }
  }

  private func row(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |\n"
  }

  /// Table-safe text: pipes escaped, newlines flattened, Markdown emphasis characters escaped.
  private func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "|", "*", "_", "`", "<", ">", "[", "]", "\\": out += "\\" + String(ch)
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out
  }

  /// Inline code. GFM splits table cells on `|` even inside code spans, so it is escaped; a
  /// backtick would end the span, so it becomes `'`.
  private func code(_ text: String) -> String {
    var out = "`"
    for ch in text {
      switch ch {
      case "`": out += "'"
      case "|": out += "\\|"
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out + "`"
  }
}
