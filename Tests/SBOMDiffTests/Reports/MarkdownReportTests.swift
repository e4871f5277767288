import SBOMTestSupport
import Testing

@testable import SBOMDiff

@Suite("Markdown report")
struct MarkdownReportTests {
  @Test("a summary table of counts, then a section per kind (golden)")
  func golden() throws {
    let text = MarkdownReport().render(DiffFixtures.everyKindResult())
    try Golden.check(text, against: "goldens/diff/every-kind.md")
  }

  @Test("long sections fold into details")
  func folding() {
    let text = MarkdownReport(foldAbove: 1).render(DiffFixtures.everyKindResult())
    #expect(text.contains("<details><summary>2 changes</summary>"))
  }
}
