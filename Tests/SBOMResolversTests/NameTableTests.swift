import Testing

@testable import SBOMResolvers

@Suite("Name table")
struct NameTableTests {
  @Test("names are numbered in the order first added, and found again by their bytes")
  func numbering() {
    var table = NameTable(capacity: 2)
    let names = [
      "a", "pkg-000001", "@scope/name", "exactly-16-bytes", "a-name-longer-than-sixteen-bytes",
      "a-name-longer-than-sixteen-bytez", "", "é",
    ]
    for (i, name) in names.enumerated() { #expect(table.intern(name) == Int32(i)) }
    for (i, name) in names.enumerated() {
      #expect(table.intern(name) == Int32(i))
      #expect(table.find(name) == Int32(i))
    }
    #expect(table.count == names.count)
    #expect(table.find("pkg-000002") == nil)
    #expect(table.find("a-name-longer-than-sixteen-bytes!") == nil)
  }

  @Test("a table grows past its capacity without losing a name")
  func growth() {
    var table = NameTable(capacity: 1)
    for i in 0..<5000 { #expect(table.intern("pkg-\(i)") == Int32(i)) }
    for i in 0..<5000 { #expect(table.find("pkg-\(i)") == Int32(i)) }
  }
}
