import LineageJSON
import SBOMModel

/// Reads `.build/workspace-state.json` for the one fact the resolver needs: where each
/// package's sources (and so its `Package.swift`) were put.
enum WorkspaceStateParser {
  /// Identity → directory of the package's sources, relative to the project directory:
  /// `.build/checkouts/<subpath>` for checkouts, `.build/registry/downloads/<subpath>` for
  /// registry downloads, `Packages/<subpath>` for packages put in edit mode. Throws
  /// `LineageError` naming the file when it is not the JSON expected.
  static func packageDirectories(_ bytes: [UInt8], file: String) throws -> [String: String] {
    let root: JSONNode
    do {
      root = JSONNode(try JSONReader.parse(bytes))
    } catch {
      throw LineageError(
        .syntax, "invalid JSON: \(error.message)",
        at: SourceLocation(file: file, line: error.line, column: error.column))
    }
    var map: [String: String] = [:]
    do {
      guard let dependencies = root["object"]?["dependencies"] else { return [:] }
      for dependency in try dependencies.elements() {
        guard let ref = dependency["packageRef"] else { continue }
        let identity = try ref.string("identity")
        let subpath = try dependency.optionalString("subpath") ?? identity
        let state = try dependency["state"]?.optionalString("name")
        let base =
          switch state {
          case "registryDownload": ".build/registry/downloads"
          case "edited": "Packages"
          case "fileSystem": nil as String?
          default: ".build/checkouts"
          }
        if let base, !subpath.split(separator: "/").contains("..") {
          map[identity.lowercased()] = base + "/" + subpath
        }
      }
    } catch {
      throw LineageError(
        .schema, error.description, at: SourceLocation(file: file, jsonPath: error.path))
    }
    return map
  }
}
