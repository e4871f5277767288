import SBOMModel

/// A CycloneDX BOM as read from JSON or XML, before it is mapped into the graph: only the fields
/// the model keeps, as plain strings, so one mapper serves both encodings.
enum CycloneDXInput {
  struct BOM {
    /// `1.2` … `1.7`.
    var specVersion: String
    /// `JSON` or `XML`, for `Graph.Metadata.inputFormat`.
    var encoding: String
    var timestamp: String?
    var tools: [String] = []
    var serialNumber: String?
    var metadataComponent: Component?
    var components: [Component] = []
    /// nil when the document has no `dependencies` at all (so edges are unknown).
    var dependencies: [Dependency]?
    /// `aggregate` of every composition.
    var compositionAggregates: [String] = []
  }

  struct Component {
    var place: Place
    var bomRef: String?
    var type: String?
    var group: String?
    var name: String?
    var version: String?
    var description: String?
    var scope: String?
    var purl: String?
    var hashes: [(algorithm: String, value: String)] = []
    var licenses: [License] = []
    var supplier: Supplier?
    var externalReferences: [(type: String, url: String, comment: String?)] = []
    var properties: [Property] = []
    var components: [Component] = []

    init(location: SourceLocation) { place = .at(location) }
    init(place: Place) { self.place = place }

    /// Where the component is in its document.
    var location: SourceLocation { place.location }
  }

  /// Where an entry is in its document. JSON entries keep their array and index and make the
  /// path only when a warning or a repeated identity asks for it: writing `$.components[i]` for
  /// every one of tens of thousands of entries cost an allocation each.
  enum Place {
    case at(SourceLocation)
    /// The entry `index` of the array at `array` (a JSON path).
    case element(file: String, array: StaticStringOrString, index: Int)

    var location: SourceLocation {
      switch self {
      case .at(let location): location
      case .element(let file, let array, let index):
        SourceLocation(file: file, jsonPath: array.text + "[" + String(index) + "]")
      }
    }
  }

  /// A JSON path known at compile time (no storage per entry), or one built at run time.
  enum StaticStringOrString {
    case constant(StaticString)
    case built(String)

    var text: String {
      switch self {
      case .constant(let s): s.description
      case .built(let s): s
      }
    }
  }

  /// One entry of a `licenses` list; `concluded` when CycloneDX 1.6 `acknowledgement` says so.
  struct License {
    enum Kind { case id, name, expression }
    var kind: Kind
    var text: String
    var concluded: Bool
  }

  struct Dependency {
    var ref: String
    var dependsOn: [String]
    var place: Place

    init(ref: String, dependsOn: [String], location: SourceLocation) {
      self.init(ref: ref, dependsOn: dependsOn, place: .at(location))
    }
    init(ref: String, dependsOn: [String], place: Place) {
      self.ref = ref
      self.dependsOn = dependsOn
      self.place = place
    }

    var location: SourceLocation { place.location }
  }

  /// The CycloneDX versions Lineage reads.
  static let supportedVersions = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]

  static func checkVersion(_ version: String, at location: SourceLocation) throws {
    guard supportedVersions.contains(version) else {
      throw LineageError(
        .unsupportedVersion,
        "CycloneDX specVersion \(version) is not supported (expected 1.2 to 1.7)", at: location)
    }
  }

  /// `name version` of a tool, as `Graph.Metadata.generators` lists it.
  static func toolLabel(group: String?, name: String?, version: String?) -> String? {
    guard let name = DecodedFieldReading.meaningful(name) else { return nil }
    var label = name
    if let group = DecodedFieldReading.meaningful(group) { label = group + "/" + name }
    if let version = DecodedFieldReading.meaningful(version) { label += " " + version }
    return label
  }
}
