/// Ecosystem-aware version ordering. STUB.
public enum VersionOrder {
  /// Compares two versions as `ecosystem` orders them.
  public static func compare(_ a: String, _ b: String, ecosystem: Ecosystem) -> Int {
    a == b ? 0 : (a < b ? -1 : 1)
  }
}
