/// Reads the Swift packages an Xcode project declares in `project.pbxproj` (an old-style
/// property list): `XCRemoteSwiftPackageReference` objects (repository URL and requirement)
/// and `XCLocalSwiftPackageReference` objects (a relative path). These are the project's
/// direct package dependencies, as `.package(…)` calls are for a SwiftPM package.
enum XcodeProjectPackagesParser {
  /// The declarations in file order, with requirements written the way a manifest writes them
  /// (`from: "1.0.0"`, `.upToNextMinor(from: "1.2.0")`, `exact:`, `branch:`, `revision:`,
  /// `"1.0.0"..<"2.0.0"`). Nil when the text is not a property list this reader understands.
  static func parse(_ text: String) -> [PackageManifest.Dependency]? {
    var parser = PlistParser(scalars: Array(text.unicodeScalars))
    guard case .dictionary(let root)? = parser.value(),
      case .dictionary(let objects)? = root.first(where: { $0.key == "objects" })?.value
    else { return nil }
    var found: [PackageManifest.Dependency] = []
    for (_, object) in objects {
      guard case .dictionary(let fields) = object else { continue }
      let field: (String) -> Plist? = { key in fields.first { $0.key == key }?.value }
      switch field("isa")?.string {
      case "XCRemoteSwiftPackageReference":
        guard let url = field("repositoryURL")?.string else { continue }
        var requirement: String?
        if case .dictionary(let r)? = field("requirement") {
          requirement = render(r)
        }
        found.append(.init(location: .url(url), name: nil, requirement: requirement, line: 0))
      case "XCLocalSwiftPackageReference":
        guard let path = field("relativePath")?.string else { continue }
        found.append(.init(location: .path(path), name: nil, requirement: nil, line: 0))
      default: continue
      }
    }
    return found
  }

  private static func render(_ requirement: [(key: String, value: Plist)]) -> String? {
    let get: (String) -> String? = { key in requirement.first { $0.key == key }?.value.string }
    switch get("kind") {
    case "upToNextMajorVersion": return get("minimumVersion").map { #"from: "\#($0)""# }
    case "upToNextMinorVersion":
      return get("minimumVersion").map { #".upToNextMinor(from: "\#($0)")"# }
    case "exactVersion": return get("version").map { #"exact: "\#($0)""# }
    case "branch": return get("branch").map { #"branch: "\#($0)""# }
    case "revision": return get("revision").map { #"revision: "\#($0)""# }
    case "versionRange":
      guard let low = get("minimumVersion"), let high = get("maximumVersion") else { return nil }
      return #""\#(low)"..<"\#(high)""#
    default: return nil
    }
  }

  indirect enum Plist {
    case string(String)
    case array([Plist])
    case dictionary([(key: String, value: Plist)])

    var string: String? {
      if case .string(let s) = self { return s }
      return nil
    }
  }

  /// A recursive-descent reader of old-style property lists, with a nesting limit.
  private struct PlistParser {
    let scalars: [Unicode.Scalar]
    var pos = 0
    var depth = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func value() -> Plist? {
      skipTrivia()
      guard pos < scalars.count, depth < 64 else { return nil }
      switch scalars[pos] {
      case "{":
        pos += 1
        depth += 1
        defer { depth -= 1 }
        var members: [(key: String, value: Plist)] = []
        while true {
          skipTrivia()
          guard pos < scalars.count else { return nil }
          if scalars[pos] == "}" {
            pos += 1
            return .dictionary(members)
          }
          guard let key = string(), expect("="), let v = value(), expect(";") else { return nil }
          members.append((key, v))
        }
      case "(":
        pos += 1
        depth += 1
        defer { depth -= 1 }
        var items: [Plist] = []
        while true {
          skipTrivia()
          guard pos < scalars.count else { return nil }
          if scalars[pos] == ")" {
            pos += 1
            return .array(items)
          }
          guard let v = value() else { return nil }
          items.append(v)
          skipTrivia()
          if pos < scalars.count, scalars[pos] == "," { pos += 1 }
        }
      default:
        return string().map(Plist.string)
      }
    }

    mutating func expect(_ c: Unicode.Scalar) -> Bool {
      skipTrivia()
      guard pos < scalars.count, scalars[pos] == c else { return false }
      pos += 1
      return true
    }

    mutating func string() -> String? {
      skipTrivia()
      guard pos < scalars.count else { return nil }
      var out = String.UnicodeScalarView()
      if scalars[pos] == "\"" {
        pos += 1
        while pos < scalars.count, scalars[pos] != "\"" {
          if scalars[pos] == "\\", pos + 1 < scalars.count {
            pos += 1
            out.append(scalars[pos] == "n" ? "\n" : scalars[pos])
          } else {
            out.append(scalars[pos])
          }
          pos += 1
        }
        guard pos < scalars.count else { return nil }
        pos += 1
        return String(out)
      }
      while pos < scalars.count, isUnquoted(scalars[pos]) {
        out.append(scalars[pos])
        pos += 1
      }
      return out.isEmpty ? nil : String(out)
    }

    func isUnquoted(_ c: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        || "_$/:.-+".unicodeScalars.contains(c)
    }

    mutating func skipTrivia() {
      while pos < scalars.count {
        let c = scalars[pos]
        if c.properties.isWhitespace {
          pos += 1
        } else if c == "/", pos + 1 < scalars.count, scalars[pos + 1] == "/" {
          while pos < scalars.count, scalars[pos] != "\n" { pos += 1 }
        } else if c == "/", pos + 1 < scalars.count, scalars[pos + 1] == "*" {
          pos += 2
          while pos + 1 < scalars.count, !(scalars[pos] == "*" && scalars[pos + 1] == "/") {
            pos += 1
          }
          pos = min(pos + 2, scalars.count)
        } else {
          return
        }
      }
    }
  }
}
