import SBOMFormats
import Testing

@Suite("Format names")
struct FormatIDTests {
  @Test("a bare name picks the default version")
  func defaults() throws {
    #expect(try FormatID(name: "cyclonedx-json").version == "1.6")
    #expect(try FormatID(name: "spdx-json").version == "2.3")
    #expect(try FormatID(name: "spdx3-json").version == "3.0")
  }

  @Test("a version after @ is honoured when the format has it")
  func explicitVersion() throws {
    let format = try FormatID(name: "cyclonedx-xml@1.4")
    #expect(format.family == .cyclonedx && format.encoding == .xml && format.version == "1.4")
  }

  @Test("unknown names and versions are usage errors naming the choices")
  func rejects() {
    #expect(throws: (any Error).self) { try FormatID(name: "cyclonedx-yaml") }
    #expect(throws: (any Error).self) { try FormatID(name: "cyclonedx-json@2.0") }
    #expect(throws: (any Error).self) { try FormatID(name: "spdx-json@2.2") }
  }
}
