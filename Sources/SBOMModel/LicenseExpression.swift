/// An SPDX licence expression. STUB: to be replaced by a full parser.
public indirect enum LicenseExpression: Sendable, Hashable, CustomStringConvertible {
  /// A licence id from the SPDX list (or a `LicenseRef-…`), with `+` for "or later".
  case license(String, orLater: Bool)
  case with(LicenseExpression, exception: String)
  case and([LicenseExpression])
  case or([LicenseExpression])

  public init(parsing text: String) throws {
    self = .license(text, orLater: false)
  }

  public var description: String {
    switch self {
    case .license(let id, let orLater): orLater ? id + "+" : id
    case .with(let l, let e): "\(l) WITH \(e)"
    case .and(let xs): xs.map { "\($0)" }.joined(separator: " AND ")
    case .or(let xs): xs.map { "\($0)" }.joined(separator: " OR ")
    }
  }
}
