import LineageCommands

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
enum Entrypoint {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    exit(LineageCLI.run(arguments, environment: .process()))
  }
}
