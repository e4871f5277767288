/// A digest of a component's bytes: the algorithm and the lowercase hex value.
public struct Hash: Sendable, Hashable, Comparable {
  public enum Algorithm: String, Sendable, Hashable, CaseIterable, Comparable {
    case md5 = "MD5"
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"
    case sha3_256 = "SHA3-256"
    case sha3_384 = "SHA3-384"
    case sha3_512 = "SHA3-512"
    case blake2b_256 = "BLAKE2b-256"
    case blake2b_384 = "BLAKE2b-384"
    case blake2b_512 = "BLAKE2b-512"
    case blake3 = "BLAKE3"

    public static func < (lhs: Algorithm, rhs: Algorithm) -> Bool {
      lhs.rawValue < rhs.rawValue
    }

    /// Length of the digest in hex characters, where fixed.
    public var hexLength: Int? {
      switch self {
      case .md5: 32
      case .sha1: 40
      case .sha256, .sha3_256, .blake2b_256: 64
      case .sha384, .sha3_384, .blake2b_384: 96
      case .sha512, .sha3_512, .blake2b_512: 128
      case .blake3: nil
      }
    }

    /// Reads an algorithm name as CycloneDX (`SHA-256`), SPDX (`SHA256`) or SRI (`sha256`) write it.
    public init?(name: String) {
      // Documents nearly always spell the algorithm exactly as CycloneDX does (`SHA-512`): a
      // direct match needs no normalised key, and gives the same case the key would.
      // The commonest spellings are matched first by plain comparisons: `init(rawValue:)`
      // walks a table of every case, and this runs for every hash of every decoded component.
      switch name {
      case "SHA-512":
        self = .sha512
        return
      case "SHA-256":
        self = .sha256
        return
      case "SHA-1":
        self = .sha1
        return
      default: break
      }
      if let exact = Algorithm(rawValue: name) {
        self = exact
        return
      }
      // Uppercase ASCII with `-` and `_` dropped, built from bytes: this runs for every hash of
      // every decoded component, and the Character-based `uppercased().filter` was costly.
      let key: String
      if name.utf8.allSatisfy({ $0 < 0x80 }) {
        var keyBytes: [UInt8] = []
        keyBytes.reserveCapacity(name.utf8.count)
        for c in name.utf8 where c != UInt8(ascii: "-") && c != UInt8(ascii: "_") {
          keyBytes.append(c >= 97 && c <= 122 ? c - 32 : c)
        }
        key = String(decoding: keyBytes, as: UTF8.self)
      } else {
        key = name.uppercased().filter { $0 != "-" && $0 != "_" }
      }
      switch key {
      case "MD5": self = .md5
      case "SHA1": self = .sha1
      case "SHA256": self = .sha256
      case "SHA384": self = .sha384
      case "SHA512": self = .sha512
      case "SHA3256": self = .sha3_256
      case "SHA3384": self = .sha3_384
      case "SHA3512": self = .sha3_512
      case "BLAKE2B256": self = .blake2b_256
      case "BLAKE2B384": self = .blake2b_384
      case "BLAKE2B512": self = .blake2b_512
      case "BLAKE3": self = .blake3
      default: return nil
      }
    }
  }

  public var algorithm: Algorithm
  /// Lowercase hexadecimal digest.
  public var value: String

  public init(_ algorithm: Algorithm, _ value: String) {
    self.algorithm = algorithm
    // Digests are almost always lowercase already; skip building a copy then.
    self.value = Hash.isLowercaseASCII(value) ? value : value.lowercased()
  }

  public static func < (lhs: Hash, rhs: Hash) -> Bool {
    (lhs.algorithm, lhs.value) < (rhs.algorithm, rhs.value)
  }

  /// Whether `s` has no ASCII capitals and nothing outside ASCII, over contiguous bytes
  /// (digests are long; iterating the `utf8` view cost ~9 instructions a byte).
  private static func isLowercaseASCII(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return true }
      let raw = UnsafeRawPointer(base)
      // Eight bytes at a time (a SHA-512 digest is 128): a byte is flagged when it is non-ASCII
      // or, adding 0x3F and 0x25 to its low seven bits, lands in 'A'...'Z' (0x41...0x5A).
      let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      let high: UInt64 = 0x8080_8080_8080_8080
      var i = 0
      while i + 8 <= bytes.count {
        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let seven = word & low7
        let atLeastA = (seven &+ 0x3F3F_3F3F_3F3F_3F3F) & high
        let aboveZ = (seven &+ 0x2525_2525_2525_2525) & high
        if (word & high) | (atLeastA & ~aboveZ) != 0 { return false }
        i += 8
      }
      while i < bytes.count {
        let b = bytes[i]
        if (b >= 65 && b <= 90) || b >= 0x80 { return false }
        i += 1
      }
      return true
    }
  }

  /// Whether `value` is hex of the algorithm's length.
  public var isWellFormed: Bool {
    var text = value
    let (hex, count) = text.withUTF8 { bytes -> (Bool, Int) in
      // One pass with no early exit and no closure (which the compiler can vectorise): every
      // hash of every component is checked when resolving and again when encoding.
      var bad: UInt8 = 0
      guard let base = bytes.baseAddress else { return (true, 0) }
      // Eight bytes at a time (a SHA-512 digest is 128): with bit 7 clear, adding 0x80 - lo
      // sets it exactly when a byte is at least lo, and adding 0x7F - hi when it is above hi,
      // with no carry between bytes. The byte loop cost ~11 instructions a byte.
      let raw = UnsafeRawPointer(base)
      let high: UInt64 = 0x8080_8080_8080_8080
      var i = 0
      while i + 8 <= bytes.count {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let y = x & ~high
        let digit = (y &+ 0x5050_5050_5050_5050) & ~(y &+ 0x4646_4646_4646_4646)
        let lowerHex = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x1919_1919_1919_1919)
        if (x & high) != 0 || ((digit | lowerHex) & high) != high { bad = 1 }
        i += 8
      }
      for b in UnsafeBufferPointer(rebasing: bytes[i...]) {
        let digit = (b &- 48) < 10
        let lowerHex = (b &- 97) < 6
        bad |= (digit || lowerHex) ? 0 : 1
      }
      return (bad == 0, bytes.count)
    }
    if let length = algorithm.hexLength { return hex && count == length }
    return hex && count > 0
  }

  /// Decodes a Subresource Integrity string (`sha512-<base64>`, several separated by spaces)
  /// into hex digests. Unknown algorithms and malformed base64 are skipped.
  public static func fromSubresourceIntegrity(_ sri: String) -> [Hash] {
    var result: [Hash] = []
    for token in sri.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
      guard let dash = token.firstIndex(of: "-") else { continue }
      guard let algorithm = Algorithm(name: String(token[..<dash])) else { continue }
      var b64 = token[token.index(after: dash)...]
      if let option = b64.firstIndex(of: "?") { b64 = b64[..<option] }
      guard let bytes = Base64.decode(String(b64)) else { continue }
      let hash = Hash(algorithm, Hex.encode(bytes))
      if hash.isWellFormed { result.append(hash) }
    }
    return result
  }
}

/// Lowercase hex encoding.
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)
  public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Standard and URL-safe base64 decoding without Foundation.
public enum Base64 {
  public static func decode(_ text: String) -> [UInt8]? {
    var buffer: UInt32 = 0
    var bits = 0
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count * 3 / 4)
    for c in text.utf8 {
      let v: UInt32
      switch c {
      case 65...90: v = UInt32(c - 65)
      case 97...122: v = UInt32(c - 97 + 26)
      case 48...57: v = UInt32(c - 48 + 52)
      case 43, 45: v = 62  // + or -
      case 47, 95: v = 63  // / or _
      case 61: continue  // padding
      default: return nil
      }
      buffer = (buffer << 6) | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((buffer >> UInt32(bits)) & 0xff))
      }
    }
    return out
  }
}
