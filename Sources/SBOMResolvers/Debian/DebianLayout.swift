import SBOMModel

/// Where a Debian scan finds its files, from the input it was given: a root filesystem's
/// `var/lib/dpkg/status` or `status.d`, a bare status file, or a bare `status.d` directory.
/// Only a root filesystem has os-release, copyright files and apt lists to read.
struct DebianLayout {
  let source: any FileSource
  /// The status file to read, if any.
  let statusFile: String?
  /// The `status.d` directory to read, if any (beside the status file on a root filesystem).
  let statusDirectory: String?
  /// Root-relative path of the root filesystem ("" for the source root); nil for a bare input.
  let rootPrefix: String?
  /// The dpkg database directory (holds `info/*.md5sums`).
  let dpkgDirectory: String

  init(input: String, source: any FileSource) {
    self.source = source
    let isDirectory = source.isDirectory(input)
    let trimmed = input == "." ? "" : input
    let statusSuffix = "var/lib/dpkg/status"
    let statusDSuffix = "var/lib/dpkg/status.d"
    func prefix(_ suffix: String) -> String? {
      if trimmed == suffix { return "" }
      if trimmed.hasSuffix("/" + suffix) { return String(trimmed.dropLast(suffix.count + 1)) }
      return nil
    }
    if isDirectory {
      rootPrefix = prefix(statusDSuffix)
      statusDirectory = input
      statusFile = nil
    } else {
      rootPrefix = prefix(statusSuffix)
      statusFile = input
      let sibling = rootPrefix.map { joinPath($0, statusDSuffix) }
      statusDirectory = sibling.flatMap { source.isDirectory($0) ? $0 : nil }
    }
    if let slash = trimmed.lastIndex(of: "/") {
      dpkgDirectory = isDirectory && rootPrefix == nil ? trimmed : String(trimmed[..<slash])
    } else {
      dpkgDirectory = ""
    }
  }

  private func rooted(_ path: String) -> String? { rootPrefix.map { joinPath($0, path) } }

  /// `etc/os-release`, else `usr/lib/os-release` (etc's is often a link to it).
  func osRelease() -> OSRelease? {
    for candidate in ["etc/os-release", "usr/lib/os-release"] {
      guard let path = rooted(candidate), source.isFile(path),
        let text = try? source.readText(path), let release = OSReleaseParser.parse(text)
      else { continue }
      return release
    }
    return nil
  }

  /// The licence expression of a machine-readable `usr/share/doc/<name>/copyright`.
  func license(of name: String) -> LicenseExpression? {
    guard let path = rooted("usr/share/doc/\(name)/copyright"), source.isFile(path),
      let bytes = try? source.read(path)
    else { return nil }
    if case .machineReadable(let expression) = DebianCopyrightParser.parse(bytes) {
      return expression
    }
    return nil
  }

  /// apt's view of the installed packages; nil when the root has no lists.
  func aptLists(wanted: Set<AptListsReader.Key>) -> (
    entries: [AptListsReader.Key: AptIndexEntry], diagnostics: [Diagnostic]
  )? {
    guard let root = rootPrefix, source.isDirectory(joinPath(root, "var/lib/apt/lists")) else {
      return nil
    }
    return AptListsReader(source: source, root: root).read(wanted: wanted)
  }

  /// The package's files from `status.d/<entry>.md5sums`, or `info/<name>:<arch>.md5sums`,
  /// or `info/<name>.md5sums`.
  func files(of package: DebianInstalledPackage) -> (files: [FileEntry], diagnostics: [Diagnostic])
  {
    var candidates: [String] = []
    if let entry = package.statusDEntry { candidates.append(entry + ".md5sums") }
    let info = joinPath(dpkgDirectory, "info")
    if !package.architecture.isEmpty {
      candidates.append(joinPath(info, "\(package.name):\(package.architecture).md5sums"))
    }
    candidates.append(joinPath(info, "\(package.name).md5sums"))
    for path in candidates where source.isFile(path) {
      guard let bytes = try? source.read(path) else { continue }
      return Md5sumsParser.parse(bytes, file: source.displayPath(path))
    }
    return ([], [])
  }
}
