/// One entry of a yarn.lock, classic or berry: the descriptors (`name@range`) that resolve to
/// it and what they resolve to.
struct YarnLockEntry: Sendable {
  /// `name@range` strings of the entry's key, as written (berry ranges carry their protocol).
  var descriptors: [String]
  /// 1-based line of the key.
  var line: Int
  var version: String?
  /// Classic: the `resolved` URL. Berry: the `resolution` locator (`name@npm:1.2.3`).
  var resolved: String?
  /// Classic only: an SRI string.
  var integrity: String?
  /// Berry only: yarn's cache checksum (`10/<hex>`), not an SRI digest of the tarball.
  var checksum: String?
  var dependencies: [(name: String, range: String)] = []
  var optionalDependencies: [(name: String, range: String)] = []
  var peerDependencies: [(name: String, range: String)] = []
  /// Berry: names marked `optional: true` under `dependenciesMeta`.
  var optionalNames: Set<String> = []

  init(descriptors: [String], line: Int) {
    self.descriptors = descriptors
    self.line = line
  }
}

/// Which yarn.lock dialect a file is, from its first bytes.
enum YarnLockDialect: Sendable {
  case classic
  case berry

  /// Recognises a yarn.lock by content: berry's `__metadata:` block, classic's header comment,
  /// or (headerless classic) an unindented `name@range:` key followed by an indented
  /// `version`, `resolved` or `integrity` field (quoted or not).
  static func sniff(_ head: [UInt8]) -> YarnLockDialect? {
    let text = String(decoding: head, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    if lines.contains(where: { $0.hasPrefix("__metadata:") }) { return .berry }
    if text.contains("# yarn lockfile v1") { return .classic }
    let meaningful = lines.filter {
      !$0.hasPrefix("#") && !$0.allSatisfy { $0 == " " || $0 == "\r" }
    }
    guard meaningful.count >= 2 else { return nil }
    let key = meaningful[0]
    let next = meaningful[1].drop { $0 == " " }
    let fields = [
      "version ", "resolved ", "integrity ", "\"version\" ", "\"resolved\" ", "\"integrity\" ",
    ]
    if !key.hasPrefix(" ") && key.hasSuffix(":") && key.contains("@")
      && meaningful[1].hasPrefix("  ") && fields.contains(where: { next.hasPrefix($0) })
    {
      return .classic
    }
    return nil
  }
}
