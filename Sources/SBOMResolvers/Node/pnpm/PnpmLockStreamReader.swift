import SBOMModel

/// Reads the documents of a pnpm-lock.yaml straight from libyaml's events into `PnpmDocument`s,
/// without building a YAML tree first: keys are compared as bytes where libyaml left them, and
/// only the values the model keeps become strings. On a multi-megabyte lockfile the tree, and
/// the arrays of pairs read back out of it, cost more than libyaml's own parsing.
///
/// It reads exactly what `PnpmLockParser` reads from a `YAMLDocument` (first occurrence of a
/// key where the tree reader looks a key up, every pair where it iterates), so both give the
/// same lockfile. Anchors and aliases are not handled here: meeting one throws `NeedsTree`, and
/// the parser starts over with the tree reader, which expands them within its limits.
struct PnpmLockStreamReader {
  /// The input uses anchors or aliases.
  struct NeedsTree: Error {}

  let file: String
  var limits = YAMLLimits.default

  func documents(_ bytes: [UInt8]) throws -> [PnpmDocument] {
    try YAMLEventStream.withEvents(bytes, file: file) { stream in
      var documents: [PnpmDocument] = []
      stream.maxDepth = limits.maxDepth
      while true {
        let event = try stream.nextUnanchored()
        switch event.kind {
        case .streamEnd: return documents
        case .mappingStart:
          // A document's top level (only documents whose top is a mapping count).
          documents.append(try stream.document(line: event.line))
        case .sequenceStart: try stream.skip(event)
        default: break
        }
      }
    }
  }

}

/// The pnpm reader's walk over events, refusing anchors and aliases.
extension YAMLEventStream {
  fileprivate mutating func nextUnanchored() throws -> YAMLRawEvent {
    let event = try nextRaw()
    if event.anchored { throw PnpmLockStreamReader.NeedsTree() }
    return event
  }

  /// Skips the rest of the node `first` starts.
  fileprivate mutating func skip(_ first: YAMLRawEvent) throws {
    guard first.kind == .mappingStart || first.kind == .sequenceStart else { return }
    var open = 1
    while open > 0 {
      switch try nextUnanchored().kind {
      case .mappingStart, .sequenceStart: open += 1
      case .mappingEnd, .sequenceEnd: open -= 1
      case .streamEnd: return
      default: break
      }
    }
  }

  /// The scalar `event` as the tree reader's `scalar` reads it: nil for a null or a collection
  /// (whose events are skipped).
  fileprivate mutating func scalar(_ event: YAMLRawEvent) throws -> String? {
    guard event.kind == .scalar else {
      try skip(event)
      return nil
    }
    return event.isNull ? nil : event.text
  }

  /// Calls `body` with each pair of the mapping whose start is `first` (after the key is read:
  /// its text and the value's first event); pairs whose key is a collection are skipped. Does
  /// nothing but skip when `first` is not a mapping. `body` must consume the whole value.
  fileprivate mutating func forEachPair(
    _ first: YAMLRawEvent,
    _ body: (inout YAMLEventStream, _ key: String, _ value: YAMLRawEvent) throws -> Void
  ) throws {
    guard first.kind == .mappingStart else { return try skip(first) }
    while true {
      let key = try nextUnanchored()
      switch key.kind {
      case .mappingEnd, .streamEnd: return
      case .scalar:
        // The key's bytes die with the next event: keep its text (inline for short keys).
        let text = key.text
        let value = try nextUnanchored()
        try body(&self, text, value)
      default:
        try skip(key)
        try skip(try nextUnanchored())
      }
    }
  }

  /// Scalar key → scalar value pairs of a mapping, as `YAMLNode.stringPairs`.
  fileprivate mutating func stringPairs(_ first: YAMLRawEvent) throws -> [(
    key: String, value: String
  )] {
    var out: [(key: String, value: String)] = []
    try forEachPair(first) { events, key, value in
      if let text = try events.scalar(value) { out.append((key, text)) }
    }
    return out
  }

  /// Keys of a mapping (empty for anything else).
  fileprivate mutating func keys(_ first: YAMLRawEvent) throws -> [String] {
    var out: [String] = []
    try forEachPair(first) { events, key, value in
      out.append(key)
      try events.skip(value)
    }
    return out
  }

  fileprivate mutating func document(line: Int) throws -> PnpmDocument {
    var root = PnpmImporterParts(line: line)
    var version: (text: String?, line: Int)?
    var importers: [PnpmLockfile.Importer]?
    var sections: Set<String> = []
    // Labelled as `PnpmDocument.packages` is: an unlabelled tuple array is converted element by
    // element (a copy of every entry) when assigned there.
    var packages: [(key: String, package: PnpmLockfile.Package, snapshot: PnpmLockfile.Snapshot)]?
    var snapshots: [PnpmLockfile.Snapshot]?
    var seenImporters = false
    try forEachPair(YAMLRawEvent(kind: .mappingStart, line: line)) { events, key, value in
      if key == "lockfileVersion" && version == nil {
        version = (try events.scalar(value), value.line)
      } else if key == "importers" && !seenImporters {
        seenImporters = true
        guard value.kind == .mappingStart else { return try events.skip(value) }
        var list: [PnpmLockfile.Importer] = []
        try events.forEachPair(value) { events, path, node in
          let parts = try events.importerParts(node)
          sections.formUnion(parts.keys)
          list.append(parts.importer(path: path))
        }
        importers = list
      } else if key == "packages" && packages == nil {
        var list: [(key: String, package: PnpmLockfile.Package, snapshot: PnpmLockfile.Snapshot)] =
          []
        try events.forEachPair(value) { events, key, node in
          let (package, snapshot) = try events.entry(key: key, node)
          list.append((key, package, snapshot))
        }
        packages = list
      } else if key == "snapshots" && snapshots == nil {
        var list: [PnpmLockfile.Snapshot] = []
        try events.forEachPair(value) { events, key, node in
          list.append(try events.entry(key: key, node).snapshot)
        }
        snapshots = list
      } else if try !events.importerField(key, value, into: &root) {
        try events.skip(value)
      }
    }
    var document = PnpmDocument(rootImporter: root.importer(path: "."))
    document.version = version
    document.importers = importers
    document.importerSections = sections
    document.packages = packages ?? []
    document.snapshots = snapshots ?? []
    return document
  }

  /// One importer's mapping (or the top level of a non-workspace lockfile).
  fileprivate mutating func importerParts(_ first: YAMLRawEvent) throws -> PnpmImporterParts {
    var parts = PnpmImporterParts(line: first.line)
    try forEachPair(first) { events, key, value in
      parts.keys.append(key)
      if try !events.importerField(key, value, into: &parts) { try events.skip(value) }
    }
    return parts
  }

  /// Reads `key: value` into `parts` when it is a field importers have (the first of each);
  /// false, with the value unread, otherwise.
  fileprivate mutating func importerField(
    _ key: String, _ value: YAMLRawEvent, into parts: inout PnpmImporterParts
  ) throws -> Bool {
    if key == "specifiers" {
      guard parts.specifiers == nil else { return false }
      parts.specifiers = try stringPairs(value)
      return true
    }
    let section: Int
    if key == "dependencies" {
      section = 0
    } else if key == "devDependencies" {
      section = 1
    } else if key == "optionalDependencies" {
      section = 2
    } else {
      return false
    }
    guard parts.sections[section] == nil else { return false }
    var list: [PnpmImporterParts.Entry] = []
    try forEachPair(value) { events, name, value in
      if value.kind == .scalar {
        if !value.isNull { list.append(.init(name: name, reference: value.text, bare: true)) }
        return
      }
      // `{specifier, version}` (6.x and later): the first of each.
      var version: String??
      var specifier: String??
      try events.forEachPair(value) { events, field, item in
        if field == "version" && version == nil {
          version = .some(try events.scalar(item))
        } else if field == "specifier" && specifier == nil {
          specifier = .some(try events.scalar(item))
        } else {
          try events.skip(item)
        }
      }
      if let reference = version ?? nil {
        list.append(.init(name: name, reference: reference, specifier: specifier ?? nil))
      }
    }
    parts.sections[section] = list
    return true
  }

  /// A `packages` or `snapshots` entry: every field, the last occurrence winning as in the
  /// tree reader's loops.
  fileprivate mutating func entry(key: String, _ first: YAMLRawEvent) throws -> (
    package: PnpmLockfile.Package, snapshot: PnpmLockfile.Snapshot
  ) {
    var package = PnpmLockfile.Package()
    var snapshot = PnpmLockfile.Snapshot(key: key, line: first.line)
    try forEachPair(first) { events, field, value in
      if field == "dependencies" || field == "optionalDependencies" {
        let kind: Edge.Kind = field == "dependencies" ? .dependsOn : .optionalDependsOn
        for (name, reference) in try events.stringPairs(value) {
          snapshot.dependencies.append(.init(name: name, reference: reference, kind: kind))
        }
      } else if field == "dev" {
        snapshot.dev = try events.scalar(value).map { $0 == "true" }
      } else if field == "optional" {
        snapshot.optional = try events.scalar(value) == "true"
      } else if field == "name" {
        package.name = try events.scalar(value)
      } else if field == "version" {
        package.version = try events.scalar(value)
      } else if field == "peerDependencies" {
        package.peerNames = Set(try events.keys(value))
      } else if field == "resolution" {
        try events.forEachPair(value) { events, field, item in
          if field == "integrity" {
            package.integrity = try events.scalar(item)
          } else if field == "tarball" {
            package.tarball = try events.scalar(item)
          } else if field == "repo" {
            package.gitRepository = try events.scalar(item)
          } else if field == "commit" {
            package.gitCommit = try events.scalar(item)
          } else if field == "directory" {
            package.directory = try events.scalar(item)
          } else {
            try events.skip(item)
          }
        }
      } else {
        try events.skip(value)
      }
    }
    return (package, snapshot)
  }
}

/// What an importer's mapping says, gathered before the dependencies can be put together
/// (`specifiers` may follow the sections that need them).
private struct PnpmImporterParts {
  struct Entry {
    var name: String
    var reference: String
    var specifier: String?
    /// A bare reference (5.x), whose specifier is under `specifiers`.
    var bare = false
  }

  var line: Int
  var keys: [String] = []
  var specifiers: [(key: String, value: String)]?
  /// dependencies, devDependencies, optionalDependencies.
  var sections: [[Entry]?] = [nil, nil, nil]

  func importer(path: String) -> PnpmLockfile.Importer {
    var importer = PnpmLockfile.Importer(path: path, line: line)
    let specifiers = Dictionary(
      (self.specifiers ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    let kinds: [Edge.Kind] = [.dependsOn, .devDependsOn, .optionalDependsOn]
    for (section, kind) in zip(sections, kinds) {
      for entry in section ?? [] {
        importer.dependencies.append(
          .init(
            name: entry.name, reference: entry.reference,
            specifier: entry.bare ? specifiers[entry.name] : entry.specifier, kind: kind))
      }
    }
    return importer
  }
}
