import SBOMModel
import Testing

@testable import SBOMDiff

@Suite("Identity keys")
struct IdentityKeyTests {
  func component(
    _ type: String, _ namespace: String?, _ name: String, _ version: String?,
    qualifiers: [String: String] = [:], origin: Origin = .unknown
  ) throws -> IdentifiedComponent {
    let purl = try PackageURL(
      type: type, namespace: namespace, name: name, version: version, qualifiers: qualifiers)
    return IdentifiedComponent(
      Component(
        id: ComponentID(purl.description), ecosystem: Ecosystem(type), namespace: namespace,
        name: name, version: version, purl: purl, origin: origin))
  }

  @Test("Syft's epoch in the version and Trivy's epoch qualifier give one version")
  func debianEpoch() throws {
    let syft = try component(
      "deb", "debian", "libgcrypt20", "1:1.10.1-3", qualifiers: ["arch": "amd64"])
    let trivy = try component(
      "deb", "debian", "libgcrypt20", "1.10.1-3", qualifiers: ["arch": "amd64", "epoch": "1"])
    #expect(syft.key == trivy.key)
    #expect(syft.version == trivy.version)
    #expect(syft.version == "1:1.10.1-3")
    #expect(syft.versionlessPURL() == "pkg:deb/libgcrypt20?arch=amd64")
  }

  @Test("epoch 0 is no epoch")
  func epochZero() throws {
    #expect(try component("deb", nil, "a", "0:1.0-1").version == "1.0-1")
  }

  @Test("the Debian vendor is not part of the identity; the architecture tells copies apart")
  func debianVendorAndArch() throws {
    let a = try component("deb", "debian", "libc6", "2.36-9", qualifiers: ["arch": "amd64"])
    let b = try component("deb", "ubuntu", "LibC6", "2.36-9", qualifiers: ["arch": "i386"])
    #expect(a.key == b.key)
    #expect(a.discriminator == "amd64")
    #expect(b.discriminator == "i386")
  }

  @Test("SwiftPM identity comes from the repository URL, not the manifest name")
  func swiftFromURL() throws {
    let v1 = try component(
      "swift", "github.com/apple", "llbuild", "0.5.0",
      origin: .git(
        url: "https://github.com/apple/swift-llbuild.git", revision: "abc", reference: nil))
    let v2 = try component(
      "swift", "github.com/apple", "swift-llbuild", "0.5.0",
      origin: .git(url: "git@github.com:Apple/swift-llbuild", revision: "abc", reference: nil))
    #expect(v1.key == v2.key)
    #expect(
      v1.key == IdentityKey(type: "swift", namespace: "github.com/apple", name: "swift-llbuild"))
  }

  @Test("a namespace repeating the repository, a scheme or a .git suffix is normalised away")
  func swiftNamespaceForms() throws {
    let syftForm = try component("swift", "github.com/apple/swift-nio", "swift-nio", "2.62.0")
    let schemeForm = try component("swift", "https://github.com/Apple/", "swift-nio.git", "2.62.0")
    let plain = try component("swift", "github.com/apple", "swift-nio", "2.62.0")
    #expect(syftForm.key == plain.key)
    #expect(schemeForm.key == plain.key)
  }

  @Test("an npm scope written into the name is moved into the namespace")
  func npmScopeInName() throws {
    let split = try component("npm", "@babel", "core", "7.23.0")
    let joined = try component("npm", nil, "@babel/core", "7.23.0")
    let encoded = try component("npm", "%40babel", "Core", "7.23.0")
    #expect(split.key == joined.key)
    #expect(split.key == encoded.key)
    #expect(split.versionlessPURL().hasSuffix("/core"))
  }

  @Test("names keep their case where the ecosystem is case-sensitive")
  func caseSensitiveTypes() throws {
    let a = try component("golang", "github.com/Masterminds", "semver", "v3.2.0")
    let b = try component("golang", "github.com/masterminds", "semver", "v3.2.0")
    #expect(a.key != b.key)
  }

  @Test("PyPI names compare by PEP 503")
  func pypiNormalised() throws {
    #expect(
      try component("pypi", nil, "Zope.Interface", "1").key
        == component("pypi", nil, "zope_interface", "1").key)
  }

  @Test("pnpm peer suffixes left on npm versions are cut; UNKNOWN is no version")
  func npmVersionSuffixes() throws {
    #expect(try component("npm", nil, "a", "1.5.2_react@17.0.2").version == "1.5.2")
    #expect(try component("npm", nil, "a", "1.5.2(react@17.0.2)").version == "1.5.2")
    #expect(try component("npm", nil, "a", "UNKNOWN").version == nil)
    #expect(try component("pypi", nil, "a", "1.0_1").version == "1.0_1")
  }
}
