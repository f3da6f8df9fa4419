import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// The README's walkthrough ("Recording a plan's history"), run step by step on a scratch
/// ledger with `PLANLEDGER_LEDGER` and `PLANLEDGER_ACTOR=PO` set, as the README says.
@Suite struct ReadmeWalkthroughTests {
  /// The walkthrough's commands, word for word as the README gives them.
  static let commands: [[String]] = [
    ["init"],
    ["register", "PO", "--name", "Programme Office", "--effective", "2017-11-01"],
    ["assign-role", "PO", "programme office", "--effective", "2017-11-01"],
    [
      "create-plan", "--title", "Children's Improvement Plan", "--organisation", "Croydon",
      "--effective", "2017-11-01",
    ],
    ["add-workstream", "Practice", "--effective", "2017-11-01"],
    [
      "add-priority", "1", "--title", "Ensure consistent, high quality social work",
      "--workstream", "Practice", "--effective", "2017-11-01",
    ],
    ["register", "PS", "--name", "Philip Segurola", "--effective", "2017-11-01"],
    [
      "add-action", "1.1", "--priority", "1", "--lead", "PS", "--by-when",
      "Review Jan 18 / Implement Apr 18", "--text",
      "Develop and agree an overarching social work practice model", "--effective", "2017-11-01",
    ],
    [
      "status", "1.1", "On track", "--note", "Model drafted with staff", "--effective",
      "2018-01-10",
    ],
    ["meeting", "2018-02-14", "--chair", "PO", "--summary", "Monthly improvement board"],
    [
      "revise-due", "1.1", "--milestone", "2", "--to", "Jun 18", "--reason",
      "Consultation extended", "--effective", "2018-02-14",
    ],
    [
      "decide", "--meeting", "2018-02-14", "--kind", "agree revised deadline", "--text",
      "Agreed June 2018", "--actions", "1.1",
    ],
    ["status", "1.1", "complete", "--authority", "11", "--effective", "2018-06-20"],
    ["state", "--board", "2018-02-14"],
    ["state", "--as-of", "2018-06-30"],
    ["history", "--action", "1.1"],
    ["audit", "--flagged"],
    [
      "correct", "8", "--data", #"{"action":"1.1","to":"at_risk"}"#, "--reason",
      "Reported in error",
    ],
    ["narrative", "--since-board", "2018-02-14"],
    ["report", "--board", "2018-02-14", "--out", "board.html"],
  ]

  /// The number of commands that record an event (after `init`, before the first `state`).
  static let recordings = 12

  /// The root of the first `size` exported lines of a ledger.
  static func root(_ ledger: String, size: Int? = nil) throws -> SHA256Digest {
    let leaves = planledger("export", "--ledger", ledger).output.split(separator: "\n")
      .map { SHA256.leafHash(Array($0.utf8)) }
    return try MerkleTree.hash(of: 0..<(size ?? leaves.count), in: leaves)
  }

  /// The words of a command with `board.html` put in `directory`, so nothing is written in
  /// the working directory.
  static func inDirectory(_ words: [String], _ directory: String) -> [String] {
    words.map { $0 == "board.html" ? directory + "/board.html" : $0 }
  }

  @Test func theReadmeGivesTheseCommands() throws {
    #expect(try Repository.walkthrough() == Self.commands)
  }

  /// The events the walkthrough records, each as its line without `prev` (`PREV` stands
  /// for it) and with `recorded` at ``toolNow``.
  static let lines = [
    #"{"actor":"PO","data":{"name":"Programme Office","person":"PO"},"effective":"2017-11-01","#
      + #""prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":1,"stream":"person/PO","#
      + #""type":"person.registered","v":1}"#,
    #"{"actor":"PO","data":{"person":"PO","role":"programme office"},"effective":"2017-11-01","#
      + #""prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":2,"stream":"person/PO","#
      + #""type":"role.assigned","v":1}"#,
    #"{"actor":"PO","data":{"organisation":"Croydon","title":"Children's Improvement Plan"},"#
      + #""effective":"2017-11-01","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":3,"#
      + #""stream":"plan","type":"plan.created","v":1}"#,
    #"{"actor":"PO","data":{"name":"Practice"},"effective":"2017-11-01","prev":"PREV","#
      + #""recorded":"2024-03-01T10:00:00.000Z","seq":4,"stream":"workstream/Practice","#
      + #""type":"plan.workstream_defined","v":1}"#,
    #"{"actor":"PO","data":{"number":"1","title":"Ensure consistent, high quality social work","#
      + #""workstream":"Practice"},"effective":"2017-11-01","prev":"PREV","#
      + #""recorded":"2024-03-01T10:00:00.000Z","seq":5,"stream":"priority/1","#
      + #""type":"plan.priority_defined","v":1}"#,
    #"{"actor":"PO","data":{"name":"Philip Segurola","person":"PS"},"effective":"2017-11-01","#
      + #""prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":6,"stream":"person/PS","#
      + #""type":"person.registered","v":1}"#,
    #"{"actor":"PO","data":{"action":"1.1","leads":["PS"],"milestones":[{"due":"2018-01","#
      + #""kind":"review","label":"Review Jan 18"},{"due":"2018-04","kind":"implement","#
      + #""label":"Implement Apr 18"}],"priority":"1","#
      + #""text":"Develop and agree an overarching social work practice model"},"#
      + #""effective":"2017-11-01","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":7,"#
      + #""stream":"action/1.1","type":"action.added","v":1}"#,
    #"{"actor":"PO","data":{"action":"1.1","note":"Model drafted with staff","to":"on_track"},"#
      + #""effective":"2018-01-10","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":8,"#
      + #""stream":"action/1.1","type":"action.status_changed","v":1}"#,
    #"{"actor":"PO","data":{"board":"Improvement Board","chair":"PO","date":"2018-02-14","#
      + #""summary":"Monthly improvement board"},"effective":"2018-02-14","prev":"PREV","#
      + #""recorded":"2024-03-01T10:00:00.000Z","seq":9,"stream":"board/improvement-board","#
      + #""type":"board.meeting_held","v":1}"#,
    #"{"actor":"PO","data":{"action":"1.1","milestone":2,"reason":"Consultation extended","#
      + #""to":"2018-06"},"effective":"2018-02-14","prev":"PREV","#
      + #""recorded":"2024-03-01T10:00:00.000Z","seq":10,"stream":"action/1.1","#
      + #""type":"action.due_revised","v":1}"#,
    #"{"actor":"PO","data":{"actions":["1.1"],"board":"Improvement Board","#
      + #""kind":"agree_revised_deadline","meeting":"2018-02-14","text":"Agreed June 2018"},"#
      + #""effective":"2018-02-14","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":11,"#
      + #""stream":"board/improvement-board","type":"board.decision_recorded","v":1}"#,
    #"{"actor":"PO","authority":{"seq":11},"data":{"action":"1.1","to":"complete"},"#
      + #""effective":"2018-06-20","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","seq":12,"#
      + #""stream":"action/1.1","type":"action.status_changed","v":1}"#,
    #"{"actor":"PO","data":{"data":{"action":"1.1","to":"at_risk"},"reason":"Reported in error","#
      + #""seq":8},"effective":"2024-03-01","prev":"PREV","recorded":"2024-03-01T10:00:00.000Z","#
      + #""seq":13,"stream":"action/1.1","type":"event.corrected","v":1}"#,
  ]

  /// ``lines`` with each `prev` filled in from the line before, as the log format says.
  static var chainedLines: [String] {
    var previous = String(repeating: "0", count: 64)
    return lines.map { template in
      let line = template.replacing("PREV", with: previous)
      previous = SHA256.leafHash(Array(line.utf8)).hex
      return line
    }
  }

  /// The root of the tree over the first `size` of ``chainedLines``.
  static func expectedRoot(size: Int) throws -> SHA256Digest {
    let leaves = chainedLines.map { SHA256.leafHash(Array($0.utf8)) }
    return try MerkleTree.hash(of: 0..<size, in: leaves)
  }

  @Test func theWalkthroughRecordsWhatTheReadmeSays() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/scratch"
      let variables = ["PLANLEDGER_LEDGER": ledger, "PLANLEDGER_ACTOR": "PO"]
      /// Runs the walkthrough's command `index`.
      func step(_ index: Int) -> ToolRun {
        planledger(Self.inDirectory(Self.commands[index], directory), variables: variables)
      }
      #expect(
        step(0)
          == ToolRun(
            output: "created an empty ledger in \(ledger) (root "
              + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)\n"
          )
      )
      for seq in 1...Self.recordings {
        #expect(
          step(seq)
            == ToolRun(
              output: "appended seq \(seq); head size \(seq), "
                + "root \(try Self.expectedRoot(size: seq))\n"
            ),
          "\(Self.commands[seq])"
        )
      }
      // The seqs the README names: `--authority 11` is the board's decision, and
      // `correct 8` corrects the "On track" report of action 1.1.
      let export = planledger("export", "--ledger", ledger).output
      #expect(export == Self.chainedLines.prefix(12).map { $0 + "\n" }.joined())
      let exported = export.split(separator: "\n")
      #expect(
        exported[10].hasSuffix(
          #""seq":11,"stream":"board/improvement-board","#
            + #""type":"board.decision_recorded","v":1}"#
        )
      )
      #expect(exported[7].contains(#""note":"Model drafted with staff","to":"on_track"}"#))
      #expect(exported[7].contains(#""seq":8,"#))

      // The board view of 14 February 2018 is empty: every event was recorded on 1 March
      // 2024, long after the board met, so the head it rests on is the empty tree's.
      let emptyRoot = SHA256.hash([UInt8]()).hex
      let root12 = try Self.expectedRoot(size: 12)
      #expect(
        step(13)
          == ToolRun(
            output: """
              Plan on 2018-02-14, as known at 2018-02-14T23:59:59.999Z — tree size 0, root \(emptyRoot)
              0 actions: 0 complete, 0 on track, 0 at risk, 0 overdue, 0 not rated; 0 past a due date (computed), 0 drifting, 0 stale

              No.  Priority  Status  Since  Lead  Due  Baseline  Revisions  Slip (days)  Overdue  Flags
              ---  --------  ------  -----  ----  ---  --------  ---------  -----------  -------  -----
              (none)

              """,
            errors: "warning: nothing had been recorded by 2018-02-14T23:59:59.999Z (the first "
              + "event was recorded 2024-03-01T10:00:00.000Z), so the plan as known then is "
              + "empty; --as-of 2018-02-14 without --board or --as-known-at gives it in the "
              + "light of everything recorded since\n"
          )
      )
      let asOf = step(14)
      #expect(asOf.status == .success)
      #expect(asOf.errors == "")
      let asOfLines = asOf.output.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(asOfLines.count == 7)
      #expect(asOfLines.first == "Plan on 2018-06-30 — tree size 12, root \(root12)")
      // The count's noun is checked by `stateSaysOneActionInTheSingular`.
      #expect(
        asOfLines.dropFirst().first?.hasSuffix(
          ": 1 complete, 0 on track, 0 at risk, 0 overdue, 0 not rated; "
            + "0 past a due date (computed), 0 drifting, 0 stale"
        ) == true
      )
      var table = "\nNo.  Priority  Status    Since       Lead  Due      Baseline  Revisions  "
      table += "Slip (days)  Overdue  Flags\n"
      table += "---  --------  --------  ----------  ----  -------  --------  ---------  "
      table += "-----------  -------  -----\n"
      table += "1.1  1         Complete  2018-06-20  PS    2018-06  2018-04   1          "
      table += "61           no\n"
      #expect(asOfLines.dropFirst(2).joined(separator: "\n") == table)
      let time = "2024-03-01T10:00:00.000Z"
      // Built line by line: the last column is padded, so most lines end in spaces.
      var history = "Seq  Effective   Recorded                  Actor  Type                     "
      history +=
        "Change                                   Why                       Authority  Source  "
      history += "Corrected/retracted by\n"
      history += "---  ----------  ------------------------  -----  -----------------------  "
      history +=
        "---------------------------------------  ------------------------  ---------  ------  "
      history += "----------------------\n"
      history += "7    2017-11-01  \(time)  PO     action.added             "
      history += "action 1.1 added, lead PS\n"
      history += "8    2018-01-10  \(time)  PO     action.status_changed    "
      history += "status not_rated → on_track              Model drafted with staff\n"
      history += "10   2018-02-14  \(time)  PO     action.due_revised       "
      history += "milestone 2 due 2018-04 → 2018-06        Consultation extended\n"
      history += "11   2018-02-14  \(time)  PO     board.decision_recorded  "
      history += "board decision (agree revised deadline)  Agreed June 2018\n"
      history += "12   2018-06-20  \(time)  PO     action.status_changed    "
      history += "status on_track → complete                                         seq 11\n"
      #expect(step(15) == ToolRun(output: history))
      let audit = step(16)
      let auditRows = audit.output.split(separator: "\n").dropFirst(2)
      #expect(audit.status == .success)
      #expect(auditRows.count == 12)
      // Everything was recorded in 2024 about 2017 and 2018: back-dated. PO registered
      // themselves and took their role before holding any.
      #expect(
        auditRows.allSatisfy {
          $0.hasSuffix("back_dated") || $0.hasSuffix("back_dated, actor_without_role")
        }
      )
      #expect(auditRows.filter { $0.hasSuffix("actor_without_role") }.count == 2)

      #expect(
        step(17)
          == ToolRun(
            output: "appended seq 13; head size 13, root \(try Self.expectedRoot(size: 13))\n"
          )
      )
      #expect(
        planledger("export", "--ledger", ledger, "--from", "13")
          == ToolRun(output: Self.chainedLines[12] + "\n")
      )

      let root13 = try Self.expectedRoot(size: 13)
      let narrative = step(18)
      #expect(narrative.status == .success)
      #expect(narrative.errors == "")
      #expect(narrative.output.hasPrefix("# Progress narrative: Children's Improvement Plan\n"))
      // Corrected, the "On track" of seq 8 reads as at risk: 1.1 went from At risk to
      // Complete on the authority of the decision of seq 11.
      #expect(narrative.output.contains("- 1 action from At risk to Complete: 1.1.[^12]\n"))
      #expect(
        narrative.output.contains(
          "[^8]: seq 8: action.status\\_changed, effective 2018-01-10; no source recorded; "
            + "corrected by seq 13\n"
        )
      )
      #expect(
        narrative.output.hasSuffix(
          "Generated from the ledger at tree size 13, root \(root13). To check it, run "
            + "'planledger verify' on the ledger, then 'planledger head --size 13': the root it "
            + "prints must be the one above.\n"
        )
      )

      #expect(
        step(19)
          == ToolRun(
            output: "wrote \(directory)/board.html: board report as of 2018-02-14, tree size 13, "
              + "root \(root13)\n"
          )
      )
      let report = String(decoding: try fileBytes(directory + "/board.html"), as: UTF8.self)
      #expect(report.hasPrefix("<!DOCTYPE html>"))
      #expect(report.contains(root13.hex))
    }
  }

  @Test func recordedAsItHappenedTheBoardViewShowsWhatTheBoardSaw() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let ledger = plan.ledger
      let variables = plan.variables
      // The heads of what was recorded by each known-at time.
      let root11 = try Self.root(ledger, size: 11)
      let root8 = try Self.root(ledger, size: 8)
      let root7 = try Self.root(ledger, size: 7)
      /// The heading and table `state` prints for a slice, without the summary line.
      func state(_ slice: [String]) -> [String] {
        let run = planledger(["state"] + slice, variables: variables)
        #expect(run.status == .success)
        #expect(run.errors == "")
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.prefix(1).map(String.init) + lines.dropFirst(2).map(String.init)
      }
      // The board of 14 February 2018 saw 1.1 on track, its implementation moved to June.
      #expect(
        state(["--board", "2018-02-14"]) == [
          "Plan on 2018-02-14, as known at 2018-02-14T23:59:59.999Z — tree size 11, root "
            + "\(root11)",
          "",
          "No.  Priority  Status    Since       Lead  Due      Baseline  Revisions  Slip (days)  "
            + "Overdue  Flags",
          "---  --------  --------  ----------  ----  -------  --------  ---------  -----------  "
            + "-------  -----",
          "1.1  1         On track  2018-01-10  PS    2018-06  2018-04   1          61           "
            + "no",
          "",
        ]
      )
      // As known the day before, the date had not moved yet.
      #expect(
        state(["--as-of", "2018-02-14", "--as-known-at", "2018-02-13"]) == [
          "Plan on 2018-02-14, as known at 2018-02-13T23:59:59.999Z — tree size 8, root "
            + "\(root8)",
          "",
          "No.  Priority  Status    Since       Lead  Due      Baseline  Revisions  Slip (days)  "
            + "Overdue  Flags",
          "---  --------  --------  ----------  ----  -------  --------  ---------  -----------  "
            + "-------  -----",
          "1.1  1         On track  2018-01-10  PS    2018-04  2018-04   0          0            "
            + "no",
          "",
        ]
      )
      // As known at 11:59 on 10 January 2018 the "On track" report was not yet recorded, and
      // the action had not been updated for more than 60 days; its next date was the review.
      #expect(
        state(["--as-of", "2018-01-10", "--as-known-at", "2018-01-10T11:59:59Z"]) == [
          "Plan on 2018-01-10, as known at 2018-01-10T11:59:59.000Z — tree size 7, root "
            + "\(root7)",
          "",
          "No.  Priority  Status     Since       Lead  Due      Baseline  Revisions  Slip (days)  "
            + "Overdue  Flags",
          "---  --------  ---------  ----------  ----  -------  --------  ---------  -----------  "
            + "-------  -----",
          "1.1  1         Not rated  2017-11-01  PS    2018-01  2018-01   0          0            "
            + "no       stale",
          "",
        ]
      )
    }
  }

  @Test
  func stateSaysOneActionInTheSingular() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/scratch"
      let variables = ["PLANLEDGER_LEDGER": ledger, "PLANLEDGER_ACTOR": "PO"]
      for index in 0...Self.recordings {
        #expect(planledger(Self.commands[index], variables: variables).status == .success)
      }
      let lines = planledger(["state", "--as-of", "2018-06-30"], variables: variables).output
        .split(separator: "\n")
      let summary =
        "1 action: 1 complete, 0 on track, 0 at risk, 0 overdue, 0 not rated; "
        + "0 past a due date (computed), 0 drifting, 0 stale"
      #expect(lines.dropFirst().first.map(String.init) == summary)
    }
  }
}
