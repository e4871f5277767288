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
    guard let bytes = readBytes(absolute, expected: size) else {
      throw LineageError(.io, "cannot read file", at: SourceLocation(file: path))
    }
    guard SBOMDecoder.sniff(bytes) != nil else { return nil }
    return try SBOMDecoder.decode(bytes, file: path)
  }

  /// Asks for huge pages under a large buffer about to be filled: a multi-megabyte SBOM
  /// otherwise takes a page fault every 4 KiB while it is read, a cost of its own beside the
  /// copy. Only whole 2 MiB blocks inside the buffer are advised; the advice may be ignored.
  private static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    let block = 2 << 20
    guard buffer.count >= 2 * block, let base = buffer.baseAddress else { return }
    let start = (Int(bitPattern: base) + block - 1) & ~(block - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(block - 1)
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(aligned, end - start, MADV_HUGEPAGE)
  }

  /// The file's bytes read straight into one array, or nil when it cannot be read. Reading
  /// through `Data` first kept two copies of a multi-megabyte SBOM in memory, and touching
  /// the pages of the second cost as much system time as decoding a tenth of it.
  private static func readBytes(_ path: String, expected size: Int) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    // One byte more than the size, so that a file grown since it was measured is noticed.
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      count = fread(buffer.baseAddress, 1, buffer.count, file)
    }
    guard ferror(file) == 0 else { return nil }
    // A file that grew while being read is read to its end, in chunks, as Data would.
    if bytes.count > size {
      var chunk = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
      }
      guard ferror(file) == 0 else { return nil }
    }
    return bytes
  }
}
