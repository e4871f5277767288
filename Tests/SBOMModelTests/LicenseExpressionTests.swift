import SBOMModel
import Testing

@Suite("LicenseExpression parsing, normalisation and printing")
struct LicenseExpressionTests {
  /// Input and its canonical form.
  static let canonical: [(String, String)] = [
    ("MIT", "MIT"),
    ("mit", "MIT"),
    ("apache-2.0", "Apache-2.0"),
    ("  MIT  ", "MIT"),
    ("(MIT)", "MIT"),
    ("((MIT))", "MIT"),
    ("MIT or Apache-2.0", "MIT OR Apache-2.0"),
    ("MIT and Apache-2.0", "MIT AND Apache-2.0"),
    ("mit AnD bsd-3-clause", "MIT AND BSD-3-Clause"),
    // AND binds tighter than OR.
    ("MIT OR Apache-2.0 AND BSD-2-Clause", "MIT OR Apache-2.0 AND BSD-2-Clause"),
    ("(MIT OR Apache-2.0) AND BSD-2-Clause", "(MIT OR Apache-2.0) AND BSD-2-Clause"),
    ("MIT OR (Apache-2.0 AND BSD-2-Clause)", "MIT OR Apache-2.0 AND BSD-2-Clause"),
    ("(MIT AND Apache-2.0) OR BSD-2-Clause", "MIT AND Apache-2.0 OR BSD-2-Clause"),
    ("MIT AND (Apache-2.0 AND ISC)", "MIT AND Apache-2.0 AND ISC"),
    ("(MIT OR ISC) OR Zlib", "MIT OR ISC OR Zlib"),
    ("ISC AND (MIT OR (Zlib AND 0BSD))", "ISC AND (MIT OR Zlib AND 0BSD)"),
    ("GPL-2.0+", "GPL-2.0+"),
    ("gpl-2.0+", "GPL-2.0+"),
    ("LGPL-2.1+ OR MIT", "LGPL-2.1+ OR MIT"),
    (
      "GPL-2.0-or-later WITH Classpath-exception-2.0",
      "GPL-2.0-or-later WITH Classpath-exception-2.0"
    ),
    (
      "gpl-2.0-or-later with classpath-exception-2.0",
      "GPL-2.0-or-later WITH Classpath-exception-2.0"
    ),
    ("Apache-2.0 WITH LLVM-exception OR MIT", "Apache-2.0 WITH LLVM-exception OR MIT"),
    (
      "MIT AND (GPL-3.0-only WITH GCC-exception-3.1)", "MIT AND GPL-3.0-only WITH GCC-exception-3.1"
    ),
    ("LicenseRef-my-licence.1", "LicenseRef-my-licence.1"),
    ("licenseref-Custom", "LicenseRef-Custom"),
    (
      "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
      "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"
    ),
    ("MIT OR LicenseRef-x", "MIT OR LicenseRef-x"),
    ("GPL-2.0-only WITH AdditionRef-my-exception", "GPL-2.0-only WITH AdditionRef-my-exception"),
    ("MIT\tOR\nISC", "MIT OR ISC"),
    ("(MIT)AND(ISC)", "MIT AND ISC"),
  ]

  @Test("valid expressions parse and print canonically", arguments: canonical)
  func parses(_ input: String, _ expected: String) throws {
    let expression = try LicenseExpression(parsing: input)
    #expect(expression.description == expected)
    // The canonical form is a fixed point.
    #expect(try LicenseExpression(parsing: expected) == expression)
  }

  @Test("AND binds tighter than OR in the tree")
  func precedence() throws {
    let e = try LicenseExpression(parsing: "MIT OR Apache-2.0 AND BSD-2-Clause")
    #expect(
      e
        == .or([
          .license("MIT", orLater: false),
          .and([.license("Apache-2.0", orLater: false), .license("BSD-2-Clause", orLater: false)]),
        ]))
    let w = try LicenseExpression(parsing: "GPL-2.0+ WITH Classpath-exception-2.0 AND MIT")
    #expect(
      w
        == .and([
          .with(.license("GPL-2.0", orLater: true), exception: "Classpath-exception-2.0"),
          .license("MIT", orLater: false),
        ]))
    #expect(w.licenseIDs == ["GPL-2.0", "MIT"])
  }

  @Test(
    "malformed or unknown expressions are errors in strict parsing",
    arguments: [
      "", "   ", "MIT AND", "AND MIT", "(MIT", "MIT)", "()", "MIT OR OR ISC", "MIT ISC",
      "MIT WITH", "MIT WITH MIT", "(MIT OR ISC) WITH Classpath-exception-2.0",
      "MIT WITH Classpath-exception-2.0 WITH LLVM-exception", "NotALicense", "MIT OR Foo",
      "GPL-2.0-only WITH Not-an-exception", "LicenseRef-", "LicenseRef-a_b", "DocumentRef-x",
      "MIT,", "Apache 2.0", "+", "WITH",
    ])
  func rejects(_ input: String) {
    #expect(throws: LineageError.self) { try LicenseExpression(parsing: input) }
  }

  @Test("absurd nesting is a limit error, not a crash")
  func deepNesting() {
    let deep = String(repeating: "(", count: 10_000) + "MIT" + String(repeating: ")", count: 10_000)
    #expect(throws: LineageError.self) { try LicenseExpression(parsing: deep) }
    #expect(LicenseExpression.lenient(deep).description.hasPrefix("LicenseRef-"))
  }

  static let lenientCases: [(String, String)] = [
    ("mit", "MIT"),
    ("MIT OR apache-2.0", "MIT OR Apache-2.0"),
    ("Foo", "LicenseRef-Foo"),
    ("MIT OR Foo-1.0", "MIT OR LicenseRef-Foo-1.0"),
    ("BSD style", "LicenseRef-BSD-style"),
    ("GPL v2 or later", "LicenseRef-GPL-v2-or-later"),
    ("MIT/X11", "LicenseRef-MIT-X11"),
    ("", "LicenseRef-unknown"),
    ("Custom+", "LicenseRef-Custom-"),
    ("GPL-2.0-only WITH Foo-exception", "LicenseRef-GPL-2.0-only-WITH-Foo-exception"),
    ("LicenseRef-a_b", "LicenseRef-a-b"),
    ("Public Domain (see COPYING)", "LicenseRef-Public-Domain--see-COPYING-"),
    ("Lizenz für alle", "LicenseRef-Lizenz-f-r-alle"),
  ]

  @Test(
    "lenient reading never fails and turns unknown text into LicenseRefs", arguments: lenientCases)
  func lenient(_ input: String, _ expected: String) throws {
    let e = LicenseExpression.lenient(input)
    #expect(e.description == expected)
    // Whatever lenient produces is a valid expression (LicenseRefs need no list entry).
    #expect(try LicenseExpression(parsing: e.description) == e)
  }

  @Test("id lookups follow the SPDX list, case-insensitively")
  func lookups() {
    #expect(LicenseExpression.isKnownLicenseID("MIT"))
    #expect(LicenseExpression.isKnownLicenseID("apache-2.0"))
    #expect(LicenseExpression.isKnownLicenseID("GPL-2.0"))
    #expect(LicenseExpression.isDeprecatedLicenseID("GPL-2.0"))
    #expect(!LicenseExpression.isDeprecatedLicenseID("GPL-2.0-only"))
    #expect(!LicenseExpression.isKnownLicenseID("Classpath-exception-2.0"))
    #expect(LicenseExpression.isKnownExceptionID("Classpath-exception-2.0"))
    #expect(LicenseExpression.isKnownExceptionID("llvm-exception"))
    #expect(!LicenseExpression.isKnownExceptionID("MIT"))
    #expect(LicenseExpression.canonicalLicenseID("bsd-3-clause") == "BSD-3-Clause")
    #expect(SPDXLicenseList.version == "3.29")
    #expect(SPDXLicenseList.licenses.count == 740)
    #expect(SPDXLicenseList.exceptions.count == 86)
  }

  @Test("every id on the list parses as itself and as its lowercase spelling")
  func wholeList() throws {
    for entry in SPDXLicenseList.licenses {
      #expect(try LicenseExpression(parsing: entry.id.lowercased()).description == entry.id)
    }
    for entry in SPDXLicenseList.exceptions {
      let text = "MIT WITH \(entry.id.uppercased())"
      #expect(try LicenseExpression(parsing: text).description == "MIT WITH \(entry.id)")
    }
  }

  @Test("hand-built trees print with the parentheses their meaning needs")
  func printing() {
    let mit = LicenseExpression.license("MIT", orLater: false)
    let isc = LicenseExpression.license("ISC", orLater: false)
    #expect(LicenseExpression.and([.or([mit, isc]), mit]).description == "(MIT OR ISC) AND MIT")
    #expect(LicenseExpression.or([.and([mit, isc]), mit]).description == "MIT AND ISC OR MIT")
    #expect(
      LicenseExpression.with(.or([mit, isc]), exception: "LLVM-exception").description
        == "(MIT OR ISC) WITH LLVM-exception")
  }
}
