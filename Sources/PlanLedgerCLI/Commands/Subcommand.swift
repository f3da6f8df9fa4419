import LedgerStore

/// One `planledger` subcommand: its name, help, and how it runs.
///
/// `init(arguments:environment:)` checks every argument before any work is done, so a
/// usage error never leaves anything half-done.
protocol Subcommand: Sendable {
  static var name: String { get }
  static var abstract: String { get }
  static var discussion: String { get }
  static var usageLine: String { get }
  static var options: [OptionSpec] { get }
  static var arguments: [ArgumentSpec] { get }
  /// Whether the command reads or writes a ledger (and so takes `--ledger`).
  static var usesLedger: Bool { get }

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError)

  func run(context: CommandContext) throws
}

extension Subcommand {
  static var discussion: String { "" }
  static var arguments: [ArgumentSpec] { [] }
  static var usesLedger: Bool { true }

  static var allOptions: [OptionSpec] {
    options + (usesLedger ? [.ledger, .snapshots] : []) + [.help]
  }
}

/// What a running command can use: the environment, the ledger path, the output streams.
struct CommandContext {
  let environment: ToolEnvironment
  let ledgerPath: String
  /// The snapshots directory: `--snapshots`, `PLANLEDGER_SNAPSHOTS`, or `Snapshots` beside
  /// the ledger directory.
  let snapshotsPath: String
  let output: OutputSink
  let errors: OutputSink

  func print(_ text: String) {
    output.write(text)
    output.write("\n")
  }

  func warn(_ text: String) {
    errors.write("warning: \(text)\n")
  }

  /// Opens the ledger, printing the warnings of its recovery.
  ///
  /// - Parameter forWriting: Whether the command is to append: then a damaged log, whose
  ///   appends are refused, is the command's one error rather than a warning before it.
  /// - Returns: The ledger.
  /// - Throws: An I/O or lock error; for writing, the damage that refuses appends.
  func openLedger(forWriting: Bool = false) throws -> Ledger {
    let ledger = try Ledger.open(at: ledgerPath, configuration: environment.ledgerConfiguration)
    var damage: LedgerStoreError?
    for warning in ledger.warnings {
      if forWriting, case .damaged(let error) = warning {
        damage = error
      } else {
        // What recovery did (a quarantine, a rollback) is said whatever follows.
        warn(warning.description)
      }
    }
    if let damage { throw damage }
    return ledger
  }
}
