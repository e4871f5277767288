import SBOMModel
import Testing

/// Deterministic pseudo-random strings over alphabets that reach the parsers' corner cases.
/// The value types must never crash or hang, and what they accept must round-trip.
@Suite("Model value types on arbitrary input")
struct ArbitraryInputTests {
  /// A fixed linear congruential generator: same strings on every run.
  struct Strings: Sequence, IteratorProtocol {
    var state: UInt64
    let alphabet: [Character]
    var remaining: Int

    init(seed: UInt64, alphabet: String, count: Int) {
      state = seed
      self.alphabet = Array(alphabet)
      remaining = count
    }

    mutating func nextRandom() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }

    mutating func next() -> String? {
      guard remaining > 0 else { return nil }
      remaining -= 1
      let length = nextRandom() % 24
      return String((0..<length).map { _ in alphabet[nextRandom() % alphabet.count] })
    }
  }

  @Test("purl parsing never crashes and its canonical form re-parses to the same value")
  func purls() throws {
    var accepted = 0
    for tail in Strings(seed: 1, alphabet: "ab/@?#=&%2F4:.+-_ ~AZé1", count: 5_000) {
      for prefix in ["pkg:npm/", "pkg:swift/", "pkg:", "pkg:deb/debian/"] {
        guard let purl = try? PackageURL(parsing: prefix + tail) else { continue }
        accepted += 1
        let again = try PackageURL(parsing: purl.description)
        #expect(again.description == purl.description, "\(prefix + tail)")
      }
    }
    #expect(accepted > 1_000)
  }

  @Test("licence parsing never crashes and lenient output is always a valid expression")
  func licences() throws {
    let words = "MIT mit OR and with ( ) GPL-2.0+ Apache-2.0 LLVM-exception LicenseRef-x Foo_1 + "
    for text in Strings(seed: 2, alphabet: words, count: 5_000) {
      if let strict = try? LicenseExpression(parsing: text) {
        #expect(try LicenseExpression(parsing: strict.description) == strict, "\(text)")
        #expect(LicenseExpression.lenient(text) == strict)
      }
      let lenient = LicenseExpression.lenient(text)
      #expect(throws: Never.self, "\(text)") { try LicenseExpression(parsing: lenient.description) }
    }
  }

  @Test("version comparison never crashes and is antisymmetric")
  func versions() {
    let strings = Array(Strings(seed: 3, alphabet: "0123.-+~:abvZ\u{0}", count: 1_000))
    for ecosystem in [Ecosystem.deb, .npm, .swift, .generic] {
      for (a, b) in zip(strings, strings.dropFirst()) {
        let forward = VersionOrder.compare(a, b, ecosystem: ecosystem)
        let backward = VersionOrder.compare(b, a, ecosystem: ecosystem)
        #expect(forward == -backward, "\(ecosystem) \(a) vs \(b)")
      }
    }
  }
}
