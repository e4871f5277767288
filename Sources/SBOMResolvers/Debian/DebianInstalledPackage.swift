import SBOMModel

/// An installed binary package as its dpkg paragraph describes it.
struct DebianInstalledPackage: Sendable {
  var name: String
  var version: String
  /// `amd64`, `all`, …; empty when the paragraph has none.
  var architecture: String
  /// `same`, `foreign`, `allowed`, `no`; nil when not written.
  var multiArch: String?
  /// Source package name and version (the binary's own version when `Source:` gives none).
  var source: String?
  var sourceVersion: String?
  var maintainer: String?
  var homepage: String?
  var installedSize: String?
  var paragraph: ControlParagraph
  /// Input the paragraph came from (root-relative path).
  var file: String
  /// For a `status.d` entry: its path, so that `<path>.md5sums` can be found.
  var statusDEntry: String?

  /// What a paragraph's `Status:` says about installation.
  enum State: Equatable {
    case installed
    /// Another state (`config-files`, `half-installed`, `unpacked`), as written.
    case other(String)
    case missing
  }

  /// The third word of `Status: install ok installed` decides: `installed` means installed,
  /// whatever the wanted state (`hold`, `deinstall`) says.
  static func state(of paragraph: ControlParagraph) -> State {
    guard let status = paragraph["Status"] else { return .missing }
    let words = status.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if words.count == 3 && words[2] == "installed" { return .installed }
    return .other(status)
  }

  /// Reads the paragraph; a reason string when it cannot be a component.
  static func make(_ paragraph: ControlParagraph, file: String, statusDEntry: String?) -> Result<
    DebianInstalledPackage, Rejection
  > {
    guard let name = paragraph["Package"], !name.isEmpty else {
      return .failure(Rejection(reason: "paragraph without `Package:`: left out"))
    }
    guard let version = paragraph["Version"], !version.isEmpty else {
      return .failure(Rejection(reason: "package \(name) has no `Version:`: left out"))
    }
    if let problem = DebianVersionSyntax.problem(in: version) {
      return .failure(
        Rejection(reason: "package \(name): invalid version `\(version)` (\(problem)): left out"))
    }
    var source: String?
    var sourceVersion: String?
    if let sourceField = paragraph["Source"] {
      // `Source: gcc-5 (5.1.1-12ubuntu1)`: the source version differs from the binary's.
      let trimmed = sourceField.trimmingWhitespace()
      if let open = trimmed.firstIndex(of: "("), let close = trimmed.lastIndex(of: ")"),
        open < close
      {
        source = String(trimmed[..<open]).trimmingWhitespace()
        sourceVersion = String(trimmed[trimmed.index(after: open)..<close]).trimmingWhitespace()
      } else {
        source = trimmed
      }
    }
    if source != nil && (sourceVersion ?? "").isEmpty { sourceVersion = version }
    return .success(
      DebianInstalledPackage(
        name: name, version: version, architecture: paragraph["Architecture"] ?? "",
        multiArch: paragraph["Multi-Arch"]?.lowercased(), source: source,
        sourceVersion: sourceVersion,
        maintainer: paragraph["Maintainer"], homepage: paragraph["Homepage"],
        installedSize: paragraph["Installed-Size"], paragraph: paragraph, file: file,
        statusDEntry: statusDEntry))
  }

  struct Rejection: Error { var reason: String }

  /// `Name <email>` → supplier.
  var supplier: Supplier? {
    guard let maintainer = maintainer?.trimmingWhitespace(), !maintainer.isEmpty else { return nil }
    // Byte indices: `<` and `>` are ASCII, and searching Characters cost more than the rest.
    let bytes = maintainer.utf8
    if let open = bytes.lastIndex(of: UInt8(ascii: "<")),
      let close = bytes.lastIndex(of: UInt8(ascii: ">")), open < close
    {
      let name = String(maintainer[..<open]).trimmingWhitespace()
      let email = String(maintainer[bytes.index(after: open)..<close]).trimmingWhitespace()
      return Supplier(name: name.isEmpty ? email : name, email: email.isEmpty ? nil : email)
    }
    return Supplier(name: maintainer)
  }

  /// `libc6 2.36-9 (amd64)` for messages.
  var label: String {
    architecture.isEmpty ? "\(name) \(version)" : "\(name) \(version) (\(architecture))"
  }
}

/// Debian policy §5.6.12: `[epoch:]upstream_version[-debian_revision]`.
enum DebianVersionSyntax {
  /// Why `version` is not a Debian version; nil when it is one.
  ///
  /// Works on UTF-8 bytes: every allowed character is ASCII, and Character-level tests
  /// (`isLetter`, `isNumber` consult Unicode properties) cost more than the rest of reading a
  /// package.
  static func problem(in version: String) -> String? {
    var version = version
    return version.withUTF8 { bytes -> String? in
      var start = 0
      if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
        guard colon > 0, bytes[..<colon].allSatisfy(isDigit) else {
          return "the epoch is not a number"
        }
        start = colon + 1
      }
      var upstreamEnd = bytes.count
      if let dash = bytes[start...].lastIndex(of: UInt8(ascii: "-")) {
        upstreamEnd = dash
        let revision = bytes[(dash + 1)...]
        guard !revision.isEmpty, revision.allSatisfy({ isAlphanumeric($0) || isOneOf($0, "+.~") })
        else { return "the revision holds a character Debian versions do not allow" }
      }
      let upstream = bytes[start..<upstreamEnd]
      guard !upstream.isEmpty else { return "the upstream version is empty" }
      guard upstream.allSatisfy({ isAlphanumeric($0) || isOneOf($0, ".+~-:") }) else {
        return "the upstream version holds a character Debian versions do not allow"
      }
      return nil
    }
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  private static func isAlphanumeric(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
  }

  private static func isOneOf(_ b: UInt8, _ set: StaticString) -> Bool {
    set.withUTF8Buffer { $0.contains(b) }
  }
}
