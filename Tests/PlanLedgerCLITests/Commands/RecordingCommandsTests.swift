import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// The recording commands refuse with one line that names the problem and the fix, exit 3
/// (2 for a value that is not what the option takes), and leave the ledger byte for byte as
/// it was.
@Suite struct RecordingCommandsTests {
  /// A refused command on the walkthrough's ledger (seq 1 to 12: action 1.1, with milestones
  /// "Review Jan 18" and "Implement Jun 18", complete on 2018-06-20; PO and PS registered;
  /// the Improvement Board met on 2018-02-14, and its decision is seq 11), and what it prints
  /// on standard error.
  struct Refused: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: PlanLedgerCLI.ExitStatus
    let errors: String
    var testDescription: String { arguments.joined(separator: " ") }

    init(_ arguments: [String], _ status: PlanLedgerCLI.ExitStatus, _ errors: String) {
      self.arguments = arguments
      self.status = status
      self.errors = errors
    }

    init(_ arguments: [String], _ errors: String) {
      self.init(arguments, .refused, errors)
    }

    /// A value refused on its face: a usage error, with the command's usage after the
    /// message.
    static func malformed(_ arguments: [String], _ message: String) -> Refused {
      let name = arguments.first ?? ""
      let command = PlanLedgerCommand.subcommands.first { $0.name == name }
      return Refused(
        arguments,
        .usage,
        "error: \(message)\n"
          + "Usage: \(command.map { HelpFormatter.usage(for: $0) } ?? "")\n"
          + "Run 'planledger \(name) --help' for details."
      )
    }
  }

  /// Values the recording commands refuse on their face, exit 2, on the walkthrough's
  /// ledger.
  static let malformedValues: [Refused] = [
    .malformed(
      ["add-action", "", "--priority", "1", "--text", ""],
      "the action number is blank; give one such as 7.3"
    ),
    .malformed(
      ["add-action", "1..1", "--priority", "1", "--text", "New"],
      #""1..1" is not an action number such as 7.3 (a number, a dot and a number)"#
    ),
    .malformed(
      ["add-action", "1 1", "--priority", "1", "--text", "New"],
      #""1 1" is not an action number such as 7.3 (a number, a dot and a number)"#
    ),
    .malformed(
      ["add-action", "1.2", "--priority", "1", "--text", " "],
      #""text" is blank; an "action.added" event needs one"#
    ),
    .malformed(
      ["add-action", "1.2", "--priority", "1", "--text", "New", "--lead", "PS,PO,PS"],
      #""PS" is named twice in "leads"; name each once"#
    ),
    .malformed(
      ["register", "", "--name", ""],
      "the person identifier is blank; give one such as PS"
    ),
    .malformed(
      ["register", "JE", "--name", ""],
      #""name" is blank; a "person.registered" event needs one"#
    ),
    .malformed(
      ["visit", "", "--start", "2020-01-10"],
      "the monitoring visit number is blank; give one such as 7"
    ),
    .malformed(
      ["define-measure", "", "--title", "Caseload"],
      "the measure identifier is blank; give one such as M7.6"
    ),
    .malformed(
      ["define-measure", "M1.9", "--title", ""],
      #""title" is blank; a "measure.defined" event needs one"#
    ),
    .malformed(
      ["add-workstream", ""],
      #""name" is blank; a "plan.workstream_defined" event needs one"#
    ),
    .malformed(
      ["add-priority", "", "--title", "T", "--workstream", "Practice"],
      "the priority number is blank; give one such as 7"
    ),
    .malformed(
      ["add-recommendation", "", "--text", "Improve"],
      "the recommendation number is blank; give one such as 12"
    ),
    .malformed(["assign-role", "PS", ""], #""role" is blank; a "role.assigned" event needs one"#),
    .malformed(
      ["meeting", "2018-03-14", "--board", ""],
      #""board" is blank; a "board.meeting_held" event needs one"#
    ),
    .malformed(
      ["decide", "--meeting", "2018-02-14", "--kind", "note", "--text", ""],
      #""text" is blank; a "board.decision_recorded" event needs one"#
    ),
    .malformed(
      ["finding", "--visit", "7", "--kind", "weakness", "--quote", ""],
      #""quote" is blank; a "monitoring.finding_recorded" event needs one"#
    ),
    .malformed(
      ["create-plan", "--title", "", "--organisation", "Croydon"],
      #""title" is blank; a "plan.created" event needs one"#
    ),
    .malformed(
      ["revise-due", "1.1", "--milestone", "2", "--to", "Jul 18", "--reason", ""],
      #""reason" is blank; an "action.due_revised" event needs one"#
    ),
    .malformed(
      ["amend", "1.1", "--text", "", "--reason", "Reworded"],
      #""text" is blank; an "action.amended" event needs one"#
    ),
    .malformed(
      ["withdraw", "1.1", "--reason", " "],
      #""reason" is blank; an "action.withdrawn" event needs one"#
    ),
    .malformed(
      ["retract", "12", "--reason", ""],
      #""reason" is blank; an "event.retracted" event needs one"#
    ),
    .malformed(
      ["reassign", "1.1", "--to", ""],
      "reassigning action 1.1 needs at least one new lead; an action keeps its lead until "
        + "another is named"
    ),
    .malformed(
      ["reassign", "1.1", "--to", "PO,PO"],
      #""PO" is named twice in "to"; name each once"#
    ),
    .malformed(
      ["visit", "9", "--start", "2020-01-10", "--end", "2020-01-01"],
      #"the end of monitoring visit "9" (2020-01-01) is before its start (2020-01-10)"#
    ),
    .malformed(
      ["set-target", "M1.9", "50", "--from", "2019-01-01", "--to", "2018-01-01"],
      #"the end of the target for measure "M1.9" (2018-01-01) is before its start (2019-01-01)"#
    ),
  ]

  /// Dates the ledger refuses: a meeting or visit that takes effect before it happened, a
  /// measure's value for a month more than a year after it takes effect.
  static let impossibleDates: [Refused] = [
    Refused(
      ["meeting", "2027-06-01", "--effective", "2024-02-01"],
      "error: the meeting on 2027-06-01 cannot take effect on 2024-02-01, before it"
    ),
    Refused(
      ["meeting", "2018-03-14", "--effective", "2018-01-01"],
      "error: the meeting on 2018-03-14 cannot take effect on 2018-01-01, before it"
    ),
    Refused(
      [
        "decide", "--meeting", "2018-02-14", "--kind", "note", "--text", "Noted", "--effective",
        "2018-01-01",
      ],
      "error: a decision of the meeting on 2018-02-14 cannot take effect on 2018-01-01, before it"
    ),
    Refused(
      ["visit", "9", "--start", "2020-01-10", "--effective", "2020-01-01"],
      #"error: monitoring visit "9" starting on 2020-01-10 cannot take effect on 2020-01-01, "#
        + "before it"
    ),
    Refused(
      ["measure", "M1.9", "2099-01", "5", "--effective", "2018-02-01"],
      #"error: a value of measure "M1.9" for 2099-01 cannot take effect on 2018-02-01, more "#
        + "than a year before that month"
    ),
  ]

  static let refusals: [Refused] = [
    Refused(["status", "1.31", "on_track"], #"error: unknown action "1.31" (did you mean 1.1?)"#),
    Refused(["status", "9.9", "on_track"], #"error: unknown action "9.9""#),
    Refused(
      ["status", "1.1", "Amber"],
      .usage,
      #"error: <status> "Amber" is not a status: not_rated, on_track, at_risk, overdue or "#
        + "complete\n"
        + "Usage: planledger status <action> <status> --actor <id> [--effective <date>] "
        + "[--note <text>] [--authority <seq>]\n"
        + "Run 'planledger status --help' for details."
    ),
    Refused(
      ["status", "1.1", "at_risk", "--note", "--effective", "2018-07-01"],
      .usage,
      "error: --note needs a value (to give one that starts with a dash, write --note=<text>)\n"
        + "Usage: planledger status <action> <status> --actor <id> [--effective <date>] "
        + "[--note <text>] [--authority <seq>]\n"
        + "Run 'planledger status --help' for details."
    ),
    Refused(
      ["status", "1.1", "at_risk", "--effective", "-h"],
      .usage,
      "error: --effective needs a value (to give one that starts with a dash, write "
        + "--effective=<date>)\n"
        + "Usage: planledger status <action> <status> --actor <id> [--effective <date>] "
        + "[--note <text>] [--authority <seq>]\n"
        + "Run 'planledger status --help' for details."
    ),
    Refused(
      ["status", "1.1", "on_track", "--effective", "2018-01-20"],
      "error: action 1.1 is already on_track on 2018-01-20; to report progress without a new "
        + "rating, use 'planledger note 1.1 --note …'"
    ),
    Refused(
      ["status", "1.1", "complete", "--effective", "2018-07-01", "--authority", "11"],
      "error: action 1.1 is already complete on 2018-07-01; to report progress without a new "
        + "rating, use 'planledger note 1.1 --note …'"
    ),
    Refused(
      ["revise-due", "1.1", "--milestone", "3", "--to", "Jul 18", "--reason", "Later"],
      "error: action 1.1 has no milestone 3; choose 1 to 2"
    ),
    Refused(
      ["revise-due", "1.1", "--milestone", "2", "--to", "Jun 18", "--reason", "Again"],
      "error: milestone 2 of action 1.1 is already due 2018-06; nothing to record"
    ),
    Refused(
      ["status", "1.1", "at_risk", "--effective", "2024-03-02"],
      "error: effective date 2024-03-02 is after today (2024-03-01); record it when it happens"
    ),
    Refused(
      ["status", "1.1", "at_risk", "--effective", "2017-10-31"],
      "error: effective date 2017-10-31 is before the plan exists (created 2017-11-01)"
    ),
    Refused(
      ["status", "1.1", "at_risk", "--actor", "ZZ"],
      #"error: actor "ZZ" is not registered; register them first with 'planledger register'"#
    ),
    Refused(
      ["status", "1.1", "at_risk", "--actor", "PZ"],
      #"error: actor "PZ" is not registered (did you mean PO or PS?)"#
    ),
    Refused(
      ["decide", "--meeting", "2018-03-14", "--kind", "note", "--text", "Noted"],
      #"error: no meeting of "Improvement Board" on 2018-03-14 is recorded (did you mean "#
        + "2018-02-14?)"
    ),
    Refused(
      [
        "decide", "--meeting", "2018-03-14", "--kind", "note", "--text", "Noted", "--board",
        "Scrutiny",
      ],
      #"error: no meeting of "Scrutiny" on 2018-03-14 has been held; record the meeting first "#
        + "with 'planledger meeting'"
    ),
    Refused(
      ["correct", "99", "--data", #"{"action":"1.1","to":"at_risk"}"#, "--reason", "Wrong"],
      "error: seq 99 is not in the ledger; choose a seq from 1 to 12"
    ),
    Refused(
      ["retract", "13", "--reason", "Wrong"],
      "error: seq 13 is not in the ledger; choose a seq from 1 to 12"
    ),
    Refused(
      ["add-action", "1.1", "--priority", "1", "--text", "Again", "--effective", "2017-11-01"],
      #"error: action "1.1" already exists"#
    ),
    Refused(
      ["add-action", "1.2", "--priority", "2", "--text", "New", "--effective", "2017-11-01"],
      #"error: unknown priority "2" (did you mean 1?)"#
    ),
    Refused(
      [
        "add-action", "1.2", "--priority", "1", "--text", "New", "--lead", "XY", "--effective",
        "2017-11-01",
      ],
      #"error: unknown person "XY"; register them first with 'planledger register'"#
    ),
    Refused(
      ["finding", "--visit", "7", "--kind", "weakness", "--quote", "Stubbornly weak"],
      #"error: monitoring visit "7" is not recorded; record it first with 'planledger visit'"#
    ),
    Refused(
      ["measure", "M1", "2018-01", "74"],
      #"error: unknown measure "M1""#
    ),
    Refused(
      ["status", "1.1", "at_risk", "--authority", "99999"],
      "error: authority seq 99999 is not in the ledger; give the seq of the board decision "
        + "that authorised it, from 1 to 12"
    ),
    Refused(
      ["status", "1.1", "at_risk", "--authority", "7"],
      #"error: authority seq 7 is an "action.added" event, not a board decision; give the "#
        + "seq of the board decision that authorised it"
    ),
    Refused(
      ["reassign", "1.1", "--to", "PO", "--authority", "12"],
      #"error: authority seq 12 is an "action.status_changed" event, not a board decision; "#
        + "give the seq of the board decision that authorised it"
    ),
  ]

  @Test(arguments: refusals + malformedValues + impossibleDates)
  func aRefusalPrintsOneLineAndWritesNothing(refused: Refused) throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let before = try plan.files()
      #expect(
        plan.run(refused.arguments)
          == ToolRun(errors: refused.errors + "\n", status: refused.status)
      )
      #expect(try plan.files() == before)
    }
  }

  @Test func aRetractedDecisionIsNoLongerAnAuthority() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      #expect(plan.run("retract", "11", "--reason", "Minuted in error").status == .success)
      let files = try plan.files()
      #expect(
        plan.run("reassign", "1.1", "--to", "PO", "--authority", "11")
          == ToolRun(
            errors: "error: authority seq 11 was retracted by seq 13; give the seq of the board "
              + "decision that authorised it\n",
            status: .refused
          )
      )
      #expect(try plan.files() == files)
    }
  }

  @Test func theReadmesExampleRefusalIsWhatTheToolSays() throws {
    let readme = try Repository.text("README.md")
    #expect(readme.contains(#"`error: unknown action "1.31" (did you mean 1.1?)`"#))
    #expect(
      Self.refusals.contains {
        $0.errors == #"error: unknown action "1.31" (did you mean 1.1?)"#
      }
    )
  }

  @Test func aValueMayStartWithADashOrBeAnOptionsNameAfterAnEqualsSign() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      #expect(plan.run("status", "1.1", "at_risk", "--note", "-5 on last month").status == .success)
      #expect(plan.run("status", "1.1", "overdue", "--note=--effective").status == .success)
      #expect(plan.run("status", "1.1", "at_risk", "--note", "-").status == .success)
      let lines = plan.run("export", "--from", "13").output.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(lines.first?.contains(#""note":"-5 on last month""#) == true)
      #expect(lines.dropFirst().first?.contains(#""note":"--effective""#) == true)
      #expect(lines.last?.contains(#""note":"-""#) == true)
    }
  }

  @Test func anIdAlreadyRecordedRecordsNothingAgain() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let first = plan.run("status", "1.1", "at_risk", "--id", "report-7")
      #expect(first.status == .success)
      #expect(first.output.hasPrefix("appended seq 13; head size 13, root "))
      let files = try plan.files()
      let again = plan.run("status", "1.1", "at_risk", "--id", "report-7")
      #expect(
        again
          == ToolRun(
            output: first.output.replacing("appended seq 13", with: "already recorded as seq 13")
          )
      )
      #expect(try plan.files() == files)
    }
  }
}

/// `planledger note`: a progress note that keeps the rating.
@Suite struct NoteCommandTests {
  @Test func aNoteIsRecordedLikeAStatusAndShownInHistory() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let status = plan.run("status", "1.1", "at_risk", "--effective", "2018-03-01")
      #expect(status.status == .success)
      let note = plan.run(
        "note",
        "1.1",
        "--note",
        "Monthly update: still slow",
        "--effective",
        "2018-04-01"
      )
      #expect(note.status == .success)
      #expect(note.errors == "")
      #expect(status.output.hasPrefix("appended seq 13; head size 13, root "))
      #expect(note.output.hasPrefix("appended seq 14; head size 14, root "))
      #expect(
        note.output.split(separator: "\n").count == status.output.split(separator: "\n").count
      )
      #expect(
        plan.run("status", "1.1", "at_risk", "--effective", "2018-04-02")
          == ToolRun(
            errors: "error: action 1.1 is already at_risk on 2018-04-02; to report progress "
              + "without a new rating, use 'planledger note 1.1 --note …'\n",
            status: .refused
          )
      )
      let history = plan.run("history", "--action", "1.1", "--format", "csv").output
      #expect(history.contains("progress noted (at_risk)"))
      #expect(history.contains("Monthly update: still slow"))
      #expect(
        plan.run("note", "1.1", "--note", " ").status == .usage
      )
    }
  }
}
