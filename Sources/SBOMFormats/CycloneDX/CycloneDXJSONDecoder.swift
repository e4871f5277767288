import LineageJSON
import SBOMModel

/// Reads a CycloneDX 1.2–1.7 JSON document into `CycloneDXInput` in one pass over its bytes
/// (`JSONPullReader`): no tree is built, and members Lineage does not keep are skipped unread.
///
/// It reads what a lookup in the parsed object would: at every level but a component's own
/// members the first occurrence of a repeated name counts; a component's members are taken in
/// order, so a later duplicate wins. Fields of an unexpected type are ignored rather than fatal:
/// documents from many tools bend the schema, and a component is worth keeping even when one of
/// its facts is odd.
enum CycloneDXJSONDecoder {
  /// The graph, or nil when the document has no top-level `bomFormat` (the caller then reads it
  /// as another format). Syntax errors anywhere in the document come before schema errors, as
  /// when the whole document was parsed first.
  static func decode(_ bytes: [UInt8], file: String) throws -> Graph? {
    let document: Document
    do {
      document = try JSONPullReader.read(bytes) { r throws(JSONSyntaxError) in
        var reading = Reading(file: file, expectedComponents: expectedComponents(bytes.count))
        return try reading.document(&r)
      }
    } catch {
      throw SBOMDecoder.syntaxError(error, file: file)
    }
    guard let bomFormatIsCycloneDX = document.bomFormatIsCycloneDX else { return nil }
    guard bomFormatIsCycloneDX else {
      throw LineageError(
        .unrecognizedInput, "bomFormat must be \"CycloneDX\"",
        at: SourceLocation(file: file, jsonPath: "$.bomFormat"))
    }
    try CycloneDXInput.checkVersion(
      document.bom.specVersion, at: SourceLocation(file: file, jsonPath: "$.specVersion"))
    if let found = document.componentsOfType {
      throw LineageError(
        .schema, "expected an array of components, found \(found)",
        at: SourceLocation(file: file, jsonPath: "$.components"))
    }
    if var mapper = document.mapper {
      // Dependencies met before the components were kept until now (mapped ones are not here).
      for dependency in document.bom.dependencies ?? [] { mapper.add(dependency) }
      return mapper.finish(document.bom)
    }
    return CycloneDXGraphMapper.map(document.bom, file: file)
  }

  /// Room to make for the components of a document of `byteCount` bytes when they are mapped
  /// as they are read (their number is not known in advance): about one per 384 bytes, the
  /// density of the tersest generators, so the tables rarely grow; memory reserved but never
  /// written costs nothing.
  static func expectedComponents(_ byteCount: Int) -> Int {
    min(byteCount / 384, 1 << 18) + 16
  }

  /// What one pass found; schema checks wait until the whole document is known to be JSON.
  struct Document {
    var bom = CycloneDXInput.BOM(specVersion: "", encoding: "JSON")
    /// nil when there is no top-level `bomFormat`.
    var bomFormatIsCycloneDX: Bool?
    /// The JSON type of a top-level `components` that is not an array.
    var componentsOfType: String?
    /// The graph so far, when the components were mapped as they were read; they are then not
    /// in `bom.components` (nor the dependencies mapped with them in `bom.dependencies`).
    var mapper: CycloneDXGraphMapper?
  }

  /// The member readers. Each one consumes exactly the value it is positioned at.
  private struct Reading {
    let file: String
    let expectedComponents: Int

    /// Components are mapped as they are read, with no list of them kept, when `metadata` comes
    /// before `components` (as every generator writes it): the root must be mapped first. In
    /// any other order they are collected and mapped at the end, with the same result.
    mutating func document(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> Document {
      var document = Document()
      var componentsRead = false
      var dependenciesRead = false
      guard try r.kind() == .object else {
        try r.skipValue()
        return document
      }
      var seen: UInt32 = 0
      try r.beginObject()
      while try r.nextMember() {
        switch Names.document.first(r, seen: &seen) {
        case .bomFormat:
          document.bomFormatIsCycloneDX = try r.stringValueEquals("CycloneDX")
        case .specVersion:
          switch try r.kind() {
          case .string: document.bom.specVersion = try r.string()
          case .number: document.bom.specVersion = try r.numberText()
          default: try r.skipValue()
          }
        case .serialNumber:
          document.bom.serialNumber = try r.stringValue()
        case .metadata:
          try metadata(&r, into: &document.bom)
          if !componentsRead, !dependenciesRead {
            var mapper = CycloneDXGraphMapper(file: file)
            mapper.begin(
              root: document.bom.metadataComponent, expectedComponents: expectedComponents)
            document.mapper = mapper
          }
        case .components:
          componentsRead = true
          let kind = try r.kind()
          if kind == .array, document.mapper != nil {
            try components(&r, path: .constant("$.components")) { component in
              document.mapper?.add(component)
            }
          } else if kind == .array {
            document.bom.components = try components(&r, path: .constant("$.components"))
          } else {
            document.componentsOfType = kind.typeName
            try r.skipValue()
          }
        case .dependencies:
          dependenciesRead = true
          if try r.kind() == .array, componentsRead, var mapper = document.mapper {
            // Every component is known: edges are mapped as read. The mapper is taken out
            // while it works so that changing it copies nothing.
            document.mapper = nil
            document.bom.dependencies = []
            try dependencies(&r, into: &mapper)
            document.mapper = mapper
          } else if try r.kind() == .array {
            var list: [CycloneDXInput.Dependency] = []
            try dependencies(&r) { list.append($0) }
            document.bom.dependencies = list
          } else {
            try r.skipValue()
          }
        case .compositions:
          try forEachObject(&r) { r throws(JSONSyntaxError) in
            var seen: UInt32 = 0
            while try r.nextMember() {
              if Names.composition.first(r, seen: &seen) == .aggregate {
                if let aggregate = try r.stringValue() {
                  document.bom.compositionAggregates.append(aggregate)
                }
              } else {
                try r.skipValue()
              }
            }
          }
        case nil:
          try r.skipValue()
        }
      }
      return document
    }

    mutating func metadata(_ r: inout JSONPullReader, into bom: inout CycloneDXInput.BOM)
      throws(JSONSyntaxError)
    {
      guard try r.kind() == .object else { return try r.skipValue() }
      var seen: UInt32 = 0
      try r.beginObject()
      while try r.nextMember() {
        switch Names.metadata.first(r, seen: &seen) {
        case .timestamp: bom.timestamp = try r.stringValue()
        case .tools: bom.tools = try tools(&r)
        case .component:
          if try r.kind() == .object {
            bom.metadataComponent = try component(
              &r, place: .at(SourceLocation(file: file, jsonPath: "$.metadata.component")))
          } else {
            try r.skipValue()
          }
        case nil: try r.skipValue()
        }
      }
    }

    /// 1.2–1.4 `tools` is an array of tools; 1.5+ an object of `components` and `services`
    /// (listed in that order, whatever the document's order).
    func tools(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> [String] {
      switch try r.kind() {
      case .array:
        return try toolLabels(&r)
      case .object:
        var components: [String] = []
        var services: [String] = []
        var seen: UInt32 = 0
        try r.beginObject()
        while try r.nextMember() {
          switch Names.tools.first(r, seen: &seen) {
          case .components: components = try toolLabels(&r)
          case .services: services = try toolLabels(&r)
          case nil: try r.skipValue()
          }
        }
        return components + services
      default:
        try r.skipValue()
        return []
      }
    }

    func toolLabels(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> [String] {
      var labels: [String] = []
      try forEachObject(&r) { r throws(JSONSyntaxError) in
        var group: String?
        var name: String?
        var version: String?
        var seen: UInt32 = 0
        while try r.nextMember() {
          switch Names.tool.first(r, seen: &seen) {
          case .group: group = try r.stringValue()
          case .name: name = try r.stringValue()
          case .version: version = try r.stringValue()
          case nil: try r.skipValue()
          }
        }
        if let label = CycloneDXInput.toolLabel(group: group, name: name, version: version) {
          labels.append(label)
        }
      }
      return labels
    }

    /// An array of components (the caller has checked it is one); entries that are not objects
    /// are skipped but still counted in the paths.
    func components(_ r: inout JSONPullReader, path: CycloneDXInput.StaticStringOrString)
      throws(JSONSyntaxError) -> [CycloneDXInput.Component]
    {
      var out: [CycloneDXInput.Component] = []
      try components(&r, path: path) { out.append($0) }
      return out
    }

    /// Calls `each` with every component of the array, in order.
    func components(
      _ r: inout JSONPullReader, path: CycloneDXInput.StaticStringOrString,
      _ each: (consuming CycloneDXInput.Component) -> Void
    ) throws(JSONSyntaxError) {
      var index = 0
      try r.beginArray()
      while try r.nextElement() {
        if try r.kind() == .object {
          each(try component(&r, place: .element(file: file, array: path, index: index)))
        } else {
          try r.skipValue()
        }
        index += 1
      }
    }

    /// A component object (the caller has checked it is one). Its members are taken in order,
    /// so a repeated one replaces (or, for lists, adds to) what came before.
    func component(_ r: inout JSONPullReader, place: CycloneDXInput.Place) throws(JSONSyntaxError)
      -> CycloneDXInput.Component
    {
      var c = CycloneDXInput.Component(place: place)
      // Read into a component the caller owns: returning one built here copied it whole (and
      // destroyed the original), as much work as mapping it.
      try members(&r, into: &c)
      return c
    }

    private func members(_ r: inout JSONPullReader, into c: inout CycloneDXInput.Component)
      throws(JSONSyntaxError)
    {
      let place = c.place
      try r.beginObject()
      while try r.nextMember() {
        switch Names.component.current(r) {
        case .bomRef: c.bomRef = try r.stringValue()
        case .type: c.type = try r.stringValue()
        case .group: c.group = try r.stringValue()
        case .name: c.name = try r.stringValue()
        case .version: c.version = try r.stringValue()
        case .description: c.description = try r.stringValue()
        case .scope: c.scope = try r.stringValue()
        case .purl: c.purl = try r.stringValue()
        case .hashes: Self.append(try hashes(&r), to: &c.hashes)
        case .licenses: c.licenses = try licenses(&r)
        case .supplier: c.supplier = try supplier(&r)
        case .externalReferences: Self.append(try externalReferences(&r), to: &c.externalReferences)
        case .properties: Self.append(try properties(&r), to: &c.properties)
        case .components:
          if try r.kind() == .array {
            let path = place.location.jsonPath ?? ""
            c.components = try components(&r, path: .built(path + ".components"))
          } else {
            try r.skipValue()
          }
        case nil: try r.skipValue()
        }
      }
    }

    /// `list` after `entries` (a repeated member adds to the first), without copying the
    /// entries when `entries` is empty (nearly always).
    static func append<T>(_ list: [T], to entries: inout [T]) {
      if entries.isEmpty { entries = list } else { entries += list }
    }

    // The list readers return their entries rather than add them to the component: a closure
    // that captured the component made the reader copy it, and destroy the copy, every time.

    func hashes(_ r: inout JSONPullReader) throws(JSONSyntaxError)
      -> [(algorithm: String, value: String)]
    {
      var out: [(algorithm: String, value: String)] = []
      try forEachObject(&r) { r throws(JSONSyntaxError) in
        var algorithm: String?
        var content: String?
        var seen: UInt32 = 0
        while try r.nextMember() {
          switch Names.hash.first(r, seen: &seen) {
          case .alg: algorithm = try r.stringValue()
          case .content: content = try r.stringValue()
          case nil: try r.skipValue()
          }
        }
        if let algorithm, let content { out.append((algorithm, content)) }
      }
      return out
    }

    /// An `expression` entry wins over a `license` entry in the same object.
    func licenses(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> [CycloneDXInput.License] {
      var out: [CycloneDXInput.License] = []
      try forEachObject(&r) { r throws(JSONSyntaxError) in
        var concluded = false
        var expression: String?
        var license: CycloneDXInput.License?
        var seen: UInt32 = 0
        while try r.nextMember() {
          switch Names.licenseEntry.first(r, seen: &seen) {
          case .acknowledgement: concluded = try r.stringValueEquals("concluded")
          case .expression: expression = try r.stringValue()
          case .license: license = try licenseChoice(&r)
          case nil: try r.skipValue()
          }
        }
        if let expression {
          out.append(.init(kind: .expression, text: expression, concluded: concluded))
        } else if let license {
          out.append(license)
        }
      }
      return out
    }

    /// A `license` object: its `id`, else its `name`.
    func licenseChoice(_ r: inout JSONPullReader) throws(JSONSyntaxError)
      -> CycloneDXInput.License?
    {
      guard try r.kind() == .object else {
        try r.skipValue()
        return nil
      }
      var concluded = false
      var id: String?
      var name: String?
      var seen: UInt32 = 0
      try r.beginObject()
      while try r.nextMember() {
        switch Names.license.first(r, seen: &seen) {
        case .acknowledgement: concluded = try r.stringValueEquals("concluded")
        case .id: id = try r.stringValue()
        case .name: name = try r.stringValue()
        case nil: try r.skipValue()
        }
      }
      if let id { return .init(kind: .id, text: id, concluded: concluded) }
      if let name { return .init(kind: .name, text: name, concluded: concluded) }
      return nil
    }

    /// `url` is an array of URLs (1.x) whose first counts, or a single string; the first
    /// `contact` with an email gives the email.
    func supplier(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> Supplier? {
      guard try r.kind() == .object else {
        try r.skipValue()
        return nil
      }
      var name: String?
      var url: String?
      var email: String?
      var seen: UInt32 = 0
      try r.beginObject()
      while try r.nextMember() {
        switch Names.supplier.first(r, seen: &seen) {
        case .name: name = try r.stringValue()
        case .url:
          if try r.kind() == .array {
            var first = true
            try r.beginArray()
            while try r.nextElement() {
              if first { url = try r.stringValue() } else { try r.skipValue() }
              first = false
            }
          } else {
            url = try r.stringValue()
          }
        case .contact:
          try forEachObject(&r) { r throws(JSONSyntaxError) in
            var seenContact: UInt32 = 0
            while try r.nextMember() {
              if Names.contact.first(r, seen: &seenContact) == .email {
                let value = try r.stringValue()
                if email == nil { email = value }
              } else {
                try r.skipValue()
              }
            }
          }
        case nil: try r.skipValue()
        }
      }
      guard let name = DecodedFieldReading.meaningful(name) else { return nil }
      return Supplier(name: name, email: email, url: url)
    }

    func externalReferences(_ r: inout JSONPullReader) throws(JSONSyntaxError)
      -> [(type: String, url: String, comment: String?)]
    {
      var out: [(type: String, url: String, comment: String?)] = []
      try forEachObject(&r) { r throws(JSONSyntaxError) in
        var type: String?
        var url: String?
        var comment: String?
        var seen: UInt32 = 0
        while try r.nextMember() {
          switch Names.reference.first(r, seen: &seen) {
          case .type: type = try r.stringValue()
          case .url: url = try r.stringValue()
          case .comment: comment = try r.stringValue()
          case nil: try r.skipValue()
          }
        }
        if let type, let url { out.append((type, url, comment)) }
      }
      return out
    }

    func properties(_ r: inout JSONPullReader) throws(JSONSyntaxError) -> [Property] {
      var out: [Property] = []
      try forEachObject(&r) { r throws(JSONSyntaxError) in
        var name: String?
        var value: String?
        var seen: UInt32 = 0
        while try r.nextMember() {
          switch Names.property.first(r, seen: &seen) {
          case .name: name = try r.stringValue()
          case .value: value = try r.stringValue()
          case nil: try r.skipValue()
          }
        }
        if let name { out.append(Property(name, value ?? "")) }
      }
      return out
    }

    /// Calls `each` with every entry of `dependencies` (the caller has checked it is an array)
    /// in order; entries without a string `ref` are skipped but still counted in the paths.
    func dependencies(
      _ r: inout JSONPullReader, _ each: (consuming CycloneDXInput.Dependency) -> Void
    ) throws(JSONSyntaxError) {
      try dependencyEntries(&r, expectedRef: { _ in nil }) { ref, _, targets, place in
        if let ref { each(CycloneDXInput.Dependency(ref: ref, dependsOn: targets, place: place)) }
      }
    }

    /// Maps every entry of `dependencies` (the caller has checked it is an array) into
    /// `mapper`, as `dependencies(_:_:)` followed by `mapper.add` would. A ref is first compared,
    /// as bytes, with the one the mapper expects next; only another ref becomes a string. An
    /// entry with no targets and the expected ref (most entries) then needs nothing more.
    func dependencies(_ r: inout JSONPullReader, into mapper: inout CycloneDXGraphMapper)
      throws(JSONSyntaxError)
    {
      try dependencyEntries(&r, expectedRef: { mapper.expectedRef($0) }) {
        ref, expected, targets, place in
        if let expected {
          if !targets.isEmpty { mapper.addEdges(fromRef: expected, to: targets, place: place) }
        } else if let ref {
          mapper.add(CycloneDXInput.Dependency(ref: ref, dependsOn: targets, place: place))
        }
      }
    }

    /// Reads each entry of `dependencies`: its `ref` goes to `expectedRef` as bytes first and
    /// becomes a String only when that returns nil; `dependsOn` may be plain strings or
    /// (1.2–1.3) `{"ref": …}` objects. Entries that are not objects are skipped but counted.
    private func dependencyEntries(
      _ r: inout JSONPullReader, expectedRef: (UnsafeBufferPointer<UInt8>) -> Int?,
      _ each: (
        _ ref: String?, _ expected: Int?, _ targets: [String], _ place: CycloneDXInput.Place
      ) -> Void
    ) throws(JSONSyntaxError) {
      var index = 0
      try r.beginArray()
      while try r.nextElement() {
        defer { index += 1 }
        guard try r.kind() == .object else {
          try r.skipValue()
          continue
        }
        var ref: String?
        var expected: Int?
        var targets: [String] = []
        var seen: UInt32 = 0
        try r.beginObject()
        while try r.nextMember() {
          switch Names.dependency.first(r, seen: &seen) {
          case .ref:
            _ = try r.withStringValue { bytes in
              expected = expectedRef(bytes)
              if expected == nil { ref = String(decoding: bytes, as: UTF8.self) }
            }
          case .dependsOn: try dependsOn(&r, into: &targets)
          case nil: try r.skipValue()
          }
        }
        each(
          ref, expected, targets,
          .element(file: file, array: .constant("$.dependencies"), index: index))
      }
    }

    /// Appends the targets of a `dependsOn` array: strings, or (1.2–1.3) `{"ref": …}` objects.
    func dependsOn(_ r: inout JSONPullReader, into targets: inout [String])
      throws(JSONSyntaxError)
    {
      try forEachElement(&r) { r throws(JSONSyntaxError) in
        switch try r.kind() {
        case .string: targets.append(try r.string())
        case .object:
          var seenTarget: UInt32 = 0
          try r.beginObject()
          while try r.nextMember() {
            if Names.dependency.first(r, seen: &seenTarget) == .ref {
              if let target = try r.stringValue() { targets.append(target) }
            } else {
              try r.skipValue()
            }
          }
        default: try r.skipValue()
        }
      }
    }

    /// Calls `body` inside each object element of the array at the current position (after
    /// `beginObject`; it reads the members); other elements, and a value that is not an array,
    /// are skipped.
    func forEachObject(
      _ r: inout JSONPullReader,
      _ body: (inout JSONPullReader) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
      try forEachElement(&r) { r throws(JSONSyntaxError) in
        guard try r.kind() == .object else { return try r.skipValue() }
        try r.beginObject()
        try body(&r)
      }
    }

    /// Calls `body` at each element of the array at the current position; skips a value that
    /// is not an array.
    func forEachElement(
      _ r: inout JSONPullReader,
      _ body: (inout JSONPullReader) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
      guard try r.kind() == .array else { return try r.skipValue() }
      try r.beginArray()
      while try r.nextElement() { try body(&r) }
    }
  }

  /// The members read from each kind of object; raw values are the JSON names.
  private enum DocumentMember: String, CaseIterable {
    case bomFormat, specVersion, serialNumber, metadata, components, dependencies, compositions
  }
  private enum MetadataMember: String, CaseIterable { case timestamp, tools, component }
  private enum ToolsMember: String, CaseIterable { case components, services }
  private enum ToolMember: String, CaseIterable { case group, name, version }
  private enum ComponentMember: String, CaseIterable {
    case bomRef = "bom-ref"
    case type, group, name, version, description, scope, purl, hashes, licenses, supplier
    case externalReferences, properties, components
  }
  private enum HashMember: String, CaseIterable { case alg, content }
  private enum LicenseEntryMember: String, CaseIterable {
    case acknowledgement, expression, license
  }
  private enum LicenseMember: String, CaseIterable { case acknowledgement, id, name }
  private enum SupplierMember: String, CaseIterable { case name, url, contact }
  private enum ContactMember: String, CaseIterable { case email }
  private enum ReferenceMember: String, CaseIterable { case type, url, comment }
  private enum PropertyMember: String, CaseIterable { case name, value }
  private enum DependencyMember: String, CaseIterable { case ref, dependsOn }
  private enum CompositionMember: String, CaseIterable { case aggregate }

  private enum Names {
    static let document = Members<DocumentMember>()
    static let metadata = Members<MetadataMember>()
    static let tools = Members<ToolsMember>()
    static let tool = Members<ToolMember>()
    static let component = Members<ComponentMember>()
    static let hash = Members<HashMember>()
    static let licenseEntry = Members<LicenseEntryMember>()
    static let license = Members<LicenseMember>()
    static let supplier = Members<SupplierMember>()
    static let contact = Members<ContactMember>()
    static let reference = Members<ReferenceMember>()
    static let property = Members<PropertyMember>()
    static let dependency = Members<DependencyMember>()
    static let composition = Members<CompositionMember>()
  }

  /// Looks up the current member among an enum's cases by name, as bytes.
  private struct Members<Member: RawRepresentable & CaseIterable & Sendable>: Sendable
  where Member.RawValue == String {
    let names: JSONMemberNames
    private let cases: [Member]

    init() {
      cases = Array(Member.allCases)
      names = JSONMemberNames(cases.map(\.rawValue))
    }

    /// The current member, or nil when it is not one of `Member`'s.
    func current(_ r: JSONPullReader) -> Member? {
      r.member(in: names).map { cases[$0] }
    }

    /// The current member when no earlier member of the same object had its name (`seen`
    /// holds one bit per name met), as a lookup in a parsed object finds only the first of a
    /// repeated name; nil for a repeat or a name that is not one of `Member`'s.
    func first(_ r: JSONPullReader, seen: inout UInt32) -> Member? {
      guard let i = r.member(in: names) else { return nil }
      let bit: UInt32 = 1 << UInt32(i)
      if seen & bit != 0 { return nil }
      seen |= bit
      return cases[i]
    }
  }
}
