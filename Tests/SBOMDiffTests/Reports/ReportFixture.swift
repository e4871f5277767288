@testable import SBOMDiff

extension DiffFixtures {
  /// The every-kind diff with input labels, as the CLI would hand it to a report.
  static func everyKindResult() -> DiffResult {
    let (old, new) = everyKind()
    var result = SBOMDiff.compare(old: old, new: new)
    result.old.label = "v1/package-lock.json"
    result.new.label = "v2/package-lock.json"
    return result
  }
}
