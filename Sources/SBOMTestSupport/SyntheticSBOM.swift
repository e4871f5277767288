import LineageJSON

/// Deterministic synthetic CycloneDX 1.6 JSON documents for diff tests and benchmarks: an old
/// release of `components` npm packages and a new one where about 5% changed version, about 1%
/// were removed and 1% added. No randomness beyond a fixed-seed generator, so the same arguments
/// always give the same bytes.
public enum SyntheticSBOM {
  /// What the new document changed, for checking a differ's answer.
  public struct Truth: Sendable, Hashable {
    public var upgraded: Int
    public var removed: Int
    public var added: Int
  }

  /// The old and new documents, and what changed between them.
  public static func cycloneDXPair(components: Int, seed: UInt64 = 11) -> (
    old: [UInt8], new: [UInt8], truth: Truth
  ) {
    var rng = SplitMix64(seed: seed)
    var oldComponents: [JSONValue] = []
    var newComponents: [JSONValue] = []
    var oldDeps: [JSONValue] = []
    var newDeps: [JSONValue] = []
    var truth = Truth(upgraded: 0, removed: 0, added: 0)
    let names = (0..<components).map { "pkg-\(pad($0, 6))" }
    var newVersion = [String?](repeating: nil, count: components)
    for i in 0..<components {
      let version = "1.\(i % 17).\(i % 5)"
      var next: String? = version
      if i % 97 == 0 && i > 0 {
        next = nil
        truth.removed += 1
      } else if rng.next() % 20 == 0 {
        next = "2.\(i % 17).0"
        truth.upgraded += 1
      }
      newVersion[i] = next
      oldComponents.append(component(names[i], version, index: i))
      if let next { newComponents.append(component(names[i], next, index: i)) }
    }
    for i in 0..<components {
      let targets = (0..<Int(rng.next() % 4)).map { _ in Int(rng.next() % UInt64(components)) }
        .filter { $0 != i }
      let oldRef = purl(names[i], "1.\(i % 17).\(i % 5)")
      oldDeps.append(dependency(oldRef, targets.map { purl(names[$0], "1.\($0 % 17).\($0 % 5)") }))
      if let v = newVersion[i] {
        let kept = targets.compactMap { t in newVersion[t].map { purl(names[t], $0) } }
        newDeps.append(dependency(purl(names[i], v), kept))
      }
    }
    for i in 0..<(components / 100) {
      let name = "new-\(pad(i, 5))"
      newComponents.append(component(name, "1.0.0", index: components + i))
      newDeps.append(dependency(purl(name, "1.0.0"), []))
      truth.added += 1
    }
    let writer = JSONWriter(sortKeys: false, pretty: false)
    return (
      writer.write(document(oldComponents, oldDeps, serial: 1)),
      writer.write(document(newComponents, newDeps, serial: 2)), truth
    )
  }

  private static func purl(_ name: String, _ version: String) -> String {
    "pkg:npm/\(name)@\(version)"
  }

  private static func component(_ name: String, _ version: String, index: Int) -> JSONValue {
    let ref = purl(name, version)
    let digest = String(repeating: pad(index, 16, radix: 16), count: 8)
    return object([
      ("type", .string("library")), ("bom-ref", .string(ref)), ("name", .string(name)),
      ("version", .string(version)), ("purl", .string(ref)),
      ("licenses", .array([object([("license", object([("id", .string("MIT"))]))])])),
      ("hashes", .array([object([("alg", .string("SHA-512")), ("content", .string(digest))])])),
      (
        "externalReferences",
        .array([
          object([
            ("type", .string("distribution")),
            ("url", .string("https://registry.npmjs.org/\(name)/-/\(name)-\(version).tgz")),
          ])
        ])
      ),
    ])
  }

  private static func dependency(_ ref: String, _ dependsOn: [String]) -> JSONValue {
    object([("ref", .string(ref)), ("dependsOn", .array(dependsOn.map(JSONValue.string)))])
  }

  private static func document(_ components: [JSONValue], _ deps: [JSONValue], serial: Int)
    -> JSONValue
  {
    let root = "pkg:npm/synthetic@1.0.0"
    let topLevel = components.prefix(50).compactMap { $0["bom-ref"] }
    return object([
      ("bomFormat", .string("CycloneDX")), ("specVersion", .string("1.6")),
      ("serialNumber", .string("urn:uuid:00000000-0000-4000-8000-00000000000\(serial)")),
      ("version", .number("1")),
      (
        "metadata",
        object([
          ("timestamp", .string("2024-01-01T00:00:00Z")),
          (
            "component",
            object([
              ("type", .string("application")), ("bom-ref", .string(root)),
              ("name", .string("synthetic")), ("version", .string("1.0.0")),
              ("purl", .string(root)),
            ])
          ),
        ])
      ),
      ("components", .array(components)),
      ("dependencies", .array([dependency(root, topLevel.compactMap(\.stringValue))] + deps)),
    ])
  }

  private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
  }

  private static func pad(_ n: Int, _ width: Int, radix: Int = 10) -> String {
    let s = String(n, radix: radix)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}

/// A fixed-seed pseudo-random generator (SplitMix64): the same seed, the same sequence.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
