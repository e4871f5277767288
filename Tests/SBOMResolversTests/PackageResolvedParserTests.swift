import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("Package.resolved parser")
struct PackageResolvedParserTests {
  func parse(_ text: String) throws -> PackageResolvedFile {
    try PackageResolvedParser.parse(Array(text.utf8), file: "Package.resolved")
  }

  @Test("v1 pins derive their identity from the repository URL")
  func v1() throws {
    let file = try parse(
      #"""
      {"object": {"pins": [{"package": "llbuild",
        "repositoryURL": "https://github.com/apple/swift-llbuild.git",
        "state": {"branch": null, "revision": "r1", "version": "0.5.0"}}]}, "version": 1}
      """#)
    #expect(file.version == 1)
    #expect(file.pins.first?.identity == "swift-llbuild")
    #expect(file.pins.first?.v1Name == "llbuild")
    #expect(file.pins.first?.branch == nil)
  }

  @Test("v3 keeps the origin hash; registry pins need a version but no revision")
  func v3() throws {
    let file = try parse(
      #"""
      {"originHash": "h", "pins": [
        {"identity": "mona.linkedlist", "kind": "registry", "location": "", "state": {"version": "1.1.0"}}
      ], "version": 3}
      """#)
    #expect(file.originHash == "h")
    #expect(file.pins.first?.kind == .registry)
    #expect(file.pins.first?.revision == nil)
  }

  @Test("an empty object is zero pins with a warning")
  func emptyObject() throws {
    let file = try parse("{}")
    #expect(file.pins.isEmpty)
    #expect(file.version == nil)
    #expect(file.warnings.count == 1)
  }

  @Test("a source-control pin without a revision is an error at its JSON path")
  func missingRevision() {
    #expect {
      try parse(
        #"{"pins": [{"identity": "a", "kind": "remoteSourceControl", "location": "https://x/a", "state": {}}], "version": 2}"#
      )
    } throws: { error in
      (error as? LineageError)?.location?.jsonPath == "$.pins[0].state.revision"
        && (error as? LineageError)?.code == .schema
    }
  }

  @Test("a version of the wrong type is a schema error")
  func versionType() {
    #expect {
      try parse(#"{"pins": [], "version": "2"}"#)
    } throws: { error in
      (error as? LineageError)?.location?.jsonPath == "$.version"
    }
  }

  @Test("a JSON syntax error carries line and column")
  func syntax() {
    #expect {
      try parse("{\n  \"pins\": [,]\n}")
    } throws: { error in
      let e = error as? LineageError
      return e?.code == .syntax && e?.location?.line == 2 && e?.location?.column != nil
    }
  }
}
