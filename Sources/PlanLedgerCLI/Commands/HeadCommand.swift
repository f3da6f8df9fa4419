import LedgerStore

/// `planledger head`: the tree head, now or at an earlier size.
struct HeadCommand: Subcommand {
  static let name = "head"
  static let abstract = "Show the Merkle tree head (size and root) a board can minute."
  static let usageLine = "[--size <n>] [--format text|json] [--ledger <dir>]"
  static let options: [OptionSpec] = [
    OptionSpec("size", value: "n", help: "An earlier tree size.", default: "the current size"),
    OptionSpec("format", value: "format", help: "text or json.", default: "text"),
  ]

  let size: Int?
  let json: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    size = try arguments.integer("size", in: 0...Int.max)
    json = try arguments.choice("format", from: ["text", "json"], default: "text") == "json"
  }

  func run(context: CommandContext) throws {
    let ledger = try context.openLedger()
    let head = try ledger.head(size: size)
    if json {
      context.print(head.json.canonicalText)
    } else {
      context.print("size \(head.size)\nroot \(head.root)")
    }
  }
}
