import SBOMModel
import Testing

@Suite("VersionOrder dispatch and natural ordering")
struct VersionOrderTests {
  @Test("npm and swift versions order by SemVer")
  func semver() {
    #expect(VersionOrder.compare("1.0.0-rc.1", "1.0.0", ecosystem: .npm) == -1)
    #expect(VersionOrder.compare("1.10.0", "1.9.0", ecosystem: .swift) == 1)
    #expect(VersionOrder.compare("v2.0.0", "2.0.0", ecosystem: .swift) == 0)
    #expect(VersionOrder.compare("1.0.0+a", "1.0.0+b", ecosystem: .npm) == 0)
  }

  @Test("deb versions order as dpkg does, not as SemVer")
  func debian() {
    #expect(VersionOrder.compare("1.0~rc1", "1.0", ecosystem: .deb) == -1)
    #expect(VersionOrder.compare("1:0.1", "2.0", ecosystem: .deb) == 1)
    #expect(VersionOrder.compare("1.0-1", "1.0-1+b1", ecosystem: .deb) == -1)
    // SemVer would rank 1.0.0-1 (a pre-release) below 1.0.0.
    #expect(VersionOrder.compare("1.0.0-1", "1.0.0", ecosystem: .deb) == 1)
    #expect(VersionOrder.compare("3.18.0-r0", "3.9.1-r1", ecosystem: Ecosystem("apk")) == 1)
  }

  @Test("non-SemVer strings fall back to natural order")
  func fallback() {
    #expect(VersionOrder.compare("2023.10.1.4", "2023.9.30.1", ecosystem: .npm) == 1)
    #expect(VersionOrder.compare("r10", "r9", ecosystem: .generic) == 1)
    #expect(VersionOrder.compare("abc123", "abc123", ecosystem: .swift) == 0)
  }

  @Test("natural order compares digit runs numerically and is antisymmetric")
  func natural() {
    let ordered = ["", "1", "1.2", "1.10", "1.10a", "1a", "2", "10", "a", "a1", "a2", "a10", "b"]
    for i in ordered.indices {
      for j in ordered.indices {
        let expected = i < j ? -1 : (i == j ? 0 : 1)
        #expect(
          VersionOrder.natural(ordered[i], ordered[j]) == expected, "\(ordered[i]) vs \(ordered[j])"
        )
      }
    }
    #expect(VersionOrder.natural("007", "7") == 0)
    #expect(VersionOrder.natural("123456789012345678901234567890", "99") == 1)
  }
}
