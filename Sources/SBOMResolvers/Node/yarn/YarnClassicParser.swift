import SBOMModel

/// Reads a classic (v1) yarn.lock. It is not YAML: entries are unindented keys (one or more
/// `name@range` descriptors, quoted or bare, separated by commas and ending in `:`), fields
/// indented by two spaces (`version "1.2.3"`; npm writes the field names quoted too), and
/// dependency sections whose `name range` lines are indented by four. Works on bytes: only
/// the values it keeps become strings.
struct YarnClassicParser {
  let file: String

  func parse(_ bytes: [UInt8]) throws -> [YarnLockEntry] {
    try bytes.withUnsafeBufferPointer { try parse(buffer: $0) }
  }

  private typealias Bytes = UnsafeBufferPointer<UInt8>

  private func parse(buffer bytes: Bytes) throws -> [YarnLockEntry] {
    var entries: [YarnLockEntry] = []
    var current: YarnLockEntry?
    var section: Section = .none
    var lineNumber = 0
    var start = 0
    let count = bytes.count
    while start < count {
      var end = start
      while end < count && bytes[end] != 10 { end += 1 }
      lineNumber += 1
      var lineEnd = end
      if lineEnd > start && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
      while lineEnd > start && bytes[lineEnd - 1] == 32 { lineEnd -= 1 }
      defer { start = end + 1 }
      var indent = start
      while indent < lineEnd && bytes[indent] == 32 { indent += 1 }
      if indent == lineEnd || bytes[indent] == 35 { continue }  // blank or # comment
      let line = Bytes(rebasing: bytes[indent..<lineEnd])
      let location = SourceLocation(file: file, line: lineNumber)
      // (The first byte rules out a marker on nearly every line before any prefix compare.)
      if let first = line.first, first == 60 || first == 61 || first == 62,
        line.starts(with: "<<<<<<<".utf8) || line.starts(with: ">>>>>>>".utf8)
          || line.starts(with: "=======".utf8)
      {
        throw LineageError(
          .syntax, "merge conflict marker in yarn.lock: resolve the conflict first", at: location)
      }
      let endsWithColon = line.last == 58
      switch indent - start {
      case 0:
        if let entry = current { entries.append(entry) }
        guard endsWithColon else {
          throw LineageError(
            .syntax, "expected an entry key like `name@range:` in yarn.lock", at: location)
        }
        let descriptors = try Self.splitKey(Bytes(rebasing: line.dropLast()), at: location)
        guard !descriptors.isEmpty else {
          throw LineageError(.syntax, "empty entry key in yarn.lock", at: location)
        }
        current = YarnLockEntry(descriptors: descriptors, line: lineNumber)
        section = .none
      case 2:
        guard current != nil else {
          throw LineageError(.syntax, "indented line before any entry key", at: location)
        }
        if endsWithColon {
          let name = try Self.scalar(Bytes(rebasing: line.dropLast()), at: location)
          section = Section(rawValue: name) ?? .other
          continue
        }
        section = .none
        let (key, value) = try Self.splitPair(line, at: location)
        switch key {
        case "version": current?.version = value
        case "resolved": current?.resolved = value
        case "integrity": current?.integrity = value
        default: break  // uid, languageName, … carry nothing Lineage reports
        }
      case 4:
        guard current != nil, section != .none else {
          throw LineageError(
            .syntax, "a four-space line outside a dependencies section", at: location)
        }
        guard section != .other else { continue }
        let pair = try Self.splitPair(line, at: location)
        switch section {
        case .dependencies: current?.dependencies.append(pair)
        case .optionalDependencies: current?.optionalDependencies.append(pair)
        case .peerDependencies: current?.peerDependencies.append(pair)
        case .none, .other: break
        }
      default:
        throw LineageError(
          .syntax, "unexpected indentation of \(indent - start) spaces in yarn.lock", at: location)
      }
    }
    if let entry = current { entries.append(entry) }
    return entries
  }

  private enum Section: String {
    case none = ""
    case other = "-"
    case dependencies
    case optionalDependencies
    case peerDependencies
  }

  /// `"a@^1", b@^2` → [`a@^1`, `b@^2`].
  private static func splitKey(_ key: Bytes, at location: SourceLocation) throws -> [String] {
    var out: [String] = []
    var i = 0
    while i < key.count {
      while i < key.count && key[i] == 32 { i += 1 }
      guard i < key.count else { break }
      if key[i] == 34 {
        let (value, after) = try readQuoted(key, from: i, at: location)
        out.append(value)
        i = after
      } else {
        var end = i
        while end < key.count && key[end] != 44 { end += 1 }
        var last = end
        while last > i && key[last - 1] == 32 { last -= 1 }
        out.append(String(decoding: UnsafeBufferPointer(rebasing: key[i..<last]), as: UTF8.self))
        i = end
      }
      while i < key.count && key[i] == 32 { i += 1 }
      if i < key.count {
        guard key[i] == 44 else {
          throw LineageError(.syntax, "expected `,` between descriptors of a key", at: location)
        }
        i += 1
      }
    }
    return out.filter { !$0.isEmpty }
  }

  /// `key value`, either side possibly quoted.
  private static func splitPair(_ line: Bytes, at location: SourceLocation) throws -> (
    String, String
  ) {
    var key: String
    var i: Int
    if line.first == 34 {
      (key, i) = try readQuoted(line, from: 0, at: location)
    } else {
      i = line.firstIndex(of: 32) ?? line.count
      key = String(decoding: UnsafeBufferPointer(rebasing: line[..<i]), as: UTF8.self)
    }
    while i < line.count && line[i] == 32 { i += 1 }
    if key.hasSuffix(":") { key.removeLast() }
    return (key, try scalar(Bytes(rebasing: line[i...]), at: location))
  }

  /// The text of a possibly quoted scalar (the line is already right-trimmed).
  private static func scalar(_ text: Bytes, at location: SourceLocation) throws -> String {
    guard text.first == 34 else { return String(decoding: text, as: UTF8.self) }
    let (value, after) = try readQuoted(text, from: 0, at: location)
    guard text[after...].allSatisfy({ $0 == 32 }) else {
      throw LineageError(.syntax, "text after a closing quote", at: location)
    }
    return value
  }

  /// Reads a double-quoted string with backslash escapes starting at `start`; returns it and
  /// the index after the closing quote.
  private static func readQuoted(_ text: Bytes, from start: Int, at location: SourceLocation)
    throws -> (String, Int)
  {
    var i = start + 1
    // Fast path: no escapes.
    while i < text.count && text[i] != 34 && text[i] != 92 { i += 1 }
    if i < text.count && text[i] == 34 {
      return (
        String(decoding: UnsafeBufferPointer(rebasing: text[(start + 1)..<i]), as: UTF8.self),
        i + 1
      )
    }
    var out = Array(text[(start + 1)..<min(i, text.count)])
    while i < text.count {
      let c = text[i]
      if c == 34 { return (String(decoding: out, as: UTF8.self), i + 1) }
      if c == 92 {
        i += 1
        guard i < text.count else { break }
        switch text[i] {
        case 110: out.append(10)
        case 116: out.append(9)
        default: out.append(text[i])
        }
      } else {
        out.append(c)
      }
      i += 1
    }
    throw LineageError(.syntax, "unterminated quoted string", at: location)
  }
}
