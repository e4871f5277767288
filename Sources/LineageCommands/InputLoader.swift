import Foundation
import SBOMModel
import SBOMResolvers

/// Turns a command-line path into a graph: a directory or a lockfile through the resolvers.
struct InputLoader {
  var environment: CommandEnvironment

  func scan(_ path: String, options: ScanOptions) throws -> Graph {
    let absolute = environment.absolutePath(path)
    var info = stat()
    guard stat(absolute, &info) == 0 else {
      throw LineageError(.io, Self.reason(errno), at: SourceLocation(file: path))
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      let source = try DirectorySource(root: absolute, displayRoot: path)
      return try Scanner.scan(source: source, options: options)
    }
    let url = URL(fileURLWithPath: absolute)
    let parentDisplay = (path as NSString).deletingLastPathComponent
    let source = try DirectorySource(
      root: url.deletingLastPathComponent().path, displayRoot: parentDisplay)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: options)
  }

  /// Why a path cannot be opened, said so that a symlink loop is not mistaken for a missing file.
  private static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: "no such file or directory"
    case ELOOP: "too many levels of symbolic links (a symlink loop?)"
    case EACCES: "permission denied"
    default: String(cString: strerror(code)).lowercased()
    }
  }
}
