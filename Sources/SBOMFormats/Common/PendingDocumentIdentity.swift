import Dispatch
import Foundation
import SBOMModel

/// A `DocumentIdentity` computed on another thread while the encoder writes the document.
///
/// The digest reads the whole graph (a SHA-256 over its canonical text) and was a third of
/// encoding; the mapping and writing need only the finished identifier, so the two overlap.
/// The identifier is a pure function of its inputs, so the output stays deterministic.
final class PendingDocumentIdentity: @unchecked Sendable {
  // Unchecked: `result` is written once by the worker before it signals `done`, and read only
  // after waiting on `done`, which orders the write before the read.
  private var result: DocumentIdentity?
  private let done = DispatchSemaphore(value: 0)
  private let graph: Graph
  private let context: EncodingContext
  private let family: String

  init(graph: Graph, context: EncodingContext, family: String) {
    self.graph = graph
    self.context = context
    self.family = family
    // A thread of its own, not a global dispatch queue: callers that block on `wait()` from
    // every worker of a shared pool (parallel tests, async callers) must not starve the digest.
    let worker = Thread { [self] in
      result = DocumentIdentity(graph: graph, context: context, family: family)
      done.signal()
    }
    worker.start()
  }

  /// Blocks until the identity is ready. May be called more than once.
  func wait() -> DocumentIdentity {
    done.wait()
    // Let a later call pass too.
    done.signal()
    return result ?? DocumentIdentity(graph: graph, context: context, family: family)
  }
}
