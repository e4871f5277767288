import Testing

@testable import SBOMResolvers

@Suite("String interner")
struct StringInternerTests {
  @Test("strings are numbered in the order first added and read back")
  func numbering() {
    var table = StringInterner(capacity: 1)
    let paths = ["", "node_modules/a", "node_modules/a/node_modules/b", "packages/x"]
    for (i, path) in paths.enumerated() { #expect(table.intern(path) == Int32(i)) }
    for (i, path) in paths.enumerated() {
      #expect(table.find(path) == Int32(i))
      #expect(table.string(Int32(i)) == path)
    }
    #expect(table.intern("node_modules/a") == 1)
    #expect(table.find("node_modules") == nil)
    for i in 0..<3000 { #expect(table.intern("p/\(i)") == Int32(paths.count + i)) }
    #expect(table.count == paths.count + 3000)
    #expect(table.find("p/2999") == Int32(paths.count + 2999))
  }
}
