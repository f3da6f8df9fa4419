#if canImport(Glibc)
import Glibc
#endif

let status = PlanLedgerCommand.run(
  Array(CommandLine.arguments.dropFirst()),
  environment: .system,
  output: OutputSink(descriptor: STDOUT_FILENO),
  errors: OutputSink(descriptor: STDERR_FILENO)
)
exit(status.rawValue)
