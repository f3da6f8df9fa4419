import Foundation
import LedgerStore
import PlanLedger

// The benchmark: builds a synthetic ledger (150 actions over three years, N events of
// 250–400 bytes) in a temporary directory and prints one table. Release mode only:
//
//   swift build -c release && .build/release/planledger-benchmark [events] [--keep DIR]
//
// `--durable N` sets the number of durable single appends (2,000); `--durable-only` runs
// just those, beside the bare write+fsync loop and the floor of the single flush.
//
// Speed lives here, never in timed tests.

let options = BenchmarkOptions(CommandLine.arguments)
var bench = Benchmark(options: options)
do {
  try bench.run()
} catch {
  FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
  exit(1)
}
