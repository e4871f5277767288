import Foundation

/// Paths every test needs: the package root, `Fixtures/`, and the shared corpus beside the
/// checkout (`../shared`).
public enum TestPaths {
  /// The package root, found from this source file's location.
  public static let packageRoot: URL = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }()

  public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }

  /// `../shared`, or `LINEAGE_SHARED` when set.
  public static var shared: URL {
    if let env = ProcessInfo.processInfo.environment["LINEAGE_SHARED"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
  }

  public static var corpus: URL { shared.appendingPathComponent("corpus") }

  /// Rows of `corpus/MANIFEST.tsv` as dictionaries keyed by column name.
  public static func manifest() throws -> [[String: String]] {
    let text = try String(
      contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst()
    return lines.map { row in
      var dict: [String: String] = [:]
      for (i, key) in header.enumerated() where i < row.count { dict[key] = row[i] }
      return dict
    }
  }

  /// Corpus files (paths relative to the corpus) whose manifest `kind` satisfies `kind`.
  public static func corpusFiles(kind: (String) -> Bool) throws -> [String] {
    try manifest().filter { kind($0["kind"] ?? "") }.compactMap { $0["path"] }.sorted()
  }
}
