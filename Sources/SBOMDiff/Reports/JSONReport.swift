import LineageJSON
import SBOMModel

/// The machine-readable report: the stable contract in `Formats/diff-report-schema.md`
/// (`schemaVersion` 1). Keys sorted, two-space indentation, so the same diff gives the same bytes.
///
/// Written straight to bytes with `JSONStreamWriter`, each object's keys emitted in UTF-8 byte
/// order by hand: a report of tens of thousands of changes spent more building and sorting a
/// `JSONValue` tree than writing it. The bytes are those `JSONWriter` gives for the same tree.
struct JSONReport {
  static let schemaVersion = 1

  func render(_ result: DiffResult) -> [UInt8] {
    var w = JSONStreamWriter(capacity: (1 << 16) + result.changes.count * 256)
    w.beginObject()
    w.key("changes")
    w.beginArray()
    for c in result.changes { change(c, into: &w) }
    w.endArray()
    w.key("new")
    side(result.new, into: &w)
    w.key("old")
    side(result.old, into: &w)
    w.key("schemaVersion")
    w.number(JSONReport.schemaVersion)
    w.key("summary")
    // Kind names and `total`, in byte order like every other object's keys (all ASCII, so
    // String order is byte order).
    var summary: [(key: String, count: Int)] = result.counts.map { ($0.kind.rawValue, $0.count) }
    summary.append(("total", result.changes.count))
    summary.sort { $0.key < $1.key }
    w.beginObject()
    for entry in summary {
      w.key(escaping: entry.key)
      w.number(entry.count)
    }
    w.endObject()
    w.endObject()
    return w.finish()
  }

  private func side(_ s: DiffResult.Side, into w: inout JSONStreamWriter) {
    w.beginObject()
    w.key("format")
    optionalString(s.format, into: &w)
    w.key("input")
    optionalString(s.label, into: &w)
    w.key("packages")
    w.number(s.packageCount)
    w.key("roots")
    w.beginArray()
    for root in s.roots { w.string(root) }
    w.endArray()
    w.endObject()
  }

  private func change(_ c: Change, into w: inout JSONStreamWriter) {
    w.beginObject()
    w.key("after")
    snapshot(c.after, into: &w)
    w.key("before")
    snapshot(c.before, into: &w)
    w.key("details")
    details(c.details, into: &w)
    w.member("ecosystem", c.ecosystem.rawValue)
    w.member("kind", c.kind.rawValue)
    w.member("name", c.name)
    w.member("purl", c.purl)
    w.endObject()
  }

  private func optionalString(_ value: String?, into w: inout JSONStreamWriter) {
    if let value { w.string(value) } else { w.null() }
  }

  private func snapshot(_ snapshot: Snapshot?, into w: inout JSONStreamWriter) {
    guard let s = snapshot else {
      w.null()
      return
    }
    w.beginObject()
    if !s.hashes.isEmpty {
      w.key("hashes")
      w.beginArray()
      for h in s.hashes {
        w.beginObject()
        w.member("algorithm", h.algorithm.rawValue)
        w.member("value", h.value)
        w.endObject()
      }
      w.endArray()
    }
    if let license = s.license { w.member("license", license.description) }
    if case .unknown = s.origin {
      // Not stated: left out.
    } else {
      w.key("origin")
      origin(s.origin, into: &w)
    }
    w.member("purl", ifPresent: s.purl)
    w.member("scope", s.scope.rawValue)
    w.member("supplier", ifPresent: s.supplier)
    w.key("version")
    optionalString(s.version, into: &w)
    w.endObject()
  }

  /// An origin other than `.unknown` (which the snapshot leaves out).
  private func origin(_ o: Origin, into w: inout JSONStreamWriter) {
    w.beginObject()
    switch o {
    case .unknown:
      w.member("kind", o.kindName)
    case .registry(let url), .download(let url):
      w.member("kind", o.kindName)
      w.member("url", url)
    case .path(let path):
      w.member("kind", o.kindName)
      w.member("path", path)
    case .git(let url, let revision, let reference):
      if case .branch(let branch)? = reference { w.member("branch", branch) }
      w.member("kind", o.kindName)
      w.member("revision", ifPresent: revision)
      if case .tag(let tag)? = reference { w.member("tag", tag) }
      w.member("url", url)
    case .distribution(let d):
      w.member("archive", ifPresent: d.archive?.origin)
      w.member("component", ifPresent: d.archive?.component)
      w.member("kind", o.kindName)
      w.member("release", ifPresent: d.release)
      w.member("suite", ifPresent: d.archive?.suite)
      w.member("url", ifPresent: d.archive?.url)
      w.member("vendor", d.vendor)
    }
    w.endObject()
  }

  private func details(_ d: Change.Details, into w: inout JSONStreamWriter) {
    w.beginObject()
    if let algorithms = d.algorithms {
      w.key("algorithms")
      w.beginArray()
      for algorithm in algorithms { w.string(algorithm.rawValue) }
      w.endArray()
    }
    if let dep = d.dependency {
      w.key("dependency")
      w.beginObject()
      w.member("name", dep.name)
      w.member("purl", dep.purl)
      w.key("version")
      optionalString(dep.version, into: &w)
      w.endObject()
    }
    if let path = d.path {
      w.key("path")
      w.beginArray()
      for label in path { w.string(label) }
      w.endArray()
    }
    w.member("relationship", ifPresent: d.relationship?.rawValue)
    w.endObject()
  }
}
