import Foundation
import SBOMModel
import SBOMResolvers

/// Turns a command-line path into a graph: a directory or a lockfile through the resolvers.
struct InputLoader {
  var environment: CommandEnvironment

  func scan(_ path: String, options: ScanOptions) throws -> Graph {
    let absolute = environment.absolutePath(path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
      throw LineageError(.io, "no such file or directory", at: SourceLocation(file: path))
    }
    if isDirectory.boolValue {
      let source = try DirectorySource(root: absolute, displayRoot: path)
      return try Scanner.scan(source: source, options: options)
    }
    let url = URL(fileURLWithPath: absolute)
    let parentDisplay = (path as NSString).deletingLastPathComponent
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path, displayRoot: parentDisplay)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }
}
