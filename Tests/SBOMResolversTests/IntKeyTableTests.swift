import Testing

@testable import SBOMResolvers

@Suite("Integer key table")
struct IntKeyTableTests {
  @Test("keys map to their latest values, and absent keys to nil, as the table grows")
  func values() {
    var table = IntKeyTable(capacity: 1)
    for k in 0..<4000 { table[k << 32 | (k % 7)] = Int32(k) }
    table[0] = 99
    #expect(table[0] == 99)
    #expect(table[5 << 32 | 5] == 5)
    #expect(table[3999 << 32 | (3999 % 7)] == 3999)
    #expect(table[1] == nil)
    #expect(table.count == 4000)
  }
}
