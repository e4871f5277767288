import SBOMModel
import Testing

@testable import SBOMDiff

@Suite("Differ")
struct SBOMDiffTests {
  typealias F = DiffFixtures

  func summary(_ result: DiffResult) -> [String] {
    result.changes.map { c in
      var s =
        "\(c.kind.rawValue) \(c.name) \(c.before?.version ?? "nil")->\(c.after?.version ?? "nil")"
      if let d = c.details.dependency { s += " dep=\(d.name)" }
      return s
    }
  }

  @Test("debug 2.6.9 beside 4.3.4 → 4.3.5 is one upgrade, not an addition and a removal")
  func severalVersionsPairByCloseness() {
    let old = F.graph([F.npm("debug", "2.6.9"), F.npm("debug", "4.3.4")])
    let new = F.graph([F.npm("debug", "2.6.9"), F.npm("debug", "4.3.5")])
    #expect(summary(SBOMDiff.compare(old: old, new: new)) == ["upgraded debug 4.3.4->4.3.5"])
  }

  @Test("with only one version left, the closest old version is the one that changed")
  func closestVersionWins() {
    let old = F.graph([F.npm("debug", "2.6.9"), F.npm("debug", "4.3.4")])
    let new = F.graph([F.npm("debug", "4.3.5")])
    #expect(
      summary(SBOMDiff.compare(old: old, new: new)) == [
        "upgraded debug 4.3.4->4.3.5", "removed debug 2.6.9->nil",
      ])
  }

  @Test("identical graphs have no changes")
  func identical() {
    let (old, _) = F.everyKind()
    #expect(SBOMDiff.compare(old: old, new: old).changes.isEmpty)
  }

  @Test("every change kind is found, most alarming first, then by name")
  func everyKind() {
    let (old, new) = F.everyKind()
    let result = SBOMDiff.compare(old: old, new: new)
    #expect(
      summary(result) == [
        "hash-changed left-pad 1.3.0->1.3.0",
        "revision-moved tagged 2.0.0->2.0.0",
        "origin-changed moved 1.0.0->1.0.0",
        "downgraded lodash 4.17.21->4.17.20",
        "upgraded debug 4.3.4->4.3.5",
        "upgraded ms 2.1.2->2.1.3",
        "version-changed pinned abcdef1234567->fedcba7654321",
        "added fresh nil->3.0.0",
        "removed gone 0.1.0->nil",
        "license-changed @babel/core 7.23.0->7.23.0",
        "supplier-changed @babel/core 7.23.0->7.23.0",
        "scope-changed typescript 5.0.0->5.0.0",
        "edge-added app nil->1.0.0 dep=typescript",
        "edge-removed lodash 4.17.21->nil dep=ms",
      ])
    #expect(Set(result.changes.map(\.kind)) == Set(Change.Kind.allCases))
  }

  @Test("edges to added or removed packages are implied by those changes, not listed")
  func edgesOfAddedPackagesNotListed() {
    let (old, new) = F.everyKind()
    let edges = SBOMDiff.compare(old: old, new: new).changes.filter { $0.details.dependency != nil }
    #expect(!edges.contains { $0.details.dependency?.name == "gone" || $0.name == "fresh" })
  }

  @Test("an added package carries the path from a root that pulls it in")
  func addedPath() {
    let (old, new) = F.everyKind()
    let added = SBOMDiff.compare(old: old, new: new).changes.first { $0.kind == .added }
    #expect(added?.details.path == ["app@1.0.0", "fresh@3.0.0"])
    let removed = SBOMDiff.compare(old: old, new: new).changes.first { $0.kind == .removed }
    #expect(removed?.details.path == ["app@1.0.0", "gone@0.1.0"])
  }

  @Test("hashes of different algorithms are not a change; the same algorithm differing is")
  func hashAlgorithms() {
    let old = F.graph([
      F.npm("a", "1.0.0", hashes: [F.sha1a]), F.npm("b", "1.0.0", hashes: [F.sha512a]),
    ])
    let new = F.graph([
      F.npm("a", "1.0.0", hashes: [F.sha512a]), F.npm("b", "1.0.0", hashes: [F.sha512b]),
    ])
    let result = SBOMDiff.compare(old: old, new: new)
    #expect(summary(result) == ["hash-changed b 1.0.0->1.0.0"])
    #expect(result.changes.first?.details.algorithms == [.sha512])
  }

  @Test("a version bump with a new tarball URL on the same registry is not an origin change")
  func tarballMoveIsNotOriginChange() {
    let old = F.graph([F.npm("@scope/pkg", "1.0.0")])
    let new = F.graph([
      F.npm(
        "@scope/pkg", "1.1.0",
        origin: .registry(url: "https://registry.yarnpkg.com/@scope/pkg/-/pkg-1.1.0.tgz#abc"))
    ])
    #expect(summary(SBOMDiff.compare(old: old, new: new)) == ["upgraded @scope/pkg 1.0.0->1.1.0"])
  }

  @Test("a fact one side does not state is not a change")
  func silenceIsNotAChange() {
    let old = F.graph([F.npm("a", "1.0.0", origin: .unknown, license: "MIT", supplier: "X")])
    let new = F.graph([F.npm("a", "1.0.0", hashes: [F.sha512a])])
    #expect(SBOMDiff.compare(old: old, new: new).changes.isEmpty)
  }

  @Test("a version one side does not state is not a version change")
  func unstatedVersion() {
    var unstated = F.npm("a", "1.0.0")
    unstated.version = nil
    unstated.purl?.version = nil
    let result = SBOMDiff.compare(old: F.graph([F.npm("a", "1.0.0")]), new: F.graph([unstated]))
    #expect(result.changes.isEmpty)
  }

  @Test("a package listed twice with one version counts once")
  func duplicatesCountOnce() {
    let old = F.graph([
      F.npm("a", "1.0.0", disambiguator: "x"), F.npm("a", "1.0.0", disambiguator: "y"),
    ])
    let new = F.graph([F.npm("a", "1.0.0")])
    #expect(SBOMDiff.compare(old: old, new: new).changes.isEmpty)
  }

  @Test("edges compare by identity, ignoring versions of both ends")
  func edgesIgnoreVersions() {
    let old = F.graph(
      [F.npm("a", "1.0.0"), F.npm("b", "1.0.0")],
      edges: [("app", "a@1.0.0"), ("a@1.0.0", "b@1.0.0")])
    let new = F.graph(
      [F.npm("a", "1.1.0"), F.npm("b", "2.0.0")],
      edges: [("app", "a@1.1.0"), ("a@1.1.0", "b@2.0.0")])
    #expect(
      summary(SBOMDiff.compare(old: old, new: new)) == [
        "upgraded a 1.0.0->1.1.0", "upgraded b 1.0.0->2.0.0",
      ])
  }

  @Test("roots are not compared as packages but summarised")
  func rootsSummarised() {
    let old = F.graph([], root: F.app("1.0.0"))
    let new = F.graph([], root: F.app("2.0.0"))
    let result = SBOMDiff.compare(old: old, new: new)
    #expect(result.changes.isEmpty)
    #expect(result.old.roots == ["app@1.0.0"])
    #expect(result.new.roots == ["app@2.0.0"])
  }

  @Test("the result does not depend on the order components were added")
  func deterministic() {
    let (old, new) = F.everyKind()
    let shuffledNew = F.graph(new.packages.reversed(), edges: [])
    let a = SBOMDiff.compare(old: old, new: shuffledNew)
    let b = SBOMDiff.compare(old: old, new: F.graph(new.packages, edges: []))
    #expect(a == b)
  }
}

@Suite("Change kinds")
struct ChangeKindTests {
  @Test("rank follows the declaration order, which is the alarm order")
  func rankIsDeclarationOrder() {
    #expect(Change.Kind.allCases.map(\.rank) == Array(0..<Change.Kind.allCases.count))
  }
}
