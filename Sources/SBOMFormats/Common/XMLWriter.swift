/// A minimal XML tree and writer for the CycloneDX XML encoder: elements, attributes in the
/// given order, text. Output is UTF-8 with two-space indentation; an element holds either text or
/// child elements, never both (CycloneDX needs no mixed content).
struct XMLElement: Sendable {
  var name: String
  var attributes: [(String, String)]
  var children: [XMLElement]
  var text: String?

  init(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil) {
    self.name = name
    self.attributes = attributes.compactMap { key, value in value.map { (key, $0) } }
    self.children = []
    self.text = text
  }

  init(_ name: String, _ attributes: [(String, String?)] = [], children: [XMLElement]) {
    self.init(name, attributes)
    self.children = children
  }

  /// Appends a child holding `text`, when `text` is non-nil.
  mutating func add(_ name: String, _ text: String?) {
    guard let text else { return }
    children.append(XMLElement(name, text: text))
  }

  mutating func add(_ child: XMLElement?) {
    if let child { children.append(child) }
  }

  /// Appends a wrapper element only when it would have children (CycloneDX lists may not be empty).
  mutating func addList(_ name: String, _ items: [XMLElement]) {
    guard !items.isEmpty else { return }
    children.append(XMLElement(name, children: items))
  }
}

enum XMLWriter {
  /// The document: an XML declaration and the root element, ending with a newline.
  static func write(_ root: XMLElement) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    write(root, indent: 0, into: &out)
    return out
  }

  private static func write(_ e: XMLElement, indent: Int, into out: inout [UInt8]) {
    for _ in 0..<indent { out.append(0x20) }
    out.append(UInt8(ascii: "<"))
    out.append(contentsOf: e.name.utf8)
    for (key, value) in e.attributes {
      out.append(0x20)
      out.append(contentsOf: key.utf8)
      out.append(contentsOf: "=\"".utf8)
      escape(value, attribute: true, into: &out)
      out.append(UInt8(ascii: "\""))
    }
    if let text = e.text {
      out.append(UInt8(ascii: ">"))
      escape(text, attribute: false, into: &out)
    } else if e.children.isEmpty {
      out.append(contentsOf: "/>\n".utf8)
      return
    } else {
      out.append(contentsOf: ">\n".utf8)
      for child in e.children { write(child, indent: indent + 2, into: &out) }
      for _ in 0..<indent { out.append(0x20) }
    }
    out.append(contentsOf: "</".utf8)
    out.append(contentsOf: e.name.utf8)
    out.append(contentsOf: ">\n".utf8)
  }

  /// Escapes markup characters. Characters XML 1.0 cannot carry at all (most C0 controls,
  /// U+FFFE, U+FFFF) become U+FFFD; in attributes, tab and line ends become character references
  /// so that attribute-value normalisation keeps them.
  static func escape(_ s: String, attribute: Bool, into out: inout [UInt8]) {
    for scalar in s.unicodeScalars {
      switch scalar.value {
      case 0x26: out.append(contentsOf: "&amp;".utf8)
      case 0x3C: out.append(contentsOf: "&lt;".utf8)
      case 0x3E: out.append(contentsOf: "&gt;".utf8)
      case 0x22 where attribute: out.append(contentsOf: "&quot;".utf8)
      case 0x09 where attribute: out.append(contentsOf: "&#9;".utf8)
      case 0x0A where attribute: out.append(contentsOf: "&#10;".utf8)
      case 0x0D: out.append(contentsOf: "&#13;".utf8)
      case 0x09, 0x0A: out.append(UInt8(scalar.value))
      case 0..<0x20, 0xFFFE, 0xFFFF: out.append(contentsOf: "\u{FFFD}".utf8)
      default: out.append(contentsOf: String(scalar).utf8)
      }
    }
  }
}
