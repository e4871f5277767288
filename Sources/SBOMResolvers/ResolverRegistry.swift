/// The resolvers `Scanner` tries, in order. Each ecosystem adds its one line here.
enum ResolverRegistry {
  static let all: [any EcosystemResolver] = [
    SwiftPMResolver(),
    DebianResolver(),
    NpmLockResolver(),
    YarnLockResolver(),
    PnpmLockResolver(),
  ]
}
