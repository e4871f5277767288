import SBOMModel

/// Reads a dpkg `*.md5sums` file: one `<32 hex digits>  <path>` line per installed file.
public enum Md5sumsParser {
  /// The files, with absolute paths (`/usr/lib/…`), in the order listed. Malformed lines are
  /// warnings at their line numbers.
  public static func parse(_ bytes: [UInt8], file: String) -> (
    files: [FileEntry], diagnostics: [Diagnostic]
  ) {
    var files: [FileEntry] = []
    var diagnostics: [Diagnostic] = []
    var lineNumber = 0
    for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = rawLine[...]
      while let last = line.last, last == 0x0D || last == 0x20 { line = line.dropLast() }
      if line.isEmpty { continue }
      let digest = line.prefix(32)
      let isHex = digest.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46)
      }
      var rest = line.dropFirst(32)
      guard digest.count == 32, isHex, let separator = rest.first, separator == 0x20 else {
        diagnostics.append(
          Diagnostic(
            location: SourceLocation(file: file, line: lineNumber),
            message: "expected `<md5>  <path>`: line ignored"))
        continue
      }
      while let first = rest.first, first == 0x20 || first == 0x2A { rest = rest.dropFirst() }
      guard !rest.isEmpty else { continue }
      var path = String(decoding: rest, as: UTF8.self)
      if !path.hasPrefix("/") { path = "/" + path }
      files.append(
        FileEntry(path: path, hashes: [Hash(.md5, String(decoding: digest, as: UTF8.self))]))
    }
    return (files, diagnostics)
  }
}
