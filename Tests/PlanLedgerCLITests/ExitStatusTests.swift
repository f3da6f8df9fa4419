import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

@testable import PlanLedgerCLI

/// Every exit status of `DESIGN.md`, from a command that ends with it, and the one place
/// that decides them.
@Suite struct ExitStatusTests {
  @Test func everyStatusIsTheDocumentedNumber() {
    #expect(PlanLedgerCLI.ExitStatus.success.rawValue == 0)
    #expect(PlanLedgerCLI.ExitStatus.integrityFailure.rawValue == 1)
    #expect(PlanLedgerCLI.ExitStatus.usage.rawValue == 2)
    #expect(PlanLedgerCLI.ExitStatus.refused.rawValue == 3)
    #expect(PlanLedgerCLI.ExitStatus.ioFailure.rawValue == 4)
  }

  @Test func zeroForSuccess() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let run = plan.run("state", "--as-of", "2018-06-30")
      #expect(run.status == .success)
      #expect(run.errors == "")
      #expect(plan.run("history", "--action", "1.1").status == .success)
    }
  }

  /// A long reading whose sort must spill, with a scratch directory that cannot hold
  /// files: one line naming it and the fix, exit 4, the ledger untouched; with a usable
  /// one, the same answer as sorted in memory and nothing left behind.
  @Test func fourWhenTheScratchDirectoryCannotBeUsed() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let files = try plan.files()
      func audit(scratch: String, runBytes: Int) -> ToolRun {
        var run = ToolRun()
        var environment = testEnvironment(
          variables: plan.variables.merging(["TMPDIR": scratch]) { $1 }
        )
        environment.sortRunBytes = runBytes
        run.status = PlanLedgerCommand.run(
          ["audit", "--format", "csv"],
          environment: environment,
          output: &run.output,
          errors: &run.errors
        )
        return run
      }
      #expect(
        audit(scratch: directory + "/missing", runBytes: 64)
          == ToolRun(
            errors: "error: cannot use \"\(directory)/missing\" for scratch files: no such file "
              + "or directory; set TMPDIR to a writable directory with free space\n",
            status: .ioFailure
          )
      )
      #expect(try plan.files() == files)
      let inMemory = audit(scratch: directory + "/missing", runBytes: 1 << 30)
      #expect(inMemory.status == .success)
      try FileManager.default.createDirectory(
        atPath: directory + "/tmp",
        withIntermediateDirectories: false
      )
      #expect(audit(scratch: directory + "/tmp", runBytes: 64) == inMemory)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/tmp").isEmpty)
    }
  }

  @Test func oneForAnIntegrityFailure() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      try VerifyCommandTests.change(plan, line: 3, "Croydon", to: "Croydom")
      let run = plan.run("verify")
      #expect(run.status == .integrityFailure)
      #expect(run.output == "")
      #expect(run.errors.hasPrefix("\(plan.ledger)/0001.jsonl:3: error: seq 3: "))
    }
  }

  @Test func twoForAUsageError() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let files = try plan.files()
      #expect(
        plan.run("state", "--as-of", "2018-13-01")
          == ToolRun(
            errors: #"error: --as-of "2018-13-01" is not a date YYYY-MM-DD"# + "\n"
              + "Usage: planledger state [--as-of <date>] [--as-known-at <time>] "
              + "[--board <date>] [--priority <n>] [--format table|json|csv]\n"
              + "Run 'planledger state --help' for details.\n",
            status: .usage
          )
      )
      #expect(
        plan.run("state", "--board", "2018-02-14", "--as-of", "2018-02-14")
          == ToolRun(
            errors: "error: --board and --as-of cannot be used together\n"
              + "Usage: planledger state [--as-of <date>] [--as-known-at <time>] "
              + "[--board <date>] [--priority <n>] [--format table|json|csv]\n"
              + "Run 'planledger state --help' for details.\n",
            status: .usage
          )
      )
      #expect(
        plan.run("stat").errors
          == "error: unknown subcommand \"stat\" (did you mean state?)\n"
          + "Run 'planledger --help' for the list of subcommands.\n"
      )
      #expect(plan.run("status", "1.1", "complete", "--authrity", "11").status == .usage)
      #expect(try plan.files() == files)
    }
  }

  @Test func threeForARefusal() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      #expect(
        plan.run("history", "--action", "1.2")
          == ToolRun(
            errors: "error: unknown action \"1.2\" (did you mean 1.1?)\n",
            status: .refused
          )
      )
    }
  }

  @Test func fourForAnIOFailure() throws {
    try withTemporaryDirectory { directory in
      // A file where the ledger should be: the same words from verify as from the others.
      try writeFile("not a ledger", to: directory + "/afile")
      for command in ["verify", "head"] {
        #expect(
          planledger(command, "--ledger", directory + "/afile")
            == ToolRun(
              errors: "error: \"\(directory)/afile\" is not a ledger (no checkpoint); create "
                + "one with 'planledger init' or choose another with --ledger\n",
              status: .ioFailure
            )
        )
      }
      #expect(
        planledger("state", "--ledger", directory + "/nowhere")
          == ToolRun(
            errors: "error: \"\(directory)/nowhere\" is not a ledger (no checkpoint); create one "
              + "with 'planledger init' or choose another with --ledger\n",
            status: .ioFailure
          )
      )
    }
  }

  @Test func theStatusIsDecidedByTheKindOfError() throws {
    let start = try #require(CalendarDate("2020-01-10"))
    let cases: [(any Error, PlanLedgerCLI.ExitStatus)] = [
      (UsageError.missingOption(option: "--actor"), .usage),
      (Refusal.noPlan, .refused),
      (SubmissionRefusal(ordinal: 0, count: 2, refusal: .noPlan), .refused),
      (Refusal.malformed(.authorityWithoutSeq), .usage),
      (SubmissionRefusal(ordinal: 1, count: 2, refusal: .malformed(.authorityWithoutSeq)), .usage),
      (Refusal.notAnAuthority(seq: 7, type: "action.added"), .refused),
      (Refusal.malformed(.identifier(.action, "1..1")), .usage),
      (
        Refusal.visitNotYetStarted(visit: "9", start: start, date: start.adding(days: -1)), .refused
      ),
      (ImportError(file: "actions.csv", row: 1, column: "Lead", line: 2, reason: "x"), .refused),
      (LedgerStoreError.sizeExpectationFailed(expected: 1, actual: 2), .refused),
      (LedgerStoreError.io(file: "x", step: "read", errno: 2), .ioFailure),
      (IntegrityFailure(description: "x"), .integrityFailure),
    ]
    for (error, status) in cases {
      #expect(PlanLedgerCLI.ExitStatus(for: error) == status, "\(error)")
    }
  }
}
