import Foundation
import LineageCommands
import Synchronization

/// Runs `lineage` in-process with captured output and a fixed environment.
struct CLIHarness {
  struct Result {
    var exitCode: Int32
    var stdout: [UInt8]
    var stderr: String
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Non-empty stderr lines.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
  }

  var variables: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"]
  var currentDirectory: String = FileManager.default.currentDirectoryPath
  var stdoutIsTerminal = false

  func run(_ arguments: [String]) -> Result {
    let out = Mutex<[UInt8]>([])
    let err = Mutex<String>("")
    let environment = CommandEnvironment(
      writeStdout: { bytes in out.withLock { $0 += bytes } },
      writeStderr: { text in err.withLock { $0 += text } },
      variables: variables, currentDirectory: currentDirectory,
      stdoutIsTerminal: stdoutIsTerminal, now: { 1_700_000_000 })
    let code = LineageCLI.run(arguments, environment: environment)
    return Result(
      exitCode: code, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
  }
}

/// A fresh temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lineage-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  var path: String { url.path }
  func cleanup() { try? FileManager.default.removeItem(at: url) }
}
