import SBOMModel

/// Reads a classic (v1) yarn.lock. It is not YAML: entries are unindented keys (one or more
/// `name@range` descriptors, quoted or bare, separated by commas and ending in `:`), fields
/// indented by two spaces (`version "1.2.3"`; npm writes the field names quoted too), and
/// dependency sections whose `name range` lines are indented by four.
struct YarnClassicParser {
  let file: String

  func parse(_ bytes: [UInt8]) throws -> [YarnLockEntry] {
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
      defer { start = end + 1 }
      var indent = start
      while indent < lineEnd && bytes[indent] == 32 { indent += 1 }
      if indent == lineEnd || bytes[indent] == 35 { continue }  // blank or # comment
      let line = String(decoding: bytes[indent..<lineEnd], as: UTF8.self)
      let location = SourceLocation(file: file, line: lineNumber)
      switch indent - start {
      case 0:
        if let entry = current { entries.append(entry) }
        guard line.hasSuffix(":") else {
          throw LineageError(
            .syntax, "expected an entry key like `name@range:` in yarn.lock", at: location)
        }
        let descriptors = try Self.splitKey(line.dropLast(), at: location)
        guard !descriptors.isEmpty else {
          throw LineageError(.syntax, "empty entry key in yarn.lock", at: location)
        }
        current = YarnLockEntry(descriptors: descriptors, line: lineNumber)
        section = .none
      case 2:
        guard current != nil else {
          throw LineageError(.syntax, "indented line before any entry key", at: location)
        }
        if line.hasSuffix(":") {
          let name = try Self.unquote(line.dropLast(), at: location)
          section = Section(rawValue: name) ?? .other
          continue
        }
        section = .none
        let (key, value) = try Self.splitPair(Substring(line), at: location)
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
        let pair = try Self.splitPair(Substring(line), at: location)
        switch section {
        case .dependencies: current?.dependencies.append((pair.0, pair.1))
        case .optionalDependencies: current?.optionalDependencies.append((pair.0, pair.1))
        case .peerDependencies: current?.peerDependencies.append((pair.0, pair.1))
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
  static func splitKey(_ key: Substring, at location: SourceLocation) throws -> [String] {
    var out: [String] = []
    var rest = key.drop { $0 == " " }
    while !rest.isEmpty {
      if rest.first == "\"" {
        let (value, after) = try readQuoted(rest, at: location)
        out.append(value)
        rest = after
      } else {
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        out.append(String(rest[..<end]).trimmingWhitespace())
        rest = rest[end...]
      }
      rest = rest.drop { $0 == " " }
      if rest.first == "," { rest = rest.dropFirst().drop { $0 == " " } } else if !rest.isEmpty {
        throw LineageError(.syntax, "expected `,` between descriptors of a key", at: location)
      }
    }
    return out.filter { !$0.isEmpty }
  }

  /// `key value`, either side possibly quoted.
  static func splitPair(_ line: Substring, at location: SourceLocation) throws -> (String, String) {
    var key: String
    var rest: Substring
    if line.first == "\"" {
      (key, rest) = try readQuoted(line, at: location)
    } else {
      let space = line.firstIndex(of: " ") ?? line.endIndex
      key = String(line[..<space])
      rest = line[space...]
    }
    rest = rest.drop { $0 == " " }
    if key.hasSuffix(":") { key.removeLast() }
    let value = try unquote(rest, at: location)
    return (key, value)
  }

  /// The text of a possibly quoted scalar.
  static func unquote(_ text: Substring, at location: SourceLocation) throws -> String {
    let trimmed = Substring(String(text).trimmingWhitespace())
    guard trimmed.first == "\"" else { return String(trimmed) }
    let (value, rest) = try readQuoted(trimmed, at: location)
    guard rest.allSatisfy({ $0 == " " }) else {
      throw LineageError(.syntax, "text after a closing quote", at: location)
    }
    return value
  }

  /// Reads a double-quoted string with backslash escapes from the start of `text`.
  static func readQuoted(_ text: Substring, at location: SourceLocation) throws -> (
    String, Substring
  ) {
    var out = ""
    var i = text.index(after: text.startIndex)
    while i < text.endIndex {
      let c = text[i]
      if c == "\"" { return (out, text[text.index(after: i)...]) }
      if c == "\\" {
        i = text.index(after: i)
        guard i < text.endIndex else { break }
        switch text[i] {
        case "n": out.append("\n")
        case "t": out.append("\t")
        default: out.append(text[i])
        }
      } else {
        out.append(c)
      }
      i = text.index(after: i)
    }
    throw LineageError(.syntax, "unterminated quoted string", at: location)
  }
}
