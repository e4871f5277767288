import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("Md5sumsParser")
struct Md5sumsParserTests {
  @Test("each line gives an absolute path with its MD5")
  func lines() {
    let text =
      "e11d70c96979a1328ae4e7e50542782b  usr/lib/libsqlite3.so.0\r\n9d8facc2fa9d2df52f1c7cb4e5fa4741  usr/share/doc/x y\n"
    let (files, diagnostics) = Md5sumsParser.parse(Array(text.utf8), file: "x.md5sums")
    #expect(diagnostics.isEmpty)
    #expect(files.map(\.path) == ["/usr/lib/libsqlite3.so.0", "/usr/share/doc/x y"])
    #expect(files[0].hashes == [Hash(.md5, "e11d70c96979a1328ae4e7e50542782b")])
  }

  @Test("a malformed line is a warning with its line number")
  func malformed() {
    let (files, diagnostics) = Md5sumsParser.parse(Array("nonsense\n".utf8), file: "x.md5sums")
    #expect(files.isEmpty)
    #expect(diagnostics.map { $0.location.line } == [1])
  }
}
