import Foundation
import SBOMModel

/// Reads a path as an SBOM when its content is one (SPDX or CycloneDX, any generator).
enum SBOMInput {
  /// The decoded graph, or nil when `path` is a directory or a file that is not an SBOM.
  static func decodeIfSBOM(_ path: String, environment: CommandEnvironment) throws -> Graph? {
    // Decoders are not merged yet: every input is scanned.
    nil
  }
}
