import CYAML
import SBOMModel

#if canImport(Glibc)
  import Glibc
#endif

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
///
/// A large document is read by two parsers at once when `YAMLSplit` finds a safe cut: this
/// stream parses the first piece while a `YAMLEventBuffer` parses the second on another thread,
/// and the events are joined so that callers see exactly the events of one parser over the whole
/// text (the tests compare both, event by event, on every lockfile of the corpus). Anything
/// unexpected at the cut, or any error in either piece, makes `withEvents` run `body` again
/// over one parser, which then reports real errors with their real lines.
struct YAMLEventStream: ~Copyable {
  /// Whether to look for a cut: `.automatic` on large inputs with a second core.
  enum Splitting { case automatic, never, always }

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
  /// The join of the two pieces, when the text was cut.
  private var join: Join?

  /// Thrown inside a split stream when the cut did not work out; `withEvents` starts over.
  private struct SplitFailed: Error {}

  /// Runs `body` with a stream over `bytes`; `file` names the input in errors.
  static func withEvents<R>(
    _ bytes: [UInt8], file: String, splitting: Splitting = .automatic,
    _ body: (inout YAMLEventStream) throws -> R
  ) throws -> R {
    try bytes.withUnsafeBufferPointer { buffer in
      let cuts = splitting == .never ? [] : cut(buffer, splitting)
      if let first = cuts.first {
        do {
          let ends = cuts.dropFirst().map(\.offset) + [buffer.count]
          let tails = YAMLEventBuffer.parseInOrder(
            zip(cuts, ends).map { cut, end in cut.header + buffer[cut.offset..<end] })
          var stream = try YAMLEventStream(
            UnsafeBufferPointer(rebasing: buffer[..<first.offset]), file: file)
          stream.join = Join(cuts: cuts, tails: tails)
          return try body(&stream)
        } catch is SplitFailed {
          // Fall through to one parser over the whole text.
        }
      }
      var stream = try YAMLEventStream(buffer, file: file)
      return try body(&stream)
    }
  }

  /// Where to cut: with two cores, this thread parses the first piece and consumes every event,
  /// while one other thread parses the other pieces in order. Consuming a piece's events costs
  /// about a third of parsing it, so this thread parses about a third of the text: with a
  /// quarter it waited for the other thread before each later piece. The last piece is small,
  /// because this thread consumes it alone once the other thread is done.
  private static func cut(_ buffer: UnsafeBufferPointer<UInt8>, _ splitting: Splitting)
    -> [YAMLSplit]
  {
    let fractions = [0.35, 0.6, 0.83, 0.94]
    if splitting == .always { return YAMLSplit.cuts(in: buffer, at: fractions, minimumSize: 0) }
    guard buffer.count >= YAMLSplit.minimumSize, sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else {
      return []
    }
    return YAMLSplit.cuts(in: buffer, at: fractions)
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
    if holding {
      yaml_event_delete(event)
      holding = false
    }
    if finished { return (.streamEnd, 0) }
    switch try pull() {
    case .stored(let e):
      if e.kind == .streamEnd { finished = true }
      return (ownedEvent(e), e.line)
    case .live:
      break
    }
    defer {
      yaml_event_delete(event)
      holding = false
    }
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
    let raw: YAMLRawEvent
    switch try pull() {
    case .stored(let e): raw = rawEvent(e)
    case .live: raw = liveRawEvent()
    }
    switch raw.kind {
    case .streamEnd: finished = true
    case .documentStart: depth = 0
    case .sequenceStart, .mappingStart:
      guard depth < maxDepth else {
        throw LineageError(
          .limitExceeded, "YAML nesting deeper than \(maxDepth) levels",
          at: SourceLocation(file: file, line: raw.line))
      }
      depth += 1
    case .sequenceEnd, .mappingEnd: depth = max(0, depth - 1)
    default: break
    }
    return raw
  }

  /// The libyaml event just parsed, as a raw event over libyaml's own memory.
  private func liveRawEvent() -> YAMLRawEvent {
    let line = Int(event.pointee.start_mark.line) + 1
    switch event.pointee.type {
    case YAML_STREAM_START_EVENT: return YAMLRawEvent(kind: .streamStart, line: line)
    case YAML_STREAM_END_EVENT: return YAMLRawEvent(kind: .streamEnd, line: line)
    case YAML_DOCUMENT_START_EVENT: return YAMLRawEvent(kind: .documentStart, line: line)
    case YAML_DOCUMENT_END_EVENT: return YAMLRawEvent(kind: .documentEnd, line: line)
    case YAML_ALIAS_EVENT: return YAMLRawEvent(kind: .alias, line: line, anchored: true)
    case YAML_SCALAR_EVENT:
      let s = event.pointee.data.scalar
      return YAMLRawEvent(
        kind: .scalar, line: line, bytes: UnsafeBufferPointer(start: s.value, count: s.length),
        plain: s.style == YAML_PLAIN_SCALAR_STYLE, anchored: s.anchor != nil)
    case YAML_SEQUENCE_START_EVENT:
      return YAMLRawEvent(
        kind: .sequenceStart, line: line,
        anchored: event.pointee.data.sequence_start.anchor != nil)
    case YAML_MAPPING_START_EVENT:
      return YAMLRawEvent(
        kind: .mappingStart, line: line, anchored: event.pointee.data.mapping_start.anchor != nil)
    case YAML_SEQUENCE_END_EVENT: return YAMLRawEvent(kind: .sequenceEnd, line: line)
    default: return YAMLRawEvent(kind: .mappingEnd, line: line)
    }
  }

  // MARK: - Pulling, with the join of a split text

  /// Where the next event is: in `event` (parsed by libyaml just now, to be deleted by the
  /// caller) or a stored one (from the second piece, or an end event held back at the cut).
  private enum Pulled {
    case live
    case stored(YAMLEventBuffer.Event)
  }

  /// The state of reading a text cut in pieces (a class: it changes on every event, and
  /// copying a struct in and out of the stream cost more than the join itself).
  private final class Join {
    /// `cuts[i]` starts piece `i + 1`, whose events are `tails[i]`.
    let cuts: [YAMLSplit]
    let tails: [YAMLEventBuffer]
    /// End events of the first piece not yet known to belong to the whole text (a run of ends
    /// is only known to be the piece's own closing once the piece's stream ends).
    var heldEnds: [YAMLEventBuffer.Event] = []
    /// A live event parsed after a run of held ends, delivered once they are.
    var liveWaiting = false
    var releasing = 0
    /// The buffered piece being read (nil while reading the first piece live), and the range
    /// of its events that belong to the whole text.
    var tail: Int?
    var eventIndex = 0
    var eventEnd = 0

    init(cuts: [YAMLSplit], tails: [YAMLEventBuffer]) {
      self.cuts = cuts
      self.tails = tails
    }
  }

  /// The events that close a piece ending at `cut`, which the whole text does not have.
  private static func closing(_ cut: YAMLSplit) -> [YAMLRawEvent.Kind] {
    cut.header.isEmpty
      ? [.mappingEnd, .documentEnd, .streamEnd]
      : [.mappingEnd, .mappingEnd, .documentEnd, .streamEnd]
  }

  /// The events that open a piece starting at `cut`, which the whole text does not have.
  private static func opening(_ cut: YAMLSplit) -> [YAMLRawEvent.Kind] {
    cut.header.isEmpty
      ? [.streamStart, .documentStart, .mappingStart]
      : [.streamStart, .documentStart, .mappingStart, .scalar, .mappingStart]
  }

  private static func isEnd(_ type: yaml_event_type_t) -> Bool {
    type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT
      || type == YAML_DOCUMENT_END_EVENT || type == YAML_STREAM_END_EVENT
  }

  private static func kind(ofEnd type: yaml_event_type_t) -> YAMLRawEvent.Kind {
    switch type {
    case YAML_MAPPING_END_EVENT: return .mappingEnd
    case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
    case YAML_DOCUMENT_END_EVENT: return .documentEnd
    default: return .streamEnd
    }
  }

  /// Parses (or takes from the join) the next event. Leaves a live event in `event` with
  /// `holding` set.
  private mutating func pull() throws -> Pulled {
    guard let join else {
      try parseLive(split: false)
      return .live
    }
    while true {
      if join.releasing < join.heldEnds.count {
        join.releasing += 1
        return .stored(join.heldEnds[join.releasing - 1])
      }
      if join.liveWaiting {
        join.liveWaiting = false
        holding = true
        return .live
      }
      if let tail = join.tail {
        if join.eventIndex < join.eventEnd {
          var e = join.tails[tail].events[join.eventIndex]
          join.eventIndex += 1
          e.line += join.cuts[tail].lineShift
          return .stored(e)
        }
        guard tail + 1 < join.tails.count else {
          return .stored(YAMLEventBuffer.Event(kind: .streamEnd, plain: false, line: 0))
        }
        try open(join, tail: tail + 1)
        continue
      }
      join.heldEnds.removeAll(keepingCapacity: true)
      join.releasing = 0
      try parseLive(split: true)
      let type = event.pointee.type
      guard Self.isEnd(type) else { return .live }
      // A run of end events: hold it until the next event says whether the piece ended.
      while true {
        let type = event.pointee.type
        join.heldEnds.append(
          YAMLEventBuffer.Event(
            kind: Self.kind(ofEnd: type), plain: false,
            line: Int(event.pointee.start_mark.line) + 1))
        yaml_event_delete(event)
        holding = false
        if type == YAML_STREAM_END_EVENT {
          try switchToTail(join)
          break
        }
        try parseLive(split: true)
        if !Self.isEnd(event.pointee.type) {
          // Not the piece's end: these ends belong to the text; the live event follows them.
          holding = false
          join.liveWaiting = true
          break
        }
      }
    }
  }

  /// The first piece is over: drop its own closing events and continue with the next piece.
  private func switchToTail(_ join: Join) throws {
    let closing = Self.closing(join.cuts[0])
    guard join.heldEnds.count >= closing.count,
      join.heldEnds.suffix(closing.count).map(\.kind) == closing
    else { throw SplitFailed() }
    join.heldEnds.removeLast(closing.count)
    try open(join, tail: 0)
  }

  /// Starts reading buffered piece `index`: waits for it, checks that it opens the way its cut
  /// expects (and, unless it is the last, closes the way the next cut expects), and keeps the
  /// events in between.
  private func open(_ join: Join, tail index: Int) throws {
    let tail = join.tails[index]
    tail.wait()
    let events = tail.events
    let opening = Self.opening(join.cuts[index])
    let closing = index + 1 < join.cuts.count ? Self.closing(join.cuts[index + 1]) : []
    guard tail.failure == nil, events.count > opening.count + closing.count,
      events.prefix(opening.count).map(\.kind) == opening,
      events.prefix(opening.count).allSatisfy({ $0.anchor == nil }),
      events.suffix(closing.count).map(\.kind) == closing
    else { throw SplitFailed() }
    join.tail = index
    join.eventIndex = opening.count
    join.eventEnd = events.count - closing.count
  }

  /// Asks libyaml for the next event into `event`. In a split first piece, an error may be the
  /// cut's doing, so it only makes `withEvents` start over.
  private mutating func parseLive(split: Bool) throws {
    guard yaml_parser_parse(parser, event) == 1 else {
      if split { throw SplitFailed() }
      let problem = parser.pointee.problem.map { String(cString: $0) } ?? "malformed YAML"
      let context = parser.pointee.context.map { String(cString: $0) + ": " } ?? ""
      let mark = parser.pointee.problem_mark
      throw LineageError(
        .syntax, "YAML: \(context)\(problem)",
        at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
    holding = true
  }

  private func rawEvent(_ e: YAMLEventBuffer.Event) -> YAMLRawEvent {
    // A live raw alias carries no bytes (its anchor name stays in libyaml); match that.
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    let buffer = join.flatMap { join in join.tail.map { join.tails[$0] } }
    let bytes = e.kind == .alias ? none : buffer?.bytes(e.value) ?? none
    return YAMLRawEvent(
      kind: e.kind, line: e.line, bytes: bytes, plain: e.plain,
      anchored: e.anchor != nil || e.kind == .alias)
  }

  private func ownedEvent(_ e: YAMLEventBuffer.Event) -> YAMLEvent {
    let tail = join.flatMap { join in join.tail.map { join.tails[$0] } }
    func text(_ r: Range<Int>) -> String {
      tail.map { String(decoding: $0.bytes(r), as: UTF8.self) } ?? ""
    }
    let anchor = e.anchor.map(text)
    switch e.kind {
    case .streamStart: return .streamStart
    case .streamEnd: return .streamEnd
    case .documentStart: return .documentStart
    case .documentEnd: return .documentEnd
    case .alias: return .alias(anchor: text(e.value))
    case .scalar: return .scalar(text(e.value), anchor: anchor, plain: e.plain)
    case .sequenceStart: return .sequenceStart(anchor: anchor)
    case .sequenceEnd: return .sequenceEnd
    case .mappingStart: return .mappingStart(anchor: anchor)
    case .mappingEnd: return .mappingEnd
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
