/// The UTF-8 bytes of many strings copied into one buffer, so that sorting by byte order compares
/// raw memory. Sorting components and edges through `String` comparisons retained and released
/// both strings and re-checked their storage on every comparison: ~1,000 instructions each, and
/// a sixth of scanning a large lockfile went to `Graph.init`.
struct ByteOrderKeys {
  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var counts: [Int] = []

  init(capacity: Int) {
    starts.reserveCapacity(capacity)
    counts.reserveCapacity(capacity)
    bytes.reserveCapacity(capacity * 48)
  }

  /// Adds `s` as the next key (numbered from 0).
  mutating func append(_ s: String) {
    starts.append(bytes.count)
    counts.append(s.utf8.count)
    bytes.append(contentsOf: s.utf8)
  }

  /// Runs `body` with a comparator of keys by index: negative, zero or positive as key `i`
  /// sorts before, equal to or after key `j`.
  func withComparator<R>(_ body: ((Int, Int) -> Int) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buffer in
      try starts.withUnsafeBufferPointer { starts in
        try counts.withUnsafeBufferPointer { counts in
          // An empty buffer has no base address; every key is then empty and equal.
          guard let base = buffer.baseAddress else { return try body { _, _ in 0 } }
          return try body { i, j in
            ByteOrderKeys.compare(
              UnsafeRawPointer(base + starts[i]), counts[i],
              UnsafeRawPointer(base + starts[j]), counts[j])
          }
        }
      }
    }
  }

  /// Byte order of two runs, eight bytes at a time while both have them.
  private static func compare(
    _ x: UnsafeRawPointer, _ xCount: Int, _ y: UnsafeRawPointer, _ yCount: Int
  ) -> Int {
    let n = Swift.min(xCount, yCount)
    var i = 0
    while i + 8 <= n {
      let a = x.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let b = y.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if a != b {
        // Big-endian values order as their bytes do.
        return a.bigEndian < b.bigEndian ? -1 : 1
      }
      i += 8
    }
    while i < n {
      let a = x.load(fromByteOffset: i, as: UInt8.self)
      let b = y.load(fromByteOffset: i, as: UInt8.self)
      if a != b { return a < b ? -1 : 1 }
      i += 1
    }
    return xCount == yCount ? 0 : (xCount < yCount ? -1 : 1)
  }
}
