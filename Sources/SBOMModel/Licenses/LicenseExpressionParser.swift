/// Recursive-descent parser for SPDX licence expressions. Precedence, tightest first:
/// `+`, `WITH`, `AND`, `OR`; operators in any case.
struct LicenseExpressionParser {
  /// Deeper parenthesis nesting than any real expression; stops stack exhaustion.
  static let maxDepth = 64

  private enum Token: Equatable {
    case open, close, and, or, with
    case word(String)
  }

  private let text: String
  private let strict: Bool
  private var tokens: [Token] = []
  private var position = 0
  private var depth = 0

  /// `strict: false` turns unknown licence ids into `LicenseRef-`s instead of failing.
  init(_ text: String, strict: Bool) {
    self.text = text
    self.strict = strict
  }

  mutating func parse() throws -> LicenseExpression {
    tokens = tokenize(text)
    guard !tokens.isEmpty else { throw error("licence expression is empty") }
    let expression = try parseOr()
    guard position == tokens.count else {
      throw error("unexpected \(describe(tokens[position])) in licence expression '\(text)'")
    }
    return expression
  }

  // MARK: - Grammar

  private mutating func parseOr() throws -> LicenseExpression {
    var operands = [try parseAnd()]
    while peek() == .or {
      position += 1
      operands.append(try parseAnd())
    }
    return combine(operands, isAnd: false)
  }

  private mutating func parseAnd() throws -> LicenseExpression {
    var operands = [try parseWith()]
    while peek() == .and {
      position += 1
      operands.append(try parseWith())
    }
    return combine(operands, isAnd: true)
  }

  private mutating func parseWith() throws -> LicenseExpression {
    let primary = try parsePrimary()
    guard peek() == .with else { return primary }
    position += 1
    guard case .license = primary else {
      throw error("WITH must follow a single licence, not a parenthesised expression, in '\(text)'")
    }
    guard case .word(let exception) = next() else {
      throw error("WITH must be followed by an exception id in '\(text)'")
    }
    if let known = LicenseExpression.canonicalExceptionID(exception) {
      return .with(primary, exception: known)
    }
    if let addition = reference(exception, kind: "AdditionRef-") {
      return .with(primary, exception: addition)
    }
    if strict { throw error("unknown SPDX licence exception '\(exception)' in '\(text)'") }
    // No reference type can hold an unknown exception in SPDX 2.3: keep the pair as one
    // LicenseRef so that nothing is lost.
    return .license(
      LicenseExpression.licenseRef(for: "\(primary) WITH \(exception)"), orLater: false)
  }

  private mutating func parsePrimary() throws -> LicenseExpression {
    switch next() {
    case .open:
      depth += 1
      guard depth <= Self.maxDepth else {
        throw LineageError(
          .limitExceeded, "licence expression nests parentheses more than \(Self.maxDepth) deep")
      }
      let inner = try parseOr()
      guard next() == .close else { throw error("missing ')' in licence expression '\(text)'") }
      depth -= 1
      return inner
    case .word(let word):
      return try license(word)
    case nil:
      throw error("licence expression '\(text)' ends where a licence id was expected")
    case let token?:
      throw error("expected a licence id, found \(describe(token)) in '\(text)'")
    }
  }

  /// A licence id, `id+`, or a reference, normalised to the list's case.
  private func license(_ word: String) throws -> LicenseExpression {
    if let ref = reference(word, kind: "LicenseRef-") { return .license(ref, orLater: false) }
    var id = Substring(word)
    let orLater = id.hasSuffix("+")
    if orLater { id = id.dropLast() }
    if let known = LicenseExpression.canonicalLicenseID(String(id)) {
      return .license(known, orLater: orLater)
    }
    if strict || !Self.isIDString(id) {
      throw error("unknown SPDX licence id '\(word)' in '\(text)'")
    }
    return .license(LicenseExpression.licenseRef(for: word), orLater: false)
  }

  /// `kind<idstring>` or `DocumentRef-<idstring>:kind<idstring>` with prefixes in canonical
  /// case, or nil when `word` is not such a reference.
  private func reference(_ word: String, kind: String) -> String? {
    var rest = Substring(word)
    var document = ""
    if rest.lowercased().hasPrefix("documentref-"), let colon = rest.firstIndex(of: ":") {
      let docID = rest[rest.index(rest.startIndex, offsetBy: "DocumentRef-".count)..<colon]
      guard Self.isIDString(docID) else { return nil }
      document = "DocumentRef-\(docID):"
      rest = rest[rest.index(after: colon)...]
    }
    guard rest.lowercased().hasPrefix(kind.lowercased()) else { return nil }
    let id = rest.dropFirst(kind.count)
    guard Self.isIDString(id) else { return nil }
    return document + kind + id
  }

  private static func isIDString(_ s: Substring) -> Bool {
    !s.isEmpty
      && s.utf8.allSatisfy {
        ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
          || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
      }
  }

  /// Flattens nested operands of the same operator (both are associative).
  private func combine(_ operands: [LicenseExpression], isAnd: Bool) -> LicenseExpression {
    guard operands.count > 1 else { return operands[0] }
    let flat = operands.flatMap { operand -> [LicenseExpression] in
      switch (operand, isAnd) {
      case (.and(let xs), true), (.or(let xs), false): return xs
      default: return [operand]
      }
    }
    return isAnd ? .and(flat) : .or(flat)
  }

  // MARK: - Tokens

  private func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var word = ""
    func flush() {
      guard !word.isEmpty else { return }
      switch word.uppercased() {
      case "AND": tokens.append(.and)
      case "OR": tokens.append(.or)
      case "WITH": tokens.append(.with)
      default: tokens.append(.word(word))
      }
      word = ""
    }
    for c in text {
      switch c {
      case "(":
        flush()
        tokens.append(.open)
      case ")":
        flush()
        tokens.append(.close)
      case " ", "\t", "\n", "\r":
        flush()
      default:
        word.append(c)
      }
    }
    flush()
    return tokens
  }

  private func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

  private mutating func next() -> Token? {
    defer { position += 1 }
    return peek()
  }

  private func describe(_ token: Token) -> String {
    switch token {
    case .open: "'('"
    case .close: "')'"
    case .and: "AND"
    case .or: "OR"
    case .with: "WITH"
    case .word(let w): "'\(w)'"
    }
  }

  private func error(_ message: String) -> LineageError { LineageError(.syntax, message) }
}
