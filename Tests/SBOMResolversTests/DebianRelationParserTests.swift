import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("DebianRelationParser")
struct DebianRelationParserTests {
  @Test("groups split at commas, alternatives at bars, with constraints kept")
  func groups() {
    let (groups, problems) = DebianRelationParser.parse(
      "debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.14),\n libpam0g")
    #expect(problems.isEmpty)
    #expect(groups.count == 3)
    #expect(groups[0].map(\.name) == ["debconf", "debconf-2.0"])
    #expect(groups[0][0].constraint == DebianVersionConstraint(op: .laterOrEqual, version: "0.5"))
    #expect(groups[2][0].name == "libpam0g")
  }

  @Test("architecture qualifiers, arch lists and build profiles are read")
  func qualifiers() {
    let (groups, problems) = DebianRelationParser.parse(
      "perl:any, tool:native (>= 1), lib:i386, x [amd64 arm64] <!nocheck>, y [!i386]")
    #expect(problems.isEmpty)
    #expect(groups[0][0].archQualifier == .any)
    #expect(groups[1][0].archQualifier == .native)
    #expect(groups[1][0].constraint?.version == "1")
    #expect(groups[2][0].archQualifier == .architecture("i386"))
    #expect(groups[3][0].architectures == ["amd64", "arm64"])
    #expect(groups[3][0].applies(to: "amd64"))
    #expect(!groups[3][0].applies(to: "i386"))
    #expect(!groups[4][0].applies(to: "i386"))
    #expect(groups[4][0].applies(to: "amd64"))
  }

  @Test("obsolete < and > mean <= and >=; << and >> are strict")
  func operators() {
    let (groups, _) = DebianRelationParser.parse("a (< 1), b (> 1), c (<< 1), d (>> 1), e (= 1)")
    #expect(
      groups.map { $0[0].constraint?.op } == [
        .earlierOrEqual, .laterOrEqual, .earlier, .later, .equal,
      ])
  }

  @Test("malformed relations are reported and left out, the rest is kept")
  func malformed() {
    let (groups, problems) = DebianRelationParser.parse("good, broken ((, (>= 1), also-good (?? 2)")
    #expect(groups.map { $0[0].name } == ["good"])
    #expect(problems.count == 3)
  }

  @Test("constraints are checked in Debian version order")
  func satisfaction() {
    #expect(DebianVersionConstraint(op: .laterOrEqual, version: "2.34").isSatisfied(by: "2.36-9"))
    #expect(!DebianVersionConstraint(op: .earlier, version: "1.0").isSatisfied(by: "1.0"))
    #expect(DebianVersionConstraint(op: .equal, version: "1:1.62").isSatisfied(by: "1:1.62"))
  }

  @Test("the requirement text names qualifier and constraint")
  func description() {
    let relation = DebianRelation(
      name: "perl", archQualifier: .any,
      constraint: DebianVersionConstraint(op: .laterOrEqual, version: "5.20"))
    #expect(relation.description == "perl:any (>= 5.20)")
  }
}
