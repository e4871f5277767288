import ArgumentParser
import SBOMFormats
import SBOMModel
import SBOMResolvers

struct ScanCommand: EnvironmentCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Write an SBOM of a project, a lockfile or a root filesystem.",
    discussion: """
      PATH is a directory (Lineage finds Package.resolved, var/lib/dpkg/status, \
      package-lock.json, yarn.lock, pnpm-lock.yaml in it) or one such file, recognised by its \
      content.

      Formats: cyclonedx-json (default), cyclonedx-xml (either with @1.4, @1.5, @1.6 or @1.7), \
      spdx-json, spdx-tag-value, spdx3-json. Without =FILE, or with =-, the document goes to \
      standard output. Time comes from SOURCE_DATE_EPOCH when set, so two runs give \
      byte-identical documents.

      Examples:
        lineage scan .
        lineage scan . -o cyclonedx-json=sbom.cdx.json -o spdx-json=sbom.spdx.json
        lineage scan Package.resolved -o cyclonedx-xml@1.5
        SOURCE_DATE_EPOCH=0 lineage scan rootfs/ -o spdx-json=rootfs.spdx.json
      """)

  @Argument(help: "A directory or an input file.")
  var path: String

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("FORMAT[=FILE]; repeat for several documents.", valueName: "format[=file]"))
  var outputs: [String] = []

  @Option(help: "Version of the scanned project (default: the git tag or commit of HEAD).")
  var sourceVersion: String?

  @Option(help: "Supplier of the scanned project (default: owner of the git 'origin' remote).")
  var supplier: String?

  @Option(help: "Distribution of a bare dpkg status file, like debian-12.")
  var distro: String?

  @Flag(help: "List each package's files with their digests (Debian md5sums).")
  var files = false

  @Flag(help: "Leave out dev dependencies and what only they pull in.")
  var excludeDev = false

  @Option(help: "Document time in seconds since the epoch (default: SOURCE_DATE_EPOCH, else now).")
  var timestamp: String?

  func execute(in environment: CommandEnvironment) throws -> Int32 {
    let requests = try (outputs.isEmpty ? ["cyclonedx-json"] : outputs).map(OutputRequest.init)
    let stdoutCount = requests.filter { $0.file == nil }.count
    guard stdoutCount <= 1 else {
      throw LineageError(.usage, "only one -o may write to standard output")
    }
    let options = ScanOptions(
      sourceVersion: sourceVersion, supplier: supplier, distro: distro, includeFiles: files,
      excludeDev: excludeDev)
    let graph = try InputLoader(environment: environment).scan(path, options: options)
    for diagnostic in graph.diagnostics {
      environment.writeStderr("lineage: \(diagnostic)\n")
    }
    let context = EncodingContext(timestamp: try environment.documentTimestamp(override: timestamp))
    let documents = try requests.map { request in
      let encoder = try Encoders.encoder(for: request.format)
      return OutputWriter.Document(
        file: request.file, bytes: { try encoder.encode(graph, context: context) },
        stream: { output in try encoder.encode(graph, context: context, to: output) })
    }
    try OutputWriter(environment: environment).write(documents)
    return ExitCode.success
  }
}

/// `FORMAT[=FILE]` from `-o`.
struct OutputRequest {
  var format: FormatID
  /// nil for standard output.
  var file: String?

  init(_ text: String) throws {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(
      String.init)
    format = try FormatID(name: parts[0])
    if parts.count == 2 {
      guard !parts[1].isEmpty else { throw LineageError(.usage, "-o \(text): FILE is empty") }
      file = parts[1] == "-" ? nil : parts[1]
    }
  }
}
