import Foundation
import SBOMModel

/// Writes documents: each file streamed to a temporary sibling, and renamed into place only once
/// every document is written, so a failure never leaves a partial file; standard output gets its
/// document whole, after the files, so a failure leaves nothing there either. A path that names
/// something other than a regular file (`/dev/stdout`, a device, a FIFO, a symlink) is written
/// through, like standard output: renaming over it would replace the device or link itself.
struct OutputWriter {
  var environment: CommandEnvironment

  /// One document to write and the two ways to produce its bytes.
  struct Document {
    /// nil for standard output.
    var file: String?
    /// The whole document, for standard output.
    var bytes: () throws -> [UInt8]
    /// Passes the document to `output` in order, in pieces, for a file: a large document
    /// need never exist whole in memory (90 MB for a 100,000-package SBOM).
    var stream: (_ output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
  }

  func write(_ documents: [(file: String?, bytes: [UInt8])]) throws {
    try write(
      documents.map { document in
        Document(
          file: document.file, bytes: { document.bytes },
          stream: { output in try document.bytes.withUnsafeBufferPointer { try output($0) } })
      })
  }

  func write(_ documents: [Document]) throws {
    var staged: [(temporary: String, final: String)] = []
    var writtenThrough: [(file: String, bytes: [UInt8])] = []
    var standardOutput: [UInt8]?
    do {
      for document in documents {
        guard let file = document.file else {
          standardOutput = try document.bytes()
          continue
        }
        let final = environment.absolutePath(file)
        guard OutputWriter.isReplaceable(final) else {
          writtenThrough.append((file, try document.bytes()))
          continue
        }
        let temporary = final + ".lineage-tmp-\(getpid())"
        let failure = LineageError(.io, "cannot write file", at: SourceLocation(file: file))
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure }
        staged.append((temporary, final))
        do {
          try document.stream { bytes in
            guard OutputWriter.writeAll(fd, bytes) else { throw failure }
          }
        } catch {
          close(fd)
          throw error
        }
        guard close(fd) == 0 else { throw failure }
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
    for (file, bytes) in writtenThrough {
      let fd = open(environment.absolutePath(file), O_WRONLY | O_TRUNC | O_CLOEXEC)
      let written = fd >= 0 && bytes.withUnsafeBufferPointer { OutputWriter.writeAll(fd, $0) }
      guard fd >= 0 && close(fd) == 0 && written else {
        throw LineageError(.io, "cannot write file", at: SourceLocation(file: file))
      }
    }
    if let standardOutput { environment.writeStdout(standardOutput) }
  }

  /// Whether `path` may be replaced by renaming a new file over it: it does not exist yet, or it
  /// is a regular file (checked without following a symlink).
  static func isReplaceable(_ path: String) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0 else { return errno == ENOENT }
    return info.st_mode & S_IFMT == S_IFREG
  }

  /// Writes every byte to `fd`, retrying short and interrupted writes.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, base + offset, bytes.count - offset)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      offset += n
    }
    return true
  }
}
