import CYAML
import SBOMModel

/// One libyaml parser event, with the 1-based line where it starts.
enum YAMLEvent {
  case streamStart
  case streamEnd
  case documentStart
  case documentEnd
  case alias(anchor: String)
  /// `plain` is true for an unquoted scalar (where `~`, `null` and the empty string mean null).
  case scalar(String, anchor: String?, plain: Bool)
  case sequenceStart(anchor: String?)
  case sequenceEnd
  case mappingStart(anchor: String?)
  case mappingEnd
}

/// Pulls events from libyaml's event parser over a byte buffer. The bytes must stay alive and
/// unmoved while the stream is used, so the stream is only reachable inside `withEvents`.
struct YAMLEventStream: ~Copyable {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private var event = yaml_event_t()
  private let file: String
  private var finished = false

  /// Runs `body` with a stream over `bytes`; `file` names the input in errors.
  static func withEvents<R>(
    _ bytes: [UInt8], file: String, _ body: (inout YAMLEventStream) throws -> R
  ) throws -> R {
    try bytes.withUnsafeBufferPointer { buffer in
      var stream = try YAMLEventStream(buffer, file: file)
      return try body(&stream)
    }
  }

  private init(_ buffer: UnsafeBufferPointer<UInt8>, file: String) throws {
    self.file = file
    parser = .allocate(capacity: 1)
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      throw LineageError(.io, "cannot initialise the YAML parser", at: SourceLocation(file: file))
    }
    // libyaml wants a non-null pointer even for empty input.
    var empty: UInt8 = 0
    if let base = buffer.baseAddress, !buffer.isEmpty {
      yaml_parser_set_input_string(parser, base, buffer.count)
    } else {
      withUnsafePointer(to: &empty) { yaml_parser_set_input_string(parser, $0, 0) }
    }
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
  }

  /// The next event, with its line; `.streamEnd` repeats once the stream is over.
  mutating func next() throws -> (YAMLEvent, line: Int) {
    if finished { return (.streamEnd, 0) }
    guard yaml_parser_parse(parser, &event) == 1 else {
      let problem = parser.pointee.problem.map { String(cString: $0) } ?? "malformed YAML"
      let context = parser.pointee.context.map { String(cString: $0) + ": " } ?? ""
      let mark = parser.pointee.problem_mark
      throw LineageError(
        .syntax, "YAML: \(context)\(problem)",
        at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
    defer { yaml_event_delete(&event) }
    let line = Int(event.start_mark.line) + 1
    switch event.type {
    case YAML_STREAM_START_EVENT: return (.streamStart, line)
    case YAML_STREAM_END_EVENT:
      finished = true
      return (.streamEnd, line)
    case YAML_DOCUMENT_START_EVENT: return (.documentStart, line)
    case YAML_DOCUMENT_END_EVENT: return (.documentEnd, line)
    case YAML_ALIAS_EVENT:
      return (.alias(anchor: Self.string(event.data.alias.anchor)), line)
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      let value = String(
        decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      return (
        .scalar(
          value, anchor: Self.optionalString(s.anchor), plain: s.style == YAML_PLAIN_SCALAR_STYLE),
        line
      )
    case YAML_SEQUENCE_START_EVENT:
      return (.sequenceStart(anchor: Self.optionalString(event.data.sequence_start.anchor)), line)
    case YAML_SEQUENCE_END_EVENT: return (.sequenceEnd, line)
    case YAML_MAPPING_START_EVENT:
      return (.mappingStart(anchor: Self.optionalString(event.data.mapping_start.anchor)), line)
    case YAML_MAPPING_END_EVENT: return (.mappingEnd, line)
    default:
      throw LineageError(
        .syntax, "YAML: unexpected parser event", at: SourceLocation(file: file, line: line))
    }
  }

  private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String {
    guard let p else { return "" }
    return String(cString: p)
  }

  private static func optionalString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: p)
  }
}
