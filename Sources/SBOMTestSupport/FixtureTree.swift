import Foundation

/// Fixture directories as real scan roots. A directory named `.git` cannot be committed inside a
/// git repository (and `.build`, `.swiftpm` are ignored), so fixtures store them as `dot-git`,
/// `dot-build`, `dot-swiftpm`. Likewise a file named `Package.resolved` is a local pin file that
/// this repository never commits, so fixtures store one as `Package.resolved.fixture`.
/// `materialize` copies a fixture into a fresh temporary directory, renaming both back.
public enum FixtureTree {
  /// A fresh copy of `source` at `<temporary>/<source's name>`, its `dot-*` directories and
  /// `*.fixture` files renamed.
  /// Remove it with `FixtureTree.remove(_:)`.
  public static func materialize(_ source: URL) throws -> URL {
    let fm = FileManager.default
    let base = fm.temporaryDirectory.appendingPathComponent("lineage-fixture-\(UUID().uuidString)")
    let target = base.appendingPathComponent(source.lastPathComponent)
    try fm.createDirectory(at: base, withIntermediateDirectories: true)
    try fm.copyItem(at: source, to: target)
    try renameStoredNames(in: target)
    return target
  }

  /// Removes a tree `materialize` made, with its temporary parent.
  public static func remove(_ materialized: URL) {
    try? FileManager.default.removeItem(at: materialized.deletingLastPathComponent())
  }

  private static let storedSuffix = ".fixture"

  private static func renameStoredNames(in url: URL) throws {
    let fm = FileManager.default
    for entry in try fm.contentsOfDirectory(atPath: url.path).sorted() {
      var child = url.appendingPathComponent(entry)
      if entry.hasSuffix(storedSuffix) {
        // rename(2) moves the entry itself, so a stored symlink (even a looping one) stays one.
        let renamed = url.appendingPathComponent(String(entry.dropLast(storedSuffix.count)))
        guard rename(child.path, renamed.path) == 0 else {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: renamed.path])
        }
        continue
      }
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: child.path, isDirectory: &isDir), isDir.boolValue else {
        continue
      }
      if entry.hasPrefix("dot-") {
        let renamed = url.appendingPathComponent("." + entry.dropFirst(4))
        try fm.moveItem(at: child, to: renamed)
        child = renamed
      }
      try renameStoredNames(in: child)
    }
  }
}
