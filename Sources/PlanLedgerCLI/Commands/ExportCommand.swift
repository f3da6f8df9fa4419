import LedgerStore

/// `planledger export`: the stored lines, byte for byte.
struct ExportCommand: Subcommand {
  static let name = "export"
  static let abstract = "Print the stored event lines, byte for byte."
  static let discussion =
    "Each line is exactly as stored: RFC 8785 canonical JSON, one event per line, so the "
    + "output can be checked with any JCS and SHA-256 implementation."
  static let usageLine = "[--from <seq>] [--to <seq>] [--ledger <dir>]"
  static let options: [OptionSpec] = [
    OptionSpec("from", value: "seq", help: "The first seq to print.", default: "1"),
    OptionSpec(
      "to",
      value: "seq",
      help: "The last seq to print; a seq past the end prints to the end.",
      default: "the last"
    ),
  ]

  let from: Int
  let to: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    from = try arguments.integer("from", in: 1...Int.max) ?? 1
    to = try arguments.integer("to", in: 1...Int.max)
    if let to, to < from {
      throw .invalidValue(option: "--to", value: String(to), expected: "at least --from")
    }
  }

  func run(context: CommandContext) throws {
    let ledger = try context.openLedger()
    guard ledger.size > 0 else { return }
    let last = min(to ?? ledger.size, ledger.size)
    guard from <= ledger.size else {
      throw LedgerStoreError.seqOutOfRange(seq: from, size: ledger.size)
    }
    let newline: [UInt8] = [0x0A]
    try ledger.forEachLine(seqs: from...last) { line in
      context.output.write(bytes: line.bytes)
      newline.withUnsafeBytes { context.output.write(bytes: $0) }
      return true
    }
  }
}
