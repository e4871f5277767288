import SBOMModel

/// The `catalog:` and `catalogs:` ranges of `.yarnrc.yml`, which `catalog:` dependencies of a
/// berry lockfile refer to (the lockfile's keys carry the catalog's range, not `catalog:`).
struct YarnCatalogs {
  var defaultCatalog: [String: String] = [:]
  var named: [String: [String: String]] = [:]

  /// Reads `.yarnrc.yml` beside the lockfile; nil when it is absent or has no catalogs. A file
  /// that is not YAML is a warning.
  static func read(in directory: String, from source: any FileSource, graph: inout NodeLockGraph)
    -> YarnCatalogs?
  {
    let path = joinPath(directory, ".yarnrc.yml")
    guard source.isFile(path) else { return nil }
    do {
      guard
        let root = try YAMLReader.documents(try source.read(path), file: source.displayPath(path))
          .first?.root
      else { return nil }
      var catalogs = YarnCatalogs()
      for (name, range) in root["catalog"]?.stringPairs ?? [] {
        catalogs.defaultCatalog[name] = range
      }
      for (group, entries) in root["catalogs"]?.pairs ?? [] {
        for (name, range) in entries.stringPairs {
          catalogs.named[group, default: [:]][name] = range
        }
      }
      return catalogs.defaultCatalog.isEmpty && catalogs.named.isEmpty ? nil : catalogs
    } catch {
      graph.warn(
        "unreadable .yarnrc.yml: \(error)", at: SourceLocation(file: source.displayPath(path)))
      return nil
    }
  }

  /// The range `catalog:<group>` gives `name`, with the default `npm:` protocol spelled out.
  func range(for name: String, in group: String) -> String? {
    let range = group.isEmpty || group == "default" ? defaultCatalog[name] : named[group]?[name]
    guard let range else { return nil }
    return YarnBerryGraph.hasProtocol(range) ? range : "npm:" + range
  }
}
