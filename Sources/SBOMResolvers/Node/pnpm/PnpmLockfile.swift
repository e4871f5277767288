import SBOMModel

/// A pnpm-lock.yaml of any supported version, normalised: importers (the projects), snapshots
/// (installed package instances, keyed with their peer suffix) and package metadata.
///
/// - 5.x: `packages` keyed `/name/1.0.0_peer@2.0.0`; importer values are bare references with
///   ranges under `specifiers`; non-workspace lockfiles keep the root's sections at the top.
/// - 6.x: `packages` keyed `/name@1.0.0(peer@2.0.0)`; importer values `{specifier, version}`.
/// - 9.x: `packages` (metadata, keyed `name@1.0.0`) split from `snapshots` (dependencies, keyed
///   `name@1.0.0(peer@2.0.0)`).
struct PnpmLockfile {
  enum Layout: Sendable { case v5, v6, v9 }

  struct Dependency {
    var name: String
    /// What the lockfile resolved it to: `1.0.0(peer@2.0.0)`, `link:../x`, `/real@1.0.0`, …
    var reference: String
    var specifier: String?
    var kind: Edge.Kind
  }

  struct Importer {
    var path: String
    var line: Int
    var dependencies: [Dependency] = []
  }

  struct Snapshot {
    var key: String
    var line: Int
    var dependencies: [Dependency] = []
    /// 5.x/6.x flags; nil when absent.
    var dev: Bool?
    var optional = false
  }

  struct Package {
    var name: String?
    var version: String?
    var integrity: String?
    var tarball: String?
    var gitRepository: String?
    var gitCommit: String?
    var directory: String?
    var peerNames: Set<String> = []
  }

  var version: String
  var layout: Layout
  var importers: [Importer] = []
  var snapshots: [Snapshot] = []
  var snapshotIndex: [String: Int] = [:]
  /// 9.x: the `packages` section; 5.x/6.x: the same keys as the snapshots.
  var packages: [String: Package] = [:]
  /// How many YAML documents the file held, and whether one was skipped as the package
  /// manager's own.
  var skippedPackageManagerDocument = false
}

/// One YAML document of a pnpm-lock.yaml (whose top level is a mapping), as the parser needs
/// it: both readers (`PnpmLockStreamReader` and the `YAMLDocument` tree) produce these, and
/// `PnpmLockParser` picks the project's document and normalises it.
struct PnpmDocument {
  /// The first `lockfileVersion:` (its scalar, nil for a null or a collection, and its line).
  var version: (text: String?, line: Int)?
  /// The first `importers:` when it is a mapping, pair by pair.
  var importers: [PnpmLockfile.Importer]?
  /// Keys of the importers' mappings (`dependencies`, `configDependencies`, …).
  var importerSections: Set<String> = []
  /// The top level read as the one importer of a non-workspace lockfile.
  var rootImporter: PnpmLockfile.Importer
  /// The first `packages:` mapping's entries, read both as package metadata and (5.x/6.x) as
  /// snapshots.
  var packages: [(key: String, package: PnpmLockfile.Package, snapshot: PnpmLockfile.Snapshot)] =
    []
  /// The first `snapshots:` mapping's entries (9.x).
  var snapshots: [PnpmLockfile.Snapshot] = []

  /// A document of only `configDependencies` / `packageManagerDependencies` importers.
  var isPackageManagerDocument: Bool {
    importers != nil && !importerSections.isEmpty
      && importerSections.isSubset(of: ["configDependencies", "packageManagerDependencies"])
  }
}

/// Reads the project's document of a pnpm-lock.yaml into a `PnpmLockfile`.
struct PnpmLockParser {
  let file: String

  func parse(_ bytes: [UInt8]) throws -> PnpmLockfile {
    let documents: [PnpmDocument]
    do {
      documents = try PnpmLockStreamReader(file: file).documents(bytes)
    } catch is PnpmLockStreamReader.NeedsTree {
      // Anchors and aliases (which no lockfile pnpm writes has) go through the tree reader,
      // which shares anchored nodes and refuses alias bombs.
      return try parseTree(bytes)
    }
    return try assemble(documents)
  }

  /// `parse` through a `YAMLDocument` tree: the reader for anchors and aliases, and the
  /// reference the event reader is tested against.
  func parseTree(_ bytes: [UInt8]) throws -> PnpmLockfile {
    try assemble(
      YAMLReader.documents(bytes, file: file).compactMap(\.root).filter(\.isMapping).map(document))
  }

  /// The lockfile of the project's document among `documents`.
  func assemble(_ documents: [PnpmDocument]) throws -> PnpmLockfile {
    // pnpm 10 may put its own (packageManager / config) dependencies in a first document; the
    // project is the document whose importers hold real dependency sections.
    let projectDocuments = documents.filter { !$0.isPackageManagerDocument }
    guard let root = projectDocuments.first ?? documents.first else {
      throw LineageError(
        .schema, "expected a pnpm-lock.yaml mapping with lockfileVersion",
        at: SourceLocation(file: file, line: 1))
    }
    guard let version = root.version?.text else {
      throw LineageError(
        .schema, "pnpm-lock.yaml has no lockfileVersion", at: SourceLocation(file: file, line: 1))
    }
    let major = Int(version.split(separator: ".").first ?? "") ?? -1
    let layout: PnpmLockfile.Layout
    switch major {
    case 5: layout = .v5
    case 6, 7, 8: layout = .v6
    case 9: layout = .v9
    default:
      throw LineageError(
        .unsupportedVersion,
        "pnpm-lock.yaml lockfileVersion \(version) is not one Lineage reads (5.x, 6.x, 9.x)",
        at: SourceLocation(file: file, line: root.version?.line))
    }
    var lockfile = PnpmLockfile(version: version, layout: layout)
    lockfile.skippedPackageManagerDocument =
      projectDocuments.first != nil && documents.count > projectDocuments.count
    lockfile.importers = root.importers ?? [root.rootImporter]
    // Sized up front: growing the tables rehashed every key several times.
    let snapshotCount = layout == .v9 ? root.snapshots.count : root.packages.count
    lockfile.packages.reserveCapacity(root.packages.count)
    lockfile.snapshotIndex.reserveCapacity(snapshotCount)
    lockfile.snapshots.reserveCapacity(snapshotCount)

    for (key, package, entry) in root.packages {
      lockfile.packages[key] = package
      if layout != .v9 {
        var snapshot = entry
        if package.peerNames.isEmpty == false {
          snapshot.dependencies = snapshot.dependencies.map { d in
            var d = d
            if d.kind == .dependsOn && package.peerNames.contains(d.name) {
              d.kind = .peerDependsOn
            }
            return d
          }
        }
        lockfile.snapshotIndex[key] = lockfile.snapshots.count
        lockfile.snapshots.append(snapshot)
      }
    }
    if layout == .v9 {
      for var snapshot in root.snapshots {
        let key = snapshot.key
        if let peers = lockfile.packages[PnpmKeys.packageKey(ofSnapshot: key)]?.peerNames,
          !peers.isEmpty
        {
          snapshot.dependencies = snapshot.dependencies.map { d in
            var d = d
            if d.kind == .dependsOn && peers.contains(d.name) { d.kind = .peerDependsOn }
            return d
          }
        }
        lockfile.snapshotIndex[key] = lockfile.snapshots.count
        lockfile.snapshots.append(snapshot)
      }
    }
    return lockfile
  }

  /// A document read from its `YAMLDocument` tree.
  private func document(_ root: YAMLNode) -> PnpmDocument {
    var document = PnpmDocument(rootImporter: importer(path: ".", root))
    if let version = root["lockfileVersion"] { document.version = (version.scalar, version.line) }
    if let importers = root["importers"], importers.isMapping {
      document.importers = importers.pairs.map { importer(path: $0.key, $0.value) }
      document.importerSections = Set(importers.pairs.flatMap { $0.value.pairs.map(\.key) })
    }
    document.packages = (root["packages"]?.pairs ?? []).map { key, node in
      (key, package(node), snapshot(key: key, node))
    }
    document.snapshots = (root["snapshots"]?.pairs ?? []).map { snapshot(key: $0.key, $0.value) }
    return document
  }

  private func importer(path: String, _ node: YAMLNode) -> PnpmLockfile.Importer {
    var importer = PnpmLockfile.Importer(path: path, line: node.line)
    let specifiers = Dictionary(
      (node["specifiers"]?.stringPairs ?? []).map { ($0.key, $0.value) },
      uniquingKeysWith: { a, _ in a })
    let sections: [(String, Edge.Kind)] = [
      ("dependencies", .dependsOn), ("devDependencies", .devDependsOn),
      ("optionalDependencies", .optionalDependsOn),
    ]
    for (section, kind) in sections {
      for (name, value) in node[section]?.pairs ?? [] {
        if let reference = value.scalar {
          importer.dependencies.append(
            .init(name: name, reference: reference, specifier: specifiers[name], kind: kind))
        } else if let reference = value["version"]?.scalar {
          importer.dependencies.append(
            .init(
              name: name, reference: reference, specifier: value["specifier"]?.scalar, kind: kind))
        }
      }
    }
    return importer
  }

  private func snapshot(key: String, _ node: YAMLNode) -> PnpmLockfile.Snapshot {
    var snapshot = PnpmLockfile.Snapshot(key: key, line: node.line)
    for (field, value) in node.pairs {
      switch field {
      case "dependencies":
        for (name, reference) in value.stringPairs {
          snapshot.dependencies.append(.init(name: name, reference: reference, kind: .dependsOn))
        }
      case "optionalDependencies":
        for (name, reference) in value.stringPairs {
          snapshot.dependencies.append(
            .init(name: name, reference: reference, kind: .optionalDependsOn))
        }
      case "dev": snapshot.dev = value.scalar.map { $0 == "true" }
      case "optional": snapshot.optional = value.scalar == "true"
      default: break
      }
    }
    return snapshot
  }

  private func package(_ node: YAMLNode) -> PnpmLockfile.Package {
    var package = PnpmLockfile.Package()
    for (field, value) in node.pairs {
      switch field {
      case "name": package.name = value.scalar
      case "version": package.version = value.scalar
      case "peerDependencies": package.peerNames = Set(value.pairs.map(\.key))
      case "resolution":
        for (key, item) in value.pairs {
          switch key {
          case "integrity": package.integrity = item.scalar
          case "tarball": package.tarball = item.scalar
          case "repo": package.gitRepository = item.scalar
          case "commit": package.gitCommit = item.scalar
          case "directory": package.directory = item.scalar
          default: break
          }
        }
      default: break
      }
    }
    return package
  }
}
