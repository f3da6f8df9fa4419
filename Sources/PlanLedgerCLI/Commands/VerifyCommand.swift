import LedgerStore
import PlanLedger

/// `planledger verify`: checks the whole ledger from its files.
struct VerifyCommand: Subcommand {
  static let name = "verify"
  static let abstract = "Check the ledger's hash chain, canonical form and Merkle root."
  static let discussion =
    "Reads every line and checks its canonical form, the event members, seq contiguity, "
    + "recorded order and the prev chain of leaf hashes, then the Merkle root against the "
    + "checkpoint. Prints file:line: error: message for each problem and exits 1 if any."
  static let usageLine = "[--ledger <dir>]"
  static let options: [OptionSpec] = []

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {}

  func run(context: CommandContext) throws {
    let report = try Verifier(path: context.ledgerPath).verify()
    for note in report.notes { context.warn(note) }
    for problem in report.problems {
      context.errors.write("\(context.ledgerPath)/\(problem)\n")
    }
    var snapshotProblems = 0
    if report.isValid {
      let book = try context.openBook()
      for (entry, problem) in try book.auditSnapshots() {
        guard let problem else { continue }
        if case .superseded = problem {
          context.warn("\(context.snapshotsPath)/\(entry.name) no longer fits: \(problem)")
        } else {
          snapshotProblems += 1
          context.errors.write("\(context.snapshotsPath)/\(entry.name): error: \(problem)\n")
        }
      }
    }
    if snapshotProblems > 0 {
      context.errors.write(
        "error: \(Counted.phrase(snapshotProblems, "snapshot")) "
          + (snapshotProblems == 1 ? "does not check; remove it" : "do not check; remove them")
          + " with 'planledger snapshot --prune'\n"
      )
      throw SilentFailure(status: .integrityFailure)
    }
    if report.isValid {
      context.print(
        "verified \(Counted.phrase(report.events, "event")) "
          + "(\(Counted.phrase(report.bytes, "byte"))): "
          + "size \(report.computedHead.size), root \(report.computedHead.root)"
      )
      return
    }
    let count = report.problems.count
    context.errors.write(
      "error: verification failed: \(Counted.phrase(count, "problem")) in "
        + "\(Counted.phrase(report.events, "event")); restore the damaged file from a copy you trust\n"
    )
    throw SilentFailure(status: .integrityFailure)
  }
}
