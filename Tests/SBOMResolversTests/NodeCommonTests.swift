import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("Node lockfile helpers")
struct NodeCommonTests {
  @Test("scoped names split into scope and name")
  func packageNames() {
    #expect(NodePackageName("@babel/core").scope == "@babel")
    #expect(NodePackageName("@babel/core").name == "core")
    #expect(NodePackageName("lodash").scope == nil)
    #expect(NodePackageName("@babel/core").description == "@babel/core")
  }

  @Test("npm: aliases give the real name and spec")
  func aliases() throws {
    let plain = try #require(NodeAlias("npm:string-width@^4.2.0"))
    #expect(plain.name == "string-width")
    #expect(plain.spec == "^4.2.0")
    let scoped = try #require(NodeAlias("npm:@bundled-es-modules/chai@4.2.2"))
    #expect(scoped.name == "@bundled-es-modules/chai")
    #expect(scoped.spec == "4.2.2")
    #expect(NodeAlias("npm:left-pad")?.spec == nil)
    #expect(NodeAlias("^1.0.0") == nil)
    #expect(NodeAlias("npm:") == nil)
  }

  @Test("purls lowercase scope and name and keep the version")
  func purls() throws {
    let purl = try NodePURL.make(name: "@Scope/JSONStream", version: "1.3.5")
    #expect(purl.type == "npm")
    #expect(purl.namespace == "@scope")
    #expect(purl.name == "jsonstream")
    #expect(purl.version == "1.3.5")
  }

  @Test("SRI integrity becomes the same hex digests as the model's decoder")
  func integrity() {
    let sris = [
      "sha512-nne9/IiQ/hzIhY6pdDnbBtz7DjPTKrY00P/zvPSm5pOFkl6xuGrGnXn/VtTNNfNtAfZ9/1RtehkszU9qcTii0Q==",
      "sha1-2f22765d04931a07ZZZZZZZZZZZZZZ=",
      "sha1-Ck0b3t7LXBnSrAXcuqZIbKbGdwI= sha512-nne9/IiQ/hzIhY6pdDnbBtz7DjPTKrY00P/zvPSm5pOFkl6xuGrGnXn/VtTNNfNtAfZ9/1RtehkszU9qcTii0Q==",
      "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=?opt",
      "md5-abc", "", "sha512-!!!",
    ]
    for sri in sris {
      #expect(NodeIntegrity.hashes(sri) == Hash.fromSubresourceIntegrity(sri), "\(sri)")
    }
    #expect(
      NodeIntegrity.hashes("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").first?.value
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test("registry tarballs give the registry base; other URLs are downloads")
  func registryOrigins() {
    let npm = NodeResolvedSource.classify(
      "https://registry.npmjs.org/@babel/core/-/core-7.23.0.tgz", name: "@babel/core",
      baseDirectory: "")
    #expect(npm.origin == .registry(url: "https://registry.npmjs.org"))
    #expect(npm.qualifiers.isEmpty)
    let encoded = NodeResolvedSource.classify(
      "https://npm.corp.example/api/npm/@corp%2fpkg/-/pkg-1.0.0.tgz", name: "@corp/pkg",
      baseDirectory: "")
    #expect(encoded.origin == .registry(url: "https://npm.corp.example/api/npm"))
    #expect(encoded.qualifiers == ["repository_url": "https://npm.corp.example/api/npm"])
    let yarn = NodeResolvedSource.classify(
      "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz", name: "left-pad",
      baseDirectory: "")
    #expect(yarn.origin == .registry(url: "https://registry.npmjs.org"))
    #expect(yarn.qualifiers.isEmpty)
    let tarball = NodeResolvedSource.classify(
      "https://github.com/eligrey/classList.js/archive/1.2.20180112.tar.gz", name: "classlist",
      baseDirectory: "")
    #expect(
      tarball.origin
        == .download(url: "https://github.com/eligrey/classList.js/archive/1.2.20180112.tar.gz"))
    #expect(tarball.qualifiers["download_url"] != nil)
  }

  @Test("git sources normalise the URL and keep the commit")
  func gitOrigins() throws {
    let sha = "ed597411d8f924073f98dfc5c65a23a2325f34cd"
    let ssh = NodeResolvedSource.classify(
      "git+ssh://git@github.com/actions/github-script.git#\(sha)", name: "github-script",
      baseDirectory: "")
    #expect(
      ssh.origin
        == .git(url: "https://github.com/actions/github-script", revision: sha, reference: nil))
    #expect(ssh.qualifiers["vcs_url"] == "git+https://github.com/actions/github-script@\(sha)")
    let shortcut = try #require(NodeResolvedSource.gitSource("github:a/b#\(sha)"))
    #expect(shortcut.origin == .git(url: "https://github.com/a/b", revision: sha, reference: nil))
    let branch = try #require(NodeResolvedSource.gitSource("git+https://github.com/a/b.git#main"))
    #expect(branch.commit == nil)
    #expect(NodeResolvedSource.gitSource("^1.2.3") == nil)
    let gitlab = try #require(NodeResolvedSource.gitSource("gitlab:o/r#\(sha)"))
    #expect(gitlab.origin == .git(url: "https://gitlab.com/o/r", revision: sha, reference: nil))
  }

  @Test("paths are relative to the scan root")
  func pathOrigins() {
    #expect(
      NodeResolvedSource.classify(
        "file:../lib/x-1.0.0.tgz", name: "x", baseDirectory: "app/web"
      ).origin
        == .path("app/lib/x-1.0.0.tgz"))
    #expect(
      NodeResolvedSource.classify("packages/a", name: "a", baseDirectory: "").origin
        == .path("packages/a"))
  }

  @Test("merge-conflict markers are found at line starts only")
  func conflictMarkers() {
    #expect(MergeConflictMarkers.firstLine(in: Array("a\n<<<<<<< HEAD\n".utf8)) == 2)
    #expect(MergeConflictMarkers.firstLine(in: Array("a\nb\n=======\n".utf8)) == 3)
    #expect(MergeConflictMarkers.firstLine(in: Array(">>>>>>> x".utf8)) == 1)
    #expect(MergeConflictMarkers.firstLine(in: Array("  <<<<<<< HEAD\n".utf8)) == nil)
    #expect(MergeConflictMarkers.firstLine(in: Array("========\n<<<<<<<<\n".utf8)) == nil)
    #expect(MergeConflictMarkers.firstLine(in: []) == nil)
  }

  @Test("package.json gives name, version, dependencies by kind, workspaces and optional peers")
  func manifest() throws {
    let source = MemorySource(texts: [
      "app/package.json": """
      {"name": "@a/app", "version": "1.0.0", "dependencies": {"x": "^1"},
       "devDependencies": {"y": "2"}, "optionalDependencies": {"z": "*"},
       "peerDependencies": {"p": ">=1"}, "peerDependenciesMeta": {"p": {"optional": true}},
       "workspaces": {"packages": ["packages/*"]}}
      """
    ])
    let m = try #require(PackageJSONManifest.read(in: source, directory: "app"))
    #expect(m.name == "@a/app")
    #expect(m.version == "1.0.0")
    #expect(
      m.dependencies.map(\.kind) == [.dependsOn, .devDependsOn, .optionalDependsOn, .peerDependsOn])
    #expect(m.workspaces == ["packages/*"])
    #expect(m.optionalPeers == ["p"])
    #expect(PackageJSONManifest.read(in: source, directory: "missing") == nil)
  }

  @Test("workspace globs match one segment with * and any depth with **")
  func globs() {
    #expect(WorkspaceGlob.matches("packages/*", path: "packages/web"))
    #expect(!WorkspaceGlob.matches("packages/*", path: "packages/web/sub"))
    #expect(WorkspaceGlob.matches("./docs", path: "docs"))
    #expect(WorkspaceGlob.matches("apps/**", path: "apps/a/b"))
    #expect(WorkspaceGlob.matches("pkg-?", path: "pkg-a"))
    #expect(!WorkspaceGlob.matches("packages/*", path: "node_modules/x"))
  }
}
