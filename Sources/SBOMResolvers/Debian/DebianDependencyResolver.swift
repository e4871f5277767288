import SBOMModel

/// Turns `Pre-Depends`, `Depends` and `Recommends` of installed packages into edges between
/// them, the way dpkg decides what satisfies a relation: by name or through `Provides`
/// (versioned provides satisfy versioned relations), honouring version constraints,
/// architecture qualifiers (`:any`, `:native`, `:amd64`), `Multi-Arch` and `[arch]` lists.
///
/// Lookups go through name and provides indexes, so the work is linear in the number of
/// relations, not quadratic in the number of packages.
struct DebianDependencyResolver {
  let packages: [DebianInstalledPackage]
  let ids: [ComponentID]
  /// The system's own architecture: what `Architecture: all` packages count as.
  let nativeArchitecture: String
  private var byName: [String: [Int]] = [:]
  private var providers: [String: [(index: Int, version: String?)]] = [:]

  init(packages: [DebianInstalledPackage], ids: [ComponentID], nativeArchitecture: String) {
    self.packages = packages
    self.ids = ids
    self.nativeArchitecture = nativeArchitecture
    for (index, package) in packages.enumerated() {
      byName[package.name, default: []].append(index)
      guard let provides = package.paragraph["Provides"] else { continue }
      for group in DebianRelationParser.parse(provides).groups {
        for relation in group {
          let version = relation.constraint?.op == .equal ? relation.constraint?.version : nil
          providers[relation.name, default: []].append((index, version))
        }
      }
    }
  }

  /// The system's architecture: that of `dpkg` itself when installed (dpkg is always native),
  /// else the most common architecture other than `all` (ties: alphabetical).
  static func nativeArchitecture(of packages: [DebianInstalledPackage]) -> String {
    if let dpkg = packages.first(where: { $0.name == "dpkg" && $0.architecture != "all" }) {
      return dpkg.architecture
    }
    var counts: [String: Int] = [:]
    for p in packages where p.architecture != "all" && !p.architecture.isEmpty {
      counts[p.architecture, default: 0] += 1
    }
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? ""
  }

  struct Output {
    var edges: [Edge] = []
    var diagnostics: [Diagnostic] = []
    var complete = true
  }

  /// Every edge, plus warnings for unsatisfied or unreadable relations.
  func resolve(displayPath: (String) -> String) -> Output {
    var output = Output()
    let fields: [(String, Edge.Kind)] = [
      ("Pre-Depends", .dependsOn), ("Depends", .dependsOn), ("Recommends", .optionalDependsOn),
    ]
    for (index, package) in packages.enumerated() {
      for (fieldName, kind) in fields {
        guard let field = package.paragraph.field(fieldName) else { continue }
        let location = SourceLocation(file: displayPath(package.file), line: field.line)
        let (groups, problems) = DebianRelationParser.parse(package.paragraph.value(of: field))
        for problem in problems {
          output.diagnostics.append(
            Diagnostic(
              location: location,
              message: "\(package.label): unreadable \(fieldName) entry \(problem)"))
          if kind == .dependsOn { output.complete = false }
        }
        for group in groups {
          let applicable = group.filter { $0.applies(to: archOf(package)) }
          if applicable.isEmpty { continue }  // restricted to other architectures
          let label = group.count > 1 ? group.map(\.description).joined(separator: " | ") : nil
          var satisfied = false
          for relation in applicable {
            let matches = candidates(for: relation, from: index)
            // A package providing what it depends on satisfies itself but gets no self-edge.
            if !matches.isEmpty { satisfied = true }
            for match in matches where match.index != index {
              output.edges.append(
                Edge(
                  from: ids[index], to: ids[match.index], kind: kind,
                  requirement: match.viaProvides
                    ? relation.description : relation.constraint?.description,
                  alternativeGroup: label))
            }
          }
          if !satisfied && kind == .dependsOn {
            output.complete = false
            output.diagnostics.append(
              Diagnostic(
                location: location,
                message:
                  "\(package.label): `\(fieldName): \(group.map(\.description).joined(separator: " | "))`"
                  + " is not satisfied by any installed package: edge missing"))
          }
        }
      }
    }
    return output
  }

  /// The architecture a package counts as for relations: `all` counts as native.
  private func archOf(_ package: DebianInstalledPackage) -> String {
    package.architecture == "all" || package.architecture.isEmpty
      ? nativeArchitecture : package.architecture
  }

  /// Installed packages satisfying `relation` for the package at `from`.
  func candidates(for relation: DebianRelation, from: Int) -> [(index: Int, viaProvides: Bool)] {
    let depender = packages[from]
    var result: [(index: Int, viaProvides: Bool)] = []
    for index in byName[relation.name] ?? [] {
      let target = packages[index]
      guard archAllows(relation, depender: depender, target: target) else { continue }
      if let constraint = relation.constraint, !constraint.isSatisfied(by: target.version) {
        continue
      }
      result.append((index, false))
    }
    for provider in providers[relation.name] ?? [] {
      let target = packages[provider.index]
      guard archAllows(relation, depender: depender, target: target) else { continue }
      if let constraint = relation.constraint {
        // Unversioned provides never satisfy a versioned relation (policy §7.5).
        guard let provided = provider.version, constraint.isSatisfied(by: provided) else {
          continue
        }
      }
      if !result.contains(where: { $0.index == provider.index }) {
        result.append((provider.index, true))
      }
    }
    return result
  }

  /// dpkg's multi-arch rules for whether `target` may satisfy `relation` of `depender`.
  private func archAllows(
    _ relation: DebianRelation, depender: DebianInstalledPackage, target: DebianInstalledPackage
  ) -> Bool {
    let targetArch = archOf(target)
    switch relation.archQualifier {
    case .none:
      return targetArch == archOf(depender) || target.multiArch == "foreign"
    case .any:
      return target.multiArch == "allowed" || target.multiArch == "foreign"
        || targetArch == archOf(depender)
    case .native:
      return targetArch == nativeArchitecture
    case .architecture(let arch):
      return target.architecture == arch
        || (target.architecture == "all" && arch == nativeArchitecture)
    }
  }
}
