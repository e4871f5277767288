import SBOMModel

/// Writes SPDX tag-value lines. Single-line fields are written as `Tag: value` with line breaks
/// replaced by spaces (the format has no escape for them); free-text fields go in
/// `<text>…</text>`, where the only sequence that cannot appear, `</text>`, is broken up.
struct TagValueWriter: Sendable {
  private(set) var output = ""

  mutating func blank() { output += "\n" }

  mutating func comment(_ text: String) { output += "## \(singleLine(text))\n" }

  /// `Tag: value` when `value` is non-nil.
  mutating func line(_ tag: String, _ value: String?) {
    guard let value else { return }
    output += "\(tag): \(singleLine(value))\n"
  }

  /// `Tag: <text>value</text>` when `value` is non-nil.
  mutating func text(_ tag: String, _ value: String?) {
    guard let value else { return }
    var safe = ""
    for ch in value.unicodeScalars {
      switch ch.value {
      case 0x09, 0x0A: safe.unicodeScalars.append(ch)
      case 0x0D: break
      case 0..<0x20, 0x7F: safe.unicodeScalars.append("\u{FFFD}")
      default: safe.unicodeScalars.append(ch)
      }
    }
    safe = safe.replacingAll("</text>", with: "< /text>")
    output += "\(tag): <text>\(safe)</text>\n"
  }

  private func singleLine(_ s: String) -> String {
    var out = ""
    for ch in s.unicodeScalars {
      switch ch.value {
      case 0x09, 0x0A, 0x0D, 0x85, 0x2028, 0x2029: out.unicodeScalars.append(" ")
      case 0..<0x20, 0x7F: out.unicodeScalars.append("\u{FFFD}")
      default: out.unicodeScalars.append(ch)
      }
    }
    return out.trimmingWhitespace()
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation needed).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var out = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound]
      out += replacement
      rest = rest[range.upperBound...]
    }
    out += rest
    return out
  }
}
