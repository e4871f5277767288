import Foundation
import SBOMModel

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads a CycloneDX 1.2–1.7 XML document into `CycloneDXInput` with Foundation's `XMLParser`
/// (libxml2), namespace-aware, never loading external entities. Documents with a DTD are refused
/// before parsing: CycloneDX never uses one, and refusing it rules out entity expansion attacks
/// whatever the parser underneath would do with them.
enum CycloneDXXMLDecoder {
  static let namespacePrefix = "http://cyclonedx.org/schema/bom/"

  static func decode(_ bytes: [UInt8], file: String) throws -> Graph {
    if let at = ByteSearch.firstIndex(of: "<!DOCTYPE", in: bytes) {
      throw LineageError(
        .syntax, "DTDs are not allowed in CycloneDX (a <!DOCTYPE> can declare entities)",
        at: SourceLocation(file: file, line: lineNumber(of: at, in: bytes)))
    }
    try requireUTF8(bytes, file: file)
    let bom = try parse(bytes, file: file)
    return CycloneDXGraphMapper.map(bom, file: file)
  }

  /// Refuses bytes that are not UTF-8 text before XMLParser sees them: FoundationXML traps
  /// (crashes the process) on element names that are not valid UTF-8 — found by the
  /// FuzzSBOMDecoder target; see `Fixtures/hostile/xml-invalid-utf8-name/`.
  static func requireUTF8(_ bytes: [UInt8], file: String) throws {
    let valid = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
    if valid, !bytes.contains(0) { return }
    // Point at the first offending byte for the message.
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.value != 0 {
      offset += UTF8.width(scalar)
    }
    throw LineageError(
      .syntax, "CycloneDX XML must be UTF-8 text (invalid UTF-8 or a NUL byte here)",
      at: SourceLocation(file: file, line: lineNumber(of: offset, in: bytes)))
  }

  /// Runs the parser itself, without the DTD check (tests call this to show what libxml2 does
  /// with entities on its own).
  static func parse(_ bytes: [UInt8], file: String) throws -> CycloneDXInput.BOM {
    let parser = XMLParser(data: Data(bytes))
    parser.shouldProcessNamespaces = true
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    let handler = CycloneDXXMLHandler(file: file)
    parser.delegate = handler
    let ok = parser.parse()
    if let failure = handler.failure { throw failure }
    guard ok else {
      let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
      throw LineageError(
        .syntax, "invalid XML: \(message)",
        at: SourceLocation(file: file, line: parser.lineNumber, column: parser.columnNumber))
    }
    if let unclosed = handler.unclosedElement {
      // libxml2 through XMLParser can report success on a document cut off mid-element.
      throw LineageError(
        .syntax, "invalid XML: the document ends inside <\(unclosed)>",
        at: SourceLocation(file: file, line: lineNumber(of: bytes.count, in: bytes)))
    }
    guard let bom = handler.bom else {
      throw LineageError(
        .unrecognizedInput,
        "expected a CycloneDX <bom> in namespace \(namespacePrefix)1.x",
        at: SourceLocation(file: file, line: 1))
    }
    return bom
  }

  static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1
    for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1 }
    return line
  }
}

/// SAX handler: keeps the element path and a stack of the BOM components being read. Only
/// `components/component` under `bom`, under another BOM component, and `metadata/component`
/// are components; tool components and pedigree ancestors are not.
private final class CycloneDXXMLHandler: NSObject, XMLParserDelegate {
  let file: String
  var bom: CycloneDXInput.BOM?
  var failure: LineageError?

  /// Local names of the open elements.
  private var path: [String] = []
  /// Open BOM components and the depth of their `component` element in `path`.
  private var open: [(component: CycloneDXInput.Component, depth: Int, isMetadata: Bool)] = []
  private var text = ""
  private var attributes: [[String: String]] = []
  private var dependency: CycloneDXInput.Dependency?
  private var toolParts: [String: String] = [:]
  private weak var parser: XMLParser?

  init(file: String) { self.file = file }

  /// The innermost element still open when parsing stopped, if any.
  var unclosedElement: String? { path.last }

  private var location: SourceLocation {
    SourceLocation(file: file, line: parser?.lineNumber)
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    self.parser = parser
    if path.isEmpty {
      guard elementName == "bom", let ns = namespaceURI,
        ns.hasPrefix(CycloneDXXMLDecoder.namespacePrefix)
      else {
        failure = LineageError(
          .unrecognizedInput,
          "expected a CycloneDX <bom> in namespace \(CycloneDXXMLDecoder.namespacePrefix)1.x, found <\(elementName)>"
            + (namespaceURI.map { " in namespace \($0)" } ?? ""),
          at: location)
        parser.abortParsing()
        return
      }
      let version = String(ns.dropFirst(CycloneDXXMLDecoder.namespacePrefix.count))
      do {
        try CycloneDXInput.checkVersion(version, at: location)
      } catch {
        failure = error as? LineageError
        parser.abortParsing()
        return
      }
      bom = CycloneDXInput.BOM(specVersion: version, encoding: "XML")
    }
    path.append(elementName)
    attributes.append(attributeDict)
    text = ""
    let depth = path.count - 1

    switch elementName {
    case "component" where isBOMComponentElement(depth: depth):
      var c = CycloneDXInput.Component(location: location)
      c.bomRef = attributeDict["bom-ref"]
      c.type = attributeDict["type"]
      open.append((c, depth, depth == 2 && path[1] == "metadata"))
    case "dependency" where depth == 2 && path[1] == "dependencies":
      if let ref = attributeDict["ref"] {
        dependency = CycloneDXInput.Dependency(ref: ref, dependsOn: [], location: location)
      }
    case "dependency" where depth == 3 && path[1] == "dependencies":
      if let ref = attributeDict["ref"] { dependency?.dependsOn.append(ref) }
    default: break
    }
  }

  /// `bom/components/component`, `bom/metadata/component`, or `components/component` directly
  /// inside an open BOM component.
  private func isBOMComponentElement(depth: Int) -> Bool {
    guard depth >= 2 else { return false }
    if depth == 2 { return path[1] == "components" || path[1] == "metadata" }
    guard let parent = open.last, path[depth - 1] == "components" else { return false }
    return parent.depth == depth - 2
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    text += String(decoding: CDATABlock, as: UTF8.self)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let depth = path.count - 1
    let value = text.trimmingWhitespace()
    let attrs = attributes.last ?? [:]
    defer {
      path.removeLast()
      attributes.removeLast()
      text = ""
    }

    if let top = open.last, top.depth == depth, elementName == "component" {
      open.removeLast()
      if top.isMetadata {
        bom?.metadataComponent = top.component
      } else if let parentIndex = open.indices.last {
        open[parentIndex].component.components.append(top.component)
      } else {
        bom?.components.append(top.component)
      }
      return
    }
    if let top = open.last, depth > top.depth {
      componentField(elementName, value: value, attributes: attrs, relative: depth - top.depth)
      return
    }
    documentField(elementName, value: value, depth: depth)
  }

  /// A child of an open component, `relative` levels below its `component` element.
  private func componentField(
    _ name: String, value: String, attributes attrs: [String: String], relative: Int
  ) {
    guard let index = open.indices.last else { return }
    let parentName = path.count >= 2 ? path[path.count - 2] : ""
    let grandparent = path.count >= 3 ? path[path.count - 3] : ""
    switch (relative, name) {
    case (1, "group"): open[index].component.group = value
    case (1, "name"): open[index].component.name = value
    case (1, "version"): open[index].component.version = value
    case (1, "description"): open[index].component.description = value
    case (1, "scope"): open[index].component.scope = value
    case (1, "purl"): open[index].component.purl = value
    case (2, "hash") where parentName == "hashes":
      if let alg = attrs["alg"] { open[index].component.hashes.append((alg, value)) }
    case (2, "expression") where parentName == "licenses":
      open[index].component.licenses.append(
        .init(kind: .expression, text: value, concluded: attrs["acknowledgement"] == "concluded"))
    case (3, "id") where grandparent == "licenses", (3, "name") where grandparent == "licenses":
      let ack = attributes.count >= 2 ? attributes[attributes.count - 2]["acknowledgement"] : nil
      open[index].component.licenses.append(
        .init(kind: name == "id" ? .id : .name, text: value, concluded: ack == "concluded"))
    case (2, "name") where parentName == "supplier":
      if let supplierName = DecodedFieldReading.meaningful(value) {
        var s = open[index].component.supplier ?? Supplier(name: supplierName)
        s.name = supplierName
        open[index].component.supplier = s
      }
    case (2, "url") where parentName == "supplier":
      open[index].component.supplier?.url = value
    case (3, "email") where parentName == "contact" && grandparent == "supplier":
      if open[index].component.supplier?.email == nil {
        open[index].component.supplier?.email = value
      }
    case (3, "url") where parentName == "reference" && grandparent == "externalReferences":
      let type = attributes.count >= 2 ? attributes[attributes.count - 2]["type"] : nil
      if let type { open[index].component.externalReferences.append((type, value, nil)) }
    case (3, "comment") where parentName == "reference" && grandparent == "externalReferences":
      if let last = open[index].component.externalReferences.indices.last {
        open[index].component.externalReferences[last].comment = value
      }
    case (2, "property") where parentName == "properties":
      if let propertyName = attrs["name"] {
        open[index].component.properties.append(Property(propertyName, value))
      }
    default: break
    }
  }

  /// Elements outside components: metadata, tools, dependencies, compositions.
  private func documentField(_ name: String, value: String, depth: Int) {
    switch name {
    case "timestamp" where depth == 2 && path[1] == "metadata":
      bom?.timestamp = value
    case "vendor", "name", "version", "group":
      // metadata/tools/tool/* (1.2–1.4) and metadata/tools/components/component/* (1.5+).
      if (depth == 4 && path[2] == "tools" && path[3] == "tool")
        || (depth == 5 && path[2] == "tools" && path[3] == "components")
      {
        toolParts[name] = value
      }
    case "tool" where depth == 3 && path[2] == "tools",
      "component" where depth == 4 && path[2] == "tools":
      if let label = CycloneDXInput.toolLabel(
        group: toolParts["group"], name: toolParts["name"], version: toolParts["version"])
      {
        bom?.tools.append(label)
      }
      toolParts = [:]
    case "dependency" where depth == 2 && path[1] == "dependencies":
      if let d = dependency {
        if bom?.dependencies == nil { bom?.dependencies = [] }
        bom?.dependencies?.append(d)
      }
      dependency = nil
    case "dependencies" where depth == 1:
      if bom?.dependencies == nil { bom?.dependencies = [] }
    case "aggregate" where depth == 3 && path[1] == "compositions":
      bom?.compositionAggregates.append(value)
    default: break
    }
  }
}
