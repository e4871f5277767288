/// What a `.git` directory says about the checked-out project, read as files (no `git`
/// process): the commit at `HEAD`, a tag naming that commit, the branch, and the `origin` URL.
struct GitMetadata: Sendable, Hashable {
  /// The commit id `HEAD` resolves to.
  var commit: String?
  /// The branch `HEAD` points at (`main`); nil when detached.
  var branch: String?
  /// A tag pointing at `commit` (lightweight, or annotated and peeled in `packed-refs`).
  var tag: String?
  /// `[remote "origin"] url`, as written.
  var originURL: String?
}

/// Reads `HEAD`, loose refs, `packed-refs` and `config` of a git directory through a
/// `FileSource`, so it never leaves the scan root.
enum GitMetadataReader {
  /// The metadata of the repository whose `.git` is at `gitPath`; nil when there is none.
  /// A `.git` file (`gitdir: …` of a worktree or submodule) is followed only when it points
  /// inside the scan root.
  static func read(gitPath: String, in source: any FileSource) -> GitMetadata? {
    var gitDir = gitPath
    if source.isFile(gitPath) {
      guard let text = try? source.readText(gitPath),
        let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:")
      else { return nil }
      let target = String(line.dropFirst("gitdir:".count)).trimmingWhitespace()
      guard !target.hasPrefix("/"), let resolved = normalizeRelative(parent(of: gitPath), target)
      else { return nil }
      gitDir = resolved
    }
    guard source.isDirectory(gitDir),
      let head = try? source.readText(joinPath(gitDir, "HEAD")).trimmingWhitespace()
    else { return nil }

    let packed = packedRefs(gitDir, source)
    var meta = GitMetadata()
    if head.hasPrefix("ref:") {
      let ref = String(head.dropFirst("ref:".count)).trimmingWhitespace()
      if ref.hasPrefix("refs/heads/") { meta.branch = String(ref.dropFirst("refs/heads/".count)) }
      meta.commit = resolveRef(ref, gitDir, source, packed)
    } else if isObjectID(head) {
      meta.commit = head
    }
    if let commit = meta.commit { meta.tag = tag(at: commit, gitDir, source, packed) }
    meta.originURL = originURL(gitDir, source)
    return meta
  }

  struct PackedRef: Sendable, Hashable {
    var name: String
    var object: String
    /// The commit an annotated tag points at (`^…` line after it).
    var peeled: String?
  }

  static func packedRefs(_ gitDir: String, _ source: any FileSource) -> [PackedRef] {
    guard let text = try? source.readText(joinPath(gitDir, "packed-refs")) else { return [] }
    var refs: [PackedRef] = []
    for raw in text.split(separator: "\n") {
      let line = String(raw).trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("^") {
        let peeled = String(line.dropFirst())
        if isObjectID(peeled), !refs.isEmpty { refs[refs.count - 1].peeled = peeled }
        continue
      }
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2, isObjectID(parts[0]) else { continue }
      refs.append(PackedRef(name: parts[1], object: parts[0]))
    }
    return refs
  }

  private static func resolveRef(
    _ ref: String, _ gitDir: String, _ source: any FileSource, _ packed: [PackedRef]
  ) -> String? {
    var name = ref
    // A symbolic ref may point at another; follow a few, never loop.
    for _ in 0..<5 {
      guard isSafeRefName(name) else { return nil }
      if let text = try? source.readText(joinPath(gitDir, name)) {
        let value = text.trimmingWhitespace()
        if value.hasPrefix("ref:") {
          name = String(value.dropFirst("ref:".count)).trimmingWhitespace()
          continue
        }
        return isObjectID(value) ? value : nil
      }
      return packed.first { $0.name == name }?.object
    }
    return nil
  }

  /// The tag naming `commit`: loose `refs/tags/**` first, then `packed-refs`. When several do,
  /// the greatest name in byte order wins, so the choice never depends on listing order.
  private static func tag(
    at commit: String, _ gitDir: String, _ source: any FileSource, _ packed: [PackedRef]
  ) -> String? {
    var names: [String] = []
    var pending = ["refs/tags"]
    var visited = 0
    while let dir = pending.popLast(), visited < 10_000 {
      for entry in source.list(joinPath(gitDir, dir)) {
        visited += 1
        let rel = dir + "/" + entry
        let full = joinPath(gitDir, rel)
        if source.isDirectory(full) {
          pending.append(rel)
        } else if let text = try? source.readText(full), text.trimmingWhitespace() == commit {
          names.append(String(rel.dropFirst("refs/tags/".count)))
        }
      }
    }
    for ref in packed where ref.name.hasPrefix("refs/tags/") {
      if ref.object == commit || ref.peeled == commit {
        names.append(String(ref.name.dropFirst("refs/tags/".count)))
      }
    }
    return names.max { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// `url` of `[remote "origin"]` in `config`.
  static func originURL(_ gitDir: String, _ source: any FileSource) -> String? {
    guard let text = try? source.readText(joinPath(gitDir, "config")) else { return nil }
    var inOrigin = false
    for raw in text.split(separator: "\n") {
      let line = String(raw).trimmingWhitespace()
      if line.hasPrefix("[") {
        let header = line.filter { $0 != " " && $0 != "\t" }.lowercased()
        inOrigin = header == "[remote\"origin\"]"
        continue
      }
      guard inOrigin, let eq = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<eq]).trimmingWhitespace().lowercased()
      guard key == "url" else { continue }
      var value = String(line[line.index(after: eq)...]).trimmingWhitespace()
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty ? nil : value
    }
    return nil
  }

  static func isObjectID(_ s: String) -> Bool {
    (s.utf8.count == 40 || s.utf8.count == 64)
      && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
  }

  private static func isSafeRefName(_ name: String) -> Bool {
    !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
  }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// `base/relative` with `.` and `..` folded; nil when it climbs above the scan root.
  static func normalizeRelative(_ base: String, _ relative: String) -> String? {
    var parts = base.split(separator: "/").map(String.init)
    for piece in relative.split(separator: "/") {
      if piece == "." { continue }
      if piece == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      } else {
        parts.append(String(piece))
      }
    }
    return parts.joined(separator: "/")
  }
}
