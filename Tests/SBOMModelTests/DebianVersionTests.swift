import Foundation
import SBOMModel
import SBOMTestSupport
import Testing

@Suite("DebianVersion ordering, with dpkg as the oracle")
struct DebianVersionTests {
  /// Pairs in ascending order, from Debian Policy §5.6.12 and dpkg's own test suite.
  static let ascendingPairs: [(String, String)] = [
    ("1.0~rc1", "1.0"), ("1.0~~", "1.0~"), ("1.0~", "1.0"), ("1.0", "1.0a"), ("1.0a", "1.0+"),
    ("1.0", "1.0.1"), ("1.9", "1.10"), ("1.0-1", "1.0-2"), ("1.0-9", "1.0-10"),
    ("1.0-1", "1.0-1+b1"), ("2.0", "1:0.1"), ("1:9.9", "2:0"), ("0.9-1ubuntu1", "0.9-1ubuntu2"),
    ("1.2.3-1~deb12u1", "1.2.3-1"), ("1.0a", "1.0b"), ("1.0.0", "1.0.0.0"),
  ]

  @Test("hand-picked pairs order as Debian policy says")
  func policyPairs() throws {
    for (a, b) in Self.ascendingPairs {
      let x = try DebianVersion(parsing: a)
      let y = try DebianVersion(parsing: b)
      #expect(x < y, "\(a) < \(b)")
      #expect(DebianVersion.compare(y, x) == 1, "\(b) > \(a)")
    }
    #expect(try DebianVersion(parsing: "1.0") == DebianVersion(parsing: "1.00"))
    #expect(try DebianVersion(parsing: "0:1.0-0") == DebianVersion(parsing: "1.0"))
  }

  @Test("parsing splits epoch, upstream and revision at the first colon and last hyphen")
  func parts() throws {
    let v = try DebianVersion(parsing: "2:1.2-3-4ubuntu1")
    #expect(v.epoch == 2)
    #expect(v.upstream == "1.2-3")
    #expect(v.revision == "4ubuntu1")
    #expect(v.description == "2:1.2-3-4ubuntu1")
  }

  @Test(
    "dpkg-invalid versions are rejected",
    arguments: [
      "", " ", "1.0 beta", ":1.0", "a:1.0", "1:", "1.0-", "a1.0", "1.0_1", "1:5.#", "1.0-1_2",
      "99999999999:1.0",
    ])
  func rejects(_ text: String) {
    #expect(throws: LineageError.self) { try DebianVersion(parsing: text) }
  }

  @Test("lenient comparison never fails on malformed or hostile strings")
  func lenient() {
    #expect(DebianVersion.compare("1:5.#", "1:5.1") != 0)
    #expect(DebianVersion.compare("a\u{0}b", "a\u{0}c") == -1)
    #expect(DebianVersion.compare("x:1.0", "1.0") != 0)
  }

  // MARK: - Corpus against dpkg

  /// Every distinct `Version:` and `Source: name (version)` value in the corpus's dpkg files.
  static func corpusVersions() throws -> [String] {
    let files = try TestPaths.corpusFiles { $0 == "debian" || $0 == "pairs:debian" }
    var versions = Set<String>()
    for file in files {
      let text = try String(
        contentsOf: TestPaths.corpus.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        if line.hasPrefix("Version:") {
          versions.insert(String(line.dropFirst("Version:".count)).trimmingWhitespace())
        } else if line.hasPrefix("Source:"), let open = line.firstIndex(of: "("),
          let close = line.lastIndex(of: ")"), open < close
        {
          versions.insert(String(line[line.index(after: open)..<close]).trimmingWhitespace())
        }
      }
    }
    return versions.sorted()
  }

  /// Neighbours in sorted order (shared prefixes make close calls) plus a deterministic stride
  /// sample across the whole list.
  static func pairs(of versions: [String]) -> [(String, String)] {
    var pairs: [(String, String)] = []
    let n = versions.count
    for i in 0..<n {
      for k in 1...5 where i + k < n { pairs.append((versions[i], versions[i + k])) }
      for k in [97, 389] { pairs.append((versions[(i * k + 7) % n], versions[i])) }
    }
    return pairs
  }

  static func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// Runs `lines` as bash scripts split over a few concurrent processes; returns their stdout
  /// lines in order.
  static func runBatched(_ lines: [String], chunks: Int) throws -> [String] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-dpkg-oracle-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let size = (lines.count + chunks - 1) / chunks
    var processes: [(Process, URL)] = []
    for (c, start) in stride(from: 0, to: lines.count, by: size).enumerated() {
      let script = dir.appendingPathComponent("chunk\(c).sh")
      let output = dir.appendingPathComponent("chunk\(c).out")
      let body = lines[start..<min(start + size, lines.count)].joined(separator: "\n")
      try (body + "\n").write(to: script, atomically: true, encoding: .utf8)
      _ = FileManager.default.createFile(atPath: output.path, contents: nil)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = [script.path]
      process.standardOutput = try FileHandle(forWritingTo: output)
      try process.run()
      processes.append((process, output))
    }
    var result: [String] = []
    for (process, output) in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      let text = try String(contentsOf: output, encoding: .utf8)
      result += text.split(separator: "\n").map(String.init)
    }
    return result
  }

  @Test(
    "every corpus version validates as dpkg validates it, and thousands of pairs order as dpkg orders them"
  )
  func agreesWithDpkg() throws {
    let dpkg = "/usr/bin/dpkg"
    try #require(
      FileManager.default.isExecutableFile(atPath: dpkg),
      "dpkg is the oracle for this test and must be installed")

    let all = try Self.corpusVersions()
    try #require(all.count >= 500, "expected hundreds of distinct versions in the corpus")

    // Validation: our parser accepts exactly what `dpkg --validate-version` accepts.
    let validation = try Self.runBatched(
      all.map {
        "\(dpkg) --validate-version \(Self.shellQuote($0)) 2>/dev/null && echo ok || echo bad"
      },
      chunks: 2)
    try #require(validation.count == all.count)
    var valid: [String] = []
    for (version, verdict) in zip(all, validation) {
      let ours = (try? DebianVersion(parsing: version)) != nil
      #expect(ours == (verdict == "ok"), "validity of '\(version)': dpkg says \(verdict)")
      if verdict == "ok" { valid.append(version) }
    }

    // The corpus rarely puts `1.0~x` beside `1.0`: add derived variants of every eighth
    // version so that `~`, `+` and end-of-string comparisons are exercised too.
    var derived = Set(valid)
    for v in stride(from: 0, to: valid.count, by: 8).map({ valid[$0] }) {
      derived.formUnion([v + "~rc1", v + "+b1", v + ".1", v + "a"])
    }
    let pairs = Self.pairs(of: derived.sorted())
    try #require(pairs.count >= 5_000)
    let script = pairs.map { a, b in
      let qa = Self.shellQuote(a)
      let qb = Self.shellQuote(b)
      return "if \(dpkg) --compare-versions \(qa) lt \(qb); then echo -1; "
        + "elif \(dpkg) --compare-versions \(qa) eq \(qb); then echo 0; else echo 1; fi"
    }
    let verdicts = try Self.runBatched(script, chunks: 4)
    try #require(verdicts.count == pairs.count)
    var agreed = 0
    for ((a, b), verdict) in zip(pairs, verdicts) {
      let ours = DebianVersion.compare(a, b)
      if String(ours) == verdict {
        agreed += 1
      } else {
        Issue.record("'\(a)' vs '\(b)': dpkg says \(verdict), DebianVersion says \(ours)")
      }
    }
    #expect(agreed == pairs.count)
    print(
      "DebianVersion: \(agreed)/\(pairs.count) pairs agree with dpkg (\(valid.count) corpus versions, \(derived.count) with variants)"
    )
  }
}
