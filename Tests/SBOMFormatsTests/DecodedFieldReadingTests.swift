import SBOMModel
import Testing

@testable import SBOMFormats

@Suite("DecodedFieldReading")
struct DecodedFieldReadingTests {
  @Test("SPDX actors give a name and an email in parentheses or angle brackets")
  func actors() {
    #expect(
      DecodedFieldReading.spdxActor("Organization: Acme, Inc (ops@acme.example)")
        == Supplier(name: "Acme, Inc", email: "ops@acme.example"))
    #expect(
      DecodedFieldReading.spdxActor("Person: Natanael Copa <ncopa@alpinelinux.org>")
        == Supplier(name: "Natanael Copa", email: "ncopa@alpinelinux.org"))
    #expect(
      DecodedFieldReading.spdxActor("Organization: ExampleCodeInspect ()")
        == Supplier(name: "ExampleCodeInspect"))
    #expect(DecodedFieldReading.spdxActor("NOASSERTION") == nil)
    #expect(DecodedFieldReading.spdxActor("") == nil)
  }

  @Test("NOASSERTION and NONE licences are nil; text that is no expression becomes a LicenseRef")
  func licences() {
    #expect(DecodedFieldReading.license("NOASSERTION") == nil)
    #expect(DecodedFieldReading.license("NONE") == nil)
    #expect(
      DecodedFieldReading.license("Apache License 2.0")?.description
        == "LicenseRef-Apache-License-2.0")
    #expect(DecodedFieldReading.license("mit OR apache-2.0")?.description == "MIT OR Apache-2.0")
  }

  @Test("a document name spelling namespace/name takes the purl's split")
  func names() throws {
    let purl = try PackageURL(
      type: "golang", namespace: "github.com/spf13", name: "cobra", version: "v1.0.0")
    let split = DecodedFieldReading.nameAndNamespace(
      documentName: "github.com/spf13/cobra", group: nil, purl: purl)
    #expect(split.name == "cobra")
    #expect(split.namespace == "github.com/spf13")
    let kept = DecodedFieldReading.nameAndNamespace(
      documentName: "Cobra CLI", group: nil, purl: purl)
    #expect(kept.name == "Cobra CLI")
    let noPurl = DecodedFieldReading.nameAndNamespace(
      documentName: "x", group: "org.acme", purl: nil)
    #expect(noPurl.name == "x" && noPurl.namespace == "org.acme")
  }

  @Test("kinds from CycloneDX types and SPDX purposes")
  func kinds() {
    #expect(DecodedFieldReading.kind("application") == .application)
    #expect(DecodedFieldReading.kind("OPERATING-SYSTEM") == .operatingSystem)
    #expect(DecodedFieldReading.kind("operating-system") == .operatingSystem)
    #expect(DecodedFieldReading.kind("framework") == .library)
    #expect(DecodedFieldReading.kind(nil) == .library)
  }
}
