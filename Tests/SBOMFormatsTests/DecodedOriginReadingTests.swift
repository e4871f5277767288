import SBOMModel
import Testing

@testable import SBOMFormats

@Suite("DecodedOriginReading")
struct DecodedOriginReadingTests {
  @Test("an SPDX git download location with @revision is a git origin at that revision")
  func gitAtRevision() {
    #expect(
      DecodedOriginReading.origin(
        fromLocator:
          "git+https://github.com/apple/swift-nio.git@0123456789abcdef0123456789abcdef01234567",
        purlType: nil)
        == .git(
          url: "https://github.com/apple/swift-nio",
          revision: "0123456789abcdef0123456789abcdef01234567", reference: nil))
  }

  @Test("a user-info '@' is not mistaken for a revision")
  func sshUserInfo() {
    #expect(
      DecodedOriginReading.origin(fromLocator: "git+ssh://git@github.com/a/b.git", purlType: nil)
        == .git(url: "https://github.com/a/b", revision: nil, reference: nil))
    #expect(
      DecodedOriginReading.git("git@github.com:a/b.git#v1.2.3")
        == .git(url: "https://github.com/a/b", revision: nil, reference: .tag("v1.2.3")))
  }

  @Test("npm's #committish fragment is the revision")
  func npmFragment() {
    #expect(
      DecodedOriginReading.git("git+https://github.com/a/b.git#abcdef1")
        == .git(url: "https://github.com/a/b", revision: "abcdef1", reference: nil))
  }

  @Test("registry hosts are registry origins, other URLs downloads, NOASSERTION unknown")
  func httpKinds() {
    #expect(
      DecodedOriginReading.origin(
        fromLocator: "https://registry.npmjs.org/a/-/a-1.tgz", purlType: "npm")
        == .registry(url: "https://registry.npmjs.org/a/-/a-1.tgz"))
    #expect(
      DecodedOriginReading.origin(fromLocator: "https://ftp.samba.org/x.tar.gz", purlType: nil)
        == .download(url: "https://ftp.samba.org/x.tar.gz"))
    #expect(DecodedOriginReading.origin(fromLocator: "NOASSERTION", purlType: nil) == .unknown)
    #expect(DecodedOriginReading.origin(fromLocator: "NONE", purlType: nil) == .unknown)
    #expect(DecodedOriginReading.origin(fromLocator: nil, purlType: nil) == .unknown)
  }

  @Test("purl qualifiers and OS distributions pin the origin")
  func purlHints() throws {
    let deb = try PackageURL(
      type: "deb", namespace: "debian", name: "libc6", version: "2.36-9",
      qualifiers: ["arch": "amd64", "distro": "debian-12"])
    #expect(
      DecodedOriginReading.exactOrigin(fromPurl: deb)
        == .distribution(Origin.Distribution(vendor: "debian", release: "12")))
    let npm = try PackageURL(
      type: "npm", name: "x", version: "1.0.0",
      qualifiers: [
        "vcs_url": "git+https://github.com/a/x.git@0123456789abcdef0123456789abcdef01234567"
      ])
    #expect(
      DecodedOriginReading.exactOrigin(fromPurl: npm)
        == .git(
          url: "https://github.com/a/x", revision: "0123456789abcdef0123456789abcdef01234567",
          reference: nil))
    let maven = try PackageURL(
      type: "maven", namespace: "org.a", name: "b", version: "1",
      qualifiers: ["repository_url": "https://repo.example/maven2"])
    #expect(DecodedOriginReading.exactOrigin(fromPurl: maven) == nil)
    #expect(
      DecodedOriginReading.registryHint(fromPurl: maven)
        == .registry(url: "https://repo.example/maven2"))
  }
}
