import SBOMModel

/// Small hand-built components and graphs for the differ's tests.
enum DiffFixtures {
  static func npm(
    _ fullName: String, _ version: String, origin: Origin? = nil, hashes: [Hash] = [],
    license: String? = nil, supplier: String? = nil, scope: Component.Scope = .required,
    disambiguator: String? = nil
  ) -> Component {
    var namespace: String?
    var name = fullName
    if fullName.hasPrefix("@"), let slash = fullName.firstIndex(of: "/") {
      namespace = String(fullName[..<slash])
      name = String(fullName[fullName.index(after: slash)...])
    }
    let purl = try? PackageURL(type: "npm", namespace: namespace, name: name, version: version)
    let registry = "https://registry.npmjs.org/\(fullName)/-/\(name)-\(version).tgz"
    return Component(
      id: purl.map { ComponentID.derived(from: $0, disambiguator: disambiguator) }
        ?? ComponentID("npm:\(fullName)@\(version)"),
      ecosystem: .npm, namespace: namespace, name: name, version: version, purl: purl,
      origin: origin ?? .registry(url: registry), hashes: hashes,
      declaredLicense: license.flatMap { try? LicenseExpression(parsing: $0) },
      supplier: supplier.map { Supplier(name: $0) }, scope: scope)
  }

  static func app(_ version: String = "1.0.0") -> Component {
    let purl = try? PackageURL(type: "npm", name: "app", version: version)
    return Component(
      id: ComponentID("root:app"), kind: .application, ecosystem: .npm, name: "app",
      version: version, purl: purl)
  }

  static func graph(
    _ components: [Component], edges: [(String, String)] = [], root: Component = app()
  )
    -> Graph
  {
    var builder = GraphBuilder()
    builder.addRoot(root)
    for c in components { builder.add(c) }
    let all = [root] + components
    func id(_ label: String) -> ComponentID {
      if label == "app" { return root.id }
      return all.first { "\($0.displayName)@\($0.version ?? "")" == label }?.id
        ?? ComponentID(label)
    }
    for (from, to) in edges { builder.addEdge(Edge(from: id(from), to: id(to))) }
    return builder.build()
  }

  static let sha512a = Hash(.sha512, String(repeating: "a", count: 128))
  static let sha512b = Hash(.sha512, String(repeating: "b", count: 128))
  static let sha1a = Hash(.sha1, String(repeating: "1", count: 40))

  /// A pair of graphs with at least one change of every kind.
  static func everyKind() -> (old: Graph, new: Graph) {
    let rev1 = "1111111111111111111111111111111111111111"
    let rev2 = "2222222222222222222222222222222222222222"
    let old = graph(
      [
        npm("left-pad", "1.3.0", hashes: [sha512a]),
        npm(
          "tagged", "2.0.0",
          origin: .git(
            url: "https://github.com/acme/tagged", revision: rev1, reference: .tag("v2.0.0"))),
        npm("moved", "1.0.0"),
        npm("lodash", "4.17.21"),
        npm("debug", "2.6.9"),
        npm("debug", "4.3.4"),
        npm("gone", "0.1.0"),
        npm("@babel/core", "7.23.0", license: "MIT", supplier: "Babel"),
        npm("typescript", "5.0.0", scope: .dev),
        npm("ms", "2.1.2"),
        npm("pinned", "abcdef1234567"),
      ],
      edges: [
        ("app", "left-pad@1.3.0"), ("app", "debug@4.3.4"), ("app", "gone@0.1.0"),
        ("debug@4.3.4", "ms@2.1.2"), ("app", "lodash@4.17.21"), ("lodash@4.17.21", "ms@2.1.2"),
      ])
    let new = graph(
      [
        npm("left-pad", "1.3.0", hashes: [sha512b, sha1a]),
        npm(
          "tagged", "2.0.0",
          origin: .git(
            url: "git+ssh://git@github.com/acme/tagged.git", revision: rev2,
            reference: .tag("v2.0.0"))),
        npm(
          "moved", "1.0.0",
          origin: .git(url: "https://github.com/someone/moved", revision: rev1, reference: nil)),
        npm("lodash", "4.17.20"),
        npm("debug", "2.6.9"),
        npm("debug", "4.3.5"),
        npm("fresh", "3.0.0"),
        npm("@babel/core", "7.23.0", license: "Apache-2.0", supplier: "Someone Else"),
        npm("typescript", "5.0.0", scope: .required),
        npm("ms", "2.1.3"),
        npm("pinned", "fedcba7654321"),
      ],
      edges: [
        ("app", "left-pad@1.3.0"), ("app", "debug@4.3.5"), ("debug@4.3.5", "ms@2.1.3"),
        ("app", "fresh@3.0.0"), ("fresh@3.0.0", "@babel/core@7.23.0"), ("app", "lodash@4.17.20"),
        ("app", "typescript@5.0.0"),
      ])
    return (old, new)
  }
}
