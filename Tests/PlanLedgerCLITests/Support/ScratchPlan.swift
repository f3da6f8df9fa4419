import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// A scratch ledger in a test's directory, with `PLANLEDGER_LEDGER` and
/// `PLANLEDGER_ACTOR=PO` set as the README's walkthrough sets them.
struct ScratchPlan {
  /// The test's directory.
  let directory: String

  /// The ledger directory, `scratch` in the test's directory.
  var ledger: String { directory + "/scratch" }

  /// The day each of `init` and the walkthrough's recording commands takes effect.
  static let days = [
    "2017-11-01", "2017-11-01", "2017-11-01", "2017-11-01", "2017-11-01", "2017-11-01",
    "2017-11-01", "2017-11-01", "2018-01-10", "2018-02-14", "2018-02-14", "2018-02-14",
    "2018-06-20",
  ]

  /// The environment variables every command of the plan runs with.
  var variables: [String: String] { ["PLANLEDGER_LEDGER": ledger, "PLANLEDGER_ACTOR": "PO"] }

  /// Makes the ledger with the first `steps` recording commands of the walkthrough
  /// (12, all of them, by default: seq 1 to 12, action 1.1 complete on 2018-06-20).
  ///
  /// - Parameters:
  ///   - directory: The test's directory.
  ///   - steps: How many recording commands to run after `init`.
  ///   - live: Whether each command is recorded at noon on the day it takes effect, as if
  ///     the programme office kept the ledger as things happened; otherwise all are recorded
  ///     at ``toolNow``.
  init(in directory: String, steps: Int = ReadmeWalkthroughTests.recordings, live: Bool = false) {
    self.directory = directory
    for (words, day) in zip(ReadmeWalkthroughTests.commands.prefix(steps + 1), Self.days) {
      let instant = live ? LedgerTimestamp(day + "T12:00:00.000Z") ?? toolNow : toolNow
      let run = planledger(words, variables: variables, at: instant)
      #expect(run.status == .success, "\(words): \(run.errors)")
    }
  }

  /// Runs `planledger` on the plan.
  ///
  /// - Parameters:
  ///   - arguments: The words after `planledger`.
  ///   - instant: What the clock says.
  /// - Returns: What it printed and its status.
  func run(_ arguments: String..., at instant: LedgerTimestamp = toolNow) -> ToolRun {
    planledger(arguments, variables: variables, at: instant)
  }

  /// Runs `planledger` on the plan.
  ///
  /// - Parameters:
  ///   - arguments: The words after `planledger`.
  ///   - instant: What the clock says.
  /// - Returns: What it printed and its status.
  func run(_ arguments: [String], at instant: LedgerTimestamp = toolNow) -> ToolRun {
    planledger(arguments, variables: variables, at: instant)
  }

  /// The ledger's files but its index and lock: what a refused command leaves unchanged.
  ///
  /// - Returns: The files' bytes by relative path.
  /// - Throws: A read error.
  func files() throws -> [String: [UInt8]] {
    try ledgerFiles(ledger)
  }
}
