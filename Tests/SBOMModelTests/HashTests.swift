import SBOMModel
import Testing

@Suite("Hash decoding from Subresource Integrity strings")
struct HashTests {
  @Test("a sha512 integrity decodes to its hex digest")
  func sha512() {
    let sri =
      "sha512-+Go89KaYVw2A2Fid9lA9mE9P3N3Sgyrzy1sumv92aNbyV1RA2j62Ktd/dN7SXd2bGD8y3WtbOUP+11NNc73wpw=="
    #expect(
      Hash.fromSubresourceIntegrity(sri) == [
        Hash(
          .sha512,
          "f86a3cf4a698570d80d8589df6503d984f4fdcddd2832af3cb5b2e9aff7668d6f2575440da3eb62ad77f74ded25ddd9b183f32dd6b5b3943fed7534d73bdf0a7"
        )
      ])
  }

  @Test("a sha1 integrity decodes to its hex digest")
  func sha1() {
    #expect(
      Hash.fromSubresourceIntegrity("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=")
        == [Hash(.sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")])
  }

  @Test("several digests, options and URL-safe base64 are all read; junk is skipped")
  func several() {
    let sri =
      "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= md5-AAAA sha256-BxPxNuoxbI8-J01VAS478Q0FtSY4Nxh6OVk_8NiDjfo=?opt "
      + "sha512-!!! sha1-AAAA nodash"
    let hashes = Hash.fromSubresourceIntegrity(sri)
    #expect(
      hashes == [
        Hash(.sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Hash(.sha256, "0713f136ea316c8f3e274d55012e3bf10d05b5263837187a39593ff0d8838dfa"),
      ])
  }

  @Test("algorithm names are read in CycloneDX, SPDX and SRI spellings")
  func algorithmNames() {
    #expect(Hash.Algorithm(name: "SHA-256") == .sha256)
    #expect(Hash.Algorithm(name: "SHA256") == .sha256)
    #expect(Hash.Algorithm(name: "sha256") == .sha256)
    #expect(Hash.Algorithm(name: "SHA3-512") == .sha3_512)
    #expect(Hash.Algorithm(name: "crc32") == nil)
  }

  @Test("hex values are lowercased and checked for length")
  func wellFormed() {
    #expect(Hash(.sha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709").value.hasPrefix("da39"))
    #expect(Hash(.sha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709").isWellFormed)
    #expect(!Hash(.sha256, "da39a3ee5e6b4b0d3255bfef95601890afd80709").isWellFormed)
    #expect(!Hash(.md5, "zz39a3ee5e6b4b0d3255bfef95601890").isWellFormed)
  }
}
