import SBOMModel
import Testing

@testable import SBOMDiff

@Suite("Root paths")
struct RootPathsTests {
  @Test("paths are shortest from a root and agree with Graph.pathFromRoot")
  func shortestPaths() throws {
    let g = DiffFixtures.graph(
      [
        DiffFixtures.npm("a", "1.0.0"), DiffFixtures.npm("b", "1.0.0"),
        DiffFixtures.npm("c", "1.0.0"), DiffFixtures.npm("lonely", "1.0.0"),
      ],
      edges: [
        ("app", "a@1.0.0"), ("a@1.0.0", "b@1.0.0"), ("b@1.0.0", "c@1.0.0"), ("app", "c@1.0.0"),
      ])
    let side = SideIndex(g)
    let paths = RootPaths(
      count: g.components.count, roots: side.rootPositions, edges: side.edgeEnds)
    for (i, c) in g.components.enumerated() {
      #expect(paths.path(to: i)?.map { g.components[$0].id } == g.pathFromRoot(to: c.id))
    }
    let c = try #require(g.components.firstIndex { $0.name == "c" })
    let lonely = try #require(g.components.firstIndex { $0.name == "lonely" })
    #expect(paths.path(to: c)?.count == 2)
    #expect(paths.path(to: lonely) == nil)
  }
}
