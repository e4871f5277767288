import FuzzSupport
import LineageJSON

@_cdecl("FuzzJSONReader_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  FuzzMain.run(argc, argv, fuzzOne)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let value = try? JSONReader.parse(bytes) {
    // What the writer prints must read back to the same value.
    let again = try? JSONReader.parse(JSONWriter(sortKeys: false).write(value))
    if again != value { fatalError("JSON writer/reader round trip changed the value") }
  }
  return 0
}
