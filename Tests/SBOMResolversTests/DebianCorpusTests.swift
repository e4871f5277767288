import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

/// Every Debian input of the shared corpus (kinds `debian` and `pairs:debian`), in both the
/// flat form the corpus stores and as `var/lib/dpkg/status` of a root filesystem.
@Suite("Debian corpus")
struct DebianCorpusTests {
  static let statusFiles: [String] = {
    let files = (try? TestPaths.corpusFiles { $0 == "debian" || $0 == "pairs:debian" }) ?? []
    return files.filter { !$0.contains("/status.d/") && !$0.hasSuffix(".status") }
  }()

  @Test("the corpus lists the Debian inputs this suite expects")
  func manifest() {
    #expect(Self.statusFiles.count >= 7)
  }

  @Test("components equal the installed paragraphs, given flat", arguments: statusFiles)
  func flat(_ path: String) throws {
    let url = TestPaths.corpus.appendingPathComponent(path)
    let expected = DebianTestSupport.installedParagraphs(
      try String(contentsOf: url, encoding: .utf8))
    let graph = try DebianTestSupport.scanFile(url, options: ScanOptions(distro: "debian-12"))
    #expect(DebianTestSupport.componentPairs(graph) == expected)
    #expect(graph.roots.count == 1)
  }

  @Test(
    "components equal the installed paragraphs, inside a root filesystem", arguments: statusFiles)
  func rootFS(_ path: String) throws {
    let url = TestPaths.corpus.appendingPathComponent(path)
    let expected = DebianTestSupport.installedParagraphs(
      try String(contentsOf: url, encoding: .utf8))
    let root = try DebianTestSupport.makeRootFS(
      status: url, osRelease: "ID=ubuntu\nVERSION_ID=\"18.04\"\n")
    defer { try? FileManager.default.removeItem(at: root) }
    let graph = try DebianTestSupport.scanDirectory(root)
    #expect(DebianTestSupport.componentPairs(graph) == expected)
    #expect(graph.packages.allSatisfy { $0.purl?.qualifiers["distro"] == "ubuntu-18.04" })
    #expect(!graph.diagnostics.contains { $0.message.contains("no etc/os-release") })
  }

  @Test("the corrupted status gives warnings with line numbers and the four good packages")
  func corrupted() throws {
    let url = TestPaths.corpus.appendingPathComponent("debian/trivy-corrupted/corrupsed")
    let graph = try DebianTestSupport.scanFile(url, options: ScanOptions(distro: "ubuntu-15.10"))
    #expect(
      graph.packages.map(\.name) == ["libgcc1", "libpam-modules-bin", "libpam-runtime", "makedev"])
    let libgcc = try #require(graph.packages.first { $0.name == "libgcc1" })
    #expect(libgcc.version == "1:5.1.1-12ubuntu1")
    #expect(libgcc.property("lineage:deb:source-version") == "5.1.1-12ubuntu1")
    let lines = graph.diagnostics.filter { $0.location.file.hasSuffix("corrupsed") }.compactMap(
      \.location.line)
    #expect(lines.contains(63))  // the paragraph with only Package:
    #expect(lines.contains(85))  // invalidpkg, no Status and version 1:5.#
    #expect(graph.diagnostics.allSatisfy { $0.location.line != nil })
  }

  @Test("the corpus status.d directory: the control file is a package, its md5sums are files")
  func statusD() throws {
    let dir = TestPaths.corpus.appendingPathComponent("debian/syft-distroless-md5sums/status.d")
    let graph = try DebianTestSupport.scanDirectory(
      dir, options: ScanOptions(distro: "debian-12", includeFiles: true))
    #expect(graph.packages.map(\.name) == ["libsqlite3-0"])
    let sqlite = try #require(graph.packages.first)
    #expect(
      sqlite.purl?.description.hasPrefix("pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64") == true)
    #expect(sqlite.files.count == 6)
    #expect(sqlite.files.first?.path == "/usr/lib/aarch64-linux-gnu/libsqlite3.so.0.8.6")
    #expect(graph.diagnostics.contains { $0.message.contains("libc6 (>= 2.29)") })
  }

  @Test("vcpkg's status database (dpkg syntax, not Debian) is refused with a clear error")
  func vcpkg() throws {
    let url = TestPaths.corpus.appendingPathComponent("debian/vcpkg-claircore/vcpkg.status")
    let error = try #require(throws: LineageError.self) { try DebianTestSupport.scanFile(url) }
    #expect(error.code == .unrecognizedInput)
    #expect(error.message.contains("vcpkg"))
    #expect(error.location?.line != nil)
  }

  @Test("703 packages resolve in well under a second, edges included")
  func performance() throws {
    let url = TestPaths.corpus.appendingPathComponent(
      "debian/dpkg-status-bookworm-swift-image/status")
    let bytes = try [UInt8](Data(contentsOf: url))
    let source = MemorySource(files: ["status": bytes])
    let clock = ContinuousClock()
    var graph: Graph?
    let elapsed = try clock.measure {
      graph = try DebianResolver().resolve(
        input: "status", in: source, options: ScanOptions(distro: "debian-12"))
    }
    #expect(graph?.packages.count == 703)
    #expect((graph?.edges.count ?? 0) > 703)
    #expect(elapsed < .seconds(2))  // debug build; release takes a few milliseconds
  }
}
