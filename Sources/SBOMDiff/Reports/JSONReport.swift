import LineageJSON
import SBOMModel

/// The machine-readable report: the stable contract in `Formats/diff-report-schema.md`
/// (`schemaVersion` 1). Keys sorted, two-space indentation, so the same diff gives the same bytes.
struct JSONReport {
  static let schemaVersion = 1

  func render(_ result: DiffResult) -> [UInt8] {
    JSONWriter().write(document(result))
  }

  func document(_ result: DiffResult) -> JSONValue {
    var summary: [(String, JSONValue)] = result.counts.map {
      ($0.kind.rawValue, .number("\($0.count)"))
    }
    summary.append(("total", .number("\(result.changes.count)")))
    return object([
      ("schemaVersion", .number("\(JSONReport.schemaVersion)")),
      ("old", side(result.old)),
      ("new", side(result.new)),
      ("summary", object(summary)),
      ("changes", .array(result.changes.map(change))),
    ])
  }

  private func side(_ s: DiffResult.Side) -> JSONValue {
    object([
      ("input", s.label.map(JSONValue.string) ?? .null),
      ("format", s.format.map(JSONValue.string) ?? .null),
      ("roots", .array(s.roots.map(JSONValue.string))),
      ("packages", .number("\(s.packageCount)")),
    ])
  }

  private func change(_ c: Change) -> JSONValue {
    object([
      ("kind", .string(c.kind.rawValue)),
      ("name", .string(c.name)),
      ("purl", .string(c.purl)),
      ("ecosystem", .string(c.ecosystem.rawValue)),
      ("before", c.before.map(snapshot) ?? .null),
      ("after", c.after.map(snapshot) ?? .null),
      ("details", details(c.details)),
    ])
  }

  private func snapshot(_ s: Snapshot) -> JSONValue {
    var members: [(String, JSONValue)] = [("version", s.version.map(JSONValue.string) ?? .null)]
    if let purl = s.purl { members.append(("purl", .string(purl))) }
    if let origin = origin(s.origin) { members.append(("origin", origin)) }
    if !s.hashes.isEmpty { members.append(("hashes", .array(s.hashes.map(hash)))) }
    if let license = s.license { members.append(("license", .string(license.description))) }
    if let supplier = s.supplier { members.append(("supplier", .string(supplier))) }
    members.append(("scope", .string(s.scope.rawValue)))
    return object(members)
  }

  private func hash(_ h: Hash) -> JSONValue {
    object([("algorithm", .string(h.algorithm.rawValue)), ("value", .string(h.value))])
  }

  private func origin(_ o: Origin) -> JSONValue? {
    var members: [(String, JSONValue)] = [("kind", .string(o.kindName))]
    switch o {
    case .unknown:
      return nil
    case .registry(let url), .download(let url):
      members.append(("url", .string(url)))
    case .path(let path):
      members.append(("path", .string(path)))
    case .git(let url, let revision, let reference):
      members.append(("url", .string(url)))
      if let revision { members.append(("revision", .string(revision))) }
      switch reference {
      case .tag(let tag)?: members.append(("tag", .string(tag)))
      case .branch(let branch)?: members.append(("branch", .string(branch)))
      case nil: break
      }
    case .distribution(let d):
      members.append(("vendor", .string(d.vendor)))
      if let release = d.release { members.append(("release", .string(release))) }
      if let a = d.archive {
        if let v = a.origin { members.append(("archive", .string(v))) }
        if let v = a.suite { members.append(("suite", .string(v))) }
        if let v = a.component { members.append(("component", .string(v))) }
        if let v = a.url { members.append(("url", .string(v))) }
      }
    }
    return object(members)
  }

  private func details(_ d: Change.Details) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if let path = d.path { members.append(("path", .array(path.map(JSONValue.string)))) }
    if let algorithms = d.algorithms {
      members.append(("algorithms", .array(algorithms.map { .string($0.rawValue) })))
    }
    if let dep = d.dependency {
      members.append(
        (
          "dependency",
          object([
            ("name", .string(dep.name)), ("purl", .string(dep.purl)),
            ("version", dep.version.map(JSONValue.string) ?? .null),
          ])
        ))
    }
    if let relationship = d.relationship {
      members.append(("relationship", .string(relationship.rawValue)))
    }
    return object(members)
  }

  private func object(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
  }
}
