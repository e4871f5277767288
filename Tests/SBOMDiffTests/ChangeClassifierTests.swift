import SBOMModel
import Testing

@testable import SBOMDiff

@Suite("Change classifier")
struct ChangeClassifierTests {
  @Test("git commit ids used as versions have no order")
  func revisionsHaveNoOrder() {
    #expect(ChangeClassifier.versionKind("abcdef1", "1234abc", type: "swift") == .versionChanged)
    #expect(ChangeClassifier.versionKind(nil, "1.0.0", type: "npm") == .versionChanged)
    #expect(ChangeClassifier.versionKind("1.0.0", "1.0.1", type: "npm") == .upgraded)
    #expect(ChangeClassifier.versionKind("1.0.1", "1.0.0", type: "npm") == .downgraded)
    #expect(!ChangeClassifier.looksLikeRevision("1234567"))
    #expect(ChangeClassifier.looksLikeRevision("0123abc"))
  }

  @Test("an abbreviated revision matches the full one it starts")
  func abbreviatedRevision() {
    let full = Origin.git(
      url: "u", revision: "0123456789abcdef0123456789abcdef01234567", reference: nil)
    #expect(
      !ChangeClassifier.revisionMoved(full, .git(url: "u", revision: "0123456", reference: nil)))
    #expect(
      ChangeClassifier.revisionMoved(full, .git(url: "u", revision: "9123456", reference: nil)))
    #expect(!ChangeClassifier.revisionMoved(full, .git(url: "u", revision: nil, reference: nil)))
  }

  @Test("licences compare case-insensitively and ignore operand order")
  func licenceCanonical() {
    func c(_ e: LicenseExpression?) -> Component {
      Component(id: ComponentID("x"), ecosystem: .npm, name: "x", declaredLicense: e)
    }
    let a = c(.or([.license("MIT", orLater: false), .license("Apache-2.0", orLater: false)]))
    let b = c(.or([.license("apache-2.0", orLater: false), .license("mit", orLater: false)]))
    #expect(ChangeClassifier.licenseKey(a) == ChangeClassifier.licenseKey(b))
    #expect(ChangeClassifier.licenseKey(c(.license("NOASSERTION", orLater: false))) == nil)
    #expect(ChangeClassifier.licenseKey(c(nil)) == nil)
  }

  @Test("supplier names ignore an SPDX Organization prefix and case")
  func supplierKey() {
    #expect(
      ChangeClassifier.supplierKey(Supplier(name: "Organization: Acme Inc"))
        == ChangeClassifier.supplierKey(Supplier(name: "acme inc")))
    #expect(ChangeClassifier.supplierKey(Supplier(name: "NOASSERTION")) == nil)
  }
}
