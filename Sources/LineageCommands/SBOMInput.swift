import Foundation
import SBOMFormats
import SBOMModel
import SBOMResolvers

/// Reads a path as an SBOM when its content is one (SPDX or CycloneDX, any generator).
enum SBOMInput {
  /// The decoded graph, or nil when `path` is a directory or a file that is not an SBOM (the
  /// caller then scans it as a lockfile). Recognition is by content, never by file name.
  static func decodeIfSBOM(_ path: String, environment: CommandEnvironment) throws -> Graph? {
    let absolute = environment.absolutePath(path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else { return nil }
    let size = (try? FileManager.default.attributesOfItem(atPath: absolute)[.size] as? Int) ?? 0
    guard size <= DirectorySource.defaultMaxFileSize else {
      throw LineageError(
        .limitExceeded, "file larger than \(DirectorySource.defaultMaxFileSize) bytes",
        at: SourceLocation(file: path))
    }
    guard let data = FileManager.default.contents(atPath: absolute) else {
      throw LineageError(.io, "cannot read file", at: SourceLocation(file: path))
    }
    let bytes = [UInt8](data)
    guard SBOMDecoder.sniff(bytes) != nil else { return nil }
    return try SBOMDecoder.decode(bytes, file: path)
  }
}
