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
  ///
  /// Works on UTF-8 bytes: kept characters are ASCII, and the bytes of any other character are
  /// all outside ASCII, so each such character (or run of them) still becomes one `-`. The
  /// scalar-by-scalar version recounted its output on every step and was most of mapping a
  /// package to SPDX.
  static func sanitize(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(48)
    var lastDash = false
    for b in text.utf8 {
      let ok =
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        || b == 0x2E
      if ok {
        out.append(b)
        lastDash = false
      } else if !lastDash {
        out.append(UInt8(ascii: "-"))
        lastDash = true
      }
      if out.count >= 48 { break }
    }
    let dash = UInt8(ascii: "-")
    guard let first = out.firstIndex(where: { $0 != dash }),
      let last = out.lastIndex(where: { $0 != dash })
    else { return "x" }
    return String(decoding: out[first...last], as: UTF8.self)
  }

  /// First `length` hex digits of SHA-256: collisions among one document's few thousand ids are
  /// improbable, and the encoder checks for them (it then uses the full digest).
  static func shortHash(_ text: String, length: Int = 8) -> String {
    // Hexes only the digest bytes the prefix shows, here rather than through the generic
    // `Hex.encode`, which called across modules cost thousands of instructions per id.
    let digest = SHA256.hash(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(length + 1)
    for b in digest.prefix((length + 1) / 2) {
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0x0F)])
    }
    return String(decoding: out.prefix(length), as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
