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

/// One libyaml event as `YAMLEventStream.nextRaw` hands it out: nothing copied, so `bytes`
/// points into libyaml's event and is valid only until the stream's next call.
struct YAMLRawEvent {
  enum Kind {
    case streamStart, streamEnd, documentStart, documentEnd, alias, scalar
    case sequenceStart, sequenceEnd, mappingStart, mappingEnd
  }
  var kind: Kind
  var line: Int
  var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// An unquoted scalar (where `~`, `null` and the empty string mean null).
  var plain = false
  /// The event defines an anchor or is an alias.
  var anchored = false

  /// A plain scalar that YAML reads as null.
  var isNull: Bool {
    guard plain else { return false }
    let b = bytes
    return b.isEmpty || (b.count == 1 && b[0] == UInt8(ascii: "~"))
      || (b.count == 4 && b[0] == UInt8(ascii: "n") && b[1] == UInt8(ascii: "u")
        && b[2] == UInt8(ascii: "l") && b[3] == UInt8(ascii: "l"))
  }

  /// The scalar's text.
  var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Pulls events from libyaml's event parser over a byte buffer. The bytes must stay alive and
/// unmoved while the stream is used, so the stream is only reachable inside `withEvents`.
struct YAMLEventStream: ~Copyable {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  /// The current event (a pointer, so that `deinit` can free a raw event still held).
  private let event: UnsafeMutablePointer<yaml_event_t>
  private let file: String
  private var finished = false
  /// Whether `event` holds a raw event the caller may still be reading (see `nextRaw`).
  private var holding = false
  /// Collections open at the current raw event.
  private var depth = 0
  /// The deepest nesting `nextRaw` accepts.
  var maxDepth = YAMLLimits.default.maxDepth

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
    event = .allocate(capacity: 1)
    event.initialize(to: yaml_event_t())
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      event.deallocate()
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
    if holding { yaml_event_delete(event) }
    yaml_parser_delete(parser)
    parser.deallocate()
    event.deallocate()
  }

  /// The next event, with its line; `.streamEnd` repeats once the stream is over.
  mutating func next() throws -> (YAMLEvent, line: Int) {
    if finished { return (.streamEnd, 0) }
    guard yaml_parser_parse(parser, event) == 1 else {
      let problem = parser.pointee.problem.map { String(cString: $0) } ?? "malformed YAML"
      let context = parser.pointee.context.map { String(cString: $0) + ": " } ?? ""
      let mark = parser.pointee.problem_mark
      throw LineageError(
        .syntax, "YAML: \(context)\(problem)",
        at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
    defer { yaml_event_delete(event) }
    let line = Int(event.pointee.start_mark.line) + 1
    switch event.pointee.type {
    case YAML_STREAM_START_EVENT: return (.streamStart, line)
    case YAML_STREAM_END_EVENT:
      finished = true
      return (.streamEnd, line)
    case YAML_DOCUMENT_START_EVENT: return (.documentStart, line)
    case YAML_DOCUMENT_END_EVENT: return (.documentEnd, line)
    case YAML_ALIAS_EVENT:
      return (.alias(anchor: Self.string(event.pointee.data.alias.anchor)), line)
    case YAML_SCALAR_EVENT:
      let s = event.pointee.data.scalar
      let value = String(
        decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      return (
        .scalar(
          value, anchor: Self.optionalString(s.anchor), plain: s.style == YAML_PLAIN_SCALAR_STYLE),
        line
      )
    case YAML_SEQUENCE_START_EVENT:
      return (
        .sequenceStart(anchor: Self.optionalString(event.pointee.data.sequence_start.anchor)), line
      )
    case YAML_SEQUENCE_END_EVENT: return (.sequenceEnd, line)
    case YAML_MAPPING_START_EVENT:
      return (
        .mappingStart(anchor: Self.optionalString(event.pointee.data.mapping_start.anchor)), line
      )
    case YAML_MAPPING_END_EVENT: return (.mappingEnd, line)
    default:
      throw LineageError(
        .syntax, "YAML: unexpected parser event", at: SourceLocation(file: file, line: line))
    }
  }

  /// The next event without copying anything out of libyaml: a scalar's bytes stay in
  /// libyaml's buffer, valid only until the following call. Readers that build their model
  /// straight from events use this to copy only the scalars they keep.
  /// Collections nested deeper than `maxDepth` are refused as `YAMLReader` refuses them.
  /// `.streamEnd` repeats once the stream is over.
  mutating func nextRaw() throws -> YAMLRawEvent {
    if holding {
      yaml_event_delete(event)
      holding = false
    }
    if finished { return YAMLRawEvent(kind: .streamEnd, line: 0) }
    guard yaml_parser_parse(parser, event) == 1 else {
      let problem = parser.pointee.problem.map { String(cString: $0) } ?? "malformed YAML"
      let context = parser.pointee.context.map { String(cString: $0) + ": " } ?? ""
      let mark = parser.pointee.problem_mark
      throw LineageError(
        .syntax, "YAML: \(context)\(problem)",
        at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
    holding = true
    let line = Int(event.pointee.start_mark.line) + 1
    switch event.pointee.type {
    case YAML_STREAM_START_EVENT: return YAMLRawEvent(kind: .streamStart, line: line)
    case YAML_STREAM_END_EVENT:
      finished = true
      return YAMLRawEvent(kind: .streamEnd, line: line)
    case YAML_DOCUMENT_START_EVENT:
      depth = 0
      return YAMLRawEvent(kind: .documentStart, line: line)
    case YAML_DOCUMENT_END_EVENT: return YAMLRawEvent(kind: .documentEnd, line: line)
    case YAML_ALIAS_EVENT: return YAMLRawEvent(kind: .alias, line: line, anchored: true)
    case YAML_SCALAR_EVENT:
      let s = event.pointee.data.scalar
      return YAMLRawEvent(
        kind: .scalar, line: line, bytes: UnsafeBufferPointer(start: s.value, count: s.length),
        plain: s.style == YAML_PLAIN_SCALAR_STYLE, anchored: s.anchor != nil)
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      guard depth < maxDepth else {
        throw LineageError(
          .limitExceeded, "YAML nesting deeper than \(maxDepth) levels",
          at: SourceLocation(file: file, line: line))
      }
      depth += 1
      let isMapping = event.pointee.type == YAML_MAPPING_START_EVENT
      let anchor =
        isMapping
        ? event.pointee.data.mapping_start.anchor : event.pointee.data.sequence_start.anchor
      return YAMLRawEvent(
        kind: isMapping ? .mappingStart : .sequenceStart, line: line, anchored: anchor != nil)
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      depth = max(0, depth - 1)
      return YAMLRawEvent(
        kind: event.pointee.type == YAML_MAPPING_END_EVENT ? .mappingEnd : .sequenceEnd, line: line)
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
