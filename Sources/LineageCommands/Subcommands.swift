import ArgumentParser

/// The subcommands `lineage` offers. Each command adds its one line here.
enum LineageSubcommands {
  static let all: [ParsableCommand.Type] = [
    ScanCommand.self,
    TreeCommand.self,
    WhyCommand.self,
  ]
}
