import SBOMModel
import Testing

@Suite("Graph")
struct GraphTests {
  /// Ids sharing long prefixes, differing inside and after the first eight bytes, non-ASCII,
  /// and prefixes of one another: the cases a byte-wise comparison can get wrong.
  static let ids = [
    "pkg:npm/a@1", "pkg:npm/a@1.0", "pkg:npm/a", "pkg:npm/%40b/c@2", "pkg:npm/é@1", "pkg:npm/z",
    "pkg:deb/debian/libc6@2.36", "pkg:deb/debian/libc6@2.36?arch=amd64", "Z", "", "pkg:npm/a@1#x",
    "pkg:npm/ÿ", "pkg:npm/a@10",
  ]

  /// A fixed pseudo-random sequence, so the test is repeatable.
  struct Sequence {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test("sorts components by the UTF-8 bytes of their ids, equal ids in input order")
  func sortsComponents() {
    var random = Sequence()
    var components: [Component] = []
    for i in 0..<200 {
      let id = Self.ids[random.next(Self.ids.count)]
      components.append(Component(id: ComponentID(id), ecosystem: .npm, name: "n\(i)"))
    }
    let graph = Graph(components: components, edges: [], roots: [])
    let expected = components.enumerated().sorted { x, y in
      x.element.id != y.element.id ? x.element.id < y.element.id : x.offset < y.offset
    }.map(\.element)
    #expect(graph.components == expected)
  }

  @Test("sorts edges as Edge orders them and drops duplicates")
  func sortsEdges() {
    var random = Sequence()
    let kinds = Edge.Kind.allCases
    let requirements: [String?] = [nil, "^1", "^1.0", ">= 2"]
    var edges: [Edge] = []
    for _ in 0..<400 {
      edges.append(
        Edge(
          from: ComponentID(Self.ids[random.next(Self.ids.count)]),
          to: ComponentID(Self.ids[random.next(Self.ids.count)]),
          kind: kinds[random.next(kinds.count)],
          requirement: requirements[random.next(requirements.count)],
          alternativeGroup: random.next(4) == 0 ? "g" : nil))
    }
    let graph = Graph(components: [], edges: edges, roots: [])
    var expected: [Edge] = []
    for e in edges.sorted() where expected.last != e { expected.append(e) }
    #expect(graph.edges == expected)
    #expect(expected.count < edges.count)
  }
}
