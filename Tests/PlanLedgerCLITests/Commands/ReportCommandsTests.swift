import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

@testable import PlanLedgerCLI

/// `narrative` and `report` as known at a time: only what had been recorded by then.
@Suite struct ReportCommandsTests {
  /// The walkthrough's ledger, opened by the library.
  static func ledger(_ plan: ScratchPlan) throws -> Ledger {
    try Ledger.open(
      at: plan.ledger,
      configuration: LedgerConfiguration(clock: StoppedClock(instant: toolNow))
    )
  }

  /// The size of the walkthrough's ledger as it stood at a time, by the library.
  static func size(_ plan: ScratchPlan, recordedBy time: String) throws -> Int {
    try ledger(plan).size(recordedBy: try #require(LedgerTimestamp(time)))
  }

  @Test func narrativeAsKnownAtATimeReadsTheLedgerAsItStoodThen() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let size = try Self.size(plan, recordedBy: "2018-02-13")
      let whole = try Self.size(plan, recordedBy: "2030-01-01")
      #expect(size > 0 && size < whole)
      let run = plan.run("narrative", "--to", "2018-02-14", "--as-known-at", "2018-02-13")
      #expect(run.status == .success)
      #expect(run.errors == "")
      #expect(
        run.output.replacingOccurrences(of: "\n", with: " ").contains(
          "as the ledger had recorded them by 2018-02-13T23:59:59.999Z, at tree size \(size)."
        )
      )
      #expect(run.output.contains("planledger head --size \(size)"))
      // Without the option, the same period is read in the light of everything recorded.
      let now = plan.run("narrative", "--to", "2018-02-14")
      #expect(now.output.contains("planledger head --size \(whole)"))
    }
  }

  @Test func reportAsKnownAtATimeSaysSoAndBindsToThatTreeHead() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let size = try Self.size(plan, recordedBy: "2018-02-14")
      let head = try Self.ledger(plan).head(size: size)
      let run = plan.run(
        "report",
        "--board",
        "2018-02-14",
        "--as-known-at",
        "2018-02-14",
        "--out",
        "-"
      )
      #expect(run.status == .success)
      #expect(
        run.output.contains(
          "in the light of what the ledger had recorded by 2018-02-14T23:59:59.999Z, up to "
            + "tree size \(size)."
        )
      )
      #expect(run.output.contains(head.root.hex))
    }
  }

  @Test func aTimeThatIsNotOneIsAUsageErrorAndWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let files = try plan.files()
      #expect(
        plan.run("narrative", "--as-known-at", "2018-02-30")
          == ToolRun(
            errors: #"error: --as-known-at "2018-02-30" is not an RFC 3339 time such as "#
              + "2018-03-14T18:00:00Z or 2018-03-14T19:00:00+01:00, or a date YYYY-MM-DD\n"
              + "Usage: planledger narrative [--from <date> | --since-board <date>] "
              + "[--to <date> | --board <date>] [--as-known-at <time>] "
              + "[--format markdown|text|html]\n"
              + "Run 'planledger narrative --help' for details.\n",
            status: .usage
          )
      )
      #expect(
        plan.run("report", "--board", "2018-02-14", "--as-known-at", "soon", "--out", "-")
          == ToolRun(
            errors: #"error: --as-known-at "soon" is not an RFC 3339 time such as "#
              + "2018-03-14T18:00:00Z or 2018-03-14T19:00:00+01:00, or a date YYYY-MM-DD\n"
              + "Usage: planledger report --board <date> [--as-known-at <time>] "
              + "--out <file.html>\n"
              + "Run 'planledger report --help' for details.\n",
            status: .usage
          )
      )
      #expect(try plan.files() == files)
    }
  }
}
