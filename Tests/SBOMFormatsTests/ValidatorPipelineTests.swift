import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

/// Proves the validation pipeline can fail: each document below is one of our own outputs with
/// one deliberate defect, and every one must be rejected. Without this, a validator that silently
/// skipped a format (or a sniffing mistake) would let every encoder test pass.
@Suite("Validator pipeline")
struct ValidatorPipelineTests {
  private func broken(_ graph: Graph, _ format: String, _ edit: (String) -> String) throws
    -> [UInt8]
  {
    let text = try EncodingHelpers.text(graph, as: FormatID(name: format))
    let edited = edit(text)
    #expect(edited != text, "the edit for \(format) changed nothing")
    return Array(edited.utf8)
  }

  private func replacingFirst(_ target: String, _ replacement: String) -> (String) -> String {
    { text in
      guard let r = text.firstRange(of: target) else { return text }
      return text.replacingCharacters(in: r, with: replacement)
    }
  }

  @Test("a deliberately broken document of every format fails validation")
  func brokenDocumentsFail() throws {
    let npm = try SampleGraphs.npm()
    let debian = try SampleGraphs.debian()
    let cases: [(String, [UInt8])] = [
      (
        "bad-scope.cdx.json",
        try broken(
          npm, "cyclonedx-json", replacingFirst(#""scope": "excluded""#, #""scope": "dev""#))
      ),
      (
        "dangling-ref.cdx.json",
        try broken(
          npm, "cyclonedx-json",
          replacingFirst(#""dependsOn": ["#, #""dependsOn": ["pkg:npm/nowhere@1","#))
      ),
      (
        "lifecycles-in-1.4.cdx.json",
        try broken(
          npm, "cyclonedx-json@1.4",
          replacingFirst(#""metadata": {"#, #""metadata": {"lifecycles": [{"phase": "build"}],"#))
      ),
      (
        "bad-scope.cdx.xml",
        try broken(npm, "cyclonedx-xml", replacingFirst("<scope>excluded", "<scope>dev"))
      ),
      (
        "dangling-ref.cdx.xml",
        try broken(
          npm, "cyclonedx-xml",
          replacingFirst(
            "<dependency ref=\"pkg:npm/lodash@4.17.21\"/>",
            "<dependency ref=\"pkg:npm/nowhere@1\"/>"))
      ),
      (
        "no-extracted-licences.spdx.json",
        try broken(
          debian, "spdx-json", replacingFirst(#""hasExtractedLicensingInfos""#, #""unknownField""#))
      ),
      (
        "no-supplier.spdx.json",
        try broken(
          npm, "spdx-json",
          {
            $0.replacingOccurrences(
              of: #""supplier": "Organization"#, with: #""originator": "Organization"#)
          })
      ),
      (
        "unlisted-licence.spdx",
        try broken(
          npm, "spdx-tag-value",
          replacingFirst(
            "PackageLicenseDeclared: MIT", "PackageLicenseDeclared: NotARealLicense-1.0"))
      ),
      (
        "unknown-tag.spdx",
        try broken(npm, "spdx-tag-value", replacingFirst("PackageVersion:", "PackageVersoin:"))
      ),
      (
        "dangling-relationship.spdx3.json",
        try broken(
          npm, "spdx3-json", replacingFirst(#""to": ["#, #""to": ["https://nowhere.invalid/x","#))
      ),
      (
        "no-created.spdx3.json",
        try broken(npm, "spdx3-json", replacingFirst(#""created": "#, #""comment": "#))
      ),
    ]
    let dir = try EncodingHelpers.temporaryDirectory("broken")
    let files = try EncodingHelpers.write(cases, into: dir)
    let results = try Validators.validate(files)
    #expect(results.count == files.count)
    for result in results {
      #expect(!result.ok, "validators accepted a broken document: \(result.file)")
    }
  }
}
