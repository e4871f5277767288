import LineageJSON

/// The registry URLs a project configured in `.swiftpm/configuration/registries.json`: one per
/// scope, and a `[default]`. A registry pin's `location` is often empty, so this is where its
/// origin can come from.
struct SwiftRegistryConfiguration: Sendable, Hashable {
  var byScope: [String: String]
  var defaultURL: String?

  static let path = ".swiftpm/configuration/registries.json"

  /// Reads the configuration of the project at `directory`; empty when absent or unreadable
  /// (an unreadable configuration only loses origins, so it is not worth failing the scan).
  static func read(directory: String, in source: any FileSource) -> SwiftRegistryConfiguration {
    var config = SwiftRegistryConfiguration(byScope: [:], defaultURL: nil)
    guard let bytes = try? source.read(joinPath(directory, path)),
      let value = try? JSONReader.parse(bytes), let registries = value["registries"]?.objectValue
    else { return config }
    for (scope, entry) in registries {
      guard let url = entry["url"]?.stringValue else { continue }
      if scope == "[default]" {
        config.defaultURL = url
      } else {
        config.byScope[scope.lowercased()] = url
      }
    }
    return config
  }

  func url(forScope scope: String) -> String? { byScope[scope.lowercased()] ?? defaultURL }
}
