/// A map from non-negative `Int` keys to `Int32` values, open-addressed in two flat arrays.
struct IntKeyTable {
  private var keys: [Int]
  private var values: [Int32]
  private(set) var count = 0

  init(capacity: Int) {
    var n = 16
    while n < capacity * 2 { n *= 2 }
    keys = Array(repeating: -1, count: n)
    values = Array(repeating: 0, count: n)
  }

  subscript(key: Int) -> Int32? {
    get {
      var slot = Self.slot(key, keys.count)
      while keys[slot] >= 0 {
        if keys[slot] == key { return values[slot] }
        slot = (slot + 1) & (keys.count - 1)
      }
      return nil
    }
    set {
      guard let newValue else { return }
      var slot = Self.slot(key, keys.count)
      while keys[slot] >= 0 {
        if keys[slot] == key {
          values[slot] = newValue
          return
        }
        slot = (slot + 1) & (keys.count - 1)
      }
      keys[slot] = key
      values[slot] = newValue
      count += 1
      if count * 2 > keys.count { grow() }
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = Array(repeating: -1, count: oldKeys.count * 2)
    values = Array(repeating: 0, count: oldKeys.count * 2)
    for i in oldKeys.indices where oldKeys[i] >= 0 {
      var slot = Self.slot(oldKeys[i], keys.count)
      while keys[slot] >= 0 { slot = (slot + 1) & (keys.count - 1) }
      keys[slot] = oldKeys[i]
      values[slot] = oldValues[i]
    }
  }

  /// Fibonacci hashing: the multiply spreads packed keys, the top bits pick the slot.
  private static func slot(_ key: Int, _ slotCount: Int) -> Int {
    let product = UInt64(truncatingIfNeeded: key) &* 0x9e37_79b9_7f4a_7c15
    return Int(truncatingIfNeeded: product >> UInt64(64 - slotCount.trailingZeroBitCount))
  }
}
