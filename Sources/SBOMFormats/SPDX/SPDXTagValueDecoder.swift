import SBOMModel

/// Reads an SPDX 2.1–2.3 tag-value document into `SPDXInput`: `Tag: value` lines, values in
/// `<text>…</text>` spanning lines, packages opened by `PackageName:`, files (`FileName:`) and
/// snippets (`SnippetSPDXID:`) recorded only so relationships to them are skipped quietly.
enum SPDXTagValueDecoder {
  /// Whether the bytes from `start` read as tag-value: an `SPDXVersion:` tag near the top.
  static func looksLikeTagValue(_ bytes: [UInt8], from start: Int) -> Bool {
    guard
      let at = ByteSearch.firstIndex(
        of: "SPDXVersion:", in: bytes, from: start, limit: start + 65536)
    else { return false }
    return at == start || bytes[at - 1] == 0x0A
  }

  private enum Section { case document, package, file, snippet, license, other }

  static func decode(_ bytes: [UInt8], file: String) throws -> Graph {
    var document = SPDXInput.Document(version: "", encoding: "tag-value")
    var versionLine: Int?
    var otherElements: Set<String> = []
    var section = Section.document
    var package: SPDXInput.Package?
    var annotationTarget: String?
    var annotationComment: String?
    var annotationsByID: [String: [String]] = [:]

    func flushAnnotation() {
      if let target = annotationTarget, let comment = annotationComment {
        annotationsByID[target, default: []].append(comment)
      }
      annotationTarget = nil
      annotationComment = nil
    }
    func flushPackage() {
      if let p = package { document.packages.append(p) }
      package = nil
    }

    var lines = TagValueLines(bytes: bytes)
    while let entry = try lines.next(file: file) {
      let (tag, value, line) = (entry.tag, entry.value, entry.line)
      switch tag {
      case "SPDXVersion":
        versionLine = line
        document.version = try SPDXInput.version(value, at: SourceLocation(file: file, line: line))
      case "DocumentName": document.name = value
      case "Creator": document.creators.append(value)
      case "Created": document.created = value
      case "PackageName":
        flushPackage()
        section = .package
        package = SPDXInput.Package(location: SourceLocation(file: file, line: line), name: value)
      case "FileName":
        flushPackage()
        section = .file
      case "SnippetSPDXID":
        flushPackage()
        section = .snippet
        otherElements.insert(value)
      case "LicenseID":
        flushPackage()
        section = .license
      case "SPDXID":
        switch section {
        case .package: package?.spdxID = value
        case .document, .file, .snippet: otherElements.insert(value)
        case .license, .other: break
        }
      case "Relationship":
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 3 else {
          throw LineageError(
            .syntax, "expected 'Relationship: <element> <TYPE> <element>', found '\(value)'",
            at: SourceLocation(file: file, line: line))
        }
        document.relationships.append(
          SPDXInput.Relationship(
            element: String(parts[0]), type: String(parts[1]), related: String(parts[2]),
            location: SourceLocation(file: file, line: line)))
      case "RelationshipComment":
        if let last = document.relationships.indices.last {
          document.relationships[last].comment = value
        }
      case "Annotator":
        flushAnnotation()
        annotationComment = nil
      case "SPDXREF": annotationTarget = value
      case "AnnotationComment": annotationComment = value
      default:
        guard section == .package, package != nil else { continue }
        switch tag {
        case "PackageVersion": package?.version = value
        case "PackageSupplier": package?.supplier = value
        case "PackageDownloadLocation": package?.downloadLocation = value
        case "PackageHomePage": package?.homepage = value
        case "PackageDescription": package?.description = value
        case "PrimaryPackagePurpose": package?.purpose = value
        case "PackageLicenseConcluded": package?.licenseConcluded = value
        case "PackageLicenseDeclared": package?.licenseDeclared = value
        case "PackageChecksum":
          // `SHA1: 85ed0817…`
          if let colon = value.firstIndex(of: ":") {
            package?.checksums.append(
              (
                String(value[..<colon]).trimmingWhitespace(),
                String(value[value.index(after: colon)...]).trimmingWhitespace()
              ))
          }
        case "ExternalRef":
          // `PACKAGE-MANAGER purl pkg:npm/x@1`
          let parts = value.split(
            maxSplits: 2, omittingEmptySubsequences: true,
            whereSeparator: { $0 == " " || $0 == "\t" })
          if parts.count == 3 {
            package?.externalRefs.append((String(parts[1]), String(parts[2]).trimmingWhitespace()))
          }
        default: break
        }
      }
    }
    flushAnnotation()
    flushPackage()
    guard versionLine != nil else {
      throw LineageError(
        .schema, "expected an 'SPDXVersion:' line", at: SourceLocation(file: file, line: 1))
    }
    if !annotationsByID.isEmpty {
      for i in document.packages.indices {
        if let id = document.packages[i].spdxID, let extra = annotationsByID[id] {
          document.packages[i].annotations += extra
        }
      }
    }
    return SPDXGraphMapper.map(document, otherElements: otherElements, file: file)
  }
}

/// Splits tag-value bytes into `(tag, value, line)` entries, joining `<text>…</text>` values that
/// span lines and skipping blank and `#` comment lines.
struct TagValueLines {
  let bytes: [UInt8]
  var pos = 0
  var line = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
  }

  /// The next raw line without its terminator, or nil at the end.
  private mutating func rawLine() -> ArraySlice<UInt8>? {
    guard pos < bytes.count else { return nil }
    line += 1
    let start = pos
    while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
    var end = pos
    if pos < bytes.count { pos += 1 }
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return bytes[start..<end]
  }

  mutating func next(file: String) throws -> (tag: String, value: String, line: Int)? {
    while let raw = rawLine() {
      let text = String(decoding: raw, as: UTF8.self)
      let trimmed = text.trimmingWhitespace()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let startLine = line
      guard let colon = trimmed.firstIndex(of: ":") else {
        throw LineageError(
          .syntax, "expected 'Tag: value', found '\(trimmed.prefix(60))'",
          at: SourceLocation(file: file, line: startLine))
      }
      let tag = String(trimmed[..<colon]).trimmingWhitespace()
      var value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
      if value.hasPrefix("<text>") {
        value.removeFirst("<text>".count)
        while !value.contains("</text>") {
          guard let more = rawLine() else {
            throw LineageError(
              .syntax, "'<text>' of \(tag) is never closed by '</text>'",
              at: SourceLocation(file: file, line: startLine))
          }
          value += "\n" + String(decoding: more, as: UTF8.self)
        }
        if let close = value.firstRange(of: "</text>") {
          value = String(value[..<close.lowerBound])
        }
      }
      return (tag, value, startLine)
    }
    return nil
  }
}
