import ArgumentParser
import Dispatch
import SBOMDiff
import SBOMModel
import SBOMResolvers

struct DiffCommand: EnvironmentCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two releases: versions, origins, revisions, hashes, licences, edges.",
    discussion: """
      OLD and NEW are each an SBOM (SPDX or CycloneDX from any tool, recognised by content) or \
      anything `lineage scan` reads: a lockfile, a dpkg status file, a directory. So two \
      lockfiles, two SBOMs, or a lockfile and an SBOM diff directly.

      Packages match by identity without version (purl type, namespace, name; arch for Debian), \
      normalised across generators. Change kinds, most alarming first: hash-changed, \
      revision-moved, origin-changed, downgraded, upgraded, version-changed, added, removed, \
      license-changed, supplier-changed, scope-changed, edge-added, edge-removed.

      Exit status: 0 when the diff ran; 1 when --fail-on names a kind that is present; 2 on \
      errors. The JSON report's schema is documented in Formats/diff-report-schema.md.

      Examples:
        lineage diff old/package-lock.json new/package-lock.json
        lineage diff release-1.2.cdx.json release-1.3.spdx.json --format markdown
        lineage diff old/ new/ --format json --fail-on hash-changed,revision-moved,downgraded
      """)

  @Argument(help: "The old release: an SBOM, a lockfile, a status file or a directory.")
  var old: String

  @Argument(help: "The new release, the same way.")
  var new: String

  @Option(help: "Report format: text (default), markdown or json.")
  var format: String = DiffReportFormat.text.rawValue

  @Option(help: "Write the report to FILE instead of standard output.")
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Exit 1 when a change of one of these kinds is present (comma-separated).",
      valueName: "kind,…"))
  var failOn: [String] = []

  @Flag(help: "Leave out dev dependencies (and what only they pull in) on both sides.")
  var excludeDev = false

  func execute(in environment: CommandEnvironment) throws -> Int32 {
    guard let reportFormat = DiffReportFormat(rawValue: format.lowercased()) else {
      throw LineageError(
        .usage,
        "unknown --format '\(format)' (expected one of: "
          + DiffReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    let gate = try Self.kinds(failOn)
    let loader = DiffInputLoader(environment: environment)
    let excludeDev = excludeDev
    // Each side is filtered and indexed on the thread that loaded it, while the other side is
    // still loading.
    let (oldSide, newSide) = try loader.loadBoth(old, new) { graph in
      SBOMDiff.Prepared(excludeDev ? graph.excludingDevelopmentOnly() : graph)
    }
    for diagnostic in oldSide.graph.diagnostics + newSide.graph.diagnostics {
      environment.writeStderr("lineage: \(diagnostic)\n")
    }
    var result = SBOMDiff.compare(old: oldSide, new: newSide)
    result.old.label = old
    result.new.label = new
    let colour =
      reportFormat == .text && output == nil && environment.stdoutIsTerminal
      && (environment.variables["NO_COLOR"] ?? "").isEmpty
    let report = reportFormat.render(result, colour: colour)
    try OutputWriter(environment: environment).write([(output, report)])
    // Freeing two graphs of tens of thousands of components is a measurable share of a diff;
    // a process about to exit need not do it.
    environment.keepUntilExit((oldSide, newSide, result, report))
    let hits = result.changes.filter { gate.contains($0.kind) }
    guard hits.isEmpty else {
      let kinds = Change.Kind.allCases.filter { k in hits.contains { $0.kind == k } }
      environment.writeStderr(
        "lineage: \(hits.count) change(s) of a --fail-on kind: "
          + kinds.map(\.rawValue).joined(separator: ", ") + "\n")
      return ExitCode.policyFailure
    }
    return ExitCode.success
  }

  /// `--fail-on a,b --fail-on c` → kinds; an unknown name is a usage error listing the valid ones.
  static func kinds(_ arguments: [String]) throws -> Set<Change.Kind> {
    var kinds = Set<Change.Kind>()
    for argument in arguments {
      for name in argument.split(separator: ",") {
        guard let kind = Change.Kind(name: String(name)) else {
          throw LineageError(
            .usage,
            "unknown --fail-on kind '\(name)' (expected: "
              + Change.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        kinds.insert(kind)
      }
    }
    return kinds
  }
}

/// Loads one side of a diff: an SBOM file is decoded; anything else is scanned as by
/// `lineage scan`. Both sides load at once on two threads.
struct DiffInputLoader: Sendable {
  var environment: CommandEnvironment

  /// Loads both sides at once and runs `prepare` on each graph on the thread that loaded it.
  func loadBoth<Side: Sendable>(
    _ old: String, _ new: String, prepare: @Sendable (Graph) -> Side
  ) throws -> (Side, Side) {
    let results = LoadResults<Side>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
      let path = i == 0 ? old : new
      let loaded = Result { prepare(try load(path)) }
      if i == 0 { results.old = loaded } else { results.new = loaded }
    }
    guard let oldResult = results.old, let newResult = results.new else {
      throw LineageError(.io, "could not load the inputs")
    }
    return (try oldResult.get(), try newResult.get())
  }

  func load(_ path: String) throws -> Graph {
    if let graph = try SBOMInput.decodeIfSBOM(path, environment: environment) { return graph }
    return try InputLoader(environment: environment).scan(path, options: ScanOptions())
  }
}

/// Each slot is written by one iteration of `concurrentPerform` and read after it returns.
private final class LoadResults<Side>: @unchecked Sendable {
  var old: Result<Side, any Error>?
  var new: Result<Side, any Error>?
}
