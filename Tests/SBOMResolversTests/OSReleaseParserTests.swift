import Testing

@testable import SBOMResolvers

@Suite("OSReleaseParser")
struct OSReleaseParserTests {
  @Test("ID, VERSION_ID and VERSION_CODENAME are read, quotes removed")
  func fields() {
    let release = OSReleaseParser.parse(
      "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nID=ubuntu\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n# comment\n"
    )
    #expect(
      release
        == OSRelease(
          id: "ubuntu", versionID: "22.04", versionCodename: "jammy",
          prettyName: "Ubuntu 22.04.4 LTS"))
    #expect(release?.distroQualifier == "ubuntu-22.04")
  }

  @Test("testing and unstable have no VERSION_ID: the codename stands in")
  func codename() {
    let release = OSReleaseParser.parse("ID=debian\nVERSION_CODENAME=trixie\n")
    #expect(release?.distroQualifier == "debian-trixie")
  }

  @Test("text without ID is not an os-release")
  func missingID() {
    #expect(OSReleaseParser.parse("NAME=foo\n") == nil)
  }

  @Test("--distro splits at the first dash")
  func distroOption() {
    #expect(OSRelease(distroOption: "debian-12") == OSRelease(id: "debian", versionID: "12"))
    #expect(OSRelease(distroOption: "ubuntu-22.04")?.distroQualifier == "ubuntu-22.04")
    #expect(OSRelease(distroOption: "debian") == nil)
  }
}
