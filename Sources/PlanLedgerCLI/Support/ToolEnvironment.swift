import LedgerStore

/// What the command line reads from the world, passed in so tests can set it.
struct ToolEnvironment: Sendable {
  /// Environment variables.
  var variables: [String: String]
  /// The clock for `recorded`, and for "today" in validation.
  var clock: any LedgerClock
  /// The running boot's identifier, for telling a crash from tampering.
  var bootID: String?
  /// Reads a whole file (`-` is standard input), or throws an I/O error.
  var readFile: @Sendable (String) throws -> [UInt8]
  /// Lists the names in a directory.
  var listDirectory: @Sendable (String) throws -> [String]
  /// Writes a whole file.
  var writeFile: @Sendable (String, [UInt8]) throws -> Void
  /// The memory budget of each run of a long reading's sort (tests make it small, so a
  /// small ledger spills to the scratch directory).
  var sortRunBytes = ExternalSort.defaultRunBytes

  /// Whether colour is allowed (`NO_COLOR` unset).
  var allowsColor: Bool { variables["NO_COLOR"] == nil }

  /// The ledger configuration for this environment: long sorts spill to `TMPDIR`, or to
  /// `/tmp` when it is unset or empty.
  var ledgerConfiguration: LedgerConfiguration {
    let scratch = variables["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var configuration = LedgerConfiguration(
      clock: clock,
      bootID: bootID,
      scratchDirectory: scratch
    )
    configuration.sortRunBytes = sortRunBytes
    return configuration
  }
}
