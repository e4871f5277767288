import Testing

@testable import SBOMResolvers

@Suite("Xcode project package references")
struct XcodeProjectPackagesParserTests {
  func project(_ objects: String) -> String {
    "// !$*UTF8*$!\n{\n archiveVersion = 1;\n objects = {\n\(objects)\n };\n rootObject = X;\n}\n"
  }

  @Test("each requirement kind is written as a manifest would write it")
  func requirements() throws {
    let kinds = [
      ("upToNextMajorVersion", "minimumVersion = 1.0.0;", #"from: "1.0.0""#),
      ("upToNextMinorVersion", "minimumVersion = 1.2.0;", #".upToNextMinor(from: "1.2.0")"#),
      ("exactVersion", "version = 2.0.0;", #"exact: "2.0.0""#),
      ("branch", "branch = main;", #"branch: "main""#),
      ("revision", "revision = abc;", #"revision: "abc""#),
      (
        "versionRange", "minimumVersion = 1.0.0; maximumVersion = 3.0.0;",
        #""1.0.0"..<"3.0.0""#
      ),
    ]
    for (i, (kind, fields, expected)) in kinds.enumerated() {
      let text = project(
        """
        R\(i) /* ref */ = {
          isa = XCRemoteSwiftPackageReference;
          repositoryURL = "https://github.com/a/p\(i).git";
          requirement = { kind = \(kind); \(fields) };
        };
        """)
      let dependency = try #require(XcodeProjectPackagesParser.parse(text)?.first)
      #expect(dependency.requirement == expected)
      #expect(dependency.identity == "p\(i)")
    }
  }

  @Test("local package references become path dependencies; other objects are ignored")
  func local() throws {
    let text = project(
      """
      P /* Project object */ = { isa = PBXProject; packageReferences = ( L, ); };
      L = { isa = XCLocalSwiftPackageReference; relativePath = "Local Packages/Kit"; };
      """)
    let dependencies = try #require(XcodeProjectPackagesParser.parse(text))
    #expect(dependencies.map(\.location) == [.path("Local Packages/Kit")])
  }

  @Test("text that is not a property list gives nil, not a crash")
  func garbage() {
    #expect(XcodeProjectPackagesParser.parse("{ objects = { a = ") == nil)
    #expect(XcodeProjectPackagesParser.parse(String(repeating: "{a=", count: 10_000)) == nil)
    #expect(XcodeProjectPackagesParser.parse("") == nil)
  }
}
