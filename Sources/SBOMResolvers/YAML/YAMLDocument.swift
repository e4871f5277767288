import SBOMModel

/// A YAML document as a compact tree built straight from libyaml events: scalars as strings,
/// mappings and sequences as ranges into one child array. Much lighter than a node-object tree on
/// multi-megabyte lockfiles; lookups in a mapping scan linearly (lockfile mappings are small,
/// except the big ones, which are iterated).
///
/// Aliases share the anchored node (nothing is copied), and the reader refuses documents whose
/// aliases would expand past `YAMLLimits.maxExpandedNodes`, so an alias bomb fails fast.
final class YAMLDocument {
  enum Kind: UInt8 { case scalar, mapping, sequence }

  struct Node {
    var kind: Kind
    var plain: Bool
    var line: Int32
    /// Scalar: index into `scalars`. Collection: index of the first child in `children`.
    var start: Int32
    /// Collection: number of child slots (a mapping has two per pair: key, value).
    var count: Int32
  }

  fileprivate(set) var nodes: [Node] = []
  fileprivate(set) var scalars: [String] = []
  fileprivate(set) var children: [Int32] = []
  fileprivate(set) var rootIndex: Int32 = -1

  /// The document's top node, nil for an empty document.
  var root: YAMLNode? { rootIndex >= 0 ? YAMLNode(document: self, index: rootIndex) : nil }
}

/// A view of one node of a `YAMLDocument`.
struct YAMLNode {
  let document: YAMLDocument
  let index: Int32

  private var node: YAMLDocument.Node { document.nodes[Int(index)] }

  /// The 1-based line where the node starts.
  var line: Int { Int(node.line) }
  var kind: YAMLDocument.Kind { node.kind }

  /// The text of a scalar (nil for a collection or a null).
  var scalar: String? {
    let n = node
    guard n.kind == .scalar else { return nil }
    let s = document.scalars[Int(n.start)]
    if n.plain && (s.isEmpty || s == "~" || s == "null") { return nil }
    return s
  }

  var isMapping: Bool { node.kind == .mapping }

  /// The value under a scalar key of a mapping (the first one, as YAML keys are unique).
  subscript(key: String) -> YAMLNode? {
    let n = node
    guard n.kind == .mapping else { return nil }
    let nodes = document.nodes
    let children = document.children
    var i = Int(n.start)
    let end = i + Int(n.count)
    while i < end {
      let k = nodes[Int(children[i])]
      if k.kind == .scalar && document.scalars[Int(k.start)] == key {
        return YAMLNode(document: document, index: children[i + 1])
      }
      i += 2
    }
    return nil
  }

  /// Key–value pairs of a mapping in document order (pairs whose key is not a scalar are
  /// skipped); empty for anything else.
  var pairs: [(key: String, value: YAMLNode)] {
    let n = node
    guard n.kind == .mapping else { return [] }
    var out: [(key: String, value: YAMLNode)] = []
    out.reserveCapacity(Int(n.count) / 2)
    var i = Int(n.start)
    let end = i + Int(n.count)
    while i < end {
      let k = document.nodes[Int(document.children[i])]
      if k.kind == .scalar {
        out.append(
          (
            document.scalars[Int(k.start)],
            YAMLNode(document: document, index: document.children[i + 1])
          ))
      }
      i += 2
    }
    return out
  }

  /// Items of a sequence; empty for anything else.
  var items: [YAMLNode] {
    let n = node
    guard n.kind == .sequence else { return [] }
    let start = Int(n.start)
    return (start..<start + Int(n.count)).map {
      YAMLNode(document: document, index: document.children[$0])
    }
  }

  /// Scalar key → scalar value pairs of a mapping (other values skipped).
  var stringPairs: [(key: String, value: String)] {
    pairs.compactMap { pair in pair.value.scalar.map { (pair.key, $0) } }
  }
}

/// Limits that keep hostile YAML from exhausting memory or time.
struct YAMLLimits: Sendable {
  /// Deepest nesting of collections.
  var maxDepth = 256
  /// Nodes reachable through aliases, counted with repetition (what a full expansion would
  /// build). Real lockfiles use no aliases at all.
  var maxExpandedNodes = 1_000_000
  static let `default` = YAMLLimits()
}

/// Reads YAML bytes into documents through libyaml's event parser.
enum YAMLReader {
  /// Every document of the stream, in order.
  static func documents(
    _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
  ) throws -> [YAMLDocument] {
    try YAMLEventStream.withEvents(bytes, file: file) { stream in
      var builder = Builder(file: file, limits: limits)
      while true {
        let (event, line) = try stream.next()
        if case .streamEnd = event { break }
        try builder.consume(event, line: line)
      }
      return builder.finished
    }
  }

  private struct Frame {
    var kind: YAMLDocument.Kind
    var line: Int32
    var pendingStart: Int
    var anchor: String?
  }

  private struct Builder {
    let file: String
    let limits: YAMLLimits
    var finished: [YAMLDocument] = []
    var document = YAMLDocument()
    var frames: [Frame] = []
    var pending: [Int32] = []
    /// Size of each node's subtree with aliases expanded (capped past the limit).
    var sizes: [Int] = []
    var anchors: [String: Int32] = [:]
    var expanded = 0

    init(file: String, limits: YAMLLimits) {
      self.file = file
      self.limits = limits
    }

    mutating func consume(_ event: YAMLEvent, line: Int) throws {
      switch event {
      case .streamStart, .streamEnd: break
      case .documentStart:
        document = YAMLDocument()
        frames = []
        pending = []
        sizes = []
        anchors = [:]
      case .documentEnd:
        finished.append(document)
      case .scalar(let value, let anchor, let plain):
        let index = Int32(document.nodes.count)
        document.nodes.append(
          .init(
            kind: .scalar, plain: plain, line: Int32(clamping: line),
            start: Int32(document.scalars.count), count: 0))
        document.scalars.append(value)
        sizes.append(1)
        if let anchor { anchors[anchor] = index }
        attach(index)
      case .alias(let anchor):
        guard let target = anchors[anchor] else {
          throw LineageError(
            .syntax, "YAML: alias *\(anchor) refers to no anchor defined before it",
            at: SourceLocation(file: file, line: line))
        }
        expanded += sizes[Int(target)]
        if expanded > limits.maxExpandedNodes {
          throw LineageError(
            .limitExceeded,
            "YAML aliases would expand to over \(limits.maxExpandedNodes) nodes (an alias bomb?)",
            at: SourceLocation(file: file, line: line))
        }
        attach(target)
      case .sequenceStart(let anchor):
        try open(.sequence, line: line, anchor: anchor)
      case .mappingStart(let anchor):
        try open(.mapping, line: line, anchor: anchor)
      case .sequenceEnd, .mappingEnd:
        guard let frame = frames.popLast() else { return }
        let index = Int32(document.nodes.count)
        let childStart = Int32(document.children.count)
        var size = 1
        for child in pending[frame.pendingStart...] {
          size = min(size + sizes[Int(child)], limits.maxExpandedNodes + 1)
        }
        document.children.append(contentsOf: pending[frame.pendingStart...])
        let count = Int32(pending.count - frame.pendingStart)
        pending.removeSubrange(frame.pendingStart...)
        document.nodes.append(
          .init(kind: frame.kind, plain: false, line: frame.line, start: childStart, count: count))
        sizes.append(size)
        if let anchor = frame.anchor { anchors[anchor] = index }
        attach(index)
      }
    }

    private mutating func open(_ kind: YAMLDocument.Kind, line: Int, anchor: String?) throws {
      guard frames.count < limits.maxDepth else {
        throw LineageError(
          .limitExceeded, "YAML nesting deeper than \(limits.maxDepth) levels",
          at: SourceLocation(file: file, line: line))
      }
      frames.append(
        Frame(kind: kind, line: Int32(clamping: line), pendingStart: pending.count, anchor: anchor))
    }

    private mutating func attach(_ index: Int32) {
      if frames.isEmpty { document.rootIndex = index } else { pending.append(index) }
    }
  }
}
