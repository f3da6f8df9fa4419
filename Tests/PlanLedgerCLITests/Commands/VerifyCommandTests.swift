import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// `verify` on a plan's ledger: a one-byte change anywhere is found and named.
@Suite struct VerifyCommandTests {
  /// Changes one byte of the walkthrough's ledger: `old` becomes `new` in line `line`.
  static func change(_ plan: ScratchPlan, line: Int, _ old: String, to new: String) throws {
    let log = String(decoding: try fileBytes(plan.ledger + "/0001.jsonl"), as: UTF8.self)
    var lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[line - 1].contains(old))
    lines[line - 1] = lines[line - 1].replacing(old, with: new)
    try writeFile(lines.joined(separator: "\n"), to: plan.ledger + "/0001.jsonl")
  }

  /// The Merkle root of the ledger's lines as they are now.
  static func logRoot(_ plan: ScratchPlan) throws -> SHA256Digest {
    let leaves = try fileBytes(plan.ledger + "/0001.jsonl").split(separator: UInt8(ascii: "\n"))
      .map { SHA256.leafHash(Array($0)) }
    return try MerkleTree.hash(of: 0..<leaves.count, in: leaves)
  }

  @Test func aVerifiedLedgerPrintsItsHead() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let bytes = try fileBytes(plan.ledger + "/0001.jsonl").count
      #expect(
        plan.run("verify")
          == ToolRun(
            output: "verified 12 events (\(bytes) bytes): size 12, root \(try Self.logRoot(plan))\n"
          )
      )
    }
  }

  @Test func aOneByteChangeNamesTheChangedLine() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let root = try Self.logRoot(plan)
      // "staff" becomes "stafg": still canonical JSON, and still a valid event.
      try Self.change(plan, line: 8, "Model drafted with staff", to: "Model drafted with stafg")
      let changedRoot = try Self.logRoot(plan)
      let ledger = plan.ledger
      #expect(
        plan.run("verify")
          == ToolRun(
            errors: "\(ledger)/0001.jsonl:8: error: seq 8: the line no longer hashes to the prev "
              + "that seq 9 recorded; it was changed after it was written\n"
              + "\(ledger)/checkpoint:0: error: the Merkle root of the log is \(changedRoot) but "
              + "the checkpoint records \(root)\n"
              + "error: verification failed: 2 problems in 12 events; restore the damaged file "
              + "from a copy you trust\n",
            status: .integrityFailure
          )
      )
    }
  }

  /// A line changed behind the ledger's back refuses the next recording with the one
  /// error that names it, even far from the end; the files are left as they are, and reads
  /// go on with a warning.
  @Test func aChangedMiddleLineRefusesRecordingUntilItIsRestored() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      #expect(plan.run("head").status == .success)
      // Later than the last append's clock tick, as a person's edit is (see LedgerIndex).
      Thread.sleep(forTimeInterval: 0.025)
      try Self.change(plan, line: 8, "Model drafted with staff", to: "Model drafted with stafg")
      let log = try fileBytes(plan.ledger + "/0001.jsonl")
      let lineStart = log.indices.filter { log[$0] == 0x0A }[6] + 1
      let files = try plan.files()
      let damage =
        "0001.jsonl: seq 8 at byte \(lineStart) was changed after it was written (the hash "
        + "chain breaks there); restore the file from a copy you trust"
      #expect(
        plan.run("status", "1.1", "at_risk", "--effective", "2018-07-01", "--actor", "PO")
          == ToolRun(errors: "error: \(damage)\n", status: .integrityFailure)
      )
      #expect(try plan.files() == files)
      let state = plan.run("state", "--as-of", "2018-07-01")
      #expect(state.status == .success)
      #expect(
        state.errors == "warning: \(damage); reading the whole events only, appends refused\n"
      )
    }
  }

  @Test func aChangeToTheLastLineIsFoundByTheCheckpoint() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let root = try Self.logRoot(plan)
      // No later prev covers the last line: the checkpoint's leaf hash and root do.
      try Self.change(plan, line: 12, #""to":"complete""#, to: #""to":"completf""#)
      #expect(
        plan.run("verify")
          == ToolRun(
            errors: "\(plan.ledger)/0001.jsonl:12: error: seq 12: the last line no longer hashes "
              + "to the leaf hash the checkpoint recorded; it was changed after it was written\n"
              + "\(plan.ledger)/checkpoint:0: error: the Merkle root of the log is "
              + "\(try Self.logRoot(plan)) but the checkpoint records \(root)\n"
              + "error: verification failed: 2 problems in 12 events; restore the damaged file "
              + "from a copy you trust\n",
            status: .integrityFailure
          )
      )
    }
  }
}
