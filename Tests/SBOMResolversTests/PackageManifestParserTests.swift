import Testing

@testable import SBOMResolvers

@Suite("Package.swift text parser")
struct PackageManifestParserTests {
  @Test("takes the package name from Package(name:), skipping comments")
  func name() {
    let manifest = PackageManifestParser.parse(
      """
      // let package = Package(name: "Commented")
      /* Package(name: "Block") /* nested */ Package(name: "StillBlock") */
      let package = Package(
        name: "Real", // trailing comment
        products: []
      )
      """)
    #expect(manifest.name == "Real")
  }

  @Test("reads raw and multi-line string names")
  func rawStrings() {
    let raw = ##"let p = Package(name: #"Raw "Quoted" \n"#)"##
    #expect(PackageManifestParser.parse(raw).name == #"Raw "Quoted" \n"#)
    #expect(
      PackageManifestParser.parse("let p = Package(name: \"\"\"\n  Multi\n  \"\"\")").name
        == "Multi")
    #expect(PackageManifestParser.parse(#"let p = Package(name: "a\"b")"#).name == #"a"b"#)
  }

  @Test("finds every .package form with its requirement as written")
  func dependencies() {
    let manifest = PackageManifestParser.parse(
      """
      let package = Package(
        name: "Deps",
        dependencies: [
          .package(url: "https://github.com/a/one.git", from: "1.0.0"),
          .package(name: "Two", url: "git@github.com:a/Two.git", .upToNextMinor(from: "2.1.0")),
          .package(url: "https://github.com/a/three", "1.0.0"..<"2.0.0"),
          .package(url: "https://github.com/a/four", exact: "4.0.0", traits: ["x"]),
          .package(url: "https://github.com/a/five", branch: "main"),
          .package(url: "https://github.com/a/six", revision: "abc123"),
          .package(path: "../Seven"),
          .package(id: "scope.Eight", from: "8.0.0"),
          .package(url: "https://github.com/a/nine", .exact("9.0.0")),
        ],
        targets: [.target(name: "T", dependencies: [.product(name: "One", package: "one")])]
      )
      """)
    let found = manifest.dependencies.map { "\($0.identity) | \($0.requirement ?? "-")" }
    #expect(
      found == [
        #"one | from: "1.0.0""#,
        #"two | .upToNextMinor(from: "2.1.0")"#,
        #"three | "1.0.0"..<"2.0.0""#,
        #"four | exact: "4.0.0""#,
        #"five | branch: "main""#,
        #"six | revision: "abc123""#,
        "seven | -",
        #"scope.eight | from: "8.0.0""#,
        #"nine | .exact("9.0.0")"#,
      ])
    #expect(manifest.dependencies[1].name == "Two")
    #expect(manifest.dependencies[0].line == 4)
    #expect(manifest.unreadableDependencyLines.isEmpty)
  }

  @Test("a location that is not a literal is reported by line, not guessed")
  func computed() {
    let manifest = PackageManifestParser.parse(
      """
      let base = "https://github.com/a"
      let package = Package(
        name: "X",
        dependencies: [
          .package(url: base + "/one.git", from: "1.0.0"),
          .package(url: "\\(base)/two.git", from: "1.0.0"),
        ]
      )
      """)
    #expect(manifest.dependencies.isEmpty)
    #expect(manifest.unreadableDependencyLines == [5, 6])
  }

  @Test("unterminated strings and comments end the text without hanging")
  func unterminated() {
    #expect(PackageManifestParser.parse("let p = Package(name: \"open").name == "open")
    #expect(PackageManifestParser.parse("/* never closed Package(name: \"x\")").name == nil)
    #expect(PackageManifestParser.parse(".package(url: \"https://x/y\"").dependencies.count == 1)
  }
}
