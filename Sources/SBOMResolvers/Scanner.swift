import SBOMModel

/// What the user told `lineage scan` beyond the path.
public struct ScanOptions: Sendable, Hashable {
  /// Version of the scanned project (overrides what `.git` says).
  public var sourceVersion: String?
  /// Supplier of the scanned project (overrides the `origin` remote's owner).
  public var supplier: String?
  /// `debian-12` style distribution for a bare dpkg status file.
  public var distro: String?
  /// List the files each package installs (Debian md5sums).
  public var includeFiles: Bool
  /// Drop dev dependencies and everything reachable only through them.
  public var excludeDev: Bool

  public init(
    sourceVersion: String? = nil, supplier: String? = nil, distro: String? = nil,
    includeFiles: Bool = false, excludeDev: Bool = false
  ) {
    self.sourceVersion = sourceVersion
    self.supplier = supplier
    self.distro = distro
    self.includeFiles = includeFiles
    self.excludeDev = excludeDev
  }
}

/// One ecosystem's resolver: finds its inputs and turns them into a graph.
public protocol EcosystemResolver: Sendable {
  /// Short name used in messages (`swiftpm`, `dpkg`, `npm`).
  var name: String { get }
  /// Inputs this resolver would read in the directory `directory` of `source` (root-relative
  /// paths), most specific first. Empty when there is nothing for it.
  func detect(in source: any FileSource, directory: String) -> [String]
  /// Whether a file given directly is this resolver's input, by name and first bytes.
  func recognizes(fileName: String, head: [UInt8]) -> Bool
  /// Reads `input` (a root-relative path that `detect` or `recognizes` chose).
  func resolve(input: String, in source: any FileSource, options: ScanOptions) throws -> Graph
}

/// Picks the resolvers for a path and runs them.
public enum Scanner {
  /// Every resolver, in the order they are tried.
  public static let resolvers: [any EcosystemResolver] = ResolverRegistry.all

  /// Scans a directory (every input found at its top) or a single file (recognised by content).
  public static func scan(source: any FileSource, file: String? = nil, options: ScanOptions)
    throws -> Graph
  {
    var graphs: [Graph] = []
    if let file {
      let bytes = try source.read(file)
      let head = Array(bytes.prefix(4096))
      let name = file.split(separator: "/").last.map(String.init) ?? file
      guard let resolver = resolvers.first(where: { $0.recognizes(fileName: name, head: head) })
      else {
        throw LineageError(
          .unrecognizedInput,
          "not an input Lineage reads (expected a Package.resolved, dpkg status, package-lock.json,"
            + " yarn.lock or pnpm-lock.yaml)", at: SourceLocation(file: source.displayPath(file)))
      }
      let preread = ReadOnceSource(base: source, path: file, bytes: bytes)
      graphs.append(try resolver.resolve(input: file, in: preread, options: options))
    } else {
      for resolver in resolvers {
        if let input = resolver.detect(in: source, directory: "").first {
          graphs.append(try resolver.resolve(input: input, in: source, options: options))
        }
      }
      guard !graphs.isEmpty else {
        throw LineageError(
          .unrecognizedInput,
          "found nothing to scan (no Package.resolved, var/lib/dpkg/status, package-lock.json,"
            + " yarn.lock or pnpm-lock.yaml)", at: SourceLocation(file: source.displayRoot))
      }
    }
    var graph = graphs.count == 1 ? graphs[0] : merge(graphs)
    if options.excludeDev { graph = graph.excludingDevelopmentOnly() }
    return graph
  }

  /// Unites graphs of several ecosystems found in one directory.
  public static func merge(_ graphs: [Graph]) -> Graph {
    var builder = GraphBuilder()
    for g in graphs {
      for c in g.components {
        if g.roots.contains(c.id) { builder.addRoot(c) } else { builder.add(c) }
      }
      for e in g.edges { builder.addEdge(e) }
      builder.diagnostics += g.diagnostics
      if !g.edgesComplete { builder.edgesComplete = false }
    }
    builder.metadata.inputFormat = graphs.compactMap(\.metadata.inputFormat).joined(separator: ", ")
    return builder.build()
  }
}

extension Graph {
  /// The graph without dev-scoped components and edges, and without whatever is reachable from
  /// the roots only through them.
  public func excludingDevelopmentOnly() -> Graph {
    let adjacency = adjacency()
    var reachable = Set(roots)
    var queue = roots
    while let current = queue.popLast() {
      for edge in adjacency[current] ?? [] where edge.kind != .devDependsOn {
        // `devOptional` (npm) means needed by dev or by an optional runtime dependency: it stays
        // when a runtime edge reaches it.
        guard let target = self[edge.to], target.scope != .dev else { continue }
        if reachable.insert(edge.to).inserted { queue.append(edge.to) }
      }
    }
    return filtered { reachable.contains($0.id) }.withEdges { $0.kind != .devDependsOn }
  }

  func withEdges(_ keep: (Edge) -> Bool) -> Graph {
    Graph(
      components: components, edges: edges.filter(keep), roots: roots,
      edgesComplete: edgesComplete, metadata: metadata, diagnostics: diagnostics)
  }
}
