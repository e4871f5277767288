import LineageCommands

#if canImport(Glibc)
  import CMalloc
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
enum Entrypoint {
  static func main() {
    #if canImport(Glibc)
      // Keep freed memory for reuse instead of handing it back to the kernel: by default glibc
      // gives every block over 128 KiB its own mapping and unmaps it when freed, so each phase
      // of a scan (YAML events, lockfile, components, document) faulted in fresh zeroed pages
      // — a sixth of the page faults of scanning a large lockfile, for ~5 MB more peak memory.
      _ = mallopt(M_MMAP_THRESHOLD, 64 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    #endif
    let arguments = Array(CommandLine.arguments.dropFirst())
    exit(LineageCLI.run(arguments, environment: .process()))
  }
}
