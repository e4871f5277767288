import SBOMDiff
import SBOMFormats
import SBOMTestSupport
import Testing

/// The synthetic CycloneDX pair the benchmark uses (`SyntheticSBOM`) diffs to exactly the
/// changes it was generated with.
@Suite("Synthetic CycloneDX pair")
struct SyntheticPairTests {
  @Test("a generated pair reports exactly its upgrades, removals and additions")
  func exactCounts() throws {
    let pair = SyntheticSBOM.cycloneDXPair(components: 2_000)
    let old = try SBOMDecoder.decode(pair.old, file: "old.cdx.json")
    let new = try SBOMDecoder.decode(pair.new, file: "new.cdx.json")
    let result = SBOMDiff.compare(old: old, new: new)
    let count = { (kind: Change.Kind) in result.changes.filter { $0.kind == kind }.count }
    #expect(count(.upgraded) == pair.truth.upgraded)
    #expect(count(.removed) == pair.truth.removed)
    #expect(count(.added) == pair.truth.added)
    #expect(count(.downgraded) == 0 && count(.versionChanged) == 0 && count(.hashChanged) == 0)
    #expect(pair.truth.upgraded > 50 && pair.truth.removed > 10 && pair.truth.added == 20)
  }
}
