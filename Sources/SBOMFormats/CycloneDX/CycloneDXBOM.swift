/// A CycloneDX BOM as Lineage writes it: the wire shape shared by the JSON and XML encoders.
/// Version differences are decided in `CycloneDXMapping`; the encoders only spell them.
struct CycloneDXBOM: Sendable {
  var version: CycloneDXVersion
  var serialNumber: String
  var timestamp: String
  var lifecycle: String?
  var tool: Tool
  var mainComponent: Component?
  var components: [Component]
  var dependencies: [Dependency]
  var composition: Composition

  struct Tool: Sendable {
    var vendor: String
    var name: String
    var version: String
  }

  struct Component: Sendable {
    var type: String
    var bomRef: String
    var supplier: Organization?
    var group: String?
    var name: String
    var version: String?
    var description: String?
    var scope: String?
    var hashes: [Hash]
    var licenses: Licenses?
    var purl: String?
    var externalReferences: [ExternalReference]
    var properties: [(name: String, value: String)]
    var components: [Component]
  }

  struct Organization: Sendable {
    var name: String
    var url: String?
    var email: String?
  }

  struct Hash: Sendable {
    var algorithm: String
    var content: String
  }

  /// CycloneDX allows either licence entries or one expression, never both.
  enum Licenses: Sendable {
    case entries([License])
    case expression(String, acknowledgement: String?)
  }

  struct License: Sendable {
    var id: String?
    var name: String?
    var acknowledgement: String?
  }

  struct ExternalReference: Sendable {
    var type: String
    var url: String
    var comment: String?
  }

  struct Dependency: Sendable {
    var ref: String
    var dependsOn: [String]
  }

  struct Composition: Sendable {
    var aggregate: String
    var dependencies: [String]
  }
}

/// What each written CycloneDX version can say.
struct CycloneDXVersion: Sendable, Hashable {
  var text: String
  /// Kept from `init`: the encoders ask what the version can say once per component, and
  /// parsing the text each time was a tenth of mapping a component.
  private let minor: Int

  init?(_ text: String) {
    guard ["1.4", "1.5", "1.6", "1.7"].contains(text) else { return nil }
    self.text = text
    self.minor = Int(text.split(separator: ".").last ?? "") ?? 0
  }
  /// 1.5 added `metadata.lifecycles` and made `metadata.tools` an object of components.
  var hasLifecycles: Bool { minor >= 5 }
  var toolsAsComponents: Bool { minor >= 5 }
  /// 1.6 added `acknowledgement` (declared / concluded) on licences.
  var hasLicenseAcknowledgement: Bool { minor >= 6 }
  var xmlNamespace: String { "http://cyclonedx.org/schema/bom/\(text)" }
  var jsonSchema: String { "http://cyclonedx.org/schema/bom-\(text).schema.json" }
}
