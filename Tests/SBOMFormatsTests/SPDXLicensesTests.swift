import SBOMFormats
import SBOMModel
import Testing

@Suite("Licence mapping")
struct SPDXLicensesTests {
  private func declared(_ text: String, _ format: String = "spdx-json") throws -> String {
    let p = try PackageURL(type: "generic", name: "x", version: "1")
    let c = Component(
      id: .derived(from: p), ecosystem: .generic, name: "x", version: "1", purl: p,
      declaredLicense: LicenseExpression.lenient(text), supplier: Supplier(name: "s"))
    let graph = Graph(components: [c], edges: [], roots: [c.id])
    let out = try EncodingHelpers.text(graph, as: FormatID(name: format))
    let line = out.split(separator: "\n").first { $0.contains("\"licenseDeclared\"") } ?? ""
    return String(line.split(separator: "\"")[3])
  }

  @Test("listed ids are written in canonical case; GNU + spellings become -or-later")
  func canonical() throws {
    #expect(try declared("mit") == "MIT")
    #expect(try declared("GPL-2.0+") == "GPL-2.0-or-later")
    #expect(try declared("LGPL-2.1") == "LGPL-2.1-only")
    #expect(try declared("Apache-2.0 or mit") == "Apache-2.0 OR MIT")
  }

  @Test("unlisted names become sanitised LicenseRefs")
  func unlisted() throws {
    #expect(try declared("Custom License") == "LicenseRef-Custom-License")
    #expect(
      try declared("MIT AND (Foo OR BSD-3-Clause)") == "MIT AND (LicenseRef-Foo OR BSD-3-Clause)")
    #expect(try declared("MIT WITH Not-An-Exception") == "LicenseRef-MIT-WITH-Not-An-Exception")
  }
}
