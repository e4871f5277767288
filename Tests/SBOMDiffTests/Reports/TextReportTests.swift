import SBOMTestSupport
import Testing

@testable import SBOMDiff

@Suite("Text report")
struct TextReportTests {
  @Test("lists one line per change under a summary (golden)")
  func golden() throws {
    let text = TextReport(colour: false).render(DiffFixtures.everyKindResult())
    try Golden.check(text, against: "goldens/diff/every-kind.txt")
  }

  @Test("colour is ANSI only when asked for")
  func colour() {
    let result = DiffFixtures.everyKindResult()
    #expect(!TextReport(colour: false).render(result).contains("\u{1B}["))
    #expect(TextReport(colour: true).render(result).contains("\u{1B}[1;31mhash-changed"))
  }

  @Test("an empty diff says so")
  func empty() {
    let (old, _) = DiffFixtures.everyKind()
    let text = TextReport(colour: false).render(SBOMDiff.compare(old: old, new: old))
    #expect(text.hasSuffix("no changes\n"))
  }

  @Test("a header lists at most three roots, then how many more")
  func manyRoots() {
    var result = DiffFixtures.everyKindResult()
    result.new.roots = ["a@1", "b@1", "c@1", "d@1", "e@1"]
    let text = TextReport(colour: false).render(result)
    #expect(text.contains("root a@1, b@1, c@1, +2 more)"))
  }
}
