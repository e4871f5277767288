/// Strings numbered from 0 in the order first added, kept as bytes in one buffer and found
/// again through an open-addressing table of those numbers.
///
/// A `[String: Int]` of 100,000 package paths or names hashed every key with `Hasher`, held a
/// reference to each key's storage, compared keys by following it, and released every key in
/// bucket order when freed: at that size, cache misses that made the lookups cost a third more
/// per package than at 10,000. Here a table is four flat arrays.
struct StringInterner {
  private var bytes: [UInt8] = []
  /// Where each string's bytes start in `bytes`; one more than `count`, the last is the end.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Per slot, the number of the string there plus one; 0 when the slot is empty.
  private var slots: [Int32]

  /// A table with room for `capacity` strings (of about `averageLength` bytes) before it grows.
  init(capacity: Int, averageLength: Int = 16) {
    slots = Array(repeating: 0, count: Self.slotCount(for: capacity))
    starts.reserveCapacity(capacity + 1)
    hashes.reserveCapacity(capacity)
    bytes.reserveCapacity(capacity * averageLength)
  }

  /// How many strings the table holds.
  var count: Int { hashes.count }

  /// The number of `text`, adding it when new.
  mutating func intern(_ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { intern($0) }
  }

  /// The number of the string with these UTF-8 bytes, adding it when new.
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while slots[slot] != 0 {
      let id = Int(slots[slot] - 1)
      if hashes[id] == hash, equals(id, key) { return Int32(id) }
      slot = (slot + 1) & (slots.count - 1)
    }
    let id = count
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    hashes.append(hash)
    slots[slot] = Int32(id + 1)
    // At most half full, so that probe runs stay short.
    if count * 2 > slots.count { rehash(into: slots.count * 2) }
    return Int32(id)
  }

  /// The number of `text`, if it was added.
  func find(_ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { find($0) }
  }

  /// The number of the string with these UTF-8 bytes, if it was added.
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while slots[slot] != 0 {
      let id = Int(slots[slot] - 1)
      if hashes[id] == hash, equals(id, key) { return Int32(id) }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }

  /// The string numbered `id`.
  func string(_ id: Int32) -> String {
    let range = starts[Int(id)]..<starts[Int(id) + 1]
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }

  private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      var i = 0
      while i < key.count, stored[start + i] == key[i] { i += 1 }
      return i == key.count
    }
  }

  private mutating func rehash(into slotCount: Int) {
    slots = Array(repeating: 0, count: slotCount)
    for id in hashes.indices {
      var slot = Int(truncatingIfNeeded: hashes[id]) & (slotCount - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
      slots[slot] = Int32(id + 1)
    }
  }

  private static func slotCount(for capacity: Int) -> Int {
    var n = 16
    while n < capacity * 2 { n *= 2 }
    return n
  }

  /// FNV-1a, its bits mixed so that the low ones, which pick the slot, depend on every byte.
  /// Fixed, not seeded per process: only lookups depend on it, never the output's order.
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    return (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9
  }
}
