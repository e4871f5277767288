import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

/// Graph → encode → decode → the same components and edges, for every format Lineage writes
/// and reads. Runs once the encoders are registered.
@Suite("Decoder round trip")
struct DecoderRoundTripTests {
  static let formats = [
    "cyclonedx-json@1.4", "cyclonedx-json@1.5", "cyclonedx-json@1.6", "cyclonedx-json@1.7",
    "cyclonedx-xml@1.4", "cyclonedx-xml@1.6", "spdx-json@2.3", "spdx-tag-value@2.3",
  ]
  static var encodersAvailable: Bool {
    formats.allSatisfy { name in
      (try? FormatID(name: name)).flatMap { try? Encoders.encoder(for: $0) } != nil
    }
  }

  static func purl(
    _ type: String, _ ns: String?, _ name: String, _ version: String, _ q: [String: String] = [:]
  )
    throws -> PackageURL
  {
    try PackageURL(type: type, namespace: ns, name: name, version: version, qualifiers: q)
  }

  static func sampleGraph() throws -> Graph {
    let mit = LicenseExpression.license("MIT", orLater: false)
    let dual = LicenseExpression.or([.license("Apache-2.0", orLater: false), mit])
    let appPurl = try purl("npm", nil, "shop", "1.0.0")
    let app = Component(
      id: .derived(from: appPurl), kind: .application, ecosystem: .npm, name: "shop",
      version: "1.0.0", purl: appPurl, origin: .path("."), declaredLicense: mit,
      supplier: Supplier(name: "Shop Team", email: "team@shop.example"))
    let babelPurl = try purl("npm", "@babel", "core", "7.23.0")
    let babel = Component(
      id: .derived(from: babelPurl), ecosystem: .npm, namespace: "@babel", name: "core",
      version: "7.23.0", purl: babelPurl,
      origin: .registry(url: "https://registry.npmjs.org/@babel/core/-/core-7.23.0.tgz"),
      hashes: [Hash(.sha512, String(repeating: "ab", count: 64))], declaredLicense: mit,
      concludedLicense: mit, scope: .dev)
    let nioPurl = try purl("swift", "github.com/apple", "swift-nio", "2.62.0")
    let nio = Component(
      id: .derived(from: nioPurl), ecosystem: .swift, namespace: "github.com/apple",
      name: "swift-nio", version: "2.62.0", purl: nioPurl,
      origin: .git(
        url: "https://github.com/apple/swift-nio",
        revision: "0123456789abcdef0123456789abcdef01234567", reference: .tag("2.62.0")),
      declaredLicense: dual, scope: .optional)
    let libcPurl = try purl(
      "deb", "debian", "libc6", "2.36-9", ["arch": "amd64", "distro": "debian-12"])
    let libc = Component(
      id: .derived(from: libcPurl), ecosystem: .deb, namespace: "debian", name: "libc6",
      version: "2.36-9", purl: libcPurl,
      origin: .distribution(
        Origin.Distribution(
          vendor: "debian", release: "12",
          archive: Origin.Archive(
            origin: "Debian", suite: "bookworm", component: "main",
            url: "https://deb.debian.org/debian/pool/main/g/glibc/libc6_2.36-9_amd64.deb"))),
      hashes: [Hash(.sha256, String(repeating: "0f", count: 32))],
      supplier: Supplier(name: "Debian"), scope: .peer)
    let tarPurl = try purl("npm", nil, "tarball", "0.1.0")
    let tarball = Component(
      id: .derived(from: tarPurl), ecosystem: .npm, name: "tarball", version: "0.1.0",
      purl: tarPurl, origin: .download(url: "https://codeload.github.com/a/tarball/tar.gz/v0.1.0"),
      scope: .devOptional)
    let vendored = Component(
      id: ComponentID("generic:vendored@3"), ecosystem: .generic, name: "vendored", version: "3")
    let components = [app, babel, nio, libc, tarball, vendored]
    let edges = [
      Edge(from: app.id, to: babel.id, kind: .devDependsOn),
      Edge(from: app.id, to: nio.id, kind: .optionalDependsOn),
      Edge(from: app.id, to: libc.id, kind: .peerDependsOn, requirement: ">= 2.36"),
      Edge(from: babel.id, to: tarball.id, kind: .dependsOn, requirement: "^0.1.0"),
      Edge(from: app.id, to: vendored.id),
    ]
    return Graph(components: components, edges: edges, roots: [app.id])
  }

  static func key(_ c: Component) -> String { "\(c.displayName)@\(c.version ?? "-")" }

  @Test(
    "every written format decodes back to the same components and edges",
    .enabled(if: encodersAvailable))
  func roundTrip() throws {
    let graph = try Self.sampleGraph()
    let context = EncodingContext(timestamp: Timestamp(secondsSinceEpoch: 1_704_067_200))
    for name in Self.formats {
      let format = try FormatID(name: name)
      let bytes = try Encoders.encoder(for: format).encode(graph, context: context)
      let decoded = try SBOMDecoder.decode(bytes, file: name)
      #expect(decoded.components.count == graph.components.count, "\(name)")
      let byKey = Dictionary(
        decoded.components.map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
      let isSPDX = format.family == .spdx
      for original in graph.components {
        guard let back = byKey[Self.key(original)] else {
          Issue.record("\(name): \(Self.key(original)) missing")
          continue
        }
        let label = "\(name) \(Self.key(original))"
        #expect(back.name == original.name, "\(label)")
        #expect(back.namespace == original.namespace, "\(label)")
        #expect(back.purl == original.purl, "\(label)")
        #expect(back.id == original.id, "\(label)")
        #expect(back.hashes.sorted() == original.hashes.sorted(), "\(label)")
        #expect(back.declaredLicense == original.declaredLicense, "\(label)")
        #expect(back.origin == original.origin, "\(label)")
        #expect(back.supplier?.name == original.supplier?.name, "\(label)")
        #expect(back.supplier?.email == original.supplier?.email, "\(label)")
        #expect(back.scope == original.scope, "\(label)")
        #expect(back.kind == original.kind, "\(label)")
        if isSPDX || format.version >= "1.6" {
          #expect(back.concludedLicense == original.concludedLicense, "\(label)")
        }
      }
      #expect(
        decoded.roots.map { decoded[$0].map(Self.key) }
          == graph.roots.map { graph[$0].map(Self.key) }, "\(name)")
      func edges(_ g: Graph, kinds: Bool) -> [String] {
        g.edges.map { e in
          let base = "\(g[e.from].map(Self.key) ?? "?") -> \(g[e.to].map(Self.key) ?? "?")"
          return kinds ? base + " \(e.kind.rawValue) \(e.requirement ?? "")" : base
        }.sorted()
      }
      // CycloneDX dependencies carry no edge kinds or requirements; SPDX relationships do.
      #expect(edges(decoded, kinds: isSPDX) == edges(graph, kinds: isSPDX), "\(name)")
      #expect(decoded.edgesComplete == graph.edgesComplete, "\(name)")
    }
  }
}
