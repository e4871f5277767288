import SBOMModel
import Testing

@testable import SBOMResolvers

@Suite("DebianCopyrightParser")
struct DebianCopyrightParserTests {
  func expression(_ text: String) -> String? {
    if case .machineReadable(let e) = DebianCopyrightParser.parse(Array(text.utf8)) {
      return e.description
    }
    return nil
  }

  @Test("Debian short names become SPDX identifiers")
  func shortNames() {
    #expect(DebianLicenseNames.spdx("GPL-2+") == "GPL-2.0-or-later")
    #expect(DebianLicenseNames.spdx("GPL-2") == "GPL-2.0-only")
    #expect(DebianLicenseNames.spdx("LGPL-2.1+") == "LGPL-2.1-or-later")
    #expect(DebianLicenseNames.spdx("LGPL-3") == "LGPL-3.0-only")
    #expect(DebianLicenseNames.spdx("GFDL-NIV-1.3+") == "GFDL-1.3-no-invariants-or-later")
    #expect(DebianLicenseNames.spdx("GPL-2.0-or-later") == "GPL-2.0-or-later")
    #expect(DebianLicenseNames.spdx("Expat") == "MIT")
    #expect(DebianLicenseNames.spdx("BSD-3-clause") == "BSD-3-Clause")
    #expect(DebianLicenseNames.spdx("Zlib") == "Zlib")
    #expect(DebianLicenseNames.spdx("public-domain") == "LicenseRef-public-domain")
  }

  @Test("unknown names become LicenseRef identifiers, never a guess")
  func unknownNames() {
    #expect(DebianLicenseNames.spdx("GPL") == "LicenseRef-GPL")
    #expect(DebianLicenseNames.spdx("GPL-7+") == "LicenseRef-GPL-7-or-later")
    #expect(DebianLicenseNames.spdx("Frob Licence_1") == "LicenseRef-Frob-Licence-1")
  }

  @Test("or, and, commas and exceptions translate into SPDX operators")
  func operators() {
    #expect(
      DebianCopyrightParser.spdxExpression("GPL-2+ or Artistic")
        == "GPL-2.0-or-later OR Artistic-1.0")
    #expect(
      DebianCopyrightParser.spdxExpression("BSD-2-clause or GPL-2+, and Expat")
        == "(BSD-2-Clause OR GPL-2.0-or-later) AND MIT")
    #expect(
      DebianCopyrightParser.spdxExpression("GPL-3+ with Autoconf exception")
        == "GPL-3.0-or-later WITH Autoconf-exception-2.0")
    #expect(
      DebianCopyrightParser.spdxExpression("GPL-2+ with OpenSSL exception")
        == "LicenseRef-GPL-2-or-later-with-OpenSSL-exception")
    #expect(DebianCopyrightParser.spdxExpression("Perl") == "Artistic-1.0-Perl OR GPL-1.0-or-later")
    #expect(
      DebianCopyrightParser.spdxExpression("Perl and MIT")
        == "(Artistic-1.0-Perl OR GPL-1.0-or-later) AND MIT")
    #expect(
      DebianCopyrightParser.spdxExpression("GPL-2+ or MIT, or BSD-3-clause and Zlib")
        == "GPL-2.0-or-later OR MIT OR BSD-3-Clause AND Zlib")
  }

  @Test("a DEP-5 file gives the licences of its header and Files paragraphs, sorted, joined by AND")
  func machineReadable() {
    let text = """
      Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

      Files: *
      License: LGPL-2.1+

      Files: debian/*
      License: GPL-2+

      Files: other/*
      License: GPL-2+

      License: Unused-Standalone
       text of a licence nobody names
      """
    #expect(expression(text) == "GPL-2.0-or-later AND LGPL-2.1-or-later")
  }

  @Test("a free-text copyright file gives no licence")
  func freeText() {
    let text = "This package was debianized by someone.\n\nLicense: GPL-2+\n"
    #expect(DebianCopyrightParser.parse(Array(text.utf8)) == .notMachineReadable)
  }

  @Test("a DEP-5 file without License fields says so")
  func noLicenses() {
    let text =
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: 2020 X\n"
    #expect(DebianCopyrightParser.parse(Array(text.utf8)) == .machineReadableWithoutLicenses)
  }
}
