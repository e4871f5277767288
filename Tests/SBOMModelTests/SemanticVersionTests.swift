import SBOMModel
import Testing

@Suite("SemanticVersion parsing and precedence")
struct SemanticVersionTests {
  /// The precedence chain from SemVer 2.0.0 §11, plus major/minor/patch steps.
  static let ascending = [
    "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
    "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.9.0", "1.10.0", "1.11.0", "2.0.0",
    "2.1.0", "2.1.1",
  ]

  @Test("the SemVer specification's precedence examples are strictly ascending")
  func specPrecedence() throws {
    let versions = try Self.ascending.map { try #require(SemanticVersion($0, strict: true)) }
    for i in versions.indices {
      for j in versions.indices {
        let expected = i < j ? -1 : (i == j ? 0 : 1)
        #expect(
          SemanticVersion.compare(versions[i], versions[j]) == expected,
          "\(versions[i]) vs \(versions[j])")
      }
    }
  }

  @Test("build metadata does not affect precedence")
  func buildIgnored() throws {
    let a = try #require(SemanticVersion("1.0.0+20130313144700", strict: true))
    let b = try #require(SemanticVersion("1.0.0+exp.sha.5114f85", strict: true))
    #expect(a == b)
    #expect(a.build == ["20130313144700"])
    #expect(SemanticVersion("1.0.0-beta+exp.sha.5114f85")?.preRelease == ["beta"])
  }

  @Test(
    "strict parsing rejects what the SemVer grammar rejects",
    arguments: [
      "1", "1.2", "v1.2.3", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3-a_b",
      "", "1.2.3.4", "a.b.c",
    ])
  func strictRejects(_ text: String) {
    #expect(SemanticVersion(text, strict: true) == nil)
  }

  @Test("lenient parsing accepts a v prefix and a missing minor or patch")
  func lenient() {
    #expect(SemanticVersion("v1.2.3")?.description == "1.2.3")
    #expect(SemanticVersion("1.2")?.description == "1.2.0")
    #expect(SemanticVersion("2")?.description == "2.0.0")
    #expect(SemanticVersion("=1.0.0-rc.1")?.description == "1.0.0-rc.1")
    #expect(SemanticVersion("1.02.3")?.minor == 2)
    #expect(SemanticVersion("5114f85") == nil)
    #expect(SemanticVersion("1.2.3.4") == nil)
    #expect(SemanticVersion("99999999999999999999.0.0") == nil)
  }

  @Test("numeric pre-release identifiers compare as numbers of any length")
  func longNumbers() throws {
    let a = try #require(SemanticVersion("1.0.0-99999999999999999999999"))
    let b = try #require(SemanticVersion("1.0.0-100000000000000000000000"))
    #expect(a < b)
  }
}
