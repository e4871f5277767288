import Testing

// Replaced by the differ's tests when they land.
@Test("the diff test target builds")
func diffTargetBuilds() {}
