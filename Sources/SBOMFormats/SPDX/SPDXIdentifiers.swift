import SBOMModel

/// SPDX element ids: `SPDXRef-` + a readable part + a short hash of the component id, so ids are
/// unique (the component id is), stable, and match `[A-Za-z0-9.-]+`.
enum SPDXIdentifiers {
  static func package(_ component: Component) -> String {
    let readable = sanitize(component.displayName + "-" + (component.version ?? ""))
    return "SPDXRef-Package-\(readable)-\(shortHash(component.id.rawValue))"
  }

  static func file(_ file: FileEntry, of component: Component) -> String {
    let base = file.path.split(separator: "/").last.map(String.init) ?? file.path
    return
      "SPDXRef-File-\(sanitize(base))-\(shortHash(component.id.rawValue + "\u{0}" + file.path))"
  }

  /// Characters outside `[A-Za-z0-9.-]` become `-`, runs of `-` collapse, at most 48 characters.
  static func sanitize(_ text: String) -> String {
    var out = ""
    var lastDash = false
    for s in text.unicodeScalars {
      let v = s.value
      let ok =
        (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        || v == 0x2E
      if ok {
        out.unicodeScalars.append(s)
        lastDash = false
      } else if !lastDash {
        out.append("-")
        lastDash = true
      }
      if out.unicodeScalars.count >= 48 { break }
    }
    while out.hasPrefix("-") { out.removeFirst() }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "x" : out
  }

  /// First 8 hex digits of SHA-256: collisions among one document's few thousand ids are
  /// improbable, and the encoder checks for them (it then uses the full digest).
  static func shortHash(_ text: String, length: Int = 8) -> String {
    String(SHA256.hexDigest(text.utf8).prefix(length))
  }
}
