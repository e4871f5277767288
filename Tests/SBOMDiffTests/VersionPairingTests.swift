import Testing

@testable import SBOMDiff

@Suite("Version pairing")
struct VersionPairingTests {
  typealias E = VersionPairing.Entry

  func pair(_ old: [String], _ new: [String]) -> [String] {
    let r = VersionPairing.pair(
      old: old.map { E(discriminator: nil, version: $0) },
      new: new.map { E(discriminator: nil, version: $0) })
    return r.pairs.map { "\(old[$0.old])=\(new[$0.new])" } + r.removed.map { "-\(old[$0])" }
      + r.added.map { "+\(new[$0])" }
  }

  @Test("exact versions pair first, then the closest")
  func exactThenClosest() {
    #expect(pair(["2.6.9", "4.3.4"], ["4.3.5", "2.6.9"]) == ["2.6.9=2.6.9", "4.3.4=4.3.5"])
    #expect(pair(["1.0.0", "3.0.0"], ["3.1.0"]) == ["3.0.0=3.1.0", "-1.0.0"])
    #expect(pair(["1.0.0"], ["1.0.1", "7.0.0"]) == ["1.0.0=1.0.1", "+7.0.0"])
  }

  @Test("more leading fields in common beats a smaller gap further left")
  func leadingFields() {
    #expect(pair(["2.0.9"], ["2.0.0", "3.0.9"]) == ["2.0.9=2.0.0", "+3.0.9"])
  }

  @Test("architectures must agree unless one side does not state it")
  func architectures() {
    let r = VersionPairing.pair(
      old: [E(discriminator: "amd64", version: "1"), E(discriminator: "i386", version: "1")],
      new: [E(discriminator: "i386", version: "2"), E(discriminator: nil, version: "1")])
    #expect(r.pairs == [.init(old: 0, new: 1), .init(old: 1, new: 0)])
    let single = VersionPairing.pair(
      old: [E(discriminator: "amd64", version: "1")], new: [E(discriminator: "arm64", version: "1")]
    )
    #expect(single.pairs.isEmpty && single.removed == [0] && single.added == [0])
  }

  @Test("numeric runs ignore separators and cap long digit strings")
  func numericRuns() {
    #expect(VersionPairing.numericRuns("1:2.36-9+deb12u4") == [1, 2, 36, 9, 12, 4])
    #expect(VersionPairing.numericRuns(nil) == [])
    #expect(VersionPairing.numericRuns(String(repeating: "9", count: 40)).count == 1)
  }
}
