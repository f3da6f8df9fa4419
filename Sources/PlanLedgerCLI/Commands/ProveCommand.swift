import LedgerStore

/// `planledger prove`: an inclusion or a consistency proof.
struct ProveCommand: Subcommand {
  static let name = "prove"
  static let abstract = "Print an inclusion or consistency proof (RFC 9162)."
  static let discussion =
    "--seq N proves that event N is in the tree of size M (default: now). "
    + "--consistency OLD proves that the tree of size M extends the tree of size OLD "
    + "without rewriting it. Any RFC 9162 implementation can check the proof."
  static let usageLine =
    "(--seq <n> | --consistency <old>) [--size <m>] [--format json] [--ledger <dir>]"
  static let options: [OptionSpec] = [
    OptionSpec("seq", value: "n", help: "The event to prove included."),
    OptionSpec("consistency", value: "old", help: "The earlier tree size to prove extended."),
    OptionSpec("size", value: "m", help: "The tree size to prove against.", default: "now"),
    OptionSpec("format", value: "format", help: "json (the only format).", default: "json"),
  ]

  enum Kind {
    case inclusion(seq: Int)
    case consistency(first: Int)
  }

  let kind: Kind
  let size: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    _ = try arguments.choice("format", from: ["json"], default: "json")
    size = try arguments.integer("size", in: 1...Int.max)
    switch (
      try arguments.integer("seq", in: 1...Int.max),
      try arguments.integer("consistency", in: 1...Int.max)
    )
    {
    case (let seq?, nil): kind = .inclusion(seq: seq)
    case (nil, let first?): kind = .consistency(first: first)
    case (.some, .some): throw .conflictingOptions("--seq", "--consistency")
    case (nil, nil): throw .missingOption(option: "--seq or --consistency")
    }
  }

  func run(context: CommandContext) throws {
    let ledger = try context.openLedger()
    switch kind {
    case .inclusion(let seq):
      context.print(try ledger.inclusionProof(seq: seq, size: size).json.canonicalText)
    case .consistency(let first):
      context.print(try ledger.consistencyProof(first: first, second: size).json.canonicalText)
    }
  }
}
