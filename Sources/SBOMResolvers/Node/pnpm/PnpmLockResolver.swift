import SBOMModel

/// Resolves a `pnpm-lock.yaml` (lockfile versions 5.x, 6.x and 9.x) into a graph: importers
/// are roots, snapshots are packages, and every edge follows the exact snapshot key a
/// dependency names (peer suffix included).
public struct PnpmLockResolver: EcosystemResolver {
  public let name = "pnpm"

  public init() {}

  public func detect(in source: any FileSource, directory: String) -> [String] {
    let path = joinPath(directory, "pnpm-lock.yaml")
    if source.isFile(path) { return [path] }
    // Otherwise a prefixed name (`bytemd-pnpm-lock.yaml`).
    return source.list(directory).filter { $0.hasSuffix("pnpm-lock.yaml") }.map {
      joinPath(directory, $0)
    }.filter { source.isFile($0) }
  }

  /// By name (`pnpm-lock.yaml`, `bytemd-pnpm-lock.yaml`), or a YAML file whose top level has
  /// `lockfileVersion:` beside `importers:`, `packages:` or pnpm's `specifiers:`.
  public func recognizes(fileName: String, head: [UInt8]) -> Bool {
    if fileName.hasSuffix("pnpm-lock.yaml") || fileName.hasSuffix("pnpm-lock.yml") { return true }
    let text = String(decoding: head, as: UTF8.self)
    let lines = text.split(separator: "\n")
    let hasVersion = lines.contains { $0.hasPrefix("lockfileVersion:") }
    let hasSection = lines.contains {
      $0.hasPrefix("importers:") || $0.hasPrefix("packages:") || $0.hasPrefix("specifiers:")
    }
    return hasVersion && (hasSection || lines.contains { $0.hasPrefix("settings:") })
  }

  public func resolve(input: String, in source: any FileSource, options: ScanOptions) throws
    -> Graph
  {
    let bytes = try source.read(input)
    let lockfile = try PnpmLockParser(file: source.displayPath(input)).parse(bytes)
    return PnpmGraph(input: input, source: source, options: options).build(lockfile)
  }
}
