/// What `Package.swift` says, read as text (never executed): the package name and the
/// `.package(…)` dependency declarations with their requirements as written.
struct PackageManifest: Sendable, Hashable {
  /// One `.package(…)` declaration.
  struct Dependency: Sendable, Hashable {
    enum Location: Sendable, Hashable {
      /// `url:` (a remote URL or a local repository path).
      case url(String)
      /// `path:`, an unversioned local package.
      case path(String)
      /// `id: "scope.name"`, a registry package.
      case registry(String)
    }
    var location: Location
    /// `name:`, the pre-5.6 way to name a dependency.
    var name: String?
    /// The requirement as written: `from: "1.0.0"`, `.upToNextMinor(from: "1.2.0")`,
    /// `"1.0.0"..<"2.0.0"`, `branch: "main"`; nil for `path:` dependencies.
    var requirement: String?
    var line: Int

    /// SwiftPM's identity for the dependency, to find its pin.
    var identity: String {
      switch location {
      case .url(let url): SwiftPackageLocation(url).identity
      case .path(let path): SwiftPackageLocation.lastComponent(of: path).lowercased()
      case .registry(let id): id.lowercased()
      }
    }
  }

  /// The `name:` argument of `Package(…)`, when it is a plain string literal.
  var name: String?
  var dependencies: [Dependency]
  /// `.package(…)` calls whose location is not a literal (a variable, an interpolation): the
  /// dependency exists but cannot be named, so the edge list is incomplete.
  var unreadableDependencyLines: [Int]
}

/// Finds `Package(name:)` and every `.package(…)` call in manifest text.
enum PackageManifestParser {
  static func parse(_ text: String) -> PackageManifest {
    let tokens = SwiftManifestLexer.tokens(text)
    var manifest = PackageManifest(name: nil, dependencies: [], unreadableDependencyLines: [])
    var i = 0
    while i < tokens.count {
      let t = tokens[i]
      if t.kind == .identifier, t.text == "Package", manifest.name == nil,
        i + 1 < tokens.count, tokens[i + 1].text == "(",
        i == 0 || tokens[i - 1].text != "."
      {
        let (arguments, _) = splitArguments(tokens, openAt: i + 1)
        for argument in arguments {
          if let value = labeled(argument, "name"), value.kind == .string {
            manifest.name = value.text
          }
        }
      } else if t.text == ".", i + 2 < tokens.count, tokens[i + 1].kind == .identifier,
        tokens[i + 1].text == "package", tokens[i + 2].text == "("
      {
        let (arguments, end) = splitArguments(tokens, openAt: i + 2)
        if let dependency = dependency(from: arguments, line: tokens[i + 1].line) {
          manifest.dependencies.append(dependency)
        } else {
          manifest.unreadableDependencyLines.append(tokens[i + 1].line)
        }
        i = end
        continue
      }
      i += 1
    }
    return manifest
  }

  private static let locationLabels: Set<String> = ["url", "path", "id", "name"]
  /// Arguments that are neither location nor version requirement.
  private static let ignoredLabels: Set<String> = ["traits"]

  private static func dependency(from arguments: [[SwiftManifestLexer.Token]], line: Int)
    -> PackageManifest.Dependency?
  {
    var location: PackageManifest.Dependency.Location?
    var name: String?
    var requirement: [String] = []
    for argument in arguments {
      let label = argument.count >= 2 && argument[1].text == ":" ? argument[0].text : nil
      if let label, locationLabels.contains(label) {
        guard let value = labeled(argument, label), value.kind == .string, argument.count == 3
        else { return nil }
        switch label {
        case "url": location = .url(value.text)
        case "path": location = .path(value.text)
        case "id": location = .registry(value.text)
        default: name = value.text
        }
      } else if let label, ignoredLabels.contains(label) {
        continue
      } else if !argument.isEmpty {
        requirement.append(render(argument))
      }
    }
    guard let location else { return nil }
    let isPath: Bool = if case .path = location { true } else { false }
    return PackageManifest.Dependency(
      location: location, name: name,
      requirement: isPath || requirement.isEmpty ? nil : requirement.joined(separator: ", "),
      line: line)
  }

  /// The value token of `label: value` when the argument has that label.
  private static func labeled(_ argument: [SwiftManifestLexer.Token], _ label: String)
    -> SwiftManifestLexer.Token?
  {
    guard argument.count >= 3, argument[0].text == label, argument[1].text == ":" else {
      return nil
    }
    return argument[2]
  }

  /// Splits the argument list of the call whose `(` is at `openAt` on top-level commas.
  /// Returns the arguments and the index after the closing `)` (the end when unbalanced).
  private static func splitArguments(_ tokens: [SwiftManifestLexer.Token], openAt: Int)
    -> ([[SwiftManifestLexer.Token]], Int)
  {
    var arguments: [[SwiftManifestLexer.Token]] = []
    var current: [SwiftManifestLexer.Token] = []
    var depth = 0
    var i = openAt
    while i < tokens.count {
      let t = tokens[i]
      i += 1
      if t.kind == .punctuation {
        switch t.text {
        case "(", "[", "{":
          depth += 1
          if depth == 1 { continue }
        case ")", "]", "}":
          depth -= 1
          if depth == 0 {
            if !current.isEmpty { arguments.append(current) }
            return (arguments, i)
          }
        case "," where depth == 1:
          arguments.append(current)
          current = []
          continue
        default: break
        }
      }
      current.append(t)
    }
    if !current.isEmpty { arguments.append(current) }
    return (arguments, i)
  }

  /// Writes tokens back as compact Swift: a space after `:` and `,`, and between two words.
  static func render(_ tokens: [SwiftManifestLexer.Token]) -> String {
    var out = ""
    var previous: SwiftManifestLexer.Token?
    for t in tokens {
      if let p = previous {
        let word: (SwiftManifestLexer.Token) -> Bool = { $0.kind != .punctuation }
        if p.text == ":" || p.text == "," || (word(p) && word(t)) { out += " " }
      }
      out += t.source
      previous = t
    }
    return out
  }
}
