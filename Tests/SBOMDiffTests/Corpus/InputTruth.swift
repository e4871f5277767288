import Foundation
import SBOMModel

/// What packages an input holds, read independently of Lineage's resolvers, decoders and differ:
/// Foundation's JSON parser and a few lines per format. Each entry is a versionless purl
/// (lower-cased, percent-decoded, no qualifiers), an architecture and a version; the set of
/// entries of each side gives the expected added, removed and version-changed packages.
enum InputTruth {
  struct Entry: Hashable, Comparable, CustomStringConvertible {
    var purl: String
    var arch: String?
    var version: String?
    static func < (a: Entry, b: Entry) -> Bool {
      (a.purl, a.arch ?? "", a.version ?? "") < (b.purl, b.arch ?? "", b.version ?? "")
    }
    var description: String { "\(purl)\(arch.map { "?arch=\($0)" } ?? "")@\(version ?? "-")" }
  }

  /// Entries of the input at `url` of manifest kind `kind`, or nil when this file has no
  /// independent reader for the format (the npm family: the graph is the reference there).
  static func read(_ url: URL, kind: String) throws -> Set<Entry>? {
    switch kind {
    case "pairs:swiftpm": return try packageResolved(url)
    case "pairs:debian": return try dpkgStatus(url)
    case "pairs:cyclonedx": return try cycloneDX(url)
    case "pairs:spdx": return try spdx(url)
    default: return nil
    }
  }

  /// The entries a graph holds (roots and files left out), for formats without a reader here.
  static func entries(of graph: Graph) -> Set<Entry> {
    let roots = Set(graph.roots)
    var out = Set<Entry>()
    for c in graph.components where !roots.contains(c.id) && c.kind != .file {
      if let purl = c.purl {
        out.insert(entry(purl: purl.description, version: c.version))
      } else {
        out.insert(
          Entry(
            purl: "pkg:\(c.ecosystem.rawValue)/\(c.name)".lowercased(), arch: nil,
            version: c.version))
      }
    }
    return out
  }

  /// Entries only in `a` and only in `b`. A package that is once on each side, with a version
  /// on one and none stated on the other (a v1 package-lock writing a tarball URL as the
  /// version), is the same package: an unstated version is not a difference.
  static func differences(_ a: Set<Entry>, _ b: Set<Entry>) -> (old: Set<Entry>, new: Set<Entry>) {
    var old = a.subtracting(b)
    var new = b.subtracting(a)
    let countA = Dictionary(grouping: a, by: { EntryName(purl: $0.purl, arch: $0.arch) })
    let countB = Dictionary(grouping: b, by: { EntryName(purl: $0.purl, arch: $0.arch) })
    for (name, left) in countA {
      guard let right = countB[name], left.count == 1, right.count == 1,
        let l = left.first, let r = right.first, (l.version == nil) != (r.version == nil)
      else { continue }
      old.remove(l)
      new.remove(r)
    }
    return (old, new)
  }

  private struct EntryName: Hashable {
    var purl: String
    var arch: String?
  }

  // MARK: formats

  static func packageResolved(_ url: URL) throws -> Set<Entry> {
    let root = try json(url) as? [String: Any] ?? [:]
    let pins =
      (root["pins"] as? [[String: Any]])
      ?? ((root["object"] as? [String: Any])?["pins"] as? [[String: Any]]) ?? []
    var out = Set<Entry>()
    for pin in pins {
      guard let location = (pin["location"] ?? pin["repositoryURL"]) as? String else { continue }
      let state = pin["state"] as? [String: Any] ?? [:]
      let version = (state["version"] as? String) ?? (state["revision"] as? String)
      var path = location.lowercased()
      for prefix in ["https://", "http://", "ssh://", "git@"] where path.hasPrefix(prefix) {
        path = String(path.dropFirst(prefix.count))
      }
      path = path.replacingOccurrences(of: ":", with: "/")
      if path.hasSuffix("/") { path.removeLast() }
      if path.hasSuffix(".git") { path.removeLast(4) }
      out.insert(Entry(purl: "pkg:swift/" + path, arch: nil, version: version))
    }
    return out
  }

  static func dpkgStatus(_ url: URL) throws -> Set<Entry> {
    let text = try String(contentsOf: url, encoding: .utf8)
    var out = Set<Entry>()
    for stanza in text.components(separatedBy: "\n\n") {
      var fields: [String: String] = [:]
      for line in stanza.split(separator: "\n") where !line.hasPrefix(" ") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(
          in: .whitespaces)
      }
      guard let name = fields["Package"], fields["Status"] == "install ok installed" else {
        continue
      }
      var version = fields["Version"]
      if let v = version, v.hasPrefix("0:") { version = String(v.dropFirst(2)) }
      out.insert(
        Entry(
          purl: "pkg:deb/" + name.lowercased(), arch: fields["Architecture"]?.lowercased(),
          version: version))
    }
    return out
  }

  static func cycloneDX(_ url: URL) throws -> Set<Entry> {
    let root = try json(url) as? [String: Any] ?? [:]
    var out = Set<Entry>()
    func walk(_ components: [[String: Any]]) {
      for c in components {
        if (c["type"] as? String) != "file" {
          let version = c["version"] as? String
          if let purl = c["purl"] as? String {
            out.insert(entry(purl: purl, version: version))
          } else if let name = c["name"] as? String {
            out.insert(Entry(purl: "pkg:generic/" + name.lowercased(), arch: nil, version: version))
          }
        }
        walk(c["components"] as? [[String: Any]] ?? [])
      }
    }
    walk(root["components"] as? [[String: Any]] ?? [])
    return out
  }

  static func spdx(_ url: URL) throws -> Set<Entry> {
    let root = try json(url) as? [String: Any] ?? [:]
    var described = Set((root["documentDescribes"] as? [String]) ?? [])
    let documentID = root["SPDXID"] as? String ?? "SPDXRef-DOCUMENT"
    for r in (root["relationships"] as? [[String: Any]]) ?? [] {
      if r["spdxElementId"] as? String == documentID,
        ["DESCRIBES", "DESCRIBE"].contains(r["relationshipType"] as? String ?? ""),
        let target = r["relatedSpdxElement"] as? String
      {
        described.insert(target)
      }
    }
    var out = Set<Entry>()
    for p in (root["packages"] as? [[String: Any]]) ?? [] {
      guard let id = p["SPDXID"] as? String, !described.contains(id) else { continue }
      let version = p["versionInfo"] as? String
      let refs = (p["externalRefs"] as? [[String: Any]]) ?? []
      if let purl = refs.first(where: { $0["referenceType"] as? String == "purl" })?[
        "referenceLocator"] as? String
      {
        out.insert(entry(purl: purl, version: version))
      } else if let name = p["name"] as? String {
        out.insert(Entry(purl: "pkg:generic/" + name.lowercased(), arch: nil, version: version))
      }
    }
    return out
  }

  // MARK: helpers

  /// A purl string reduced to `pkg:type/namespace/name` (lower-cased, percent-decoded), its
  /// `arch` qualifier, and the version (the component's, else the purl's), with an `epoch`
  /// qualifier written into it.
  static func entry(purl raw: String, version: String?) -> Entry {
    var s = Substring(raw)
    if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
    var qualifiers: [String: String] = [:]
    if let q = s.firstIndex(of: "?") {
      for pair in s[s.index(after: q)...].split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        if kv.count == 2 { qualifiers[kv[0].lowercased()] = kv[1].removingPercentEncoding ?? kv[1] }
      }
      s = s[..<q]
    }
    var purlVersion: String?
    if let at = s.lastIndex(of: "@"), let slash = s.lastIndex(of: "/"), at > slash {
      purlVersion = String(s[s.index(after: at)...]).removingPercentEncoding
      s = s[..<at]
    }
    var base = (String(s).removingPercentEncoding ?? String(s)).lowercased()
    if base.hasPrefix("pkg:deb/") {
      // The vendor namespace is not identity (generators disagree on it).
      let parts = base.dropFirst("pkg:deb/".count).split(separator: "/")
      base = "pkg:deb/" + (parts.last.map(String.init) ?? "")
    }
    // Only Debian keeps the architecture in its identity (co-installed multiarch copies).
    let arch = base.hasPrefix("pkg:deb/") ? qualifiers["arch"]?.lowercased() : nil
    var v = version ?? purlVersion
    if let epoch = qualifiers["epoch"], epoch != "0", let current = v, !current.contains(":") {
      v = "\(epoch):\(current)"
    }
    return Entry(purl: base, arch: arch, version: v)
  }

  private static func json(_ url: URL) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url))
  }
}
