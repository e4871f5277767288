import SBOMModel
import Testing

@Suite("Background work")
struct BackgroundWorkTests {
  @Test("hands back what the other thread computed")
  func returnsTheResult() {
    let work = BackgroundWork { (0..<1000).reduce(0, +) }
    #expect(work.wait() == 499_500)
  }

  @Test("splits large counts in the middle and leaves small ones whole")
  func splitPoint() {
    #expect(BackgroundWork<Int>.splitPoint(10, minimum: 100) == 10)
    #expect(BackgroundWork<Int>.splitPoint(100, minimum: 100) == 50)
    #expect(BackgroundWork<Int>.splitPoint(101, minimum: 100) == 50)
  }
}
