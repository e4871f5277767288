import Foundation
import SBOMModel

/// Writes finished documents: each file through a temporary sibling renamed into place, so a
/// failure never leaves a partial file; `nil` means standard output.
struct OutputWriter {
  var environment: CommandEnvironment

  func write(_ documents: [(file: String?, bytes: [UInt8])]) throws {
    var staged: [(temporary: String, final: String)] = []
    do {
      for (file, bytes) in documents {
        guard let file else { continue }
        let final = environment.absolutePath(file)
        let temporary = final + ".lineage-tmp-\(getpid())"
        guard OutputWriter.writeFile(temporary, bytes) else {
          unlink(temporary)
          throw LineageError(.io, "cannot write file", at: SourceLocation(file: file))
        }
        staged.append((temporary, final))
      }
      for (temporary, final) in staged {
        guard rename(temporary, final) == 0 else {
          throw LineageError(.io, "cannot move output into place", at: SourceLocation(file: final))
        }
      }
    } catch {
      for (temporary, _) in staged { unlink(temporary) }
      throw error
    }
    for (file, bytes) in documents where file == nil {
      environment.writeStdout(bytes)
    }
  }

  /// Writes `bytes` to a new file at `path` straight from the array's storage: wrapping them
  /// in `Data` first copied the whole document (90 MB for a 100,000-package SBOM).
  static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    let written = bytes.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return true }
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, base + offset, buffer.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
    return close(fd) == 0 && written
  }
}
