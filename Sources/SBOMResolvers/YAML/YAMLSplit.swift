#if canImport(Glibc)
  import Glibc
#endif

/// Where one large block-style YAML document can be cut in two, so that two libyaml parsers
/// read the halves at the same time (libyaml alone is about a third of reading a big
/// `pnpm-lock.yaml`, and this machine class has two cores).
///
/// The cut is at the start of a line that begins a new entry of a top-level section:
///
///     packages:              <- `header`: the column-0 key that opens the section
///       /a/1.0.0: …
///       /b/2.0.0:            <- `offset`: piece 2 is `header` + the bytes from here on
///
/// or at a column-0 key line itself (then `header` is empty). In a valid document a line
/// indented exactly as the section's entries can only start a new entry: block scalars, plain
/// multi-line scalars and flow collections inside an entry are indented deeper, and a quoted
/// scalar or flow collection left open at the cut makes piece 1 fail to parse. The reader
/// also checks the events around the cut and falls back to one parser on any surprise, so a
/// wrong guess costs time, never a different result.
struct YAMLSplit: Equatable {
  /// Byte offset in the original where piece 2 starts.
  var offset: Int
  /// `section:\n` to put before piece 2, or empty for a cut between top-level keys.
  var header: [UInt8]
  /// Lines of the original before `offset`: a piece-2 line `n` (1-based, counting the header)
  /// is original line `n + lineShift`.
  var lineShift: Int

  /// Documents smaller than this parse faster than a thread starts.
  static let minimumSize = 256 * 1024

  /// Cuts at about the given fractions of `bytes` (increasing, between 0 and 1), in order and
  /// without repeats; empty when the document is small or not one plain block mapping (document
  /// markers, directives, tabs for indentation) or no cut is found.
  static func cuts(
    in bytes: UnsafeBufferPointer<UInt8>, at fractions: [Double], minimumSize: Int = minimumSize
  ) -> [YAMLSplit] {
    guard bytes.count >= minimumSize, let topLevel = topLevelKeyLines(bytes) else { return [] }
    var out: [YAMLSplit] = []
    var counter = LineCounter()
    for fraction in fractions {
      let target = Int(Double(bytes.count) * fraction)
      guard let cut = find(in: bytes, near: target, topLevel: topLevel, counter: &counter),
        cut.offset > (out.last?.offset ?? 0)
      else {
        continue
      }
      out.append(cut)
    }
    return out
  }

  /// A cut near the middle of `bytes` (see `cuts`).
  static func find(in bytes: UnsafeBufferPointer<UInt8>, minimumSize: Int = minimumSize)
    -> YAMLSplit?
  {
    cuts(in: bytes, at: [0.5], minimumSize: minimumSize).first
  }

  /// One pass over line starts: no document markers, directives or tab indentation anywhere
  /// (multi-document lockfiles exist; their documents must not be merged), and no byte order
  /// mark. Returns the starts of the column-0 key lines, in order (nil when the document is not
  /// plain), so that finding the section around a cut needs no scan backwards through it.
  private static func topLevelKeyLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
    let count = bytes.count
    if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return nil }
    var keyLines: [Int] = []
    var lineStart = 0
    while lineStart < count {
      let b = bytes[lineStart]
      if b == UInt8(ascii: "%") || b == 0x09 { return nil }
      if (b == UInt8(ascii: "-") || b == UInt8(ascii: ".")) && lineStart + 2 < count
        && bytes[lineStart + 1] == b && bytes[lineStart + 2] == b
      {
        return nil
      }
      if isTopLevelKeyLine(bytes, lineStart) { keyLines.append(lineStart) }
      guard let newline = indexOfNewline(bytes, from: lineStart) else { break }
      lineStart = newline + 1
    }
    return keyLines
  }

  /// The first cut at or after `target`; `topLevel` holds the starts of the column-0 key lines.
  private static func find(
    in bytes: UnsafeBufferPointer<UInt8>, near target: Int, topLevel: [Int],
    counter: inout LineCounter
  ) -> YAMLSplit? {
    let count = bytes.count
    guard count > 1 else { return nil }
    // The section containing the target: the nearest column-0 key line before it.
    let middle = lineStartAtOrAfter(bytes, min(max(target, 1), count - 1))
    guard middle < count else { return nil }
    var below = topLevel.startIndex
    var above = topLevel.endIndex
    while below < above {
      let mid = (below + above) / 2
      if topLevel[mid] < middle { below = mid + 1 } else { above = mid }
    }
    guard below > topLevel.startIndex, case let headerStart = topLevel[below - 1],
      let headerKeyEnd = blockSectionKeyEnd(bytes, headerStart)
    else { return nil }

    // Indentation of the section's entries: that of its first content line.
    var probe = lineAfter(bytes, headerStart)
    var entryIndent = 0
    while probe < count {
      let indent = indentation(bytes, probe)
      if isBlankOrComment(bytes, probe, indent) {
        probe = lineAfter(bytes, probe)
        continue
      }
      entryIndent = indent
      break
    }
    guard entryIndent > 0, probe < count, bytes[probe + entryIndent] != UInt8(ascii: "-")
    else { return nil }

    // The first line from the middle on that starts an entry (or the next top-level key), after
    // the section's first entry (a piece may not end with the section key and nothing under it).
    var line = max(middle, lineAfter(bytes, probe))
    while line < count {
      let indent = indentation(bytes, line)
      if !isBlankOrComment(bytes, line, indent) {
        if indent == 0 {
          guard isTopLevelKeyLine(bytes, line) else { return nil }
          return YAMLSplit(
            offset: line, header: [], lineShift: counter.lines(in: bytes, before: line))
        }
        if indent == entryIndent {
          let first = bytes[line + indent]
          guard first != UInt8(ascii: "-"), first != UInt8(ascii: "?") else { return nil }
          var header = Array(bytes[headerStart..<headerKeyEnd])
          header.append(contentsOf: ":\n".utf8)
          return YAMLSplit(
            offset: line, header: header, lineShift: counter.lines(in: bytes, before: line) - 1)
        }
      }
      line = lineAfter(bytes, line)
    }
    return nil
  }

  // MARK: - Line helpers (all positions are line starts)

  private static func indexOfNewline(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard let base = bytes.baseAddress, from < bytes.count,
      let found = memchr(base + from, 0x0A, bytes.count - from)
    else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  private static func lineAfter(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
    indexOfNewline(bytes, from: start).map { $0 + 1 } ?? bytes.count
  }

  private static func lineStartAtOrAfter(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    if i == 0 || bytes[i - 1] == 0x0A { return i }
    return lineAfter(bytes, i)
  }

  private static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
    var i = start
    while i < bytes.count && bytes[i] == 0x20 { i += 1 }
    return i - start
  }

  private static func isBlankOrComment(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ indent: Int
  ) -> Bool {
    let i = start + indent
    return i >= bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: "#")
  }

  /// A column-0 line that is a mapping key (not blank, a comment, or a sequence entry).
  private static func isTopLevelKeyLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
    guard start < bytes.count else { return false }
    let b = bytes[start]
    return b != 0x20 && b != 0x0A && b != 0x0D && b != UInt8(ascii: "#") && b != UInt8(ascii: "-")
      && b != UInt8(ascii: "?") && b != UInt8(ascii: "[") && b != UInt8(ascii: "{")
  }

  /// For a line `name:` with nothing after the colon but spaces or a comment (a section whose
  /// value is a block collection), the end of `name`; nil otherwise. Only plain names made of
  /// letters, digits, `_` and `-` qualify, so the header copied into piece 2 means the same.
  private static func blockSectionKeyEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int)
    -> Int?
  {
    var i = start
    while i < bytes.count {
      let b = bytes[i]
      let isNameByte =
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
      guard isNameByte else { break }
      i += 1
    }
    guard i > start, i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
    var j = i + 1
    while j < bytes.count && bytes[j] == 0x20 { j += 1 }
    guard j >= bytes.count || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == UInt8(ascii: "#")
    else { return nil }
    // `a:#` is one plain scalar, not a key.
    if j < bytes.count && bytes[j] == UInt8(ascii: "#") && j == i + 1 { return nil }
    return i
  }

  /// Counts the lines before offsets asked for in increasing order, going on from the last one:
  /// counting from the start for every cut read most of a large file once per cut.
  private struct LineCounter {
    private var offset = 0
    private var count = 0

    mutating func lines(in bytes: UnsafeBufferPointer<UInt8>, before target: Int) -> Int {
      if target < offset {
        offset = 0
        count = 0
      }
      // A plain loop over bytes (which the compiler vectorises), not a call per line.
      var n = 0
      for i in offset..<target where bytes[i] == 0x0A { n &+= 1 }
      offset = target
      count += n
      return count
    }
  }

}
