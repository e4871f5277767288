import ArgumentParser
import SBOMModel

/// A subcommand that runs against a `CommandEnvironment` and returns an exit code.
protocol EnvironmentCommand: ParsableCommand {
  func execute(in environment: CommandEnvironment) throws -> Int32
}

/// Exit codes shared by every subcommand.
public enum ExitCode {
  public static let success: Int32 = 0
  /// `lineage diff --fail-on` found a change of a listed kind.
  public static let policyFailure: Int32 = 1
  /// Bad input, bad usage, or I/O failure.
  public static let error: Int32 = 2
}

/// The `lineage` command line.
public enum LineageCLI {
  /// Parses `arguments` (without the program name), runs the subcommand and returns the exit code.
  public static func run(_ arguments: [String], environment: CommandEnvironment) -> Int32 {
    let command: ParsableCommand
    do {
      command = try Lineage.parseAsRoot(arguments)
    } catch {
      let code = Lineage.exitCode(for: error)
      let message = Lineage.fullMessage(for: error)
      if code == .success {
        environment.writeStdout(Array((message + "\n").utf8))
        return ExitCode.success
      }
      environment.writeStderr(
        "lineage: " + message.split(separator: "\n").prefix(1).joined() + "\n")
      if message.contains("\n") {
        environment.writeStderr(
          message.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
      }
      return ExitCode.error
    }
    guard let runnable = command as? EnvironmentCommand else {
      // No subcommand, or `--help` / `-h` / `help SUBCOMMAND`: ArgumentParser parses those into
      // its own help command, which would print to the process's stdout behind the
      // environment's back, so the help text is rendered here.
      let width = environment.stdoutIsTerminal ? nil : 80
      let help =
        helpSubcommand(in: arguments).map { Lineage.helpMessage(for: $0, columns: width) }
        ?? Lineage.helpMessage(columns: width)
      environment.writeStdout(Array((help + "\n").utf8))
      return ExitCode.success
    }
    do {
      return try runnable.execute(in: environment)
    } catch let error as LineageError {
      environment.writeStderr("lineage: \(oneLine(error.description))\n")
      return ExitCode.error
    } catch {
      environment.writeStderr("lineage: \(oneLine(String(describing: error)))\n")
      return ExitCode.error
    }
  }

  /// The first argument that names a subcommand, for `lineage scan --help`, `lineage help scan`.
  static func helpSubcommand(in arguments: [String]) -> ParsableCommand.Type? {
    for argument in arguments {
      if let command = LineageSubcommands.all.first(where: {
        $0.configuration.commandName == argument
      }) {
        return command
      }
    }
    return nil
  }

  static func oneLine(_ s: String) -> String {
    s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
  }
}

struct Lineage: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lineage",
    abstract: "Generate and diff software bills of materials (SBOMs).",
    discussion: """
      Lineage reads SwiftPM, Debian (dpkg) and npm/yarn/pnpm lockfiles into one dependency \
      graph and writes it as SPDX or CycloneDX; it reads any tool's SPDX or CycloneDX back and \
      diffs two releases: every version, origin, hash, licence and edge change.
      """,
    version: "lineage \(LineageToolVersion.current)",
    subcommands: LineageSubcommands.all)
}
