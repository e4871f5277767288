import SBOMModel

/// Facts Lineage's own encoders write where the formats have no field for them: CycloneDX
/// `lineage:…` properties and SPDX `lineage:…=value` annotations (`lineage:scope`,
/// `lineage:origin:path|distribution|archive|tag|branch`, `lineage:root`). Reading them back makes a Lineage
/// document decode to the graph it was written from; other properties pass through untouched.
struct LineageFacts {
  var scope: Component.Scope?
  var path: String?
  /// `vendor/release` of a distribution origin.
  var distribution: String?
  /// `origin/suite/component` of an apt archive without a URL (`-` for a missing part).
  var archive: String?
  var tag: String?
  var branch: String?
  /// The properties that are not origin or scope facts, in their order.
  var properties: [Property] = []

  /// No facts: what a component without properties has.
  init() {}

  init(_ all: [Property]) {
    for p in all {
      switch p.name {
      case "lineage:scope": scope = Component.Scope(rawValue: p.value)
      case "lineage:origin:path": path = p.value
      case "lineage:origin:distribution": distribution = p.value
      case "lineage:origin:archive": archive = p.value
      case "lineage:origin:tag": tag = p.value
      case "lineage:origin:branch": branch = p.value
      case "lineage:root": continue  // read by the CycloneDX mapper: the component is a root
      default:
        if p.name.hasPrefix("lineage:spdx:") { continue }
        properties.append(p)
      }
    }
  }

  /// The origin once these facts are applied to what the document's own fields said.
  /// `archiveURL` and `archiveNote` are the distribution URL and its `origin=…; suite=…` note.
  func apply(to origin: Origin, archiveURL: String?, archiveNote: String?) -> Origin {
    if let path { return .path(path) }
    if let distribution {
      let parts = distribution.split(separator: "/", maxSplits: 1).map(String.init)
      var result = Origin.Distribution(vendor: parts.first ?? distribution)
      result.release = parts.count > 1 ? parts[1] : nil
      if let archive {
        let fields = archive.split(separator: "/", omittingEmptySubsequences: false).map {
          $0 == "-" ? nil : String($0)
        }
        result.archive = Origin.Archive(
          origin: fields.first ?? nil, suite: fields.count > 1 ? fields[1] : nil,
          component: fields.count > 2 ? fields[2] : nil, url: archiveURL)
      } else if let url = archiveURL {
        let note = LineageFacts.notes(archiveNote)
        result.archive = Origin.Archive(
          origin: note["origin"], suite: note["suite"], component: note["component"], url: url)
      }
      return .distribution(result)
    }
    if case .git(let url, var revision, var reference) = origin {
      if let tag {
        if case .tag(let parsed)? = reference, parsed == tag { revision = nil }
        reference = .tag(tag)
      } else if let branch {
        if case .tag(let parsed)? = reference, parsed == branch { revision = nil }
        reference = .branch(branch)
      }
      return .git(url: url, revision: revision, reference: reference)
    }
    return origin
  }

  /// `key=value; key=value` notes (CycloneDX reference comments Lineage writes).
  static func notes(_ text: String?) -> [String: String] {
    var out: [String: String] = [:]
    for part in (text ?? "").split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
      if pair.count == 2 { out[pair[0]] = pair[1] }
    }
    return out
  }

  /// Properties from SPDX annotation comments of the form `name=value` whose name is ours.
  static func properties(fromAnnotations comments: [String]) -> [Property] {
    comments.compactMap { comment in
      let text = comment.trimmingWhitespace()
      guard text.hasPrefix("lineage:"), let eq = text.firstIndex(of: "=") else { return nil }
      return Property(String(text[..<eq]), String(text[text.index(after: eq)...]))
    }
  }
}
