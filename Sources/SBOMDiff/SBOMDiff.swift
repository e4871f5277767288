import SBOMModel

/// Namespace for comparing two graphs (see `../shared/DESIGN.md`, "The differ").
public enum SBOMDiff {}
