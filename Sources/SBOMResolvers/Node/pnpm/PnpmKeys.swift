/// The spelling of pnpm-lock.yaml package keys and dependency references, per lockfile layout.
enum PnpmKeys {
  /// 9.x: the `packages` key of a snapshot key (`a@1.0.0(peer@2.0.0)` → `a@1.0.0`).
  static func packageKey(ofSnapshot key: String) -> String {
    guard let paren = firstParen(key) else { return key }
    return String(key[..<paren])
  }

  /// Keys a dependency `name: reference` may resolve to, most likely first. Trying each against
  /// the lockfile's own keys (rather than guessing from the shape of the reference) handles
  /// versions, peer suffixes, aliases (`/real@1.0.0`, `real@1.0.0`) and URL keys alike.
  static func candidates(name: String, reference: String, layout: PnpmLockfile.Layout) -> [String] {
    switch layout {
    case .v5: ["/\(name)/\(reference)", reference, "/\(reference)"]
    case .v6: ["/\(name)@\(reference)", reference, "/\(reference)", "\(name)@\(reference)"]
    case .v9: ["\(name)@\(reference)", reference]
    }
  }

  /// Name, version and peer suffix spelled in a key: `/@a/b/1.0.0_c@2.0.0` (5.x),
  /// `/@a/b@1.0.0(c@2.0.0)` (6.x), `@a/b@1.0.0(c@2.0.0)` (9.x). Nil for keys that do not
  /// spell a name (5.x/6.x URL keys such as `github.com/o/r/sha`, which carry `name:` and
  /// `version:` fields instead).
  static func nameAndVersion(_ key: String, layout: PnpmLockfile.Layout) -> (
    name: String, version: String
  )? {
    switch layout {
    case .v5:
      guard key.hasPrefix("/") else { return nil }
      if isASCII(key), let fast = asciiNameAndVersionV5(key) { return fast }
      let body = key.dropFirst()
      let parts = body.split(separator: "/", maxSplits: body.hasPrefix("@") ? 2 : 1)
      let nameParts = body.hasPrefix("@") ? 2 : 1
      guard parts.count == nameParts + 1 else { return nil }
      let name = parts.prefix(nameParts).joined(separator: "/")
      let version = parts[nameParts].split(separator: "_", maxSplits: 1).first ?? ""
      return version.isEmpty ? nil : (name, String(version))
    case .v6, .v9:
      var body = Substring(key)
      if layout == .v6 {
        guard body.hasPrefix("/") else { return nil }
        body = body.dropFirst()
      }
      if let paren = firstParen(body) { body = body[..<paren] }
      guard let (name, version) = splitNameAtRange(body), !name.isEmpty, !version.isEmpty else {
        return nil
      }
      return (String(name), String(version))
    }
  }

  /// The `patch_hash=` of a 6.x/9.x key when the package itself is patched (a patched peer
  /// inside the suffix, `a@1.0.0(b@2.0.0(patch_hash=…))`, does not count).
  static func patchHash(_ key: String) -> String? {
    guard let paren = firstParen(key) else { return nil }
    let suffix = key[paren...]
    guard suffix.hasPrefix("(patch_hash=") else { return nil }
    return String(suffix.dropFirst("(patch_hash=".count).prefix { $0 != ")" })
  }

  /// The first `(` of a key: by bytes for an ASCII key (every key pnpm writes for a registry
  /// package), where they agree with the Character search at a fraction of its cost.
  private static func firstParen(_ key: String) -> String.Index? {
    isASCII(key) ? key.utf8.firstIndex(of: UInt8(ascii: "(")) : key.firstIndex(of: "(")
  }

  private static func firstParen(_ key: Substring) -> String.Index? {
    isASCII(key) ? key.utf8.firstIndex(of: UInt8(ascii: "(")) : key.firstIndex(of: "(")
  }

  /// The 5.x case of `nameAndVersion` for an ASCII key that starts with `/`, on bytes. Keys
  /// with an empty segment (`//`, `/_`), which `split` would skip over, are left to the
  /// Character path (`.some(nil)` is a key that spells no name; nil means "not handled").
  private static func asciiNameAndVersionV5(_ key: String) -> (name: String, version: String)?? {
    let bytes = key.utf8
    let slash = UInt8(ascii: "/")
    let body = bytes.index(after: bytes.startIndex)
    guard body < bytes.endIndex, bytes[body] != slash else { return nil }
    // `/name/1.0.0_peer`: the name is one segment, or two for a scope (`/@a/b/1.0.0`).
    guard var nameEnd = bytes[body...].firstIndex(of: slash) else { return .some(nil) }
    if bytes[body] == UInt8(ascii: "@") {
      let second = bytes.index(after: nameEnd)
      guard second < bytes.endIndex, bytes[second] != slash else { return nil }
      guard let end = bytes[second...].firstIndex(of: slash) else { return .some(nil) }
      nameEnd = end
    }
    let versionStart = bytes.index(after: nameEnd)
    guard versionStart < bytes.endIndex else { return .some(nil) }
    guard bytes[versionStart] != slash, bytes[versionStart] != UInt8(ascii: "_") else {
      return nil
    }
    let rest = bytes[versionStart...]
    let versionEnd = rest.firstIndex(of: UInt8(ascii: "_")) ?? rest.endIndex
    return (String(key[body..<nameEnd]), String(key[versionStart..<versionEnd]))
  }
}
