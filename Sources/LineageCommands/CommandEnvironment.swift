import Foundation
import SBOMModel

/// Everything a command touches outside the library core: streams, environment, working
/// directory and clock. Tests run commands in-process with a captured environment.
public struct CommandEnvironment: Sendable {
  public var writeStdout: @Sendable ([UInt8]) -> Void
  public var writeStderr: @Sendable (String) -> Void
  public var variables: [String: String]
  public var currentDirectory: String
  public var stdoutIsTerminal: Bool
  /// Seconds since the epoch, for documents when `SOURCE_DATE_EPOCH` is unset.
  public var now: @Sendable () -> Int64
  /// Takes values a command is done with: the real process holds them until it exits, because
  /// freeing large graphs just before exiting costs time for nothing; other environments (tests,
  /// which run many commands in one process) let them go at once.
  public var keepUntilExit: @Sendable (any Sendable) -> Void = { _ in }

  public init(
    writeStdout: @escaping @Sendable ([UInt8]) -> Void,
    writeStderr: @escaping @Sendable (String) -> Void,
    variables: [String: String], currentDirectory: String, stdoutIsTerminal: Bool,
    now: @escaping @Sendable () -> Int64
  ) {
    self.writeStdout = writeStdout
    self.writeStderr = writeStderr
    self.variables = variables
    self.currentDirectory = currentDirectory
    self.stdoutIsTerminal = stdoutIsTerminal
    self.now = now
  }

  /// The real process environment.
  public static func process() -> CommandEnvironment {
    var environment = CommandEnvironment(
      writeStdout: { bytes in writeAll(1, bytes) },
      writeStderr: { text in writeAll(2, Array(text.utf8)) },
      variables: ProcessInfo.processInfo.environment,
      currentDirectory: FileManager.default.currentDirectoryPath,
      stdoutIsTerminal: isatty(1) == 1,
      now: { Int64(Date().timeIntervalSince1970) })
    // One retain that is never balanced: the process exits soon after and the OS takes the memory.
    environment.keepUntilExit = { value in _ = Unmanaged.passRetained(HeldUntilExit(value)) }
    return environment
  }

  /// Document time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
  public func documentTimestamp(override: String? = nil) throws -> Timestamp {
    if let override { return try parseEpoch(override, what: "--timestamp") }
    if let epoch = variables["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
      return try parseEpoch(epoch, what: "SOURCE_DATE_EPOCH")
    }
    return Timestamp(secondsSinceEpoch: now())
  }

  private func parseEpoch(_ text: String, what: String) throws -> Timestamp {
    guard let seconds = Int64(text.trimmingWhitespace()), seconds >= 0, seconds < 253_402_300_800
    else {
      throw LineageError(.usage, "\(what) must be whole seconds since 1970-01-01, got '\(text)'")
    }
    return Timestamp(secondsSinceEpoch: seconds)
  }

  /// An absolute path for a path given on the command line.
  public func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    return currentDirectory.hasSuffix("/") ? currentDirectory + path : currentDirectory + "/" + path
  }
}

/// Writes every byte to a file descriptor, retrying short writes.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
  bytes.withUnsafeBufferPointer { buffer in
    var offset = 0
    while offset < buffer.count {
      guard let base = buffer.baseAddress else { return }
      let n = write(fd, base + offset, buffer.count - offset)
      if n <= 0 { return }
      offset += n
    }
  }
}

/// A value `CommandEnvironment.process()` keeps alive until the process exits.
private final class HeldUntilExit: Sendable {
  let value: any Sendable
  init(_ value: any Sendable) { self.value = value }
}
