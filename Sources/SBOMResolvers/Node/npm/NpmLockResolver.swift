import LineageJSON
import SBOMModel

/// Reads `npm-shrinkwrap.json` or `package-lock.json` (lockfileVersion 1, 2 and 3), with the
/// `package.json` beside it for the root project's name, version and direct dependencies.
public struct NpmLockResolver: EcosystemResolver {
  public init() {}

  public var name: String { "npm" }

  /// npm prefers a shrinkwrap over a package lock when a folder has both.
  static let fileNames = ["npm-shrinkwrap.json", "package-lock.json"]

  public func detect(in source: any FileSource, directory: String) -> [String] {
    NpmLockResolver.fileNames.map { joinPath(directory, $0) }.filter { source.isFile($0) }
  }

  /// Known names, or any JSON object whose first bytes declare a `lockfileVersion`
  /// (`package-lock-v2.json`, `alias-package-lock-1.json`).
  public func recognizes(fileName: String, head: [UInt8]) -> Bool {
    if NpmLockResolver.fileNames.contains(fileName) { return true }
    guard fileName.hasSuffix(".json"),
      let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{")
    else { return false }
    return NpmLockResolver.contains(head, Array("\"lockfileVersion\"".utf8))
  }

  public func resolve(input: String, in source: any FileSource, options: ScanOptions) throws
    -> Graph
  {
    let display = source.displayPath(input)
    let lock = try PackageLockParser.parse(try source.read(input), file: display)
    let directory = NpmLockResolver.directory(of: input)
    let packageJSON = PackageJSONManifest.read(in: source, directory: directory)
    let manifest = packageJSON ?? lock.rootManifest ?? PackageJSONManifest()
    let root = try rootComponent(
      lock: lock, packageJSON: packageJSON, directory: directory, source: source,
      options: options, displayFile: display)

    let lockfileVersion = lock.lockfileVersion
    let inferRootDependencies = packageJSON == nil && lock.rootManifest == nil
    // Consumed: the builder then holds the only copy of the entries and can let them go.
    var assembler = PackageLockGraphBuilder(
      lock: consume lock, root: root, rootManifest: manifest, baseDirectory: directory,
      displayFile: display, inferRootDependencies: inferRootDependencies)
    var graph = assembler.build()
    let kind = input.hasSuffix("npm-shrinkwrap.json") ? "npm-shrinkwrap.json" : "package-lock.json"
    graph.metadata.inputFormat = "\(kind) v\(lockfileVersion)"
    let manifestPath = joinPath(directory, "package.json")
    if packageJSON == nil, source.isFile(manifestPath) {
      graph.diagnostics.append(
        Diagnostic(
          location: SourceLocation(file: source.displayPath(manifestPath)),
          message: "package.json beside the lockfile is not a JSON object; ignored"))
    }
    return graph
  }

  /// The root project: named by package.json, else by the lockfile, else by its folder.
  private func rootComponent(
    lock: PackageLock, packageJSON: PackageJSONManifest?, directory: String,
    source: any FileSource, options: ScanOptions, displayFile: String
  ) throws -> Component {
    let folder = NpmLockResolver.folderName(directory: directory, source: source)
    let name =
      nonEmpty(packageJSON?.name) ?? nonEmpty(lock.rootManifest?.name)
      ?? nonEmpty(lock.name) ?? folder
    let version =
      nonEmpty(options.sourceVersion) ?? nonEmpty(packageJSON?.version)
      ?? nonEmpty(lock.rootManifest?.version) ?? nonEmpty(lock.version)
    let purl: PackageURL
    do {
      purl = try NodePURL.make(name: name, version: version)
    } catch {
      throw LineageError(
        .schema, "the root project name \(name) cannot form a package URL",
        at: SourceLocation(file: displayFile, jsonPath: "$.name"))
    }
    let parsed = NodePackageName(name)
    return Component(
      id: .derived(from: purl), kind: .application, ecosystem: .npm, namespace: parsed.scope,
      name: parsed.name, version: version, purl: purl,
      origin: .path(directory.isEmpty ? "." : directory),
      supplier: NodeSupplier.root(
        option: options.supplier, manifest: packageJSON ?? lock.rootManifest),
      scope: .required,
      sourceFile: displayFile)
  }

  private func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The name of the lockfile's folder, for a project whose name nothing states.
  static func folderName(directory: String, source: any FileSource) -> String {
    let full = directory.isEmpty ? source.displayRoot : joinPath(source.displayRoot, directory)
    let pieces = full.split(separator: "/").filter { $0 != "." && $0 != ".." }
    return pieces.last.map(String.init) ?? "project"
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return false }
    var i = 0
    while i + needle.count <= haystack.count {
      if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) {
        return true
      }
      i += 1
    }
    return false
  }
}
