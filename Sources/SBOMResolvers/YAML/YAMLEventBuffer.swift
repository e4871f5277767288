import CYAML
import Dispatch
import SBOMModel

#if canImport(Glibc)
  import Glibc
#endif

/// Every event of a YAML text parsed ahead, on another thread, into owned storage: scalar and
/// anchor bytes in one arena, events as small records pointing into it. Used for the later
/// pieces of a split document while the first is parsed and consumed (see `YAMLSplit`).
final class YAMLEventBuffer: @unchecked Sendable {
  struct Event {
    var kind: YAMLRawEvent.Kind
    var plain: Bool
    var line: Int
    /// Scalar value, or an alias's anchor name, in `arena`.
    var value: Range<Int> = 0..<0
    /// Anchor defined on a scalar or collection; nil when none.
    var anchor: Range<Int>? = nil
  }

  private(set) var events: [Event] = []
  /// Bytes being collected while parsing; moved to `storage` when done.
  private var arena: [UInt8] = []
  /// The arena at a fixed address, so that raw events can point into it for the buffer's life.
  private var storage = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
  /// libyaml's complaint, when the text did not parse.
  private(set) var failure: String?
  private let done = DispatchGroup()

  private init() { done.enter() }

  /// Buffers for `pieces`, parsed one after another on one new thread, so that the first piece
  /// is ready as early as possible; `wait()` on each before reading it. A thread of its own, not
  /// a shared dispatch pool: the reader blocks on it, possibly from a pool worker itself.
  static func parseInOrder(_ pieces: [[UInt8]]) -> [YAMLEventBuffer] {
    let buffers = pieces.map { _ in YAMLEventBuffer() }
    let work: @Sendable () -> Void = {
      for (buffer, piece) in zip(buffers, pieces) { buffer.fill(piece) }
    }
    if !BackgroundThread.start(work) { work() }
    return buffers
  }

  private func fill(_ bytes: [UInt8]) {
    parse(bytes)
    storage = .allocate(capacity: arena.count)
    _ = storage.initialize(from: arena)
    arena = []
    done.leave()
  }

  deinit {
    done.wait()
    storage.deallocate()
  }

  /// Bytes of the arena (valid while the buffer lives); call after `wait()`.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    guard let base = storage.baseAddress, !range.isEmpty else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
  }

  /// Blocks until the background parse has finished.
  func wait() { done.wait() }

  private func parse(_ bytes: [UInt8]) {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      failure = "cannot initialise the YAML parser"
      return
    }
    defer { yaml_parser_delete(parser) }
    events.reserveCapacity(bytes.count / 12)
    arena.reserveCapacity(bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, !buffer.isEmpty else {
        failure = "empty piece"
        return
      }
      yaml_parser_set_input_string(parser, base, buffer.count)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) == 1 else {
          failure = parser.pointee.problem.map { String(cString: $0) } ?? "malformed YAML"
          return
        }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_STREAM_START_EVENT: append(.streamStart, line)
        case YAML_STREAM_END_EVENT:
          append(.streamEnd, line)
          return
        case YAML_DOCUMENT_START_EVENT: append(.documentStart, line)
        case YAML_DOCUMENT_END_EVENT: append(.documentEnd, line)
        case YAML_ALIAS_EVENT:
          append(.alias, line, value: store(cString: event.data.alias.anchor))
        case YAML_SCALAR_EVENT:
          let s = event.data.scalar
          let start = arena.count
          arena.append(contentsOf: UnsafeBufferPointer(start: s.value, count: s.length))
          append(
            .scalar, line, plain: s.style == YAML_PLAIN_SCALAR_STYLE,
            value: start..<arena.count, anchor: s.anchor.map { store(cString: $0) })
        case YAML_SEQUENCE_START_EVENT:
          append(
            .sequenceStart, line,
            anchor: event.data.sequence_start.anchor.map { store(cString: $0) })
        case YAML_SEQUENCE_END_EVENT: append(.sequenceEnd, line)
        case YAML_MAPPING_START_EVENT:
          append(
            .mappingStart, line, anchor: event.data.mapping_start.anchor.map { store(cString: $0) })
        case YAML_MAPPING_END_EVENT: append(.mappingEnd, line)
        default:
          failure = "unexpected parser event"
          return
        }
      }
    }
  }

  private func append(
    _ kind: YAMLRawEvent.Kind, _ line: Int, plain: Bool = false, value: Range<Int> = 0..<0,
    anchor: Range<Int>? = nil
  ) {
    events.append(Event(kind: kind, plain: plain, line: line, value: value, anchor: anchor))
  }

  private func store(cString p: UnsafeMutablePointer<yaml_char_t>?) -> Range<Int> {
    let start = arena.count
    guard var p else { return start..<start }
    while p.pointee != 0 {
      arena.append(p.pointee)
      p += 1
    }
    return start..<arena.count
  }
}

/// A detached POSIX thread running one closure.
enum BackgroundThread {
  private final class Box: @unchecked Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Starts `body` on a new thread; false when no thread could be made.
  static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(Box(body))
    var thread = pthread_t()
    let created = pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
        box.body()
        return nil
      }, box.toOpaque())
    guard created == 0 else {
      box.release()
      return false
    }
    pthread_detach(thread)
    return true
  }
}
