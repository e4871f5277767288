import Foundation

/// Work started on a thread of its own, whose result the caller collects with `wait()`.
///
/// Resolvers and encoders split a large loop in two: this runs one half while the caller's
/// thread runs the other, then the caller merges the halves in order, so the output is the same
/// as the loop run on one thread. A dedicated thread, not a global dispatch queue: callers that
/// block on `wait()` from every worker of a shared pool (parallel tests, async callers) must not
/// starve the work they wait for.
public final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
  // Unchecked: `result` is written once by the worker before it signals `done`, and read only
  // after waiting on `done`, which orders the write before the read.
  private var result: Result?
  private let done = DispatchSemaphore(value: 0)
  private let work: @Sendable () -> Result

  /// Starts `work` on a new thread.
  public init(_ work: @escaping @Sendable () -> Result) {
    self.work = work
    let worker = Thread { [self] in
      result = work()
      done.signal()
    }
    worker.start()
  }

  /// Blocks until the work has finished and returns its result. Call it once.
  public func wait() -> Result {
    done.wait()
    // Moved out, not copied: a copy left here would share the result's arrays, so the caller's
    // first change to one (taking components out, appending) would copy it whole.
    // The worker stores its result before signalling; computing it here only satisfies the type.
    return result.take() ?? work()
  }

  /// Where to split `count` items between the caller's thread (before) and the worker (from
  /// it on): the middle, or `count` itself — no split — below `minimum` items, where starting a
  /// thread costs more than it saves.
  public static func splitPoint(_ count: Int, minimum: Int) -> Int {
    count < minimum ? count : count / 2
  }
}
