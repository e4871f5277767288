/// What `etc/os-release` says about a distribution: `ID=debian`, `VERSION_ID="12"`.
public struct OSRelease: Sendable, Hashable {
  /// Lowercase vendor id: `debian`, `ubuntu`.
  public var id: String
  /// `12`, `22.04`; nil on testing and unstable, which have none.
  public var versionID: String?
  /// `bookworm`, `jammy`.
  public var versionCodename: String?
  public var prettyName: String?
  /// `Debian GNU/Linux`: who supplies the system.
  public var name: String?
  public var homeURL: String?

  public init(
    id: String, versionID: String? = nil, versionCodename: String? = nil, prettyName: String? = nil,
    name: String? = nil, homeURL: String? = nil
  ) {
    self.id = id
    self.versionID = versionID
    self.versionCodename = versionCodename
    self.prettyName = prettyName
    self.name = name
    self.homeURL = homeURL
  }

  /// The purl `distro` qualifier: `debian-12`, else `debian-trixie` when only a codename is
  /// known, else nil.
  public var distroQualifier: String? {
    if let versionID { return "\(id)-\(versionID)" }
    if let versionCodename { return "\(id)-\(versionCodename)" }
    return nil
  }

  /// The release as a model `Origin.Distribution` names it.
  public var release: String? { versionID ?? versionCodename }

  /// Reads `--distro debian-12` (vendor, a dash, a release). nil when there is no dash.
  public init?(distroOption text: String) {
    let trimmed = text.trimmingWhitespace().lowercased()
    guard let dash = trimmed.firstIndex(of: "-"), dash != trimmed.startIndex else { return nil }
    let release = String(trimmed[trimmed.index(after: dash)...])
    guard !release.isEmpty else { return nil }
    self.init(id: String(trimmed[..<dash]), versionID: release)
  }
}

/// Reads the shell-like `KEY=value` lines of os-release(5).
public enum OSReleaseParser {
  /// nil when the text has no `ID`.
  public static func parse(_ text: String) -> OSRelease? {
    var values: [String: String] = [:]
    for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      let line = String(rawLine).trimmingWhitespace()
      guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<eq])
      values[key] = unquote(String(line[line.index(after: eq)...]))
    }
    guard let id = values["ID"]?.lowercased(), !id.isEmpty else { return nil }
    func nonEmpty(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
    return OSRelease(
      id: id, versionID: nonEmpty("VERSION_ID"), versionCodename: nonEmpty("VERSION_CODENAME"),
      prettyName: nonEmpty("PRETTY_NAME"), name: nonEmpty("NAME"), homeURL: nonEmpty("HOME_URL"))
  }

  static func unquote(_ raw: String) -> String {
    var s = raw.trimmingWhitespace()
    if s.count >= 2, let first = s.first, first == "\"" || first == "'", s.last == first {
      s = String(s.dropFirst().dropLast())
      if first == "\"" {
        var out = ""
        var escaped = false
        for c in s {
          if escaped || c != "\\" {
            out.append(c)
            escaped = false
          } else {
            escaped = true
          }
        }
        s = out
      }
    }
    return s
  }
}
