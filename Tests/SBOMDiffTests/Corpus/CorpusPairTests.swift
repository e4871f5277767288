import Foundation
import SBOMDiff
import SBOMFormats
import SBOMModel
import SBOMResolvers
import SBOMTestSupport
import Testing

/// The release pairs of `../shared/corpus/pairs`: the differ's added, removed and
/// version-changed packages must be exactly the version differences of the two inputs, read
/// independently (`InputTruth`), whether the inputs are diffed directly or through Lineage's own
/// CycloneDX and SPDX documents.
@Suite("Corpus pairs")
struct CorpusPairTests {
  struct Pair: CustomStringConvertible, Sendable {
    var name: String
    var kind: String
    var old: URL
    var new: URL
    var description: String { name }
  }

  static let allPairs: [Pair] = {
    guard let rows = try? TestPaths.manifest() else { return [] }
    var sides: [String: (kind: String, old: URL?, new: URL?)] = [:]
    for row in rows {
      guard let kind = row["kind"], kind.hasPrefix("pairs:"), let path = row["path"] else {
        continue
      }
      let parts = path.split(separator: "/")
      guard parts.count >= 4 else { continue }
      let name = String(parts[1])
      let url = TestPaths.corpus.appendingPathComponent(path)
      var entry = sides[name] ?? (kind, nil, nil)
      if parts[2] == "old" { entry.old = url } else { entry.new = url }
      sides[name] = entry
    }
    return sides.keys.sorted().compactMap { name in
      guard let s = sides[name], let old = s.old, let new = s.new else { return nil }
      return Pair(name: name, kind: s.kind, old: old, new: new)
    }
  }()

  /// The pairs whose files are on disk; `missingPairs` names the others.
  static let pairs: [Pair] = allPairs.filter(isPresent)
  static let missingPairs: [Pair] = allPairs.filter { !isPresent($0) }

  static func isPresent(_ pair: Pair) -> Bool {
    FileManager.default.fileExists(atPath: pair.old.path)
      && FileManager.default.fileExists(atPath: pair.new.path)
  }

  /// Pairs whose two files differ only in format version (checked by `InputTruth` too).
  static let formatOnly: Set<String> = [
    "spi-server-swiftpm-v1-to-v2", "novu-pnpm-5.3-5.4-flipflop",
  ]

  static func load(_ url: URL, kind: String) throws -> Graph {
    if kind == "pairs:spdx" || kind == "pairs:cyclonedx" {
      return try SBOMDecoder.decode(Array(try Data(contentsOf: url)), file: url.lastPathComponent)
    }
    let directory = url.deletingLastPathComponent()
    let source = try DirectorySource(root: directory.path, displayRoot: directory.lastPathComponent)
    return try Scanner.scan(source: source, file: url.lastPathComponent, options: ScanOptions())
  }

  /// Expected (old-only, new-only) entries.
  static func expected(_ pair: Pair, _ old: Graph, _ new: Graph) throws -> (
    old: Set<InputTruth.Entry>, new: Set<InputTruth.Entry>
  ) {
    let a = try InputTruth.read(pair.old, kind: pair.kind) ?? InputTruth.entries(of: old)
    let b = try InputTruth.read(pair.new, kind: pair.kind) ?? InputTruth.entries(of: new)
    return InputTruth.differences(a, b)
  }

  /// The entries a diff reports as gone from the old side and new on the new side.
  static func reported(_ result: DiffResult) -> (
    old: Set<InputTruth.Entry>, new: Set<InputTruth.Entry>
  ) {
    var old = Set<InputTruth.Entry>()
    var new = Set<InputTruth.Entry>()
    for change in result.changes {
      switch change.kind {
      case .added, .removed, .upgraded, .downgraded, .versionChanged:
        if let b = change.before {
          old.insert(InputTruth.entry(purl: change.purl, version: b.version))
        }
        if let a = change.after {
          new.insert(InputTruth.entry(purl: change.purl, version: a.version))
        }
      default: break
      }
    }
    return (old, new)
  }

  static func check(
    _ result: DiffResult,
    against expected: (old: Set<InputTruth.Entry>, new: Set<InputTruth.Entry>),
    _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let got = reported(result)
    let missingOld = expected.old.subtracting(got.old).sorted()
    let extraOld = got.old.subtracting(expected.old).sorted()
    let missingNew = expected.new.subtracting(got.new).sorted()
    let extraNew = got.new.subtracting(expected.new).sorted()
    #expect(
      missingOld.isEmpty && extraOld.isEmpty && missingNew.isEmpty && extraNew.isEmpty,
      """
      \(label): expected \(expected.old.count) old-only / \(expected.new.count) new-only
        not reported (old): \(missingOld.prefix(8))
        wrongly reported (old): \(extraOld.prefix(8))
        not reported (new): \(missingNew.prefix(8))
        wrongly reported (new): \(extraNew.prefix(8))
      """, sourceLocation: sourceLocation)
  }

  @Test("every release pair of the manifest is on disk")
  func pairsPresent() {
    #expect(Self.allPairs.count >= 15)
    // The SwiftPM pairs are listed in MANIFEST.tsv but absent from ../shared/corpus/pairs (their
    // Package.resolved files were not copied); Fixtures/diff/swiftpm-v1.resolved and -v2 stand in for
    // the v1 → v2 identity case meanwhile.
    withKnownIssue("pairs listed in MANIFEST.tsv but missing on disk", isIntermittent: true) {
      #expect(Self.missingPairs.isEmpty, "missing: \(Self.missingPairs.map(\.name))")
    }
  }

  @Test(
    "lockfile-to-lockfile and SBOM-to-SBOM: reported changes equal the inputs' differences",
    arguments: pairs)
  func direct(_ pair: Pair) throws {
    let old = try Self.load(pair.old, kind: pair.kind)
    let new = try Self.load(pair.new, kind: pair.kind)
    let expected = try Self.expected(pair, old, new)
    Self.check(SBOMDiff.compare(old: old, new: new), against: expected, "\(pair.name) direct")
    if Self.formatOnly.contains(pair.name) {
      #expect(expected.old.isEmpty && expected.new.isEmpty, "\(pair.name) is not format-only")
    }
  }

  @Test("through Lineage's own CycloneDX JSON and SPDX JSON: the same changes", arguments: pairs)
  func throughLineageSBOMs(_ pair: Pair) throws {
    let old = try Self.load(pair.old, kind: pair.kind)
    let new = try Self.load(pair.new, kind: pair.kind)
    let expected = try Self.expected(pair, old, new)
    let context = EncodingContext(timestamp: Timestamp(secondsSinceEpoch: 0))
    for format in ["cyclonedx-json", "spdx-json"] {
      let encoder = try Encoders.encoder(for: try FormatID(name: format))
      let a = try SBOMDecoder.decode(
        try encoder.encode(old, context: context), file: "old.\(format)")
      let b = try SBOMDecoder.decode(
        try encoder.encode(new, context: context), file: "new.\(format)")
      let result = SBOMDiff.compare(old: a, new: b)
      // Workspace roots travel too (CycloneDX: `lineage:root` on the further roots), so every
      // change must match, roots included.
      #expect(a.roots.count == old.roots.count && b.roots.count == new.roots.count)
      Self.check(result, against: expected, "\(pair.name) via \(format)")
    }
  }
}
