/// Writes JSON straight to bytes as the caller walks its data, in exactly the layout `JSONWriter`
/// gives (two-space indentation, `"key": value`, `{}` and `[]` when empty, final newline).
///
/// Encoders of large documents use it instead of building a `JSONValue` tree: the tree, and
/// sorting each object's members at write time, cost more than the mapping itself. The caller
/// emits each object's keys in UTF-8 byte order, so the bytes equal `JSONWriter().write(value)`
/// of the same value.
///
/// A writer made with `flushingTo:` hands its bytes on whenever its fixed buffer fills, so a
/// large document never exists whole in memory (90 MB at 100,000 packages).
///
/// Noncopyable because it owns its buffer: appending to an `Array` cost ~90 instructions per
/// piece (uniqueness, capacity and generic copy paths), most of writing a short string.
public struct JSONStreamWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  /// Where a streaming writer's full buffer goes; nil keeps the whole document in the buffer.
  private let sink: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
  /// The sink's first error: later bytes are dropped, and `finishStreaming()` rethrows it.
  private var sinkError: (any Error)?
  /// How many containers are open, and for the first 64 (bit i: depth i + 1) whether each is
  /// an array (its elements need separators); deeper ones are in `deepContainerIsArray`.
  /// Bits, not a `[Bool]`: pushing and popping the array cost ~40 instructions a container.
  private var openCount = 0
  private var containerBits: UInt64 = 0
  private var deepContainerIsArray: [Bool] = []
  /// Whether the innermost open container has no member yet.
  private var isFirst = true

  public init(capacity: Int = 1 << 16) {
    self.capacity = Swift.max(capacity, 256)
    base = .allocate(capacity: self.capacity)
    sink = nil
  }

  /// A writer that passes its bytes to `sink` in order, in pieces of about `bufferSize` bytes.
  /// A throwing sink stops the writing; `finishStreaming()` rethrows its error.
  public init(
    bufferSize: Int = 1 << 20,
    flushingTo sink: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void
  ) {
    capacity = Swift.max(bufferSize, 256)
    base = .allocate(capacity: capacity)
    self.sink = sink
  }

  deinit { base.deallocate() }

  /// The finished document with its final newline (of a writer made without a sink).
  public consuming func finish() -> [UInt8] {
    append(0x0A)
    return Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Ends a streaming writer's document: the final newline and the last bytes go to its sink.
  /// Throws the sink's first error.
  public consuming func finishStreaming() throws {
    append(0x0A)
    flush()
    if let sinkError { throw sinkError }
  }

  // MARK: Fragments

  /// A writer of elements for an array that another writer holds open `depth` containers deep
  /// (its `depth`): a large array is written in pieces on several threads, and the pieces
  /// spliced in order with `append(fragment:)` give the bytes of one writer.
  public init(fragmentAtDepth depth: Int, capacity: Int = 1 << 16) {
    self.init(capacity: capacity)
    for _ in 0..<Swift.max(depth - 1, 0) { push(isArray: false) }
    push(isArray: true)
  }

  /// How many containers are open.
  public var depth: Int { openCount }

  @inline(__always) private mutating func push(isArray: Bool) {
    if openCount < 64 {
      let bit: UInt64 = 1 << UInt64(openCount)
      containerBits = isArray ? containerBits | bit : containerBits & ~bit
    } else {
      deepContainerIsArray.append(isArray)
    }
    openCount += 1
  }

  @inline(__always) private mutating func pop() {
    guard openCount > 0 else { return }
    openCount -= 1
    if openCount >= 64 { deepContainerIsArray.removeLast() }
  }

  /// Whether the innermost open container is an array (false when none is open).
  @inline(__always) private var innermostIsArray: Bool {
    if openCount == 0 { return false }
    if openCount <= 64 { return containerBits & (1 << UInt64(openCount - 1)) != 0 }
    return deepContainerIsArray.last ?? false
  }

  /// A fragment writer's elements, each on its own line, with no separator before the first.
  public consuming func fragment() -> [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Splices elements written by a fragment writer into the innermost open array, as though
  /// written here.
  public mutating func append(fragment: [UInt8]) {
    guard !fragment.isEmpty else { return }
    if !isFirst { append(UInt8(ascii: ",")) }
    isFirst = false
    fragment.withUnsafeBufferPointer { bytes in
      if sink != nil && count + bytes.count > capacity {
        // Straight to the sink: a fragment is often larger than the streaming buffer.
        flush()
        if sinkError == nil, let sink {
          do { try sink(bytes) } catch { sinkError = error }
        }
      } else {
        append(bytes)
      }
    }
  }

  // MARK: Buffer

  @inline(__always) private mutating func reserve(_ n: Int) {
    if count + n > capacity { makeRoom(n) }
  }

  /// A streaming writer empties its buffer into the sink; either kind grows for what is still
  /// too large (in a streaming writer, only a single string longer than the buffer).
  private mutating func makeRoom(_ n: Int) {
    if sink != nil {
      flush()
      if n <= capacity { return }
    }
    grow(toHold: count + n)
  }

  /// Hands the buffered bytes to the sink, unless it has failed before.
  private mutating func flush() {
    guard let sink, count > 0 else { return }
    if sinkError == nil {
      do {
        try sink(UnsafeBufferPointer(start: base, count: count))
      } catch {
        sinkError = error
      }
    }
    count = 0
  }

  private mutating func grow(toHold needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always) private mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  @inline(__always) private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    (base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  /// A string literal: quoted as it is when nothing in it needs an escape (nearly always).
  /// Reads native strings' bytes in place: copying the String to call `withUTF8` cost a retain
  /// and a release per string.
  private mutating func appendString(_ s: String) {
    let clean =
      s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        appendQuotedIfClean(bytes)
      } ?? false
    if !clean {
      var s = s
      let copiedClean = s.withUTF8 { appendQuotedIfClean($0) }
      if !copiedClean {
        var escaped: [UInt8] = []
        JSONWriter.writeString(s, into: &escaped)
        escaped.withUnsafeBufferPointer { append($0) }
      }
    }
  }

  /// Appends `"bytes"` and returns true when nothing in them needs an escape.
  @inline(__always) private mutating func appendQuotedIfClean(
    _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard !JSONStreamWriter.needsEscape(bytes) else { return false }
    let n = bytes.count
    reserve(n + 2)
    base[count] = UInt8(ascii: "\"")
    if let source = bytes.baseAddress { (base + count + 1).initialize(from: source, count: n) }
    base[count + 1 + n] = UInt8(ascii: "\"")
    count += n + 2
    return true
  }

  /// `"key": "bytes"` for text the caller built in a buffer.
  public mutating func member(_ key: StaticString, utf8 bytes: UnsafeBufferPointer<UInt8>) {
    self.key(key)
    if !appendQuotedIfClean(bytes) {
      var escaped: [UInt8] = []
      JSONWriter.writeString(String(decoding: bytes, as: UTF8.self), into: &escaped)
      escaped.withUnsafeBufferPointer { append($0) }
    }
  }

  // MARK: Containers

  public mutating func beginObject() {
    beforeValue()
    append(UInt8(ascii: "{"))
    push(isArray: false)
    isFirst = true
  }

  public mutating func endObject() { end(UInt8(ascii: "}")) }

  public mutating func beginArray() {
    beforeValue()
    append(UInt8(ascii: "["))
    push(isArray: true)
    isFirst = true
  }

  public mutating func endArray() { end(UInt8(ascii: "]")) }

  private mutating func end(_ bracket: UInt8) {
    pop()
    if !isFirst { newline() }
    append(bracket)
    // The enclosing container now holds this one.
    isFirst = false
  }

  // MARK: Members

  /// Starts an object member. `key` must need no escaping (encoders' keys are fixed ASCII names).
  public mutating func key(_ key: StaticString) {
    separate()
    guard key.hasPointerRepresentation else {
      // A one-scalar literal is stored as that scalar, not as bytes.
      append(UInt8(ascii: "\""))
      key.withUTF8Buffer { append($0) }
      append(UInt8(ascii: "\""))
      append(UInt8(ascii: ":"))
      append(0x20)
      return
    }
    let n = key.utf8CodeUnitCount
    reserve(n + 4)
    base[count] = UInt8(ascii: "\"")
    (base + count + 1).initialize(from: key.utf8Start, count: n)
    base[count + 1 + n] = UInt8(ascii: "\"")
    base[count + 2 + n] = UInt8(ascii: ":")
    base[count + 3 + n] = 0x20
    count += n + 4
  }

  /// Starts an object member whose key is run-time text (escaped like any string). Named apart
  /// from `key(_:)` because a string literal would otherwise pick this overload.
  public mutating func key(escaping key: String) {
    separate()
    appendString(key)
    append(UInt8(ascii: ":"))
    append(0x20)
  }

  /// `"key": "value"`.
  public mutating func member(_ key: StaticString, _ value: String) {
    self.key(key)
    appendString(value)
  }

  /// `"key": "value"` for a value the caller has checked needs no escape (hex digits, say):
  /// copied without the scan for characters to escape.
  public mutating func member(_ key: StaticString, unescaped value: String) {
    assert(!value.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F })
    self.key(key)
    let written =
      value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        let n = bytes.count
        reserve(n + 2)
        base[count] = UInt8(ascii: "\"")
        if let source = bytes.baseAddress { (base + count + 1).initialize(from: source, count: n) }
        base[count + 1 + n] = UInt8(ascii: "\"")
        count += n + 2
        return true
      } ?? false
    if !written { appendString(value) }
  }

  /// An object of two string members, keys in byte order, as `beginObject()`, two `member`s
  /// and `endObject()` write it: the many small objects of a document (references,
  /// properties) in one call instead of four.
  public mutating func object(
    _ key1: StaticString, _ value1: String, _ key2: StaticString, _ value2: String
  ) {
    beginObject()
    member(key1, value1)
    member(key2, value2)
    endObject()
  }

  /// `"key": "value"` when `value` is non-nil; nothing otherwise (the member is left out).
  public mutating func member(_ key: StaticString, ifPresent value: String?) {
    guard let value else { return }
    member(key, value)
  }

  // MARK: Values

  public mutating func string(_ value: String) {
    beforeValue()
    appendString(value)
  }

  /// A number, written as its text (which the caller has made valid JSON).
  public mutating func number(_ text: String) {
    beforeValue()
    var text = text
    text.withUTF8 { append($0) }
  }

  public mutating func number(_ value: Int) { number(String(value)) }

  public mutating func bool(_ value: Bool) {
    beforeValue()
    var text = value ? "true" : "false"
    text.withUTF8 { append($0) }
  }

  public mutating func null() {
    beforeValue()
    var text = "null"
    text.withUTF8 { append($0) }
  }

  /// Appends a whole value as `JSONWriter` would lay it out at the current depth.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .number(let n): number(n)
    case .string(let s): string(s)
    case .array(let elements):
      beginArray()
      for element in elements { self.value(element) }
      endArray()
    case .object(let object):
      var members = object.members
      let sorted = members.indices.dropFirst().allSatisfy {
        JSONWriter.bytePrecedes(members[$0 - 1].key, members[$0].key)
      }
      if !sorted { members = JSONWriter.sortedByKey(members) }
      beginObject()
      for member in members {
        key(escaping: member.key)
        self.value(member.value)
      }
      endObject()
    }
  }

  // MARK: Layout

  /// What goes before a value: in an array, the separator and the element's line.
  @inline(__always) private mutating func beforeValue() {
    if innermostIsArray { separate() }
  }

  @inline(__always) private mutating func separate() {
    if isFirst {
      isFirst = false
    } else {
      append(UInt8(ascii: ","))
    }
    newline()
  }

  /// A line break and the indentation of the current depth, the spaces stored eight at a
  /// time (copying them from a shared run went through a lazy global's check on every line).
  @inline(__always) private mutating func newline() {
    let width = 1 + openCount * 2
    reserve(width + 8)
    base[count] = 0x0A
    let raw = UnsafeMutableRawPointer(base + count + 1)
    var i = 0
    while i < width - 1 {
      raw.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: i, as: UInt64.self)
      i += 8
    }
    count += width
  }

  /// Appends `s` as a JSON string literal, escaped exactly as `JSONWriter.writeString`.
  /// Scans eight bytes at a time for anything needing an escape: most strings have none,
  /// and the byte-at-a-time scan was most of the cost of writing them.
  public static func appendString(_ s: String, into out: inout [UInt8]) {
    var s = s
    let clean = s.withUTF8 { bytes -> Bool in
      guard !needsEscape(bytes) else { return false }
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: bytes)
      out.append(UInt8(ascii: "\""))
      return true
    }
    if !clean { JSONWriter.writeString(s, into: &out) }
  }

  /// Whether any byte is a control character, `"`, `\` or DEL (what `JSONWriter` escapes).
  static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    var i = 0
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i + 8 <= count {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // Classic SWAR tests: a byte below 0x20, or a zero byte after XOR with '"', '\' or DEL.
      // Each is exact about whether some byte of the word matches, which is all we ask.
      let below = (x &- ones &* 0x20) & ~x & highs
      let q = x ^ (ones &* 0x22)
      let b = x ^ (ones &* 0x5C)
      let d = x ^ (ones &* 0x7F)
      let zero = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((d &- ones) & ~d)
      if (below | (zero & highs)) != 0 { return true }
      i += 8
    }
    if i < count && count >= 8 {
      // The last few bytes as one word ending at the end (overlapping bytes already passed
      // the test): the byte loop cost more than the words before it on a typical id.
      let x = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      let below = (x &- ones &* 0x20) & ~x & highs
      let q = x ^ (ones &* 0x22)
      let b = x ^ (ones &* 0x5C)
      let d = x ^ (ones &* 0x7F)
      let zero = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((d &- ones) & ~d)
      return (below | (zero & highs)) != 0
    }
    while i < count {
      let c = base[i]
      if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F { return true }
      i += 1
    }
    return false
  }
}
