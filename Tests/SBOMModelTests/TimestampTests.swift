import SBOMModel
import Testing

@Suite("Timestamp RFC 3339 formatting")
struct TimestampTests {
  static let cases: [(Int64, String)] = [
    (0, "1970-01-01T00:00:00Z"),
    (951_782_400, "2000-02-29T00:00:00Z"),
    (2_147_483_648, "2038-01-19T03:14:08Z"),
    (4_102_444_800, "2100-01-01T00:00:00Z"),
    (253_402_300_799, "9999-12-31T23:59:59Z"),
    (-1, "1969-12-31T23:59:59Z"),
    (-86_400, "1969-12-31T00:00:00Z"),
  ]

  @Test("seconds since the epoch format as UTC RFC 3339", arguments: cases)
  func formats(_ seconds: Int64, _ expected: String) {
    #expect(Timestamp(secondsSinceEpoch: seconds).rfc3339 == expected)
  }
}
