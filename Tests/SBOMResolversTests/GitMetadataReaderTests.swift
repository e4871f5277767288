import Testing

@testable import SBOMResolvers

@Suite("git metadata from .git files")
struct GitMetadataReaderTests {
  let head = String(repeating: "ab", count: 20)

  @Test("HEAD on a branch resolves through a loose ref, and a lightweight loose tag names it")
  func looseRefs() throws {
    let source = MemorySource(texts: [
      ".git/HEAD": "ref: refs/heads/main\n",
      ".git/refs/heads/main": head + "\n",
      ".git/refs/tags/1.0.0": String(repeating: "cd", count: 20) + "\n",
      ".git/refs/tags/nested/2.0.0": head + "\n",
    ])
    let meta = try #require(GitMetadataReader.read(gitPath: ".git", in: source))
    #expect(meta.commit == head)
    #expect(meta.branch == "main")
    #expect(meta.tag == "nested/2.0.0")
  }

  @Test("packed-refs resolve the branch, and a peeled annotated tag names HEAD")
  func packedRefs() throws {
    let source = MemorySource(texts: [
      ".git/HEAD": "ref: refs/heads/release\n",
      ".git/packed-refs": """
      # pack-refs with: peeled fully-peeled sorted
      \(head) refs/heads/release
      \(String(repeating: "ef", count: 20)) refs/tags/v3.1.0
      ^\(head)
      """,
    ])
    let meta = try #require(GitMetadataReader.read(gitPath: ".git", in: source))
    #expect(meta.commit == head)
    #expect(meta.tag == "v3.1.0")
  }

  @Test("a detached HEAD is the commit; several tags choose the greatest name")
  func detached() throws {
    let source = MemorySource(texts: [
      ".git/HEAD": head,
      ".git/refs/tags/1.9.0": head,
      ".git/refs/tags/2.0.0": head,
    ])
    let meta = try #require(GitMetadataReader.read(gitPath: ".git", in: source))
    #expect(meta.branch == nil)
    #expect(meta.tag == "2.0.0")
  }

  @Test("origin url comes from its own section, quoted or not")
  func origin() {
    let source = MemorySource(texts: [
      ".git/config": """
      [remote "upstream"]
      \turl = https://example.com/up/repo
      [Remote "origin"]
      \tURL = "git@github.com:acme/widget.git"
      """
    ])
    #expect(GitMetadataReader.originURL(".git", source) == "git@github.com:acme/widget.git")
  }

  @Test("a gitdir file pointing outside the scan root is not followed")
  func gitdirOutside() {
    let source = MemorySource(texts: [".git": "gitdir: ../../elsewhere/.git\n"])
    #expect(GitMetadataReader.read(gitPath: ".git", in: source) == nil)
    let inside = MemorySource(texts: [
      "sub/.git": "gitdir: ../.git/modules/sub\n", ".git/modules/sub/HEAD": head,
    ])
    #expect(GitMetadataReader.read(gitPath: "sub/.git", in: inside)?.commit == head)
  }

  @Test("a ref name climbing out of .git is refused")
  func unsafeRef() throws {
    let source = MemorySource(texts: [".git/HEAD": "ref: ../../secret\n", "secret": head])
    #expect(try #require(GitMetadataReader.read(gitPath: ".git", in: source)).commit == nil)
  }
}
