import CSHA256

/// SHA-256 (FIPS 180-4), used to derive stable document ids from content. Implemented here so
/// the model needs no crypto dependency; checked against the NIST test vectors. Blocks go
/// through the CPU's SHA instructions when it has them (`CSHA256`, ~10x fewer instructions),
/// else through the portable Swift code below.
public struct SHA256: Sendable {
  /// Whether the x86 SHA extensions are there to use (checked once per process).
  static let hardware = lineage_sha256_hardware_available() == 1

  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Whether this hasher uses the SHA instructions (tests turn it off to check both paths).
  private let useHardware: Bool

  public init() { useHardware = SHA256.hardware }

  /// A hasher that never uses the SHA instructions: the reference the tests compare with.
  init(portable: Bool) { useHardware = !portable && SHA256.hardware }

  public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    // Contiguous input (arrays, native strings' UTF-8) is hashed 64 bytes at a time straight
    // from its storage: feeding a byte at a time through a generic iterator cost ~30 instructions
    // per byte, most of an encoder's time on a large graph.
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(contiguous: $0) }
    if done != nil { return }
    for byte in bytes {
      buffer.append(byte)
      length &+= 1
      if buffer.count == 64 {
        buffer.withUnsafeBufferPointer { compress($0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
  }

  private mutating func update(contiguous bytes: UnsafeBufferPointer<UInt8>) {
    length &+= UInt64(bytes.count)
    var offset = 0
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, bytes.count)
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<take]))
      offset = take
      guard buffer.count == 64 else { return }
      buffer.withUnsafeBufferPointer { compress($0) }
      buffer.removeAll(keepingCapacity: true)
    }
    let blocks = (bytes.count - offset) / 64
    if useHardware, blocks > 0, let base = bytes.baseAddress {
      state.withUnsafeMutableBufferPointer { words in
        guard let words = words.baseAddress else { return }
        lineage_sha256_hardware_blocks(words, base + offset, blocks)
      }
      offset += blocks * 64
    }
    while bytes.count - offset >= 64 {
      compress(UnsafeBufferPointer(rebasing: bytes[offset..<offset + 64]))
      offset += 64
    }
    if offset < bytes.count {
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset...]))
    }
  }

  public mutating func finalize() -> [UInt8] {
    let bitLength = length &* 8
    // The padding is laid out in one zeroed block or two, not appended a byte at a time: short
    // messages (SPDX element ids) are hashed thousands of times per document.
    var tail = [UInt8](repeating: 0, count: buffer.count < 56 ? 64 : 128)
    for (i, byte) in buffer.enumerated() { tail[i] = byte }
    tail[buffer.count] = 0x80
    for i in 0..<8 { tail[tail.count - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (i * 8)) }
    tail.withUnsafeBufferPointer { blocks in
      var offset = 0
      while offset < blocks.count {
        compress(UnsafeBufferPointer(rebasing: blocks[offset..<offset + 64]))
        offset += 64
      }
    }
    var out = [UInt8](repeating: 0, count: 32)
    for (i, word) in state.enumerated() {
      out[i * 4] = UInt8(truncatingIfNeeded: word >> 24)
      out[i * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
      out[i * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
      out[i * 4 + 3] = UInt8(truncatingIfNeeded: word)
    }
    return out
  }

  /// The digest of `bytes`.
  public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
    var h = SHA256()
    h.update(bytes)
    return h.finalize()
  }

  /// The lowercase hex digest of `bytes`.
  public static func hexDigest<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    Hex.encode(hash(bytes))
  }

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }

  /// One 64-byte block. Everything runs on unsafe pointers and locals (the schedule in a tuple
  /// on the stack, the round constants read through a pointer, eight rounds unrolled so the
  /// working variables rotate by renaming instead of moves): the checked, array-based version
  /// cost ~70 instructions a byte, and hashing is a third of encoding a large graph.
  private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
    guard let base = block.baseAddress, block.count >= 64 else { return }
    if useHardware {
      state.withUnsafeMutableBufferPointer { words in
        guard let words = words.baseAddress else { return }
        lineage_sha256_hardware_blocks(words, base, 1)
      }
      return
    }
    compressPortable(base)
  }

  /// The portable compression of the 64 bytes at `base`.
  private mutating func compressPortable(_ base: UnsafePointer<UInt8>) {
    let zero = SIMD16<UInt32>.zero
    var schedule = (zero, zero, zero, zero)  // 64 words
    var (a, b, c, d) = (state[0], state[1], state[2], state[3])
    var (e, f, g, h) = (state[4], state[5], state[6], state[7])
    SHA256.k.withUnsafeBufferPointer { kBuffer in
      withUnsafeMutableBytes(of: &schedule) { raw in
        guard let k = kBuffer.baseAddress,
          let w = raw.baseAddress?.assumingMemoryBound(to: UInt32.self)
        else { return }
        let bytes = UnsafeRawPointer(base)
        for i in 0..<16 {
          w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
        }
        for i in 16..<64 {
          let x = w[i - 15]
          let y = w[i - 2]
          let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
          let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
          w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var i = 0
        while i < 64 {
          SHA256.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
          SHA256.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
          SHA256.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
          SHA256.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
          SHA256.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
          SHA256.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
          SHA256.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
          SHA256.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
          i += 8
        }
      }
    }
    state[0] &+= a
    state[1] &+= b
    state[2] &+= c
    state[3] &+= d
    state[4] &+= e
    state[5] &+= f
    state[6] &+= g
    state[7] &+= h
  }

  /// One round in the rotating-names form: the caller passes the working variables shifted by
  /// one position per round, so only `d` and `h` change.
  @inline(__always) private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
  ) {
    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let ch = g ^ (e & (f ^ g))
    let t1 = h &+ s1 &+ ch &+ kw
    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let maj = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ s0 &+ maj
  }
}

/// A point in time as whole seconds since the Unix epoch, written as RFC 3339 UTC.
public struct Timestamp: Sendable, Hashable {
  public var secondsSinceEpoch: Int64
  public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

  /// `2024-01-31T12:00:00Z`.
  public var rfc3339: String {
    let days =
      secondsSinceEpoch >= 0
      ? secondsSinceEpoch / 86400 : (secondsSinceEpoch - 86399) / 86400
    let secondsOfDay = secondsSinceEpoch - days * 86400
    // Civil-from-days (proleptic Gregorian), after H. Hinnant's public-domain algorithm.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ v: Int64, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return
      "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
      + "\(pad(secondsOfDay % 3600 / 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
  }
}
