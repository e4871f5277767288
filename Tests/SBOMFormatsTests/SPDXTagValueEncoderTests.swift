import Foundation
import SBOMFormats
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("SPDX 2.3 tag-value encoder")
struct SPDXTagValueEncoderTests {
  @Test("the Debian graph as SPDX tag-value matches its golden byte for byte")
  func golden() throws {
    try Golden.check(
      EncodingHelpers.text(try SampleGraphs.debian(), as: FormatID(name: "spdx-tag-value")),
      against: "goldens/formats/debian.spdx")
  }

  @Test("line breaks never escape a single-line field and </text> never ends a text block early")
  func escaping() throws {
    let text = try EncodingHelpers.text(
      try SampleGraphs.tricky(), as: FormatID(name: "spdx-tag-value"))
    #expect(text.contains("PackageVersion: 0.1 newline\n"))
    #expect(text.contains("PackageSupplier: Organization: Tab Supplier\n"))
    #expect(
      text.contains("<text>line one\nline two < /text> <text> & \"quotes\" \u{FFFD}control</text>"))
    for line in text.split(separator: "\n")
    where !line.isEmpty && !line.hasPrefix("line two")
      && !line.hasPrefix("newline")
    {
      #expect(line.contains(": "), "not a tag line: \(line)")
    }
  }

  @Test("files follow their package and are not repeated as CONTAINS relationships")
  func filesFollowPackage() throws {
    let text = try EncodingHelpers.text(
      try SampleGraphs.debian(), as: FormatID(name: "spdx-tag-value"))
    #expect(text.contains("FileName: ./lib/x86_64-linux-gnu/libgcc_s.so.1"))
    #expect(!text.contains(" CONTAINS "))
  }
}
