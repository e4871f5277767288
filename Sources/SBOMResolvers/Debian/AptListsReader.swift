import SBOMModel

/// An installed package's entry in an apt `Packages` index: the archive it came from and the
/// digest of its `.deb`.
public struct AptIndexEntry: Sendable, Hashable {
  public var archive: Origin.Archive
  /// SHA-256 of the `.deb` file, lowercase hex.
  public var sha256: String?
}

/// Reads `var/lib/apt/lists/`: `*_Packages` indexes and the `*Release` files beside them, to
/// tell for each installed package which archive (origin, suite, component, URL) served it.
///
/// apt names list files after their URL with `/` written `_`
/// (`deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages`); the Release file of the
/// same suite shares the prefix up to the component. Compressed indexes (`.lz4`, `.gz`, `.xz`)
/// are not read; a note says so.
public struct AptListsReader {
  /// Key of an index entry: name, version, architecture.
  public struct Key: Sendable, Hashable {
    public var name: String
    public var version: String
    public var architecture: String
    public init(name: String, version: String, architecture: String) {
      self.name = name
      self.version = version
      self.architecture = architecture
    }
  }

  var source: any FileSource
  /// Root-relative path of the scanned root filesystem (empty for the source root).
  var root: String

  /// The entries for `wanted` packages (others are skipped to keep memory small), and notes.
  public func read(wanted: Set<Key>) -> (entries: [Key: AptIndexEntry], diagnostics: [Diagnostic]) {
    let directory = joinPath(root, "var/lib/apt/lists")
    let names = source.list(directory)
    var entries: [Key: AptIndexEntry] = [:]
    var diagnostics: [Diagnostic] = []
    let releases = names.filter { $0.hasSuffix("_InRelease") || $0.hasSuffix("_Release") }
    let schemes = sourceSchemes()
    var compressed: [String] = []
    for name in names {
      if name.contains("_Packages.") && !name.hasSuffix(".diff_Index") {
        compressed.append(name)
        continue
      }
      guard name.hasSuffix("_Packages") else { continue }
      let path = joinPath(directory, name)
      guard let bytes = try? source.read(path) else { continue }
      let release = matchingRelease(for: name, among: releases)
      var archive = Origin.Archive()
      var base: String?
      if let release {
        let releaseBase = String(release.dropLast(release.hasSuffix("_InRelease") ? 10 : 8))
        if let paragraph = releaseParagraph(joinPath(directory, release)) {
          archive.origin = paragraph["Origin"]
          archive.suite = paragraph["Suite"] ?? paragraph["Codename"]
        }
        let middle = name.dropFirst(releaseBase.count + 1)
        if let binary = middle.firstRange(of: "_binary-") ?? middle.firstRange(of: "_Packages") {
          archive.component = unmangle(String(middle[..<binary.lowerBound]))
        }
        if let dists = releaseBase.firstRange(of: "_dists_") {
          base = baseURL(String(releaseBase[..<dists.lowerBound]), schemes: schemes)
        }
      }
      let (paragraphs, _) = DpkgStatusParser.parse(bytes, file: source.displayPath(path))
      for paragraph in paragraphs {
        guard let package = paragraph["Package"], let version = paragraph["Version"],
          let architecture = paragraph["Architecture"]
        else { continue }
        let key = Key(name: package, version: version, architecture: architecture)
        guard wanted.contains(key), entries[key] == nil else { continue }
        var entryArchive = archive
        if let base, let filename = paragraph["Filename"] {
          entryArchive.url = base + "/" + filename
        }
        entries[key] = AptIndexEntry(
          archive: entryArchive, sha256: paragraph["SHA256"]?.lowercased())
      }
    }
    if !compressed.isEmpty {
      diagnostics.append(
        Diagnostic(
          severity: .note, location: SourceLocation(file: source.displayPath(directory)),
          message:
            "compressed package indexes are not read (\(compressed.prefix(3).joined(separator: ", "))"
            + (compressed.count > 3 ? ", …" : "") + "): their packages' archives stay unknown"))
    }
    return (entries, diagnostics)
  }

  /// The Release file whose name is the longest prefix of the index's name.
  func matchingRelease(for packages: String, among releases: [String]) -> String? {
    var best: String?
    var bestLength = -1
    for release in releases {
      let base = release.dropLast(release.hasSuffix("_InRelease") ? 10 : 8)
      if packages.hasPrefix(base + "_") && base.count > bestLength {
        best = release
        bestLength = base.count
      }
    }
    return best
  }

  /// The Release paragraph, with the OpenPGP clear-signature armour of `InRelease` removed.
  func releaseParagraph(_ path: String) -> ControlParagraph? {
    guard var bytes = try? source.read(path) else { return nil }
    let armour = Array("-----BEGIN PGP SIGNED MESSAGE-----".utf8)
    if bytes.starts(with: armour) {
      // Headers end at the first empty line; the signature starts at its own armour line.
      var i = 0
      while i + 1 < bytes.count,
        !(bytes[i] == 0x0A && (bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D))
      {
        i += 1
      }
      while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
      let signature = Array("\n-----BEGIN PGP SIGNATURE-----".utf8)
      var end = bytes.count
      if let found = offset(of: signature, in: bytes, from: i) { end = found }
      bytes = Array(bytes[min(i, end)..<end])
    }
    return DpkgStatusParser.parse(bytes, file: source.displayPath(path)).paragraphs.first
  }

  func offset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= haystack.count {
      if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
        return i
      }
      i += 1
    }
    return nil
  }

  /// apt's file-name form of a URL, back to a URL: `deb.debian.org_debian` →
  /// `http://deb.debian.org/debian`, the scheme taken from the sources lists when they name it.
  func baseURL(_ mangled: String, schemes: [String: String]) -> String {
    let scheme = schemes[mangled] ?? "http"
    return scheme + "://" + unmangle(mangled)
  }

  func unmangle(_ text: String) -> String {
    var out = ""
    for c in text { out.append(c == "_" ? "/" : c) }
    return out.replacingAll("%5f", with: "_")
  }

  /// Mangled URL → scheme, from `etc/apt/sources.list`, `sources.list.d/*.list` and `*.sources`.
  func sourceSchemes() -> [String: String] {
    var files = [joinPath(root, "etc/apt/sources.list")]
    let listDirectory = joinPath(root, "etc/apt/sources.list.d")
    for name in source.list(listDirectory)
    where name.hasSuffix(".list") || name.hasSuffix(".sources") {
      files.append(joinPath(listDirectory, name))
    }
    var schemes: [String: String] = [:]
    for file in files {
      guard source.isFile(file), let text = try? source.readText(file) else { continue }
      for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
        guard let separator = token.firstRange(of: "://") else { continue }
        let scheme = String(token[..<separator.lowerBound])
        var rest = String(token[separator.upperBound...])
        while rest.hasSuffix("/") { rest.removeLast() }
        if let at = rest.firstIndex(of: "@") { rest = String(rest[rest.index(after: at)...]) }
        let mangled = rest.replacingAll("_", with: "%5f").map { $0 == "/" ? "_" : String($0) }
          .joined()
        if schemes[mangled] == nil { schemes[mangled] = scheme }
      }
    }
    return schemes
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.firstRange(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}
