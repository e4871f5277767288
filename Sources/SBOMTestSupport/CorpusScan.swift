import Foundation

/// Stages every corpus input of the resolver kinds the way the tools meet them in the wild, for
/// end-to-end scans: Debian status files inside a root filesystem (`var/lib/dpkg/status` or
/// `status.d/`, with `etc/os-release`) and flat; lockfiles under their canonical name in a
/// directory of their own and, in place, under their original (often odd) name.
public enum CorpusScan {
  /// The resolver kinds of `MANIFEST.tsv` (each with its `pairs:` kind).
  public enum Ecosystem: String, Sendable, CaseIterable, Comparable {
    case swiftpm, debian, npm, yarn, pnpm

    public static func < (a: Ecosystem, b: Ecosystem) -> Bool { a.rawValue < b.rawValue }

    /// The file name the tools look for in a directory.
    var canonicalFileName: String? {
      switch self {
      case .swiftpm: "Package.resolved"
      case .npm: "package-lock.json"
      case .yarn: "yarn.lock"
      case .pnpm: "pnpm-lock.yaml"
      case .debian: nil
      }
    }
  }

  /// What a scan of an input must do.
  public enum Expectation: Sendable, Equatable {
    /// Exit 0 and every requested document.
    case documents
    /// A deliberately broken or foreign input: a one-line error and no output, or documents
    /// with at least one warning — never a silent success.
    case errorOrWarning
  }

  /// One way of presenting one corpus input to `lineage scan`.
  public struct Staging: Sendable {
    /// The input, relative to the corpus.
    public var corpusPath: String
    public var ecosystem: Ecosystem
    /// `rootfs`, `flat`, `canonical-name` or `original-name`.
    public var form: String
    /// The path to hand to `lineage scan`.
    public var scanPath: String
    /// Options beyond the path and the outputs.
    public var options: [String]
    public var expectation: Expectation
    /// Size of the corpus file in bytes.
    public var size: Int
    /// A directory of its own where the documents should go.
    public var outputDirectory: URL

    public var label: String { "\(corpusPath) [\(form)]" }

    /// The staging a scanner meets most (`canonical-name`, `rootfs`); the other staging of the
    /// same input checks that the name or layout does not change what is found.
    public var isPrimary: Bool { form == "canonical-name" || form == "rootfs" }
  }

  public struct Plan: Sendable {
    public var stagings: [Staging]
    /// Inputs listed in `MANIFEST.tsv` that are absent from the corpus directory.
    public var missing: [String]
    /// Present inputs per ecosystem.
    public var inputCounts: [Ecosystem: Int]
  }

  /// Every format `lineage scan` writes, with the file name each document gets.
  public static let formats: [(format: String, file: String)] = [
    ("cyclonedx-json", "sbom.cdx.json"),
    ("cyclonedx-xml", "sbom.cdx.xml"),
    ("spdx-json", "sbom.spdx.json"),
    ("spdx-tag-value", "sbom.spdx"),
    ("spdx3-json", "sbom.spdx3.json"),
  ]

  /// `-o FORMAT=FILE` for each of `formats` (all by default), into the staging's directory.
  public static func outputArguments(
    for staging: Staging, formats: [(format: String, file: String)] = formats
  ) -> [String] {
    formats.flatMap {
      ["-o", "\($0.format)=\(staging.outputDirectory.appendingPathComponent($0.file).path)"]
    }
  }

  /// The corpus notes that mark an input as deliberately not a good input of its kind.
  public static func expectation(forNote note: String) -> Expectation {
    let lowered = note.lowercased()
    let odd = ["malformed", "not debian", "merge-conflict", "merge conflict"]
    return odd.contains { lowered.contains($0) } ? .errorOrWarning : .documents
  }

  /// Stages every input of `ecosystems` under `root`.
  public static func stage(_ ecosystems: [Ecosystem], into root: URL) throws -> Plan {
    let fm = FileManager.default
    var plan = Plan(stagings: [], missing: [], inputCounts: [:])
    for row in try TestPaths.manifest() {
      let kind = row["kind"] ?? ""
      let bare = kind.hasPrefix("pairs:") ? String(kind.dropFirst("pairs:".count)) : kind
      guard let ecosystem = Ecosystem(rawValue: bare), ecosystems.contains(ecosystem),
        let path = row["path"]
      else { continue }
      // A status.d md5sums file is a companion of its control file, not an input.
      if (row["format-version"] ?? "").hasSuffix("-md5sums") { continue }
      let file = TestPaths.corpus.appendingPathComponent(path)
      guard fm.fileExists(atPath: file.path) else {
        plan.missing.append(path)
        continue
      }
      plan.inputCounts[ecosystem, default: 0] += 1
      let size = ((try? fm.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
      let slug = path.replacingOccurrences(of: "/", with: "_")
      let base = root.appendingPathComponent(ecosystem.rawValue).appendingPathComponent(slug)
      func staging(_ form: String, _ scanPath: String, _ options: [String] = []) throws -> Staging {
        let output = base.appendingPathComponent("out-\(form)")
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        return Staging(
          corpusPath: path, ecosystem: ecosystem, form: form, scanPath: scanPath,
          options: options, expectation: expectation(forNote: row["note"] ?? ""), size: size,
          outputDirectory: output)
      }
      switch ecosystem {
      case .debian:
        let release = DebianRelease(corpusPath: path)
        let rootfs = base.appendingPathComponent("rootfs")
        let dpkg = rootfs.appendingPathComponent("var/lib/dpkg")
        try fm.createDirectory(at: dpkg, withIntermediateDirectories: true)
        if row["format-version"] == "status.d" {
          // The whole status.d directory, companions included, as distroless images have it.
          try fm.copyItem(
            at: file.deletingLastPathComponent(), to: dpkg.appendingPathComponent("status.d"))
        } else {
          try fm.copyItem(at: file, to: dpkg.appendingPathComponent("status"))
        }
        try fm.createDirectory(
          at: rootfs.appendingPathComponent("etc"), withIntermediateDirectories: true)
        try Data(release.osRelease.utf8).write(
          to: rootfs.appendingPathComponent("etc/os-release"))
        plan.stagings.append(try staging("rootfs", rootfs.path))
        plan.stagings.append(
          try staging("flat", file.path, release.distro.map { ["--distro", $0] } ?? []))
      case .swiftpm, .npm, .yarn, .pnpm:
        // A bare Package.resolved has no Package.swift or git checkout beside it, so the root's
        // version and supplier are unknown; Lineage never makes them up, and NTIA conformance
        // needs both, so the test supplies them as a user of such a lockfile would.
        let options =
          ecosystem == .swiftpm
          ? ["--source-version", "1.0.0", "--supplier", "Corpus Test Supplier"] : []
        let directory = base.appendingPathComponent("project")
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let name =
          file.lastPathComponent == "npm-shrinkwrap.json"
          ? file.lastPathComponent : (ecosystem.canonicalFileName ?? file.lastPathComponent)
        try fm.copyItem(at: file, to: directory.appendingPathComponent(name))
        plan.stagings.append(try staging("canonical-name", directory.path, options))
        plan.stagings.append(try staging("original-name", file.path, options))
      }
    }
    plan.missing.sort()
    return plan
  }

  /// The distribution a Debian corpus input comes from, as far as its path tells.
  struct DebianRelease {
    var id: String
    var versionID: String?

    init(corpusPath path: String) {
      if let match = path.firstMatch(of: /ubuntu-(\d+\.\d+)/) {
        id = "ubuntu"
        versionID = String(match.1)
      } else if path.contains("ubuntu") {
        id = "ubuntu"
        versionID = nil
      } else {
        // The remaining inputs are Debian 12 (bookworm) images, or not Debian at all (vcpkg),
        // where any release does.
        id = "debian"
        versionID = "12"
      }
    }

    var osRelease: String {
      var text = "ID=\(id)\n"
      if let versionID { text += "VERSION_ID=\"\(versionID)\"\n" }
      return text
    }

    /// `--distro` for a flat status file: `debian-12`, `ubuntu-18.04`.
    var distro: String? { versionID.map { "\(id)-\($0)" } }
  }
}
