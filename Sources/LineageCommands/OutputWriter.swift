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
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
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
}
