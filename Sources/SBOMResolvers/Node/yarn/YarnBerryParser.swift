import SBOMModel

/// Reads a berry (yarn 2+) yarn.lock, which is YAML: a `__metadata` block (lockfile `version`,
/// `cacheKey`) and one mapping per entry keyed by its comma-separated descriptors.
struct YarnBerryParser {
  let file: String

  struct Lockfile {
    /// `__metadata.version` (4, 6, 8, 10 …).
    var metadataVersion: String?
    var entries: [YarnLockEntry]
  }

  func parse(_ bytes: [UInt8]) throws -> Lockfile {
    let documents = try YAMLReader.documents(bytes, file: file)
    guard let root = documents.first?.root, root.isMapping else {
      throw LineageError(
        .schema, "expected a mapping of yarn.lock entries", at: SourceLocation(file: file, line: 1))
    }
    var lockfile = Lockfile(entries: [])
    for (key, value) in root.pairs {
      if key == "__metadata" {
        lockfile.metadataVersion = value["version"]?.scalar
        continue
      }
      guard value.isMapping else {
        throw LineageError(
          .schema, "expected the entry `\(key)` to be a mapping",
          at: SourceLocation(file: file, line: value.line))
      }
      let descriptors = key.split(separator: ",").map { String($0).trimmingWhitespace() }.filter {
        !$0.isEmpty
      }
      var entry = YarnLockEntry(descriptors: descriptors, line: value.line - 1)
      entry.version = value["version"]?.scalar
      entry.resolved = value["resolution"]?.scalar
      entry.checksum = value["checksum"]?.scalar
      entry.dependencies = Self.ranges(value["dependencies"])
      entry.optionalDependencies = Self.ranges(value["optionalDependencies"])
      entry.peerDependencies = Self.ranges(value["peerDependencies"])
      for (name, meta) in value["dependenciesMeta"]?.pairs ?? []
      where meta["optional"]?.scalar == "true" {
        // Keys are `name` or `name@version`.
        let bare = splitNameAtRange(Substring(name)).map { String($0.name) } ?? name
        entry.optionalNames.insert(bare)
      }
      if entry.resolved == nil {
        throw LineageError(
          .schema, "entry `\(key)` has no resolution",
          at: SourceLocation(file: file, line: value.line))
      }
      lockfile.entries.append(entry)
    }
    return lockfile
  }

  private static func ranges(_ node: YAMLNode?) -> [(name: String, range: String)] {
    (node?.stringPairs ?? []).map { (name: $0.key, range: $0.value) }
  }
}
