@_exported import LineageJSON
import SBOMFormats
import SBOMModel
import SBOMResolvers

/// Feeds fuzz input to Lineage as if it were a file named `fileName` in an otherwise empty
/// scan root. Errors are the expected outcome for most inputs; only crashes, hangs and
/// sanitizer reports count as findings.
public enum FuzzDriver {
  public static func scan(_ data: UnsafePointer<UInt8>, _ size: Int, as fileName: String) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = MemorySource(files: [fileName: bytes])
    _ = try? Scanner.scan(source: source, file: fileName, options: ScanOptions())
  }

  public static func decode(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SBOMDecoder.decode(bytes, file: "fuzz-input")
  }
}

/// libFuzzer's driver, for a `main` of our own: SwiftPM gives every executable target an entry
/// point named `<Target>_main`, so each target calls this from there instead of using
/// libFuzzer's `main` (which the linker then leaves out of its archive).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

public enum FuzzMain {
  public static func run(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, callback)
  }
}
