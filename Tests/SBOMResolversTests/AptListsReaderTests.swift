import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

@Suite("AptListsReader")
struct AptListsReaderTests {
  @Test("index entries give archive, URL and .deb digest; the scheme comes from the sources")
  func entries() throws {
    let source = try DirectorySource(
      root: TestPaths.fixtures.appendingPathComponent("debian/rootfs-bookworm").path)
    let libc6 = AptListsReader.Key(name: "libc6", version: "2.36-9+deb12u4", architecture: "amd64")
    let tar = AptListsReader.Key(
      name: "tar", version: "1.34+dfsg-1.2+deb12u1", architecture: "amd64")
    let (entries, diagnostics) = AptListsReader(source: source, root: "").read(wanted: [libc6, tar])
    #expect(entries.count == 2)
    #expect(
      entries[libc6]?.archive
        == Origin.Archive(
          origin: "Debian", suite: "stable", component: "main",
          url: "https://deb.debian.org/debian/pool/main/g/glibc/libc6_2.36-9+deb12u4_amd64.deb"))
    #expect(entries[libc6]?.sha256?.hasPrefix("a4a2d0f2") == true)
    #expect(entries[tar]?.archive.suite == "stable-security")
    #expect(
      entries[tar]?.archive.url?.hasPrefix("http://security.debian.org/debian-security/") == true)
    // The compressed i386 index is named in a note, not read.
    #expect(diagnostics.count == 1)
    #expect(diagnostics[0].message.contains("binary-i386_Packages.lz4"))
  }
}
