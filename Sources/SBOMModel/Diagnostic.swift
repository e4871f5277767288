/// A place in an input file: path (relative to the scan root), and a line/column or a JSON path.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  /// `$.pins[3].location` style path into a JSON document.
  public var jsonPath: String?

  public init(file: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.jsonPath = jsonPath
  }

  /// `file:line:col`, `file:line`, `file:$.json.path` or `file`.
  public var description: String {
    var s = file
    if let line {
      s += ":\(line)"
      if let column { s += ":\(column)" }
    } else if let jsonPath {
      s += ":\(jsonPath)"
    }
    return s
  }
}

/// A recoverable oddity in an input: reported, never fatal.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable { case warning, note }
  public var severity: Severity
  public var location: SourceLocation
  public var message: String
  public init(severity: Severity = .warning, location: SourceLocation, message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Every error Lineage reports: a code saying what kind of failure, where, and what was expected.
/// Printed as `file:line:col: message` (the CLI prefixes `lineage: `).
public struct LineageError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// The bytes are not valid in their syntax (JSON, YAML, XML, control file).
    case syntax
    /// Syntax is fine but a required field is missing or has the wrong type.
    case schema
    /// A format version this tool does not read.
    case unsupportedVersion = "unsupported-version"
    /// Nothing at the path is a format Lineage knows.
    case unrecognizedInput = "unrecognized-input"
    /// Input over a size, depth or expansion limit.
    case limitExceeded = "limit-exceeded"
    /// Reading or writing a file failed, or a path leaves the scan root.
    case io
    /// The command line asked for something impossible.
    case usage
  }

  public var code: Code
  public var location: SourceLocation?
  public var message: String

  public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
    self.code = code
    self.message = message
    self.location = location
  }

  public var description: String {
    guard let location else { return message }
    return "\(location): \(message)"
  }
}
