import SBOMModel

/// Resolves a `yarn.lock`, classic (v1) or berry (yarn 2+), with the `package.json` beside it
/// when present, into a graph whose edges follow the lockfile's descriptors exactly.
public struct YarnLockResolver: EcosystemResolver {
  public let name = "yarn"

  public init() {}

  public func detect(in source: any FileSource, directory: String) -> [String] {
    let path = joinPath(directory, "yarn.lock")
    if source.isFile(path) { return [path] }
    // Otherwise a differently named lockfile (`yarn-multi.lock`) recognised by content.
    return source.list(directory).filter { $0.hasSuffix(".lock") }.map { joinPath(directory, $0) }
      .filter { path in
        guard source.isFile(path), let bytes = try? source.read(path) else { return false }
        return YarnLockDialect.sniff(Array(bytes.prefix(4096))) != nil
      }
  }

  public func recognizes(fileName: String, head: [UInt8]) -> Bool {
    if fileName == "yarn.lock" { return true }
    return YarnLockDialect.sniff(head) != nil
  }

  public func resolve(input: String, in source: any FileSource, options: ScanOptions) throws
    -> Graph
  {
    let bytes = try source.read(input)
    let file = source.displayPath(input)
    let dialect = YarnLockDialect.sniff(Array(bytes.prefix(4096))) ?? .classic
    switch dialect {
    case .classic:
      let entries = try YarnClassicParser(file: file).parse(bytes)
      return YarnClassicGraph(input: input, source: source, options: options).build(entries)
    case .berry:
      let lockfile = try YarnBerryParser(file: file).parse(bytes)
      return YarnBerryGraph(input: input, source: source, options: options).build(lockfile)
    }
  }
}
