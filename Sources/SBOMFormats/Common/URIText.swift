import SBOMModel

/// Small helpers for putting arbitrary text into URIs and URI-typed fields.
enum URIText {
  /// Percent-encodes everything but unreserved characters, for one path segment.
  static func pathSegment(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      if isUnreserved(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + hex(byte)
      }
    }
    return out
  }

  /// The URL with characters that no URI may contain (spaces, controls, `"<>\^`{|}`, non-ASCII)
  /// percent-encoded, so that validators checking `iri-reference` / `anyURI` accept it.
  static func escapedURL(_ url: String) -> String {
    // Nearly every URL is clean: return it without rebuilding.
    if isCleanURL(url) { return url }
    var out = ""
    for byte in url.utf8 {
      switch byte {
      case 0..<0x21, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F...0xFF:
        out += "%" + hex(byte)
      default:
        out.unicodeScalars.append(Unicode.Scalar(byte))
      }
    }
    return out
  }

  /// Whether `escapedURL(url)` is `url` itself. Reads a native string's bytes in place: the
  /// generic `utf8.contains(where:)` walk cost ~10 instructions a byte, for every URL written.
  static func isCleanURL(_ url: String) -> Bool {
    let clean = url.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      for b in bytes where needsURLEscape(b) { return false }
      return true
    }
    return clean ?? !url.utf8.contains(where: needsURLEscape)
  }

  /// Whether `url` is an absolute http(s) or ftp URL with a host, the kind SPDX accepts as a
  /// download location.
  static func isWebURL(_ url: String) -> Bool {
    for scheme in ["https://", "http://", "ftp://"] where url.hasPrefix(scheme) {
      let rest = url.dropFirst(scheme.count)
      guard let first = rest.first, first != "/" else { return false }
      return !url.utf8.contains { $0 <= 0x20 || $0 >= 0x7F }
    }
    return false
  }

  private static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
      || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
  }

  private static func needsURLEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case 0..<0x21, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F...0xFF: true
    default: false
    }
  }

  /// `%XX` takes uppercase hex (RFC 3986 §2.1).
  private static func hex(_ b: UInt8) -> String { Hex.encode([b]).uppercased() }
}
