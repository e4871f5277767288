/// A rough lexer for `Package.swift` text: enough of Swift's lexical grammar to find calls and
/// their string-literal arguments without executing the manifest. Comments (nested block
/// comments included) are dropped; string literals (`"…"`, `"""…"""`, `#"…"#`) become one token
/// with their value; everything else is an identifier, a number or a punctuation character.
struct SwiftManifestLexer {
  struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
      case identifier
      case string
      /// A string literal with `\(…)` interpolation: its value is not knowable from the text.
      case interpolatedString
      case number
      case punctuation
    }
    var kind: Kind
    /// The identifier or punctuation text, or the decoded string value.
    var text: String
    /// The token as written, for quoting requirements back.
    var source: String
    var line: Int
  }

  static func tokens(_ text: String) -> [Token] {
    var lexer = SwiftManifestLexer(chars: Array(text.unicodeScalars))
    return lexer.run()
  }

  private let chars: [Unicode.Scalar]
  private var pos = 0
  private var line = 1
  private var out: [Token] = []

  private init(chars: [Unicode.Scalar]) { self.chars = chars }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    pos + offset < chars.count ? chars[pos + offset] : nil
  }

  private mutating func advance() {
    if chars[pos] == "\n" { line += 1 }
    pos += 1
  }

  private mutating func run() -> [Token] {
    while let c = peek() {
      if c == "/" && peek(1) == "/" {
        while let d = peek(), d != "\n" { advance() }
      } else if c == "/" && peek(1) == "*" {
        skipBlockComment()
      } else if c == "\"" || (c == "#" && isRawStringStart()) {
        lexString()
      } else if c.properties.isWhitespace {
        advance()
      } else if isIdentifierStart(c) {
        let start = pos
        let startLine = line
        while let d = peek(), isIdentifierStart(d) || ("0"..."9").contains(d) { advance() }
        let text = String(String.UnicodeScalarView(chars[start..<pos]))
        out.append(Token(kind: .identifier, text: text, source: text, line: startLine))
      } else if ("0"..."9").contains(c) {
        let start = pos
        while let d = peek(), ("0"..."9").contains(d) || d == "." || d == "_" {
          // `1..<2`: a dot followed by a dot ends the number.
          if d == "." && peek(1) == "." { break }
          advance()
        }
        let text = String(String.UnicodeScalarView(chars[start..<pos]))
        out.append(Token(kind: .number, text: text, source: text, line: line))
      } else {
        out.append(Token(kind: .punctuation, text: String(c), source: String(c), line: line))
        advance()
      }
    }
    return out
  }

  private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" || c == "$"
      || (c.value > 0x7F && !c.properties.isWhitespace)
  }

  private func isRawStringStart() -> Bool {
    var i = pos
    while i < chars.count, chars[i] == "#" { i += 1 }
    return i < chars.count && chars[i] == "\""
  }

  private mutating func skipBlockComment() {
    var depth = 0
    while let c = peek() {
      if c == "/" && peek(1) == "*" {
        depth += 1
        advance()
        advance()
      } else if c == "*" && peek(1) == "/" {
        depth -= 1
        advance()
        advance()
        if depth == 0 { return }
      } else {
        advance()
      }
    }
  }

  /// Lexes `"…"`, `"""…"""` and raw forms with `#` delimiters. An unterminated string runs to
  /// the end of the line (single-line) or the file (multi-line), never past it.
  private mutating func lexString() {
    let start = pos
    let startLine = line
    var hashes = 0
    while peek() == "#" {
      hashes += 1
      advance()
    }
    let multiline = peek() == "\"" && peek(1) == "\"" && peek(2) == "\""
    for _ in 0..<(multiline ? 3 : 1) { advance() }
    var value = ""
    var interpolated = false
    func closes(_ lexer: SwiftManifestLexer) -> Bool {
      var i = lexer.pos
      for _ in 0..<(multiline ? 3 : 1) {
        guard i < lexer.chars.count, lexer.chars[i] == "\"" else { return false }
        i += 1
      }
      for _ in 0..<hashes {
        guard i < lexer.chars.count, lexer.chars[i] == "#" else { return false }
        i += 1
      }
      return true
    }
    while let c = peek() {
      if !multiline && c == "\n" { break }
      if closes(self) {
        for _ in 0..<((multiline ? 3 : 1) + hashes) { advance() }
        break
      }
      if c == "\\" && isEscape(hashes: hashes) {
        for _ in 0...hashes { advance() }
        guard let e = peek() else { break }
        switch e {
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "r": value.append("\r")
        case "0": value.append("\0")
        case "(":
          interpolated = true
          skipBalanced()
          continue
        default: value.unicodeScalars.append(e)
        }
        advance()
        continue
      }
      value.unicodeScalars.append(c)
      advance()
    }
    if multiline { value = SwiftManifestLexer.trimMultiline(value) }
    let source = String(String.UnicodeScalarView(chars[start..<pos]))
    out.append(
      Token(
        kind: interpolated ? .interpolatedString : .string, text: value, source: source,
        line: startLine))
  }

  /// A backslash followed by as many `#` as the raw-string delimiter has is an escape.
  private func isEscape(hashes: Int) -> Bool {
    for i in 0..<hashes {
      guard pos + 1 + i < chars.count, chars[pos + 1 + i] == "#" else { return false }
    }
    return true
  }

  /// Skips a parenthesised group (the `(…)` of an interpolation), counting nesting.
  private mutating func skipBalanced() {
    var depth = 0
    while let c = peek() {
      advance()
      if c == "(" { depth += 1 }
      if c == ")" {
        depth -= 1
        if depth == 0 { return }
      }
    }
  }

  private static func trimMultiline(_ s: String) -> String {
    var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let first = lines.first, first.trimmingWhitespace().isEmpty { lines.removeFirst() }
    if let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
    return lines.map { $0.trimmingWhitespace() }.joined(separator: "\n")
  }
}
