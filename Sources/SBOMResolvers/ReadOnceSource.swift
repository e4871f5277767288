/// A `FileSource` that answers reads of one file from bytes already read, and everything else
/// from the source it wraps.
///
/// `Scanner` reads a file given directly to recognise its format, then the resolver reads it
/// again: for a multi-megabyte lockfile that second read (a fresh buffer, its page faults and
/// the copy) was a few percent of the whole scan.
struct ReadOnceSource: FileSource {
  let base: any FileSource
  let path: String
  let bytes: [UInt8]

  var displayRoot: String { base.displayRoot }

  func read(_ path: String) throws -> [UInt8] {
    path == self.path ? bytes : try base.read(path)
  }

  func isFile(_ path: String) -> Bool { base.isFile(path) }
  func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
  func list(_ directory: String) -> [String] { base.list(directory) }
}
