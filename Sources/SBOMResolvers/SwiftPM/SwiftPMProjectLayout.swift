/// Where a `Package.resolved` sits in a project: a SwiftPM package (`<dir>/Package.resolved`
/// beside `Package.swift`) or an Xcode project or workspace
/// (`<dir>/App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved`,
/// `<dir>/App.xcworkspace/xcshareddata/swiftpm/Package.resolved`).
struct SwiftPMProjectLayout: Sendable, Hashable {
  /// The project directory (root-relative; empty for the scan root).
  var directory: String
  /// `App` for `App.xcodeproj` / `App.xcworkspace`; nil for a SwiftPM package.
  var xcodeProjectName: String?
  /// `App.xcodeproj/project.pbxproj` when the input belongs to an Xcode project.
  var xcodeProjectFile: String?

  static let xcodeProjectSuffix = "/project.xcworkspace/xcshareddata/swiftpm/Package.resolved"
  static let xcodeWorkspaceSuffix = "/xcshareddata/swiftpm/Package.resolved"

  init(input: String) {
    for (bundleSuffix, fileSuffix) in [
      (".xcodeproj", SwiftPMProjectLayout.xcodeProjectSuffix),
      (".xcworkspace", SwiftPMProjectLayout.xcodeWorkspaceSuffix),
    ] where input.hasSuffix(fileSuffix) {
      let bundle = String(input.dropLast(fileSuffix.count))
      guard bundle.hasSuffix(bundleSuffix) else { continue }
      let bundleName = bundle.split(separator: "/").last.map(String.init) ?? bundle
      let name = String(bundleName.dropLast(bundleSuffix.count))
      guard !name.isEmpty else { continue }
      directory = GitMetadataReader.parent(of: bundle)
      xcodeProjectName = name
      xcodeProjectFile = bundleSuffix == ".xcodeproj" ? bundle + "/project.pbxproj" : nil
      return
    }
    directory = GitMetadataReader.parent(of: input)
    xcodeProjectName = nil
    xcodeProjectFile = nil
  }

  var manifestPath: String { joinPath(directory, "Package.swift") }
  var checkoutsPath: String { joinPath(directory, ".build/checkouts") }
  var workspaceStatePath: String { joinPath(directory, ".build/workspace-state.json") }

  /// `Package.resolved` files in `directory`, most specific first: the package's own, then
  /// those of Xcode workspaces, then those of Xcode projects (each in name order).
  static func detect(in source: any FileSource, directory: String) -> [String] {
    var found: [String] = []
    let top = joinPath(directory, "Package.resolved")
    if source.isFile(top) { found.append(top) }
    let entries = source.list(directory)
    for entry in entries where entry.hasSuffix(".xcworkspace") {
      let path = joinPath(directory, entry) + xcodeWorkspaceSuffix
      if source.isFile(path) { found.append(path) }
    }
    for entry in entries where entry.hasSuffix(".xcodeproj") {
      let path = joinPath(directory, entry) + xcodeProjectSuffix
      if source.isFile(path) { found.append(path) }
    }
    return found
  }

  /// The project's name when its manifest does not give one: the Xcode project's name, else
  /// the directory's name (the scan root's own name when the project is the root).
  func fallbackName(in source: any FileSource) -> String {
    if let xcodeProjectName { return xcodeProjectName }
    if let last = directory.split(separator: "/").last { return String(last) }
    let named: (String) -> String? = { path in
      let last = path.split(separator: "/").last.map(String.init) ?? ""
      return last.isEmpty || last == "." || last == ".." ? nil : last
    }
    if let name = named(source.displayRoot) { return name }
    // A file given directly comes wrapped (see `ReadOnceSource`); its root is the wrapped one's.
    let unwrapped = (source as? ReadOnceSource)?.base ?? source
    if let directorySource = unwrapped as? DirectorySource,
      let real = DirectorySource.realPath(directorySource.root), let name = named(real)
    {
      return name
    }
    return "package"
  }
}
