/// The spelling of pnpm-lock.yaml package keys and dependency references, per lockfile layout.
enum PnpmKeys {
  /// 9.x: the `packages` key of a snapshot key (`a@1.0.0(peer@2.0.0)` → `a@1.0.0`).
  static func packageKey(ofSnapshot key: String) -> String {
    guard let paren = key.firstIndex(of: "(") else { return key }
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
      if let paren = body.firstIndex(of: "(") { body = body[..<paren] }
      guard let (name, version) = splitNameAtRange(body), !name.isEmpty, !version.isEmpty else {
        return nil
      }
      return (String(name), String(version))
    }
  }

  /// The `patch_hash=` of a 6.x/9.x key when the package itself is patched (a patched peer
  /// inside the suffix, `a@1.0.0(b@2.0.0(patch_hash=…))`, does not count).
  static func patchHash(_ key: String) -> String? {
    guard let paren = key.firstIndex(of: "(") else { return nil }
    let suffix = key[paren...]
    guard suffix.hasPrefix("(patch_hash=") else { return nil }
    return String(suffix.dropFirst("(patch_hash=".count).prefix { $0 != ")" })
  }
}
