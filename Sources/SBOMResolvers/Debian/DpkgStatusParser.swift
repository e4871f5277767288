import SBOMModel

/// One paragraph (stanza) of a Debian control file: `Name: value` fields, with continuation
/// lines, and the line numbers needed for messages.
///
/// Values are kept as byte ranges into the file and decoded only when asked for, so that the
/// fields a resolver never reads (`Description`, `Conffiles`) cost nothing.
public struct ControlParagraph: Sendable {
  /// A field: its name as written, where its value lies, and the line it starts on.
  public struct Field: Sendable {
    public var name: String
    /// Bytes from the first character of the value to the end of its last continuation line.
    var range: Range<Int>
    public var line: Int
  }

  /// Line number (1-based) of the paragraph's first field.
  public var line: Int
  public private(set) var fields: [Field]
  private let bytes: [UInt8]

  init(line: Int, fields: [Field], bytes: [UInt8]) {
    self.line = line
    self.fields = fields
    self.bytes = bytes
  }

  /// The field named `name` (names compare case-insensitively, as Debian policy says).
  public func field(_ name: String) -> Field? {
    fields.first { ControlParagraph.sameName($0.name, name) }
  }

  /// The folded value of a field: the first line and every continuation line with its leading
  /// white space removed, joined by newlines, trailing white space dropped. nil when absent.
  public subscript(name: String) -> String? {
    guard let field = field(name) else { return nil }
    return value(of: field)
  }

  /// The value of `field`, folded as described for the subscript.
  public func value(of field: Field) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(field.range.count)
    var atLineStart = false
    for i in field.range {
      let b = bytes[i]
      if b == 0x0A {
        atLineStart = true
        while let last = out.last, last == 0x20 || last == 0x09 || last == 0x0D { out.removeLast() }
        out.append(0x0A)
        continue
      }
      if atLineStart && (b == 0x20 || b == 0x09) { continue }
      atLineStart = false
      out.append(b)
    }
    while let last = out.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A {
      out.removeLast()
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The first line of a field's value, at most `limit` bytes: a package synopsis without
  /// decoding a long description.
  public func firstLine(of name: String, limit: Int = 1024) -> String? {
    guard let field = field(name) else { return nil }
    var end = field.range.lowerBound
    let stop = min(field.range.upperBound, field.range.lowerBound + limit)
    while end < stop && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
    let line = String(decoding: bytes[field.range.lowerBound..<end], as: UTF8.self)
    return line.isEmpty ? nil : line
  }

  /// Whether any field has this name.
  public func has(_ name: String) -> Bool { field(name) != nil }

  static func sameName(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    // Every field lookup compares names: compare contiguous bytes, not zipped UTF-8 iterators.
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        for i in 0..<x.count where x[i] | 0x20 != y[i] | 0x20 { return false }
        return true
      }
    }
  }
}

/// A fast, byte-level reader of Debian control files (dpkg `status`, `status.d/*`, apt
/// `Packages` and `Release` indexes, DEP-5 `copyright`).
///
/// Tolerant by design: CRLF line ends, blank lines made of spaces, continuation lines before any
/// field, lines without a colon and repeated fields become warnings with line numbers, never a
/// failure. The work is linear in the input, so a multi-megabyte line is only read once.
public enum DpkgStatusParser {
  /// Field names longer than this are not field names (a stray line of text).
  static let maxFieldNameLength = 256

  /// Splits `bytes` into paragraphs. `file` names the input in the warnings.
  public static func parse(_ bytes: [UInt8], file: String) -> (
    paragraphs: [ControlParagraph], diagnostics: [Diagnostic]
  ) {
    var paragraphs: [ControlParagraph] = []
    var diagnostics: [Diagnostic] = []
    var fields: [ControlParagraph.Field] = []
    var seen: [String: ControlParagraph.Field] = [:]
    var paragraphLine = 0
    var lineNumber = 0
    var position = 0
    let count = bytes.count

    func warn(_ message: String, _ line: Int) {
      diagnostics.append(
        Diagnostic(location: SourceLocation(file: file, line: line), message: message))
    }
    func finish() {
      if !fields.isEmpty {
        paragraphs.append(ControlParagraph(line: paragraphLine, fields: fields, bytes: bytes))
      }
      fields = []
      seen = [:]
    }

    bytes.withUnsafeBufferPointer { buffer in
      // Skip a UTF-8 byte order mark.
      if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
      while position < count {
        lineNumber += 1
        let start = position
        var end = start
        while end < count && buffer[end] != 0x0A { end += 1 }
        position = end + 1  // past the newline (or past the end)
        var contentEnd = end
        while contentEnd > start
          && (buffer[contentEnd - 1] == 0x0D || buffer[contentEnd - 1] == 0x20
            || buffer[contentEnd - 1] == 0x09)
        {
          contentEnd -= 1
        }
        if contentEnd == start {
          finish()  // a blank line (or one of only spaces) ends the paragraph
          continue
        }
        let first = buffer[start]
        if first == 0x20 || first == 0x09 {
          if fields.isEmpty {
            warn("continuation line outside any field: ignored", lineNumber)
          } else {
            fields[fields.count - 1].range = fields[fields.count - 1].range.lowerBound..<contentEnd
          }
          continue
        }
        if first == 0x23 && fields.isEmpty { continue }  // `#` comment between paragraphs
        var colon = start
        while colon < contentEnd && buffer[colon] != 0x3A { colon += 1 }
        guard colon < contentEnd, colon > start, colon - start <= maxFieldNameLength
        else {
          warn("expected `Field: value`, found a line without a field name: ignored", lineNumber)
          continue
        }
        let name = String(
          decoding: UnsafeBufferPointer(rebasing: buffer[start..<colon]), as: UTF8.self)
        guard !name.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else {
          warn("field name `\(name.prefix(40))` contains white space: line ignored", lineNumber)
          continue
        }
        var valueStart = colon + 1
        while valueStart < contentEnd && (buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09)
        {
          valueStart += 1
        }
        // Linear search while paragraphs are ordinary; a set once one is not (no quadratic cost).
        let existing: ControlParagraph.Field?
        if fields.count < 32 {
          existing = fields.first { ControlParagraph.sameName($0.name, name) }
        } else {
          existing = seen[name.lowercased()]
        }
        if let existing {
          if ControlParagraph.sameName(name, "Package") {
            // A paragraph that lost its blank line: dpkg would refuse the file; start anew.
            warn(
              "`Package:` again without a blank line (paragraph from line \(paragraphLine)):"
                + " treated as a new paragraph", lineNumber)
            finish()
          } else {
            warn(
              "field `\(name)` repeated (first on line \(existing.line)): the first one is kept",
              lineNumber)
            continue
          }
        }
        if fields.isEmpty { paragraphLine = lineNumber }
        let field = ControlParagraph.Field(
          name: name, range: valueStart..<max(valueStart, contentEnd), line: lineNumber)
        fields.append(field)
        if fields.count == 32 {
          for f in fields { seen[f.name.lowercased()] = f }
        } else if fields.count > 32 {
          seen[name.lowercased()] = field
        }
      }
    }
    finish()
    return (paragraphs, diagnostics)
  }
}
