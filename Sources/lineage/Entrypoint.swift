import LineageCommands

#if canImport(Glibc)
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
      _ = glibcMallopt(glibcMmapThreshold, 64 << 20)
      _ = glibcMallopt(glibcTrimThreshold, 256 << 20)
    #endif
    let arguments = Array(CommandLine.arguments.dropFirst())
    exit(LineageCLI.run(arguments, environment: .process()))
  }
}

#if canImport(Glibc)
  // `mallopt` and its options are declared in <malloc.h>, which the Glibc module does not
  // export; the option numbers are glibc's (M_TRIM_THRESHOLD, M_MMAP_THRESHOLD).
  @_silgen_name("mallopt")
  private func glibcMallopt(_ option: Int32, _ value: Int32) -> Int32
  private let glibcTrimThreshold: Int32 = -1
  private let glibcMmapThreshold: Int32 = -3
#endif
