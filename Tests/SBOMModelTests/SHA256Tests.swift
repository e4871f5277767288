import Testing

@testable import SBOMModel

@Suite("SHA256 against the NIST FIPS 180-4 test vectors")
struct SHA256Tests {
  static let vectors: [(String, String)] = [
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  @Test("short messages hash to the NIST digests", arguments: vectors)
  func vector(_ message: String, _ digest: String) {
    #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
  }

  @Test("one million 'a' hash to the NIST digest")
  func millionA() {
    let digest = SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
    #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("feeding bytes in pieces of any size gives the same digest")
  func incremental() {
    let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    for split in [0, 1, 55, 56] {
      var h = SHA256()
      h.update(message[..<split])
      h.update(message[split...])
      #expect(
        Hex.encode(h.finalize())
          == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
  }

  @Test("the portable code alone gives the NIST digests", arguments: vectors)
  func portableVector(_ message: String, _ digest: String) {
    var h = SHA256(portable: true)
    h.update(Array(message.utf8))
    #expect(Hex.encode(h.finalize()) == digest)
  }

  @Test("the SHA instructions and the portable code agree on every length and split")
  func hardwareMatchesPortable() {
    // Deterministic pseudo-random bytes (a linear congruential generator).
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bytes = (0..<70_000).map { _ -> UInt8 in
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: seed >> 56)
    }
    for length in Array(0...200) + [4_095, 4_096, 4_097, 65_537, 70_000] {
      let message = bytes[..<length]
      var fast = SHA256()
      var portable = SHA256(portable: true)
      let split = length / 3
      fast.update(message[..<split])
      fast.update(message[split...])
      portable.update(message)
      #expect(fast.finalize() == portable.finalize(), "length \(length)")
    }
  }
}
