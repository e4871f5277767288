import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  FuzzDriver.scan(data, size, as: "pnpm-lock.yaml")
  return 0
}
