import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// The raw door checks plan events as every other path does (the engine's properties are in
/// ``EngineCommandTests``).
@Suite struct AppendCommandTests {
  /// Appends one event through the raw door as ann, with any further options.
  static func append(
    _ ledger: String,
    type: String,
    stream: String,
    data: String,
    _ options: String...
  ) -> ToolRun {
    planledger(
      [
        "append", "--ledger", ledger, "--actor", "ann", "--type", type, "--stream", stream,
        "--data", data,
      ] + options
    )
  }

  /// Appends a fact through the raw door to a ledger with ann registered.
  static func appendFact(
    _ ledger: String,
    stream: String = "facts",
    data: String = #"{"kind":"note","text":"x"}"#
  ) -> ToolRun {
    append(ledger, type: "fact.recorded", stream: stream, data: data)
  }

  @Test func theFirstEventMayRegisterOnlyItsOwnActor() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/ledger"
      #expect(planledger("init", "--ledger", ledger).status == .success)
      let files = try ledgerFiles(ledger)
      #expect(
        planledger(
          "append",
          "--ledger",
          ledger,
          "--actor",
          "ann",
          "--type",
          "person.registered",
          "--stream",
          "person/bob",
          "--data",
          #"{"person":"bob","name":"Bob"}"#
        )
          == ToolRun(
            errors: #"error: actor "ann" is not registered; register them first with "#
              + "'planledger register'\n",
            status: .refused
          )
      )
      #expect(
        Self.appendFact(ledger)
          == ToolRun(
            errors: #"error: actor "ann" is not registered; register them first with "#
              + "'planledger register'\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func anActionEventNeedsTheActionToExist() throws {
    try withTemporaryDirectory { directory in
      let ledger = try EngineCommandTests.makePlanLedger(in: directory)
      let files = try ledgerFiles(ledger)
      #expect(
        Self.append(
          ledger,
          type: "action.status_changed",
          stream: "action/1.11",
          data: #"{"action":"1.11","to":"at_risk"}"#
        )
          == ToolRun(
            errors: #"error: unknown action "1.11" (did you mean 1.1?)"# + "\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test
  func anEventGivenAnotherStreamIsRefused() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      #expect(
        Self.appendFact(ledger, stream: "fact")
          == ToolRun(
            errors: #"error: a "fact.recorded" event belongs to stream "facts", not "fact""#
              + "\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func anEventGivenAnotherStreamWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      let run = Self.appendFact(ledger, stream: "fact")
      #expect(run.status == .refused)
      #expect(run.output == "")
      #expect(
        run.errors.lowercased()
          == #"error: a "fact.recorded" event belongs to stream "facts", not "fact""# + "\n"
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test
  func dataMembersTheTypeDoesNotDefineAreRefused() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      let run = Self.appendFact(ledger, data: #"{"kind":"note","text":"x","extra":1}"#)
      #expect(run.status == .refused)
      #expect(run.output == "")
      #expect(run.errors.hasPrefix("error: fact.recorded: "))
      #expect(run.errors.contains(#""extra""#))
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  /// What a usage error prints after its `error:` line for `append`.
  static let appendUsage =
    "Usage: \(HelpFormatter.usage(for: AppendCommand.self))\n"
    + "Run 'planledger append --help' for details.\n"

  /// Appends a status change of action 1.1 to the plan ledger with an authority, as JSON.
  static func appendStatus(_ ledger: String, to status: String, authority: String) -> ToolRun {
    append(
      ledger,
      type: "action.status_changed",
      stream: "action/1.1",
      data: #"{"action":"1.1","to":"\#(status)"}"#,
      "--authority",
      authority
    )
  }

  /// Authorities for a status change of action 1.1 on the plan ledger (seq 6 the meeting,
  /// 7 its decision), and what appending with each prints: a usage error for one that is
  /// not `{"seq": N}`, a refusal for one that names no earlier board decision.
  static let authorityRefusals: [(String, ToolRun)] = [
    (#"{"seq":-1}"#, usage(notASeq)),
    (#"{"seq":"abc"}"#, usage(notASeq)),
    ("{}", usage(noSeq)),
    (#"{"foo":1}"#, usage(noSeq)),
    (
      #"{"seq":7,"note":"minute 4"}"#,
      usage(
        #"the authority has a member "note"; it holds only "seq", the seq of the board "#
          + "decision that authorised it"
      )
    ),
    (
      #"{"seq":8}"#,
      ToolRun(
        errors: "error: authority seq 8 is not in the ledger; give the seq of the board "
          + "decision that authorised it, from 1 to 7\n",
        status: .refused
      )
    ),
    (
      #"{"seq":6}"#,
      ToolRun(
        errors: #"error: authority seq 6 is a "board.meeting_held" event, not a board "#
          + "decision; give the seq of the board decision that authorised it\n",
        status: .refused
      )
    ),
  ]

  static let notASeq =
    #"the authority's "seq" is not a whole number of at least 1; give the seq of the board "#
    + "decision that authorised it"
  static let noSeq =
    #"the authority has no "seq"; give {"seq": N}, N the seq of the board decision that "#
    + "authorised it"

  /// What `append` prints for a usage error with this message.
  static func usage(_ message: String) -> ToolRun {
    ToolRun(errors: "error: " + message + "\n" + appendUsage, status: .usage)
  }

  @Test(arguments: authorityRefusals)
  func anAuthorityIsTheSeqOfAnEarlierBoardDecision(authority: String, refused: ToolRun) throws {
    try withTemporaryDirectory { directory in
      let ledger = try EngineCommandTests.makePlanLedger(in: directory)
      let files = try ledgerFiles(ledger)
      #expect(Self.appendStatus(ledger, to: "on_track", authority: authority) == refused)
      #expect(try ledgerFiles(ledger) == files)
      #expect(
        Self.appendStatus(ledger, to: "on_track", authority: #"{"seq":7}"#).status == .success
      )
    }
  }

  /// Events whose values are malformed on their face, through the raw door: the same
  /// usage error as the recording commands give.
  static let malformedEvents: [(type: String, stream: String, data: String, message: String)] = [
    (
      "action.added", "action/1 1",
      #"{"action":"1 1","priority":"1","text":"New"}"#,
      #""1 1" is not an action number such as 7.3 (a number, a dot and a number)"#
    ),
    (
      "action.lead_reassigned", "action/1.1", #"{"action":"1.1","to":[]}"#,
      "reassigning action 1.1 needs at least one new lead; an action keeps its lead until "
        + "another is named"
    ),
    (
      "action.withdrawn", "action/1.1", #"{"action":"1.1"}"#,
      #""reason" is blank; an "action.withdrawn" event needs one"#
    ),
  ]

  @Test(arguments: malformedEvents)
  func aMalformedValueIsAUsageErrorThroughTheRawDoor(
    event: (type: String, stream: String, data: String, message: String)
  ) throws {
    try withTemporaryDirectory { directory in
      let ledger = try EngineCommandTests.makePlanLedger(in: directory)
      let files = try ledgerFiles(ledger)
      #expect(
        Self.append(ledger, type: event.type, stream: event.stream, data: event.data)
          == Self.usage(event.message)
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func aBatchMayNameADecisionEarlierInItselfAsAuthority() throws {
    try withTemporaryDirectory { directory in
      let ledger = try EngineCommandTests.makePlanLedger(in: directory)
      let files = try ledgerFiles(ledger)
      let decision =
        #"{"type":"board.decision_recorded","stream":"board/improvement-board","actor":"ann","#
        + #""data":{"board":"Improvement Board","meeting":"2018-02-14","kind":"reassign","#
        + #""text":"Agreed","actions":["1.1"]}}"#
      func status(authority: String) -> String {
        #"{"type":"action.lead_reassigned","stream":"action/1.1","actor":"ann","#
          + #""authority":\#(authority),"data":{"action":"1.1","to":["bob"]}}"#
      }
      let register =
        #"{"type":"person.registered","stream":"person/bob","actor":"ann","#
        + #""data":{"person":"bob","name":"Bob"}}"#
      let batch = directory + "/batch.jsonl"
      try writeFile(
        [register, status(authority: #"{"seq":10}"#), decision].joined(separator: "\n"),
        to: batch
      )
      #expect(
        planledger("append", "--ledger", ledger, "--batch", batch)
          == ToolRun(
            errors: "error: event 2 of 3: authority seq 10 is not in the ledger; give the seq of "
              + "the board decision that authorised it, from 1 to 8\n",
            status: .refused
          )
      )
      try writeFile(
        [register, status(authority: #"{"seq":"9"}"#), decision].joined(separator: "\n"),
        to: batch
      )
      #expect(
        planledger("append", "--ledger", ledger, "--batch", batch)
          == ToolRun(
            errors: #"error: event 2 of 3: the authority's "seq" is not a whole number of at "#
              + "least 1; give the seq of the board decision that authorised it\n"
              + Self.appendUsage,
            status: .usage
          )
      )
      #expect(try ledgerFiles(ledger) == files)
      try writeFile(
        [register, decision, status(authority: #"{"seq":9}"#)].joined(separator: "\n"),
        to: batch
      )
      let run = planledger("append", "--ledger", ledger, "--batch", batch)
      #expect(run.status == .success, "\(run.errors)")
      #expect(run.output.hasPrefix("appended 3 of 3 events (seq 8–10); "))
    }
  }

  @Test func whatIsRecordedIsTheDataAsGiven() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let data = #"{"kind":"note","text":"Größe \"q\" \\ \u00e9"}"#
      #expect(Self.appendFact(ledger, data: data).status == .success)
      let line = planledger("export", "--ledger", ledger, "--from", "2").output
      #expect(line.hasPrefix(#"{"actor":"ann","data":{"kind":"note","text":"Größe \"q\" \\ é"},"#))
    }
  }
}
