import SBOMModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Read-only access to the files under a scan root, by root-relative paths with `/` separators.
/// Resolvers read only through this, so tests can hand them in-memory trees, and so that no
/// resolver can read outside the root.
public protocol FileSource: Sendable {
  /// How to name the root in messages (the path the user gave).
  var displayRoot: String { get }
  /// The whole file; throws `LineageError` (`.io`, `.limitExceeded`) on failure.
  func read(_ path: String) throws -> [UInt8]
  func isFile(_ path: String) -> Bool
  func isDirectory(_ path: String) -> Bool
  /// Names of the entries of a directory, sorted; empty when it does not exist.
  func list(_ directory: String) -> [String]
}

extension FileSource {
  /// `root/path` for messages.
  public func displayPath(_ path: String) -> String {
    if displayRoot.isEmpty || displayRoot == "." { return path }
    if path.isEmpty { return displayRoot }
    return displayRoot.hasSuffix("/") ? displayRoot + path : displayRoot + "/" + path
  }

  /// Reads a UTF-8 text file.
  public func readText(_ path: String) throws -> String {
    String(decoding: try read(path), as: UTF8.self)
  }
}

/// Joins root-relative path components.
public func joinPath(_ a: String, _ b: String) -> String {
  if a.isEmpty || a == "." { return b }
  if b.isEmpty { return a }
  return a.hasSuffix("/") ? a + b : a + "/" + b
}

/// Files under a directory on disk. Refuses any path that, after following symbolic links,
/// lies outside the root, and any file larger than `maxFileSize`.
public struct DirectorySource: FileSource {
  public let root: String
  public let displayRoot: String
  private let resolvedRoot: String
  public var maxFileSize: Int

  /// Default per-file size limit: 512 MiB (the largest real lockfiles are a few MB).
  public static let defaultMaxFileSize = 512 << 20

  public init(root: String, displayRoot: String? = nil, maxFileSize: Int = defaultMaxFileSize)
    throws
  {
    self.root = root
    self.displayRoot = displayRoot ?? root
    self.maxFileSize = maxFileSize
    guard let resolved = DirectorySource.realPath(root) else {
      throw LineageError(.io, "cannot open directory", at: SourceLocation(file: root))
    }
    self.resolvedRoot = resolved
  }

  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  private func absolute(_ path: String) -> String { joinPath(root, path) }

  /// The path on disk if it stays inside the root after resolving links; nil otherwise.
  private func contained(_ path: String) -> String? {
    guard let resolved = DirectorySource.realPath(absolute(path)) else { return nil }
    if resolved == resolvedRoot
      || resolved.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/")
    {
      return resolved
    }
    return nil
  }

  public func read(_ path: String) throws -> [UInt8] {
    let location = SourceLocation(file: displayPath(path))
    guard let resolved = contained(path) else {
      var st = stat()
      if lstat(absolute(path), &st) == 0 {
        throw LineageError(
          .io, "refusing to read: the path leads outside the scan root (or is a symlink loop)",
          at: location)
      }
      throw LineageError(.io, "no such file", at: location)
    }
    var st = stat()
    guard stat(resolved, &st) == 0 else {
      throw LineageError(.io, "cannot stat file", at: location)
    }
    guard (st.st_mode & S_IFMT) == S_IFREG else {
      throw LineageError(.io, "expected a regular file", at: location)
    }
    if Int(st.st_size) > maxFileSize {
      throw LineageError(
        .limitExceeded, "file is \(st.st_size) bytes, over the \(maxFileSize)-byte limit",
        at: location)
    }
    guard let file = fopen(resolved, "rb") else {
      throw LineageError(.io, "cannot open file", at: location)
    }
    defer { fclose(file) }
    // Read straight into uninitialised storage: zero-filling it first wrote every page of a
    // large lockfile (30 MB at 100,000 packages) once more for nothing.
    var total = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, initialized in
      if let base = buffer.baseAddress, buffer.count > 0 {
        total = fread(base, 1, buffer.count, file)
      }
      initialized = total
    }
    // A file that grows while read (a pipe, /proc) is read to the limit, no further.
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if n <= 0 { break }
      if total + n > maxFileSize {
        throw LineageError(
          .limitExceeded, "file is over the \(maxFileSize)-byte limit", at: location)
      }
      bytes.removeLast(bytes.count - total)
      bytes.append(contentsOf: chunk[0..<n])
      total += n
    }
    if total < bytes.count { bytes.removeLast(bytes.count - total) }
    return bytes
  }

  private func mode(_ path: String) -> mode_t? {
    guard let resolved = contained(path) else { return nil }
    var st = stat()
    guard stat(resolved, &st) == 0 else { return nil }
    return st.st_mode & S_IFMT
  }

  public func isFile(_ path: String) -> Bool { mode(path) == S_IFREG }
  public func isDirectory(_ path: String) -> Bool { mode(path) == S_IFDIR }

  public func list(_ directory: String) -> [String] {
    guard let resolved = contained(directory), let dir = opendir(resolved) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}

/// An in-memory file tree, for tests and for bytes that did not come from disk.
public struct MemorySource: FileSource {
  public let displayRoot: String
  public var files: [String: [UInt8]]

  public init(displayRoot: String = "", files: [String: [UInt8]]) {
    self.displayRoot = displayRoot
    self.files = files
  }

  public init(displayRoot: String = "", texts: [String: String]) {
    self.init(displayRoot: displayRoot, files: texts.mapValues { Array($0.utf8) })
  }

  public func read(_ path: String) throws -> [UInt8] {
    guard let bytes = files[path] else {
      throw LineageError(.io, "no such file", at: SourceLocation(file: displayPath(path)))
    }
    return bytes
  }
  public func isFile(_ path: String) -> Bool { files[path] != nil }
  public func isDirectory(_ path: String) -> Bool {
    if path.isEmpty || path == "." { return true }
    return files.keys.contains { $0.hasPrefix(path + "/") }
  }
  public func list(_ directory: String) -> [String] {
    let prefix = (directory.isEmpty || directory == ".") ? "" : directory + "/"
    var names = Set<String>()
    for key in files.keys where key.hasPrefix(prefix) {
      let rest = key.dropFirst(prefix.count)
      if let first = rest.split(separator: "/").first { names.insert(String(first)) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
