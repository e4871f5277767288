/// Package names numbered from 0 in the order first added.
///
/// Each dependency of each package is looked up here, in no order, so at 100,000 packages
/// nearly every lookup misses the cache: a `[String: Int32]` touched a bitmap, a key and a
/// value, three cache lines, and hashed with SipHash. Here a slot holds the name's first 16
/// bytes, its hash and its number in one 32-byte slot, so a lookup of a name that fits reads one
/// line; longer names are compared in full against the stored string.
struct NameTable {
  private struct Slot {
    /// The name's first 16 UTF-8 bytes, zero-padded.
    var head: UInt64
    var tail: UInt64
    var hash: UInt64
    /// The name's number, -1 for an empty slot.
    var id: Int32
    var length: Int32
  }

  private var slots: [Slot]
  /// Names longer than 16 bytes, by number ("" for the others).
  private var longNames: [String] = []

  init(capacity: Int) {
    var n = 16
    while n * 3 < capacity * 4 { n *= 2 }
    slots = Array(repeating: Slot(head: 0, tail: 0, hash: 0, id: -1, length: 0), count: n)
    longNames.reserveCapacity(capacity)
  }

  /// How many names the table holds.
  var count: Int { longNames.count }

  /// The number of `name`, adding it when new.
  mutating func intern(_ name: String) -> Int32 {
    let key = Key(name)
    var slot = Int(truncatingIfNeeded: key.hash) & (slots.count - 1)
    while slots[slot].id >= 0 {
      if matches(slots[slot], key, name) { return slots[slot].id }
      slot = (slot + 1) & (slots.count - 1)
    }
    let id = Int32(count)
    slots[slot] = Slot(
      head: key.head, tail: key.tail, hash: key.hash, id: id, length: Int32(key.length))
    longNames.append(key.length > 16 ? name : "")
    // At most three quarters full: probe runs stay short (and mostly in the same cache line)
    // while the table stays small enough to keep in cache.
    if count * 4 > slots.count * 3 { grow() }
    return id
  }

  /// The number of `name`, if it was added.
  func find(_ name: String) -> Int32? {
    let key = Key(name)
    var slot = Int(truncatingIfNeeded: key.hash) & (slots.count - 1)
    while slots[slot].id >= 0 {
      if matches(slots[slot], key, name) { return slots[slot].id }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }

  private func matches(_ slot: Slot, _ key: Key, _ name: String) -> Bool {
    guard slot.hash == key.hash, slot.head == key.head, slot.tail == key.tail,
      Int(slot.length) == key.length
    else { return false }
    return key.length <= 16 || longNames[Int(slot.id)] == name
  }

  private mutating func grow() {
    let old = slots
    slots = Array(
      repeating: Slot(head: 0, tail: 0, hash: 0, id: -1, length: 0), count: old.count * 2)
    for s in old where s.id >= 0 {
      var slot = Int(truncatingIfNeeded: s.hash) & (slots.count - 1)
      while slots[slot].id >= 0 { slot = (slot + 1) & (slots.count - 1) }
      slots[slot] = s
    }
  }

  /// A name's first 16 bytes, length and hash (over all its bytes).
  private struct Key {
    var head: UInt64 = 0
    var tail: UInt64 = 0
    var hash: UInt64
    var length: Int

    init(_ name: String) {
      var name = name
      var head: UInt64 = 0
      var tail: UInt64 = 0
      var hash: UInt64 = 0
      let length = name.withUTF8 { bytes -> Int in
        var h = UInt64(truncatingIfNeeded: bytes.count) &* 0x9e37_79b9_7f4a_7c15
        var i = 0
        while i < bytes.count {
          let word = Key.word(bytes, from: i)
          if i == 0 { head = word } else if i == 8 { tail = word }
          h = (h ^ word) &* 0xbf58_476d_1ce4_e5b9
          h ^= h >> 31
          i += 8
        }
        hash = h ^ (h >> 29)
        return bytes.count
      }
      self.head = head
      self.tail = tail
      self.hash = hash
      self.length = length
    }

    /// Up to 8 bytes from `start`, zero-padded.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
      var word: UInt64 = 0
      let count = Swift.min(8, bytes.count - start)
      if count == 8, let base = bytes.baseAddress {
        return UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
      }
      withUnsafeMutableBytes(of: &word) { out in
        for k in 0..<count { out[k] = bytes[start + k] }
      }
      return word
    }
  }
}
