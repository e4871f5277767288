import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@testable import SBOMResolvers

@Suite("DebianResolver")
struct DebianResolverTests {
  let fixtures = DebianTestSupport.fixtures

  @Test("a root filesystem gives components, edges, licences, archives and an OS root (golden)")
  func rootFS() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    try Golden.check(GraphDump.text(graph), against: "goldens/debian/rootfs-bookworm.txt")
    let root = try #require(graph.primaryRoot)
    #expect(root.kind == .operatingSystem)
    #expect(root.name == "debian" && root.version == "12")
    #expect(graph.metadata.inputFormat == "dpkg status")
    // The OS root contains every installed package.
    let rootTargets = Set(graph.edges.filter { $0.from == root.id }.map(\.to))
    #expect(rootTargets == Set(graph.packages.map(\.id)))
  }

  @Test("multi-arch twins are two components whose dependencies stay within their architecture")
  func twins() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    let libc6 = graph.packages.filter { $0.name == "libc6" }
    #expect(libc6.map { $0.purl?.qualifiers["arch"] } == ["amd64", "i386"])
    let i386 = try #require(libc6.first { $0.purl?.qualifiers["arch"] == "i386" })
    let targets = graph.edges.filter { $0.from == i386.id }.compactMap { graph[$0.to] }
    #expect(targets.map { "\($0.name):\($0.purl?.qualifiers["arch"] ?? "")" } == ["libgcc-s1:i386"])
  }

  @Test("purls carry vendor, epoch, arch, distro and upstream; properties name deb facts")
  func identity() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    let login = try #require(graph.packages.first { $0.name == "login" })
    #expect(login.version == "1:4.13+dfsg1-1+b1")
    #expect(login.purl?.namespace == "debian")
    #expect(
      login.purl?.qualifiers
        == ["arch": "amd64", "distro": "debian-12", "upstream": "shadow@1:4.13+dfsg1-1"])
    #expect(login.property("lineage:deb:source") == "shadow")
    #expect(login.property("lineage:deb:source-version") == "1:4.13+dfsg1-1")
    #expect(login.property("lineage:deb:installed-size") == "2624")
    #expect(
      login.supplier
        == Supplier(
          name: "Shadow package maintainers", email: "pkg-shadow-devel@lists.alioth.debian.org"))
    let libc6 = try #require(graph.packages.first { $0.name == "libc6" })
    #expect(libc6.property("lineage:deb:multi-arch") == "same")
    #expect(libc6.homepage == "https://www.gnu.org/software/libc/libc.html")
  }

  @Test("config-files and other not-installed states are warnings, not components")
  func notInstalled() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    #expect(!graph.packages.contains { $0.name == "oldpkg" })
    #expect(
      graph.diagnostics.contains {
        $0.message.contains("oldpkg 2.0-1 is in state `deinstall ok config-files`")
          && $0.location.line != nil
      })
  }

  @Test("virtual packages resolve through Provides, versioned provides satisfy versioned relations")
  func virtuals() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    let helper = try #require(graph.packages.first { $0.name == "liblist-helper-perl" })
    let out = graph.edges.filter { $0.from == helper.id }
    let described = out.map {
      "\(graph[$0.to]?.name ?? "?") \($0.requirement ?? "-") \($0.alternativeGroup ?? "-")"
    }.sorted()
    #expect(
      described == [
        "perl - -",
        "perl-base - libscalar-list-utils-perl (>= 1:2.0) | perl-base",
        "perl-base libscalar-list-utils-perl (>= 1:1.50) -",
      ])
  }

  @Test("licences come from DEP-5 copyright files only")
  func licences() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    func license(_ name: String) -> String? {
      graph.packages.first { $0.name == name }?.declaredLicense?.description
    }
    #expect(license("libc6") == "GPL-2.0-or-later AND LGPL-2.1-or-later")
    #expect(license("debconf") == "BSD-2-Clause")
    #expect(license("tar") == "GPL-3.0-or-later WITH Autoconf-exception-2.0")
    #expect(license("passwd") == nil)  // free-text copyright: no guessing
    #expect(license("perl") == nil)  // no copyright file at all
    let dpkg = license("dpkg") ?? ""
    #expect(dpkg.contains("LicenseRef-Frobnicator-Public-License"))
    #expect(dpkg.contains("LicenseRef-public-domain"))
  }

  @Test(
    "apt lists give the archive and the .deb digest; packages missing from them keep the distribution"
  )
  func origins() throws {
    let graph = try DebianTestSupport.scanDirectory(
      fixtures.appendingPathComponent("rootfs-bookworm"))
    let libc6 = try #require(
      graph.packages.first { $0.name == "libc6" && $0.purl?.qualifiers["arch"] == "amd64" })
    guard case .distribution(let d) = libc6.origin else {
      Issue.record("expected a distribution origin")
      return
    }
    #expect(d.vendor == "debian" && d.release == "12")
    #expect(
      d.archive?.suite == "stable" && d.archive?.component == "main"
        && d.archive?.origin == "Debian")
    #expect(libc6.hashes.map(\.algorithm) == [.sha256])
    let perl = try #require(graph.packages.first { $0.name == "perl" })
    #expect(perl.origin == .distribution(Origin.Distribution(vendor: "debian", release: "12")))
    #expect(perl.hashes.isEmpty)
  }

  @Test("files and their MD5s come from info/<pkg>:<arch>.md5sums only when asked for")
  func files() throws {
    let root = fixtures.appendingPathComponent("rootfs-bookworm")
    let without = try DebianTestSupport.scanDirectory(root)
    #expect(without.packages.allSatisfy { $0.files.isEmpty })
    let with = try DebianTestSupport.scanDirectory(root, options: ScanOptions(includeFiles: true))
    let i386 = try #require(
      with.packages.first { $0.name == "libc6" && $0.purl?.qualifiers["arch"] == "i386" })
    #expect(
      i386.files.map(\.path) == ["/lib/i386-linux-gnu/libc.so.6", "/usr/share/doc/libc6/copyright"])
    #expect(i386.files[0].hashes == [Hash(.md5, "6a7b2ff1e0b8b6f6a0a6a6c0d1a1f002")])
    let dpkg = try #require(with.packages.first { $0.name == "dpkg" })
    #expect(dpkg.files.map(\.path) == ["/usr/bin/dpkg"])
    #expect(
      with.diagnostics.contains {
        $0.location.file.hasSuffix("dpkg.md5sums") && $0.location.line == 2
      })
  }

  @Test("alternatives give an edge to every installed choice, marked as one group (golden)")
  func alternatives() throws {
    let graph = try DebianTestSupport.scanFile(
      fixtures.appendingPathComponent("alternatives/status"),
      options: ScanOptions(distro: "debian-12"))
    try Golden.check(GraphDump.text(graph), against: "goldens/debian/alternatives.txt")
    let app = try #require(graph.packages.first { $0.name == "app" })
    let mta = graph.edges.filter { $0.from == app.id && $0.alternativeGroup == "mta-a | mta-b" }
    #expect(mta.compactMap { graph[$0.to]?.name } == ["mta-a", "mta-b"])
    // An unsatisfied dependency is a warning at its line, and the graph says edges are incomplete.
    #expect(!graph.edgesComplete)
    #expect(
      graph.diagnostics.contains {
        $0.message.contains("missing-lib (>= 2)") && $0.location.line == 6
      })
    #expect(
      graph.diagnostics.contains { $0.message.contains("libold (>= 1.0)") && $0.location.line == 7 }
    )
    // An [i386] relation does not apply to an amd64 package; an unreadable one is reported.
    #expect(!graph.diagnostics.contains { $0.message.contains("winlib") })
    #expect(graph.diagnostics.contains { $0.message.contains("broken") })
    // Recommends: an optional edge when installed, silence when not.
    let optional = graph.edges.filter { $0.from == app.id && $0.kind == .optionalDependsOn }
    #expect(optional.compactMap { graph[$0.to]?.name } == ["extra"])
    #expect(
      graph.diagnostics.contains {
        $0.message.contains("half 1.0 is in state `install reinstreq half-installed`")
      })
    #expect(
      graph.diagnostics.contains {
        $0.message.contains("unpacked 1.0 is in state `install ok unpacked`")
      })
  }

  @Test("a bare status file without --distro warns and gives purls without distro")
  func noDistro() throws {
    let graph = try DebianTestSupport.scanFile(
      fixtures.appendingPathComponent("alternatives/status"))
    #expect(graph.diagnostics.contains { $0.message.contains("no etc/os-release") })
    #expect(
      graph.packages.allSatisfy {
        $0.purl?.qualifiers["distro"] == nil && $0.purl?.namespace == nil
      })
    #expect(graph.primaryRoot?.name == "status")
  }

  @Test(
    "distroless status.d: entries without Status are installed, md5sums are companions (golden)")
  func distroless() throws {
    let root = fixtures.appendingPathComponent("distroless")
    let graph = try DebianTestSupport.scanDirectory(root, options: ScanOptions(includeFiles: true))
    try Golden.check(GraphDump.text(graph), against: "goldens/debian/distroless.txt")
    #expect(graph.metadata.inputFormat == "dpkg status.d")
    #expect(graph.packages.map(\.name) == ["base-files", "libc6", "libgcc-s1"])
    #expect(
      graph.packages.first { $0.name == "libc6" }?.files.map(\.path) == [
        "/lib/x86_64-linux-gnu/libc.so.6"
      ])
    // The status.d directory given directly reads the same packages.
    let direct = try DebianTestSupport.scanDirectory(
      root.appendingPathComponent("var/lib/dpkg/status.d"))
    #expect(direct.packages.map(\.name) == ["base-files", "libc6", "libgcc-s1"])
  }

  @Test("an apt Packages index given as a status file is refused with a clear error")
  func packagesIndex() throws {
    let error = try #require(throws: LineageError.self) {
      try DebianTestSupport.scanFile(fixtures.appendingPathComponent("not-status/Packages"))
    }
    #expect(error.code == .unrecognizedInput)
    #expect(error.message.contains("Packages` index"))
  }

  @Test("--distro must be VENDOR-RELEASE")
  func badDistro() throws {
    let error = try #require(throws: LineageError.self) {
      try DebianTestSupport.scanFile(
        fixtures.appendingPathComponent("alternatives/status"),
        options: ScanOptions(distro: "debian"))
    }
    #expect(error.code == .usage)
  }

  @Test("in-memory sources work: status and os-release under a root prefix")
  func memory() throws {
    let source = MemorySource(texts: [
      "img/etc/os-release": "ID=ubuntu\nVERSION_ID=22.04\n",
      "img/var/lib/dpkg/status":
        "Package: a\nStatus: hold ok installed\nArchitecture: arm64\nVersion: 1\n",
    ])
    let resolver = DebianResolver()
    #expect(resolver.detect(in: source, directory: "img") == ["img/var/lib/dpkg/status"])
    let graph = try resolver.resolve(
      input: "img/var/lib/dpkg/status", in: source, options: ScanOptions())
    #expect(
      graph.packages.map { $0.purl?.description } == [
        "pkg:deb/ubuntu/a@1?arch=arm64&distro=ubuntu-22.04"
      ])
  }
}
