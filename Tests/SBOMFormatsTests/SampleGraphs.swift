import SBOMModel

/// Hand-built graphs that exercise every mapping rule of the encoders.
enum SampleGraphs {
  static func all() throws -> [(name: String, graph: Graph)] {
    [
      ("swiftpm", try swiftPM()), ("npm", try npm()), ("debian", try debian()),
      ("tricky", try tricky()),
    ]
  }

  private static func purl(
    _ type: String, _ namespace: String?, _ name: String, _ version: String?,
    _ qualifiers: [String: String] = [:]
  ) throws -> PackageURL {
    try PackageURL(
      type: type, namespace: namespace, name: name, version: version, qualifiers: qualifiers)
  }

  /// A root with `count` npm packages in a chain, handed to `Graph` out of order (large enough
  /// for encoders to split the components between threads).
  static func wide(count: Int) throws -> Graph {
    let rootPURL = try purl("npm", nil, "wide-app", "1.0.0")
    let root = Component(
      id: .derived(from: rootPURL), kind: .application, ecosystem: .npm, name: "wide-app",
      version: "1.0.0", purl: rootPURL, origin: .path("."), sourceFile: "package-lock.json")
    var components = [root]
    var edges: [Edge] = []
    for i in 0..<count {
      // Scrambled, so the ids arrive unsorted.
      let n = (i * 7919) % count
      let p = try purl("npm", n % 3 == 0 ? "@scope" : nil, "pkg-\(n)", "1.\(n % 17).0")
      components.append(
        Component(
          id: .derived(from: p), ecosystem: .npm, namespace: n % 3 == 0 ? "@scope" : nil,
          name: "pkg-\(n)", version: "1.\(n % 17).0", purl: p,
          origin: .registry(url: "https://registry.npmjs.org/pkg-\(n)/-/pkg-\(n).tgz"),
          declaredLicense: LicenseExpression.lenient("MIT"), sourceFile: "package-lock.json"))
      edges.append(
        Edge(from: components[components.count - 2].id, to: components.last?.id ?? root.id))
    }
    return Graph(components: components, edges: edges, roots: [root.id])
  }

  /// A SwiftPM-like graph: git origins with tags, one branch pin, edges not all known.
  static func swiftPM() throws -> Graph {
    var b = GraphBuilder()
    func pkg(
      _ owner: String, _ name: String, _ version: String, revision: String,
      reference: Origin.GitReference, kind: Component.Kind = .library
    ) throws -> Component {
      let p = try purl("swift", "github.com/\(owner)", name, version)
      return Component(
        id: .derived(from: p), kind: kind, ecosystem: .swift, namespace: "github.com/\(owner)",
        name: name, version: version, purl: p,
        origin: .git(
          url: "https://github.com/\(owner)/\(name)", revision: revision, reference: reference),
        supplier: Supplier(name: owner, url: "https://github.com/\(owner)"),
        sourceFile: "Package.resolved")
    }
    let root = try pkg(
      "acme", "lineage-app", "1.0.0", revision: "0123456789abcdef0123456789abcdef01234567",
      reference: .tag("1.0.0"), kind: .application)
    let nio = try pkg(
      "apple", "swift-nio", "2.62.0", revision: "cf281631ff10ec6111f2761052aa81896a83a007",
      reference: .tag("2.62.0"))
    let collections = try pkg(
      "apple", "swift-collections", "1.1.0", revision: "94cf62b3ba8d4bed62680a282d4c25f9c63c2efb",
      reference: .tag("1.1.0"))
    let branchRevision = "5f5d7c3e1b2a4d6f8e0c1a3b5d7f9e1c3a5b7d9f"
    let pinned = try pkg(
      "example", "branch-pinned", branchRevision, revision: branchRevision,
      reference: .branch("main"))
    b.addRoot(root)
    for c in [nio, collections, pinned] { b.add(c) }
    b.addEdge(Edge(from: root.id, to: nio.id, requirement: "from: \"2.0.0\""))
    b.addEdge(Edge(from: root.id, to: pinned.id, requirement: "branch: \"main\""))
    b.addEdge(Edge(from: nio.id, to: collections.id))
    b.edgesComplete = false
    return b.build()
  }

  /// An npm-like graph: scoped names, dev / optional / peer scopes, SRI hashes, an alias, tarball
  /// and git origins, and one name at two versions.
  static func npm() throws -> Graph {
    var b = GraphBuilder()
    func pkg(
      _ namespace: String?, _ name: String, _ version: String, scope: Component.Scope = .required,
      origin: Origin? = nil, integrity: String? = nil, license: String? = "MIT",
      properties: [Property] = [], disambiguator: String? = nil, kind: Component.Kind = .library
    ) throws -> Component {
      let p = try purl("npm", namespace, name, version)
      let full = namespace.map { "\($0)/\(name)" } ?? name
      return Component(
        id: .derived(from: p, disambiguator: disambiguator), kind: kind, ecosystem: .npm,
        namespace: namespace, name: name, version: version, purl: p,
        origin: origin
          ?? .registry(url: "https://registry.npmjs.org/\(full)/-/\(name)-\(version).tgz"),
        hashes: integrity.map(Hash.fromSubresourceIntegrity) ?? [],
        declaredLicense: license.map(LicenseExpression.lenient),
        supplier: Supplier(
          name: "npm registry publisher of \(full)", email: "maintainers@example.com"),
        scope: scope, properties: properties, sourceFile: "package-lock.json")
    }
    let root = try pkg(nil, "web-app", "0.3.0", origin: .path("."), kind: .application)
    let core = try pkg(
      "@babel", "core", "7.23.0", scope: .dev,
      integrity:
        "sha512-97z/ju/Jy1rZmDxybphrBuI+jtJjFVoz7Mr9yUQVVVi+DNZE333uFQeMOqcCIy1x3WYBIbWftUSLmbNXNT7qFQ== sha1-qNGOvDg1yyyfkzVNxsjmkdnp8Ls=",
      license: "MIT")
    let lodash4 = try pkg(
      nil, "lodash", "4.17.21",
      integrity:
        "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="
    )
    let lodash3 = try pkg(
      nil, "lodash", "3.10.1", scope: .dev, license: "MIT",
      properties: [Property("lineage:npm:path", "node_modules/legacy/node_modules/lodash")],
      disambiguator: "node_modules/legacy/node_modules/lodash")
    let fsevents = try pkg(nil, "fsevents", "2.3.3", scope: .optional)
    let react = try pkg(nil, "react", "18.2.0", scope: .peer, license: "MIT OR Apache-2.0")
    let aliased = try pkg(
      nil, "string-width", "4.2.3", license: "MIT",
      properties: [Property("lineage:npm:alias", "string-width-cjs")])
    let gitDep = try pkg(
      nil, "left-pad", "1.3.0",
      origin: .git(
        url: "https://github.com/left-pad/left-pad",
        revision: "3d0ea6b0bd2bd4a0b6b9d0a1e7c4a8b5f6a7b8c9",
        reference: nil),
      license: "WTFPL")
    let tarball = try pkg(
      nil, "private-lib", "2.0.0",
      origin: .download(url: "https://example.com/private-lib-2.0.0.tgz"),
      license: "SEE LICENSE IN LICENSE.md")
    let devOpt = try pkg(nil, "dev-opt", "1.0.0", scope: .devOptional, license: nil)
    b.addRoot(root)
    for c in [core, lodash4, lodash3, fsevents, react, aliased, gitDep, tarball, devOpt] {
      b.add(c)
    }
    b.addEdge(Edge(from: root.id, to: core.id, kind: .devDependsOn, requirement: "^7.23.0"))
    b.addEdge(Edge(from: root.id, to: lodash4.id, requirement: "^4.17.0"))
    b.addEdge(Edge(from: root.id, to: fsevents.id, kind: .optionalDependsOn, requirement: "^2.3.2"))
    b.addEdge(Edge(from: root.id, to: react.id, kind: .peerDependsOn, requirement: ">=16"))
    b.addEdge(Edge(from: root.id, to: aliased.id, requirement: "npm:string-width@^4.2.0"))
    b.addEdge(Edge(from: root.id, to: gitDep.id, requirement: "github:left-pad/left-pad"))
    b.addEdge(Edge(from: root.id, to: tarball.id))
    b.addEdge(Edge(from: core.id, to: lodash3.id, kind: .dependsOn))
    b.addEdge(Edge(from: core.id, to: devOpt.id, kind: .optionalDependsOn))
    return b.build()
  }

  /// A Debian-like graph: an operating-system root, distribution origins with an archive,
  /// licences including a LicenseRef, files with MD5 only (and one package whose files have
  /// SHA-1), and an alternative group.
  static func debian() throws -> Graph {
    var b = GraphBuilder()
    let archive = Origin.Archive(
      origin: "Debian", suite: "bookworm", component: "main", url: "http://deb.debian.org/debian")
    func deb(
      _ name: String, _ version: String, license: String?, files: [FileEntry] = [],
      properties: [Property] = [], archive: Origin.Archive? = archive
    ) throws -> Component {
      let p = try purl(
        "deb", "debian", name, version, ["arch": "amd64", "distro": "debian-12"])
      return Component(
        id: .derived(from: p), ecosystem: .deb, namespace: "debian", name: name, version: version,
        purl: p, origin: .distribution(.init(vendor: "debian", release: "12", archive: archive)),
        declaredLicense: license.map(LicenseExpression.lenient),
        supplier: Supplier(name: "Debian GCC Maintainers", email: "debian-gcc@lists.debian.org"),
        homepage: "https://www.gnu.org/software/libc/libc.html",
        properties: properties, files: files, sourceFile: "var/lib/dpkg/status")
    }
    let osPurl = try purl("generic", nil, "debian", "12")
    let os = Component(
      id: .derived(from: osPurl), kind: .operatingSystem, ecosystem: .generic, name: "debian",
      version: "12", purl: osPurl, origin: .distribution(.init(vendor: "debian", release: "12")),
      supplier: Supplier(name: "Debian", url: "https://www.debian.org"))
    let libc = try deb(
      "libc6", "2.36-9+deb12u4", license: "LGPL-2.1-or-later AND GPL-2.0+",
      files: [
        FileEntry(
          path: "usr/lib/x86_64-linux-gnu/libc.so.6",
          hashes: [Hash(.md5, "0123456789abcdef0123456789abcdef")]),
        FileEntry(
          path: "usr/share/doc/libc6/copyright",
          hashes: [Hash(.md5, "fedcba9876543210fedcba9876543210")]),
      ],
      properties: [
        Property("lineage:deb:source", "glibc"), Property("lineage:deb:multi-arch", "same"),
      ])
    let gcc = try deb(
      "libgcc-s1", "12.2.0-14", license: "GPL-3.0-or-later WITH GCC-exception-3.1",
      files: [
        FileEntry(
          path: "lib/x86_64-linux-gnu/libgcc_s.so.1",
          hashes: [
            Hash(.sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            Hash(.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
          ])
      ])
    let mawk = try deb("mawk", "1.3.4.20200120-3.1", license: "GPL-2")
    let gawk = try deb("gawk", "1:5.2.1-2", license: "LicenseRef-Debian-gawk", archive: nil)
    let base = try deb(
      "base-files", "12.4+deb12u5", license: "LicenseRef-base-files OR GPL-2.0-or-later")
    b.addRoot(os)
    for c in [libc, gcc, mawk, gawk, base] { b.add(c) }
    for c in [libc, gcc, mawk, gawk, base] { b.addEdge(Edge(from: os.id, to: c.id)) }
    b.addEdge(Edge(from: libc.id, to: gcc.id, requirement: ">= 3.0"))
    b.addEdge(Edge(from: base.id, to: mawk.id, alternativeGroup: "awk"))
    b.addEdge(Edge(from: base.id, to: gawk.id, alternativeGroup: "awk"))
    return b.build()
  }

  /// Strings that need escaping or sanitising in every format.
  static func tricky() throws -> Graph {
    var b = GraphBuilder()
    let rootPurl = try purl("generic", nil, "app \"quoted\"", "1.0")
    let root = Component(
      id: .derived(from: rootPurl), kind: .application, ecosystem: .generic,
      name: "app \"quoted\" <&> 'single'", version: "1.0", purl: rootPurl,
      supplier: Supplier(name: "Ünïcødé & Söns <sales@example.com>"),
      description: "line one\nline two </text> <text> & \"quotes\" \u{1}control")
    let weirdPurl = try purl("generic", nil, "weird", "0.1")
    let weird = Component(
      id: .derived(from: weirdPurl, disambiguator: "path with spaces/and#hash \"q\" <&>"),
      ecosystem: .generic, name: "名前 with spaces/and:colons", version: "0.1\nnewline",
      purl: weirdPurl, origin: .download(url: "https://example.com/a file?x=<1>&y=\"2\""),
      declaredLicense: .license("Some Custom License (v2)", orLater: false),
      supplier: Supplier(name: "Tab\tSupplier", url: "https://example.com/a b"),
      properties: [
        Property("lineage:generic:note", "value with\nnewline and <xml> & \"json\""),
        Property("lineage:generic:emoji", "📦 ✓"),
      ])
    let unicode = Component(
      id: ComponentID("no-purl:ÄÖÜ"), ecosystem: .generic, name: "ÄÖÜ", version: "∞",
      origin: .git(url: "https://example.com/ä/ö", revision: nil, reference: .branch("feature/ü")),
      supplier: Supplier(name: "x"))
    b.addRoot(root)
    b.add(weird)
    b.add(unicode)
    b.addEdge(Edge(from: root.id, to: weird.id, requirement: "\"quoted\" <&>"))
    b.addEdge(Edge(from: weird.id, to: unicode.id))
    return b.build()
  }
}
