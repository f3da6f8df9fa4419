import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// `import-tracker` records only what changed in a council's tracker, all rows or none;
/// `import-tables` rebuilds the Croydon ledger.
@Suite struct ImportCommandsTests {
  /// The November tracker: action 1.1 on track, and a new action 1.2 with two milestones.
  static let november = """
    No.,Priority,Issue,Ofsted ref,Action,Lead,Partners,By when,RAG,Commentary
    1.1,1,Model,Para 32,Develop a practice model,PS,CSCB,Dec 17,On track,Drafting
    1.2,1,Supervision,Rec 4,"Embed monthly supervision, recorded on the file",PO,,\
    Review Jan 18 / Implement Apr 18,,

    """

  /// The January copy: 1.1 at risk, 1.2's implementation moved to June, a new action 1.3.
  static let january = """
    No.,Priority,Issue,Ofsted ref,Action,Lead,Partners,By when,RAG,Commentary
    1.1,1,Model,Para 32,Develop a practice model,PS,CSCB,Dec 17,At risk,Consultation slipped
    1.2,1,Supervision,Rec 4,"Embed monthly supervision, recorded on the file",PO,,\
    Review Jan 18 / Implement Jun 18,,
    1.3,1,Audit,Rec 5,Audit case files monthly,PS,,Ongoing from Feb 18,,

    """

  /// The walkthrough's ledger up to the registration of PS (seq 6): a plan with priority 1
  /// and no actions.
  static func emptyPlan(in directory: String) -> ScratchPlan {
    ScratchPlan(in: directory, steps: 6)
  }

  /// The line of a recorded event with its envelope at ``toolNow``.
  static func line(
    seq: Int,
    prev: String,
    stream: String,
    type: String,
    effective: String,
    data: String
  ) -> String {
    #"{"actor":"PO","data":\#(data),"effective":"\#(effective)","prev":"\#(prev)","#
      + #""recorded":"2024-03-01T10:00:00.000Z","seq":\#(seq),"stream":"\#(stream)","#
      + #""type":"\#(type)","v":1}"#
  }

  @Test func aLaterTrackerRecordsOnlyWhatChanged() throws {
    try withTemporaryDirectory { directory in
      let plan = Self.emptyPlan(in: directory)
      try writeFile(Self.november, to: directory + "/november.csv")
      try writeFile(Self.january, to: directory + "/january.csv")
      let first = plan.run(
        "import-tracker",
        directory + "/november.csv",
        "--effective",
        "2017-11-15"
      )
      #expect(first.status == .success)
      #expect(first.errors == "")
      #expect(first.output.hasPrefix("appended 3 of 3 events (seq 7–9); head size 9, root "))

      let files = try plan.files()
      let dryRun = plan.run(
        "import-tracker",
        directory + "/january.csv",
        "--effective",
        "2018-01-20",
        "--dry-run"
      )
      #expect(
        dryRun
          == ToolRun(
            output: "action.status_changed  action/1.1  "
              + #"{"action":"1.1","note":"Consultation slipped","to":"at_risk"}"# + "\n"
              + "action.due_revised  action/1.2  "
              + #"{"action":"1.2","milestone":2,"reason":"revised in the tracker","to":"2018-06"}"#
              + "\n"
              + "action.added  action/1.3  "
              + #"{"action":"1.3","issue":"Audit","leads":["PS"],"milestones":[{"due":"2018-02","#
              + #""kind":"ongoing_from","label":"Ongoing from Feb 18"}],"priority":"1","#
              + #""references":"Rec 5","text":"Audit case files monthly"}"# + "\n"
              + "dry run: 3 events would be recorded; nothing written\n"
          )
      )
      #expect(try plan.files() == files)

      let second = plan.run(
        "import-tracker",
        directory + "/january.csv",
        "--effective",
        "2018-01-20"
      )
      #expect(second.status == .success)
      #expect(second.output.hasPrefix("appended 3 of 3 events (seq 10–12); head size 12, root "))
      let lines = plan.run("export", "--from", "9").output.split(separator: "\n").map(String.init)
      let prev = { (index: Int) in SHA256.leafHash(Array(lines[index].utf8)).hex }
      #expect(
        Array(lines.dropFirst())
          == [
            Self.line(
              seq: 10,
              prev: prev(0),
              stream: "action/1.1",
              type: "action.status_changed",
              effective: "2018-01-20",
              data: #"{"action":"1.1","note":"Consultation slipped","to":"at_risk"}"#
            ),
            Self.line(
              seq: 11,
              prev: prev(1),
              stream: "action/1.2",
              type: "action.due_revised",
              effective: "2018-01-20",
              data:
                #"{"action":"1.2","milestone":2,"reason":"revised in the tracker","to":"2018-06"}"#
            ),
            Self.line(
              seq: 12,
              prev: prev(2),
              stream: "action/1.3",
              type: "action.added",
              effective: "2018-01-20",
              data:
                #"{"action":"1.3","issue":"Audit","leads":["PS"],"milestones":[{"due":"2018-02","#
                + #""kind":"ongoing_from","label":"Ongoing from Feb 18"}],"priority":"1","#
                + #""references":"Rec 5","text":"Audit case files monthly"}"#
            ),
          ]
      )
      let unchanged = try plan.files()
      #expect(
        plan.run("import-tracker", directory + "/january.csv", "--effective", "2018-01-20")
          == ToolRun(output: "the tracker matches the plan; nothing to record\n")
      )
      #expect(try plan.files() == unchanged)
    }
  }

  /// A tracker with a bad row, and the one line the import refuses it with.
  struct BadTracker: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let errors: String
    var testDescription: String { name }
  }

  static let badTrackers = [
    BadTracker(
      name: "unknown-lead.csv",
      text:
        "No.,Priority,Action,Lead,By when\n1.4,1,Write it,PS,Dec 17\n1.5,1,Check it,XY,Dec 17\n",
      errors: #"error: unknown-lead.csv row 2 (line 3), column "Lead": unknown person "XY"; "#
        + "register them first with 'planledger register'; nothing was imported"
    ),
    BadTracker(
      name: "near-lead.csv",
      text:
        "No.,Priority,Action,Lead,By when\n1.4,1,Write it,PS,Dec 17\n1.5,1,Check it,PZ,Dec 17\n",
      errors: #"error: near-lead.csv row 2 (line 3), column "Lead": unknown person "PZ" (did "#
        + "you mean PO or PS?); nothing was imported"
    ),
    BadTracker(
      name: "bad-date.csv",
      text: "No.,Priority,Action,Lead,By when\n1.4,1,Write it,PS,Dec 17\n"
        + "1.5,1,Check it,PS,Sometime 2018\n",
      errors: #"error: bad-date.csv row 2 (line 3), column "By when": "Sometime 2018" is not a "#
        + #"date such as "Dec 17", "Review Jan 18" or "Ongoing from Nov 17"; nothing was imported"#
    ),
    BadTracker(
      name: "repeated.csv",
      text:
        "No.,Priority,Action,Lead,By when\n1.4,1,Write it,PS,Dec 17\n1.4,1,Check it,PS,Jan 18\n",
      errors: #"error: repeated.csv row 2 (line 3), column "No.": action 1.4 is repeated (first "#
        + "in row 1); nothing was imported"
    ),
    BadTracker(
      name: "rating.csv",
      text: "No.,Priority,Action,Lead,By when,RAG\n1.4,1,Write it,PS,Dec 17,Purple\n",
      errors: #"error: rating.csv row 1 (line 2), column "RAG": "Purple" is not a rating; use "#
        + "Complete, On track, At risk, Overdue or leave it empty; nothing was imported"
    ),
    BadTracker(
      name: "no-lead-column.csv",
      text: "No.,Priority,Action,By when\n1.4,1,Write it,Dec 17\n",
      errors: #"error: no-lead-column.csv line 1, column "Lead": the column is missing "#
        + "(columns: No., Priority, Action, By when); nothing was imported"
    ),
    BadTracker(
      name: "unknown-priority.csv",
      text:
        "No.,Priority,Action,Lead,By when\n1.4,1,Write it,PS,Dec 17\n2.1,2,Check it,PS,Dec 17\n",
      errors: #"error: unknown-priority.csv row 2 (line 3), column "Priority": unknown priority "#
        + #""2" (did you mean 1?); nothing was imported"#
    ),
  ]

  @Test(arguments: badTrackers)
  func aBadRowNamesItsRowAndColumnAndNothingIsWritten(tracker: BadTracker) throws {
    try withTemporaryDirectory { directory in
      let plan = Self.emptyPlan(in: directory)
      let path = directory + "/" + tracker.name
      try writeFile(tracker.text, to: path)
      let files = try plan.files()
      #expect(
        plan.run("import-tracker", path, "--effective", "2018-01-20")
          == ToolRun(errors: tracker.errors + "\n", status: .refused)
      )
      #expect(
        plan.run("import-tracker", path, "--effective", "2018-01-20", "--dry-run")
          == ToolRun(errors: tracker.errors + "\n", status: .refused)
      )
      #expect(try plan.files() == files)
    }
  }

  @Test func aTrackerThatCannotBeReadIsAnIOFailure() throws {
    try withTemporaryDirectory { directory in
      let plan = Self.emptyPlan(in: directory)
      #expect(
        plan.run("import-tracker", directory + "/missing.csv")
          == ToolRun(
            errors: "error: cannot read \"\(directory)/missing.csv\": no such file or directory\n",
            status: .ioFailure
          )
      )
    }
  }

  @Test func anOptionAfterDocumentIsAMissingDocumentNotItsName() throws {
    try withTemporaryDirectory { directory in
      let plan = Self.emptyPlan(in: directory)
      let tracker = directory + "/november.csv"
      try writeFile(Self.november, to: tracker)
      let arguments = ["import-tracker", tracker, "--actor", "PO", "--effective", "2017-11-15"]
      let files = try plan.files()
      #expect(
        plan.run(arguments + ["--document", "--dry-run"])
          == ToolRun(
            errors: "error: --document needs a value (to give one that starts with a dash, "
              + "write --document=<name>)\n"
              + "Usage: planledger import-tracker <file> --actor <id> [--effective <date>] "
              + "[--map <from=to>]... [--dry-run] [--document <name> --locator <text>]\n"
              + "Run 'planledger import-tracker --help' for details.\n",
            status: .usage
          )
      )
      #expect(try plan.files() == files)
      // Written with `=`, an option's name is the value: recorded as the document's name.
      let named = plan.run(arguments + ["--document=--dry-run"])
      #expect(named.output.hasPrefix("appended 3 of 3 events (seq 7–9); head size 9, root "))
      let lines = plan.run("export", "--from", "7").output.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(lines.allSatisfy { $0.contains(#""source":{"document":"--dry-run"}"#) })
    }
  }

  /// When the shipped Croydon ledger was recorded (every event has this `recorded`).
  static let croydonRecorded = LedgerTimestamp("2026-11-25T01:23:23.128Z") ?? toolNow

  @Test func importTablesRebuildsTheShippedLedgerByteForByte() throws {
    try withTemporaryDirectory { directory in
      let shipped = try fileBytes(Repository.root.appending(path: "EventLog/0001.jsonl").path)
      let leaves = shipped.split(separator: UInt8(ascii: "\n")).map { SHA256.leafHash(Array($0)) }
      let root = try MerkleTree.hash(of: 0..<leaves.count, in: leaves)
      let ledger = directory + "/croydon"
      let tables = Repository.root.appending(path: "EventLog/transcription").path
      #expect(
        planledger(
          ["import-tables", tables, "--actor", "PLM", "--init", "--ledger", ledger],
          at: Self.croydonRecorded
        )
          == ToolRun(
            output: "imported \(leaves.count) events from 17 tables; head size \(leaves.count), "
              + "root \(root)\n"
          )
      )
      #expect(try fileBytes(ledger + "/0001.jsonl") == shipped)
      #expect(planledger("verify", "--ledger", ledger).status == .success)
    }
  }

  /// An import with --init that is refused leaves no ledger behind, so that a retry
  /// with --init starts clean; into an existing ledger, nothing changes.
  @Test func aRefusedImportWithInitLeavesNoLedger() throws {
    try withTemporaryDirectory { directory in
      let tables = directory + "/tables"
      try FileManager.default.copyItem(
        atPath: Repository.root.appending(path: "EventLog/transcription").path,
        toPath: tables
      )
      let actions = String(decoding: try fileBytes(tables + "/actions.csv"), as: UTF8.self)
      let changed = actions.replacing("staff.,PS,CSCB", with: "staff.,ZZ,CSCB")
      #expect(changed != actions)
      try writeFile(changed, to: tables + "/actions.csv")
      let refusal = ToolRun(
        errors: #"error: actions.csv row 1 (line 2), column "Lead": unknown person "ZZ"; "#
          + "register them first with 'planledger register'; nothing was imported\n",
        status: .refused
      )
      let ledger = directory + "/croydon"
      let words = ["import-tables", tables, "--actor", "PLM", "--init", "--ledger", ledger]
      #expect(planledger(words, at: Self.croydonRecorded) == refusal)
      #expect(!FileManager.default.fileExists(atPath: ledger))
      #expect(planledger("init", "--ledger", ledger).status == .success)
      let files = try ledgerFiles(ledger)
      #expect(planledger(words, at: Self.croydonRecorded) == refusal)
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func importTablesDryRunListsTheEventsAndWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/croydon"
      #expect(planledger("init", "--ledger", ledger).status == .success)
      let files = try ledgerFiles(ledger)
      let tables = Repository.root.appending(path: "EventLog/transcription").path
      let run = planledger(
        ["import-tables", tables, "--actor", "PLM", "--dry-run", "--ledger", ledger],
        at: Self.croydonRecorded
      )
      #expect(run.status == .success)
      let lines = run.output.split(separator: "\n")
      #expect(lines.first == "2026-11-25  person.registered  person/PLM")
      #expect(lines.last == "dry run: 733 events would be recorded; nothing written")
      #expect(try ledgerFiles(ledger) == files)
    }
  }
}
