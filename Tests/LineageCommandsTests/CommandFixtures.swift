import Foundation
import SBOMTestSupport

/// Scan roots and output helpers shared by the command tests.
enum CommandFixtures {
  /// `Fixtures/swiftpm/checkouts` as a real project directory: `Package.swift`,
  /// `Package.resolved`, `.git` (tag and origin, so the root has a version and supplier) and
  /// `.build/checkouts/*/Package.swift` (so edges are known). Remove with `FixtureTree.remove`.
  static func swiftPMProject() throws -> URL {
    try FixtureTree.materialize(
      TestPaths.fixtures.appendingPathComponent("swiftpm").appendingPathComponent("checkouts"))
  }

  /// Every format `lineage scan` writes, with a file name for it.
  static let allFormats: [(format: String, file: String)] = [
    ("cyclonedx-json", "sbom.cdx.json"),
    ("cyclonedx-xml", "sbom.cdx.xml"),
    ("spdx-json", "sbom.spdx.json"),
    ("spdx-tag-value", "sbom.spdx"),
    ("spdx3-json", "sbom.spdx3.json"),
  ]

  /// `-o FORMAT=DIR/FILE` for every format.
  static func outputArguments(into directory: URL) -> [String] {
    allFormats.flatMap { ["-o", "\($0.format)=\(directory.appendingPathComponent($0.file).path)"] }
  }

  /// A top-level JSON object.
  static func jsonObject(_ bytes: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
  }

  static func jsonObject(at url: URL) -> [String: Any]? {
    (try? Data(contentsOf: url)).flatMap { jsonObject(Array($0)) }
  }

  /// Names of the entries of a directory, sorted.
  static func listing(_ directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
  }
}
