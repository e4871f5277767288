import SBOMModel
import Testing

@testable import SBOMDiff

@Suite("Origin locus")
struct OriginLocusTests {
  @Test("tarballs of two versions on one registry are one locus; yarnpkg is npmjs")
  func registryTarballs() {
    #expect(
      !OriginLocus.moved(
        .registry(url: "https://registry.npmjs.org/@babel/core/-/core-7.23.0.tgz"),
        .download(url: "https://registry.yarnpkg.com/@babel/core/-/core-7.24.0.tgz#sha1")))
  }

  @Test("a registry base path is kept: another repository on one host is a move")
  func registryBasePath() {
    #expect(
      OriginLocus.moved(
        .registry(url: "https://repo.example.com/api/npm/public/debug/-/debug-4.3.4.tgz"),
        .registry(url: "https://repo.example.com/api/npm/internal/debug/-/debug-4.3.4.tgz")))
  }

  @Test("a GitHub archive download and a git URL of the same repository are one locus")
  func githubArchive() {
    #expect(
      !OriginLocus.moved(
        .download(url: "https://codeload.github.com/getsentry/foo/tar.gz/abc123"),
        .git(url: "git+ssh://git@github.com/GetSentry/foo.git", revision: "abc123", reference: nil))
    )
  }

  @Test("registry to git, git to another repository, and vendor changes are moves")
  func moves() {
    #expect(
      OriginLocus.moved(
        .registry(url: "https://registry.npmjs.org/a/-/a-1.tgz"),
        .git(url: "https://github.com/x/a", revision: nil, reference: nil)))
    #expect(
      OriginLocus.moved(
        .git(url: "https://github.com/x/a", revision: nil, reference: nil),
        .git(url: "https://github.com/y/a", revision: nil, reference: nil)))
    #expect(
      OriginLocus.moved(
        .distribution(.init(vendor: "debian", release: "12")),
        .distribution(.init(vendor: "ubuntu", release: "22.04"))))
    #expect(
      !OriginLocus.moved(
        .distribution(.init(vendor: "debian", release: "11")),
        .distribution(.init(vendor: "Debian", release: "12"))))
  }

  @Test("an unknown origin on either side is never a move")
  func unknownIsSilent() {
    #expect(!OriginLocus.moved(.unknown, .path("vendor/a")))
    #expect(!OriginLocus.moved(.registry(url: "https://x.org/a/-/a-1.tgz"), .unknown))
  }

  @Test("URLs are reduced to host and path without user info, port or query")
  func parsedURL() {
    let u = ParsedURL("git+https://user:token@Example.COM:443/a/b?x=1#frag")
    #expect(u?.host == "example.com")
    #expect(u?.path == ["a", "b"])
    #expect(ParsedURL("not a url") == nil)
  }
}
