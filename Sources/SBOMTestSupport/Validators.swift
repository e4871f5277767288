import Foundation

/// Runs the official validators (spdx-tools, cyclonedx-python-lib, ntia-conformance-checker)
/// over files, in one Python process per call. The Python comes from `LINEAGE_PYTHON` or the
/// virtualenv `.ci/test` makes at `.build/validators-venv`. When neither exists the call fails:
/// validation is never skipped.
public enum Validators {
  public struct Result: Sendable {
    public var file: String
    public var ok: Bool
    /// Validator name → messages; empty messages mean it passed.
    public var checks: [String: [String]]
    public var summary: String {
      let failing = checks.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
      return failing.map { "\($0.key): \($0.value.prefix(5).joined(separator: " | "))" }
        .joined(separator: "\n")
    }
  }

  public enum Failure: Error, CustomStringConvertible {
    case missing(String)
    case crashed(String)
    public var description: String {
      switch self {
      case .missing(let s): "validators not installed: \(s) (run `bash .ci/test` once)"
      case .crashed(let s): "validator process failed: \(s)"
      }
    }
  }

  public static var python: String {
    if let env = ProcessInfo.processInfo.environment["LINEAGE_PYTHON"], !env.isEmpty { return env }
    return TestPaths.packageRoot.appendingPathComponent(".build/validators-venv/bin/python").path
  }

  static var script: String {
    TestPaths.packageRoot.appendingPathComponent("Tests/validators/validate_sboms.py").path
  }

  /// Validates every file; returns one result per file, in order.
  public static func validate(_ files: [URL]) throws -> [Result] {
    guard FileManager.default.isExecutableFile(atPath: python) else {
      throw Failure.missing(python)
    }
    var results: [Result] = []
    // Keep argument lists modest.
    for chunkStart in stride(from: 0, to: files.count, by: 200) {
      let chunk = Array(files[chunkStart..<min(files.count, chunkStart + 200)])
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = [script] + chunk.map(\.path)
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      try process.run()
      let errData = ReadToEnd(err)
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      _ = errData
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { continue }
        let checks = (obj["checks"] as? [String: [String]]) ?? [:]
        results.append(
          Result(
            file: obj["file"] as? String ?? "", ok: obj["ok"] as? Bool ?? false, checks: checks))
      }
      if results.count < chunkStart + chunk.count {
        throw Failure.crashed(
          "exit \(process.terminationStatus): \(String(decoding: errData.data, as: UTF8.self).suffix(2000))"
        )
      }
    }
    return results
  }
}

/// Drains a pipe on a background thread so a chatty child cannot block on a full pipe.
final class ReadToEnd: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer = Data()
  private let done = DispatchSemaphore(value: 0)
  init(_ pipe: Pipe) {
    let handle = pipe.fileHandleForReading
    DispatchQueue.global().async {
      let d = handle.readDataToEndOfFile()
      self.lock.lock()
      self.buffer = d
      self.lock.unlock()
      self.done.signal()
    }
  }
  var data: Data {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return buffer
  }
}
