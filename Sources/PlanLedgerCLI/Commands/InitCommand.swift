import LedgerStore

/// `planledger init`: creates an empty ledger.
struct InitCommand: Subcommand {
  static let name = "init"
  static let abstract = "Create an empty ledger."
  static let discussion =
    "Makes the ledger directory (default EventLog) with an empty log and its checkpoint."
  static let usageLine = "[--ledger <dir>]"
  static let options: [OptionSpec] = []

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {}

  func run(context: CommandContext) throws {
    let ledger = try Ledger.create(
      at: context.ledgerPath,
      configuration: context.environment.ledgerConfiguration
    )
    context.print("created an empty ledger in \(context.ledgerPath) (root \(ledger.head.root))")
  }
}
