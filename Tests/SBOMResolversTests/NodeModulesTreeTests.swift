import Testing

@testable import SBOMResolvers

@Suite("node_modules lookups")
struct NodeModulesTreeTests {
  static func entry(_ path: String, link: String? = nil) -> PackageLockEntry {
    var e = PackageLockEntry(
      path: path, installName: PackageLockParser.installName(of: path), locator: .packagesKey(path))
    if let link {
      e.link = true
      e.resolved = link
    }
    return e
  }

  static let tree = NodeModulesTree(entries: [
    entry("node_modules/a"),
    entry("node_modules/b"),
    entry("node_modules/a/node_modules/b"),
    entry("node_modules/@s/c"),
    entry("node_modules/@s/c/node_modules/a"),
    entry("node_modules/ws", link: "packages/ws"),
    entry("packages/ws"),
    entry("packages/ws/node_modules/b"),
    entry("node_modules/gone", link: "packages/gone"),
  ])

  @Test("a dependency resolves in the nearest node_modules up the folders")
  func nearest() {
    #expect(Self.tree.lookup("b", from: "node_modules/a") == 2)
    #expect(Self.tree.lookup("b", from: "node_modules/a/node_modules/b") == 2)
    #expect(Self.tree.lookup("b", from: "node_modules/@s/c") == 1)
    #expect(Self.tree.lookup("a", from: "node_modules/@s/c") == 4)
    #expect(Self.tree.lookup("@s/c", from: "node_modules/a/node_modules/b") == 3)
    #expect(Self.tree.lookup("b", from: "") == 1)
    #expect(Self.tree.lookup("zzz", from: "node_modules/a") == nil)
  }

  @Test("a workspace folder resolves from its own node_modules, then its parents'")
  func workspaceFolders() {
    #expect(Self.tree.lookup("b", from: "packages/ws") == 7)
    #expect(Self.tree.lookup("a", from: "packages/ws") == 0)
  }

  @Test("links lead to their target folder; a missing target leads nowhere")
  func links() {
    #expect(Self.tree.follow(5) == .entry(6))
    #expect(Self.tree.follow(8) == nil)
    #expect(Self.tree.follow(0) == .entry(0))
  }

  @Test("without links or bundled packages, lookups by path still find the first entry")
  func unindexedPaths() {
    let tree = NodeModulesTree(entries: [
      Self.entry("node_modules/a"), Self.entry("node_modules/a/node_modules/b"),
      Self.entry("node_modules/a"),
    ])
    #expect(tree.entry(at: "node_modules/a") == 0)
    #expect(tree.entry(at: "node_modules/a/node_modules/b") == 1)
    #expect(tree.entry(at: "node_modules/c") == nil)
    #expect(tree.lookup("b", from: "node_modules/a") == 1)
    #expect(tree.lookup("a", from: "node_modules/a/node_modules/b") == 0)
    #expect(tree.lookup("b", from: "") == nil)
  }

  @Test("the search folders skip scope folders and node_modules itself")
  func parents() {
    #expect(
      NodeModulesTree.searchFolders(from: "node_modules/a/node_modules/@s/b") == [
        "node_modules/a/node_modules/@s/b/node_modules/", "node_modules/a/node_modules/",
        "node_modules/",
      ])
    #expect(
      NodeModulesTree.searchFolders(from: "apps/web") == [
        "apps/web/node_modules/", "apps/node_modules/", "node_modules/",
      ])
    #expect(NodeModulesTree.searchFolders(from: "") == ["node_modules/"])
  }
}
