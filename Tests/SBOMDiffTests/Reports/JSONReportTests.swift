import LineageJSON
import SBOMTestSupport
import Testing

@testable import SBOMDiff

@Suite("JSON report")
struct JSONReportTests {
  @Test(
    "the documented contract: schemaVersion, summary, changes with kind, name, purl, before, after (golden)"
  )
  func golden() throws {
    let bytes = JSONReport().render(DiffFixtures.everyKindResult())
    try Golden.check(
      String(decoding: bytes, as: UTF8.self), against: "goldens/diff/every-kind.json")
  }

  @Test("every change has the contract's fields; added has before null, removed has after null")
  func contract() throws {
    let doc = try JSONReader.parse(JSONReport().render(DiffFixtures.everyKindResult()))
    #expect(doc["schemaVersion"]?.intValue == 1)
    let changes = try #require(doc["changes"]?.arrayValue)
    #expect(doc["summary"]?["total"]?.intValue == changes.count)
    for change in changes {
      #expect(change["kind"]?.stringValue != nil)
      #expect(change["name"]?.stringValue != nil)
      #expect(change["purl"]?.stringValue?.hasPrefix("pkg:") == true)
      #expect(
        change["purl"]?.stringValue?.contains("@") == false
          || change["name"]?.stringValue?.hasPrefix("@") == true)
      let kind = change["kind"]?.stringValue
      if kind == "added" { #expect(change["before"]?.isNull == true) }
      if kind == "removed" { #expect(change["after"]?.isNull == true) }
      for side in ["before", "after"] where change[side]?.isNull == false {
        #expect(change[side]?.objectValue?.keys.contains("version") == true)
      }
    }
  }
}
