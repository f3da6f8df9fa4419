import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// Snapshots only make views faster: a view answered from one prints the same bytes as
/// full replay, and one that no longer fits or does not check is passed over with a
/// warning (and fails `verify`).
@Suite struct SnapshotCommandTests {
  /// The name of a ledger's snapshot as of a date at a tree size: the first 12 digits of
  /// the ledger's first leaf hash, the date and the size.
  static func snapshotName(_ ledger: String, asOf: String, size: Int) -> String {
    let first = planledger("export", "--ledger", ledger, "--to", "1").output.dropLast()
    let key = SHA256.leafHash(Array(first.utf8)).hex.prefix(12)
    return "\(key)_\(asOf)_\(size).json"
  }

  @Test func stateFromASnapshotIsTheSameAsFullReplay() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let snapshots = directory + "/Snapshots"
      let name = Self.snapshotName(plan.ledger, asOf: "2018-02-14", size: 12)
      let state = ["state", "--as-of", "2018-02-14"]
      let replayed = plan.run(state + ["--explain"])
      #expect(replayed.status == .success)
      #expect(replayed.errors == "note: answered by full replay of 12 events (no snapshot fits)\n")

      #expect(
        plan.run("snapshot", "--as-of", "2018-02-14")
          == ToolRun(output: "wrote \(snapshots)/\(name)\n")
      )
      #expect(
        plan.run("snapshot", "--list")
          == ToolRun(output: "\(name)  serves views as of 2018-02-14 (tree size 12)\n")
      )
      #expect(
        plan.run(state + ["--explain"])
          == ToolRun(
            output: replayed.output,
            errors: "note: answered from snapshot \(name), replaying 0 later events\n"
          )
      )
      for format in ["json", "csv"] {
        #expect(
          plan.run(state + ["--format", format])
            == plan.run(state + ["--format", format, "--snapshots", directory + "/none"])
        )
      }

      // A report recorded later but back-dated before the snapshot's date folds on top.
      #expect(plan.run("status", "1.1", "at_risk", "--effective", "2018-02-01").status == .success)
      let fromSnapshot = plan.run(state + ["--explain"])
      #expect(fromSnapshot.output.contains("\n1.1  1         At risk  2018-02-01  PS    2018-06"))
      #expect(fromSnapshot.output == plan.run(state + ["--snapshots", directory + "/none"]).output)
      #expect(fromSnapshot.errors.hasPrefix("note: answered from snapshot \(name), replaying 1 "))

      // A correction of an event the snapshot folded: it no longer fits.
      #expect(
        plan.run("correct", "8", "--data", #"{"action":"1.1","to":"overdue"}"#, "--reason", "Wrong")
          .status == .success
      )
      let problem = "seq 14 corrects or retracts seq 8, which it folded"
      #expect(
        plan.run(state + ["--explain"])
          == ToolRun(
            output: plan.run(state + ["--snapshots", directory + "/none"]).output,
            errors: "warning: snapshot \(name) ignored: \(problem)\n"
              + "note: answered by full replay of 14 events (no snapshot fits)\n"
          )
      )
      #expect(
        plan.run("snapshot", "--list") == ToolRun(output: "\(name)  cannot serve: \(problem)\n")
      )
      let verify = plan.run("verify")
      #expect(verify.status == .success)
      #expect(verify.errors == "warning: \(snapshots)/\(name) no longer fits: \(problem)\n")
      #expect(plan.run("snapshot", "--prune") == ToolRun(output: "removed \(name): \(problem)\n"))
      #expect(plan.run("snapshot", "--list") == ToolRun())
    }
  }

  /// Makes a snapshot as of 2018-02-14 of the walkthrough's ledger and changes one of its
  /// bytes (a due date inside its state), keeping it valid JSON.
  ///
  /// - Parameter plan: The plan.
  /// - Returns: The snapshot's path.
  /// - Throws: A read or write error.
  static func tamperedSnapshot(_ plan: ScratchPlan) throws -> String {
    #expect(plan.run("snapshot", "--as-of", "2018-02-14").status == .success)
    let path =
      plan.directory + "/Snapshots/"
      + snapshotName(plan.ledger, asOf: "2018-02-14", size: 12)
    let text = String(decoding: try fileBytes(path), as: UTF8.self)
    #expect(text.contains(#""due":"2018-01""#))
    try writeFile(text.replacing(#""due":"2018-01""#, with: #""due":"2018-02""#), to: path)
    return path
  }

  @Test func verifyFailsForASnapshotWhoseHashDoesNotCheck() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let path = try Self.tamperedSnapshot(plan)
      let verify = plan.run("verify")
      #expect(verify.status == .integrityFailure)
      #expect(verify.output == "")
      let lines = verify.errors.split(separator: "\n")
      #expect(lines.count == 2)
      #expect(
        lines.first
          == "\(path): error: its hash does not check (it was changed after it was written)"
      )
      #expect(lines.last?.hasPrefix("error: 1 snapshot") == true)
      #expect(
        lines.last?.hasSuffix(" check; remove it with 'planledger snapshot --prune'") == true
      )
      // Views pass over it with a warning and answer by replay, byte for byte the same.
      let name = Self.snapshotName(plan.ledger, asOf: "2018-02-14", size: 12)
      let state = ["state", "--as-of", "2018-02-14"]
      #expect(
        plan.run(state)
          == ToolRun(
            output: plan.run(state + ["--snapshots", directory + "/none"]).output,
            errors: "warning: snapshot \(name) ignored: its hash does not check (it was changed "
              + "after it was written)\n"
          )
      )
      #expect(
        plan.run("snapshot", "--prune")
          == ToolRun(
            output: "removed \(name): its hash does not check (it was changed after it was "
              + "written)\n"
          )
      )
      #expect(plan.run("verify").status == .success)
    }
  }

  @Test
  func oneSnapshotAndOneEventAreSingular() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      _ = try Self.tamperedSnapshot(plan)
      #expect(
        plan.run("verify").errors.split(separator: "\n").last
          == "error: 1 snapshot does not check; remove it with 'planledger snapshot --prune'"
      )
      _ = plan.run("snapshot", "--prune")
      _ = plan.run("snapshot", "--as-of", "2018-02-14")
      _ = plan.run("status", "1.1", "at_risk", "--effective", "2018-02-01")
      #expect(
        plan.run("state", "--as-of", "2018-02-14", "--explain").errors.hasSuffix(
          ", replaying 1 later event\n"
        )
      )
    }
  }
}
