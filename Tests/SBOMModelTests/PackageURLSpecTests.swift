import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

/// Runs every case of the purl specification's test files (`shared/spec-tests/purl/`).
@Suite("PackageURL against the purl specification tests")
struct PackageURLSpecTests {
  static let files = [
    "specification-test.json", "npm-test.json", "deb-test.json", "swift-test.json",
    "generic-test.json", "github-test.json",
  ]

  /// One test case, with the fields the runner needs.
  struct SpecCase {
    var label: String
    var type: String
    var input: Any
    var expected: Any
    var expectedFailure: Bool
  }

  static func loadCases(_ file: String) throws -> [SpecCase] {
    let url = TestPaths.shared.appendingPathComponent("spec-tests/purl").appendingPathComponent(
      file)
    let data = try Data(contentsOf: url)
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let tests = try #require(root["tests"] as? [[String: Any]], "\(file) has no tests array")
    return try tests.enumerated().map { index, test in
      let type = try #require(test["test_type"] as? String)
      let description = test["description"] as? String ?? ""
      return SpecCase(
        label: "\(file)#\(index) [\(type)] \(description)", type: type,
        input: test["input"] ?? NSNull(), expected: test["expected_output"] ?? NSNull(),
        expectedFailure: test["expected_failure"] as? Bool ?? false)
    }
  }

  static func string(_ value: Any?) -> String? { value as? String }

  static func build(_ input: Any) throws -> PackageURL {
    let fields = input as? [String: Any] ?? [:]
    return try PackageURL(
      type: string(fields["type"]) ?? "", namespace: string(fields["namespace"]),
      name: string(fields["name"]) ?? "", version: string(fields["version"]),
      qualifiers: fields["qualifiers"] as? [String: String] ?? [:],
      subpath: string(fields["subpath"]))
  }

  /// Runs one case; returns a failure message, or nil when the case passes.
  static func run(_ c: SpecCase) -> String? {
    do {
      let purl: PackageURL
      switch c.type {
      case "parse", "validate", "roundtrip":
        purl = try PackageURL(parsing: string(c.input) ?? "")
      case "build":
        purl = try build(c.input)
      default:
        return "unknown test type \(c.type)"
      }
      if c.expectedFailure { return "expected an error, got \(purl)" }
      if c.type == "parse" {
        let fields = c.expected as? [String: Any] ?? [:]
        let got: [String?] = [purl.type, purl.namespace, purl.name, purl.version, purl.subpath]
        let want: [String?] = ["type", "namespace", "name", "version", "subpath"].map {
          string(fields[$0])
        }
        let wantQualifiers = fields["qualifiers"] as? [String: String] ?? [:]
        if got != want || purl.qualifiers != wantQualifiers {
          return "parsed \(got) \(purl.qualifiers), expected \(want) \(wantQualifiers)"
        }
      } else if purl.description != string(c.expected) {
        return "got \(purl.description), expected \(string(c.expected) ?? "nil")"
      }
      return nil
    } catch {
      return c.expectedFailure ? nil : "unexpected error: \(error)"
    }
  }

  @Test("every case of the purl spec test file passes", arguments: files)
  func specFile(_ file: String) throws {
    let cases = try Self.loadCases(file)
    #expect(!cases.isEmpty, "\(file) has no cases")
    var passed = 0
    for c in cases {
      if let failure = Self.run(c) {
        Issue.record("\(c.label): \(failure)")
      } else {
        passed += 1
      }
    }
    #expect(passed == cases.count)
  }

  @Test(
    "parsing while noting canonical text agrees with parsing, and canonical text is the description"
  )
  func notingCanonical() throws {
    var inputs = try Self.files.flatMap { try Self.loadCases($0) }.compactMap {
      $0.type == "build" ? nil : Self.string($0.input)
    }
    // Edges of the plain form the fast path takes, and near misses it must leave alone.
    inputs += [
      "pkg:npm/a@1", "pkg:npm/a", "pkg:npm/ns/a@1.0.0", "pkg:npm/@babel/core@7.0.0",
      "pkg:npm/%40babel/core@7.0.0", "pkg:npm/a@", "pkg:npm/a@1@2", "pkg:npm//a@1",
      "pkg:npm/a/@1", "pkg:npm/a/", "pkg:npm/A@1", "pkg:NPM/a@1", "pkg:npm/a@1?x=y",
      "pkg:npm/a@1#sub", "pkg:npm/a:b@1:2", "pkg:pypi/a_b@1", "pkg:pypi/a-b@1", "pkg:swift/a@1",
      "pkg:swift/github.com/apple/swift-nio@2.62.0", "pkg:9a/b@1", "pkg:a9/b@1", "pkg:/a/b@1",
      "pkg:generic/a~b.c_d-e@1+2", "pkg:generic/a@1+2", "pkg:deb/debian/libc6@2.36-9",
      "pkg:npm/a@1.0.0-beta.1", "pkg:", "pkg:npm", "pkg:npm/", "PKG:npm/a@1", "pkg:npm/é@1",
    ]
    for text in inputs {
      let expected = Result { try PackageURL(parsing: text) }
      let noted = Result { try PackageURL.parsingNotingCanonical(text) }
      switch (expected, noted) {
      case (.success(let purl), .success(let got)):
        #expect(got.purl == purl, "\(text)")
        if got.isCanonical { #expect(purl.description == text, "\(text)") }
      case (.failure(let a), .failure(let b)):
        #expect("\(a)" == "\(b)", "\(text)")
      default:
        Issue.record("\(text): parsing gave \(expected), noting canonical gave \(noted)")
      }
    }
    #expect(try PackageURL.parsingNotingCanonical("pkg:npm/a@1").isCanonical)
    #expect(try PackageURL.parsingNotingCanonical("pkg:npm/ns/a@1.0.0").isCanonical)
    #expect(try !PackageURL.parsingNotingCanonical("pkg:npm/A@1").isCanonical)
  }

  @Test("all six spec files load and together hold the expected number of cases")
  func allFilesPresent() throws {
    let total = try Self.files.map { try Self.loadCases($0).count }.reduce(0, +)
    #expect(total >= 89)
  }

  @Test("building from decoded components percent-encodes the canonical string")
  func encodesComponents() throws {
    let purl = try PackageURL(
      type: "npm", namespace: "@babel", name: "core", version: "7.0.0+build 1",
      qualifiers: ["Repository_URL": "https://r.example/x", "empty": ""], subpath: "./a/../b/")
    #expect(
      purl.description
        == "pkg:npm/%40babel/core@7.0.0%2Bbuild%201?repository_url=https:%2F%2Fr.example%2Fx#a/b")
    #expect(try PackageURL(parsing: purl.description) == purl)
    #expect(
      purl.withoutVersion.description
        == "pkg:npm/%40babel/core?repository_url=https:%2F%2Fr.example%2Fx#a/b")
  }

  @Test("type-specific rules fold case and reject missing parts")
  func typeRules() throws {
    #expect(
      try PackageURL(parsing: "pkg:NPM/JSONStream@1.0.0").description == "pkg:npm/jsonstream@1.0.0")
    #expect(
      try PackageURL(parsing: "pkg:deb/Debian/LibC6@2.36").description
        == "pkg:deb/debian/libc6@2.36")
    #expect(try PackageURL(parsing: "pkg:pypi/Django_Rest@1").name == "django-rest")
    #expect(try PackageURL(parsing: "pkg://generic/a@1").description == "pkg:generic/a@1")
    #expect(throws: LineageError.self) { try PackageURL(parsing: "pkg:generic/a?x=1&x=2") }
    #expect(throws: LineageError.self) { try PackageURL(parsing: "pkg:generic/a%zz") }
    #expect(throws: LineageError.self) { try PackageURL(parsing: "pkg:generic/") }
    #expect(throws: LineageError.self) { try PackageURL(type: "swift", name: "x") }
  }

  @Test("purls order by their canonical string")
  func ordering() throws {
    let a = try PackageURL(parsing: "pkg:npm/a@1")
    let b = try PackageURL(parsing: "pkg:npm/b@0")
    #expect(a < b)
  }
}
