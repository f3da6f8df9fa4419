import Foundation
import LedgerStore
import PlanLedger
import Testing

@testable import PlanLedgerCLI

/// `state`, `people` and `measures`: what they print, in each format, for each slice.
@Suite struct ReadingCommandsTests {
  /// The plan book over a ledger, with the tool's stopped clock and no snapshots: the
  /// library's own answer to compare the command line's with.
  static func book(_ ledger: String) throws -> PlanBook {
    let clock = StoppedClock(instant: toolNow)
    return PlanBook(
      ledger: try Ledger.open(at: ledger, configuration: LedgerConfiguration(clock: clock)),
      clock: clock
    )
  }

  /// A slice for `state` and the same slice for the library.
  struct Slice: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let slice: TimeSlice
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let slices: [Slice] = {
    let date = { (text: String) in CalendarDate(text) ?? CalendarDate(dayNumber: 0) }
    let time = { (text: String) in LedgerTimestamp(text) ?? toolNow }
    return [
      Slice(arguments: ["--as-of", "2018-06-30"], slice: TimeSlice(asOf: date("2018-06-30"))),
      Slice(arguments: ["--as-of", "2017-12-31"], slice: TimeSlice(asOf: date("2017-12-31"))),
      Slice(arguments: [], slice: TimeSlice(asOf: date("2024-03-01"))),
      Slice(
        arguments: ["--as-of", "2018-02-14", "--as-known-at", "2018-02-13"],
        slice: TimeSlice(asOf: date("2018-02-14"), knownAt: time("2018-02-13"))
      ),
      Slice(
        arguments: ["--as-known-at", "2018-01-10T12:00:00Z"],
        slice: TimeSlice(asOf: date("2018-01-10"), knownAt: time("2018-01-10T12:00:00Z"))
      ),
      Slice(arguments: ["--board", "2018-02-14"], slice: .board(date("2018-02-14"))),
      // Any RFC 3339 time, in UTC after its offset; 1.1 went on track at noon on 2018-01-10.
      Slice(
        arguments: ["--as-known-at", "2018-01-10T13:00:00+01:00"],
        slice: TimeSlice(asOf: date("2018-01-10"), knownAt: time("2018-01-10T12:00:00Z"))
      ),
      Slice(
        arguments: ["--as-known-at", "2018-01-10T12:59:59.9999+01:00"],
        slice: TimeSlice(asOf: date("2018-01-10"), knownAt: time("2018-01-10T11:59:59.999Z"))
      ),
      Slice(
        arguments: ["--as-known-at", "2018-01-10t07:00:00.000999-05:00"],
        slice: TimeSlice(asOf: date("2018-01-10"), knownAt: time("2018-01-10T12:00:00Z"))
      ),
      Slice(
        arguments: ["--as-of", "2018-02-14", "--as-known-at", "2018-01-10T12:00:00z"],
        slice: TimeSlice(asOf: date("2018-02-14"), knownAt: time("2018-01-10T12:00:00Z"))
      ),
    ]
  }()

  @Test(arguments: slices)
  func stateAsJSONIsTheLibrarysViewOfTheSameSlice(slice: Slice) throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let view = try Self.book(plan.ledger).view(slice.slice)
      #expect(
        plan.run(["state"] + slice.arguments + ["--format", "json"])
          == ToolRun(output: view.json.canonicalText + "\n")
      )
    }
  }

  @Test func asKnownAtAFinerFractionIncludesWhatWasRecordedInItsMillisecond() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, steps: 7)
      let instant = { (text: String) in LedgerTimestamp(text) ?? toolNow }
      let at123 = instant("2024-03-01T10:00:00.123Z")
      let at124 = instant("2024-03-01T10:00:00.124Z")
      #expect(
        plan.run("status", "1.1", "on_track", "--effective", "2018-01-10", at: at123).status
          == .success
      )
      #expect(
        plan.run("status", "1.1", "at_risk", "--effective", "2018-01-11", at: at124).status
          == .success
      )
      let book = try Self.book(plan.ledger)
      let view = { (knownAt: LedgerTimestamp) in
        try book.view(TimeSlice(asOf: CalendarDate("2018-06-30"), knownAt: knownAt)).json
          .canonicalText + "\n"
      }
      #expect(try view(at123) != view(at124))
      for time in ["2024-03-01T10:00:00.1239Z", "2024-03-01T11:00:00.123999+01:00"] {
        #expect(
          plan.run("state", "--as-of", "2018-06-30", "--as-known-at", time, "--format", "json")
            == ToolRun(output: try view(at123))
        )
      }
      #expect(
        plan.run(
          "state",
          "--as-of",
          "2018-06-30",
          "--as-known-at",
          "2024-03-01T10:00:00.124Z",
          "--format",
          "json"
        )
          == ToolRun(output: try view(at124))
      )
    }
  }

  @Test(arguments: [
    "2019-01-01T10:00:00+25:00", "2019-02-30T00:00:00Z", "2019-01-01T10:00:00",
    "2019-01-01T10:00:00+0100",
  ])
  func aTimeThatIsNotRFC3339IsAUsageErrorAndWritesNothing(time: String) throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      let files = try plan.files()
      #expect(
        plan.run("state", "--as-known-at", time)
          == ToolRun(
            errors: "error: --as-known-at \"\(time)\" is not an RFC 3339 time such as "
              + "2018-03-14T18:00:00Z or 2018-03-14T19:00:00+01:00, or a date YYYY-MM-DD\n"
              + "Usage: planledger state [--as-of <date>] [--as-known-at <time>] "
              + "[--board <date>] [--priority <n>] [--format table|json|csv]\n"
              + "Run 'planledger state --help' for details.\n",
            status: .usage
          )
      )
      #expect(try plan.files() == files)
    }
  }

  @Test func stateAsJSONForOnePriorityIsTheFilteredView() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory, live: true)
      let view = try Self.book(plan.ledger).view(TimeSlice(asOf: CalendarDate("2018-03-01")))
      #expect(
        plan.run("state", "--as-of", "2018-03-01", "--priority", "1", "--format", "json")
          == ToolRun(output: view.filtered(priority: PriorityNumber("1")).json.canonicalText + "\n")
      )
      #expect(
        plan.run("state", "--priority", "2")
          == ToolRun(errors: "error: unknown priority \"2\" (did you mean 1?)\n", status: .refused)
      )
    }
  }

  @Test func stateAsCSVHasTheTrackerColumns() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      _ = plan.run("status", "1.1", "at_risk", "--note", "Awaiting sign-off, \"soon\"")
      #expect(
        plan.run("state", "--format", "csv")
          == ToolRun(
            output: "No.,Priority,Issue,Ofsted ref,Action,Lead,Partners,By when,RAG,Commentary,"
              + "Due,Baseline due,Revisions,Slip (days),Overdue,Days overdue,Overdue milestone\r\n"
              + "1.1,1,,,Develop and agree an overarching social work practice model,PS,,"
              + #"Review Jan 18 / Implement Jun 18,At risk,"Awaiting sign-off, ""soon""","#
              + "2018-06,2018-04,1,61,yes,2071,Implement Jun 18 (milestone 2)\r\n"
          )
      )
    }
  }

  @Test func stateNamesTheNextMilestoneAndTheOneMissedInEveryFormat() throws {
    try withTemporaryDirectory { directory in
      // The walkthrough's plan up to 1.1 (Review Jan 18 / Implement Apr 18), and an action
      // whose milestones are listed as the Croydon plan lists 6.6's: not in date order.
      let plan = ScratchPlan(in: directory, steps: 7)
      let added = plan.run(
        "add-action",
        "1.2",
        "--priority",
        "1",
        "--lead",
        "PS",
        "--by-when",
        "Jun 18 / Nov 17 / Jan 18 / Nov 17",
        "--text",
        "Train elected members",
        "--effective",
        "2017-11-01"
      )
      #expect(added.status == .success)
      let table = plan.run("state", "--as-of", "2018-02-01").output
        .split(separator: "\n").dropFirst(2).joined(separator: "\n")
      var expected = "No.  Priority  Status     Since       Lead  Due      Baseline  Revisions  "
      expected += "Slip (days)  Overdue                                 Flags\n"
      expected += "---  --------  ---------  ----------  ----  -------  --------  ---------  "
      expected += "-----------  --------------------------------------  -----\n"
      expected += "1.1  1         Not rated  2017-11-01  PS    2018-04  2018-04   0          "
      expected += "0            no                                      stale\n"
      expected += "1.2  1         Not rated  2017-11-01  PS    2018-06  2018-06   0          "
      expected += "0            yes, 63 days past Nov 17 (milestone 2)  stale"
      #expect(table == expected)
      let csv = plan.run("state", "--as-of", "2018-02-01", "--format", "csv").output
      #expect(
        csv.split(separator: "\r\n").last.map(String.init)
          == "1.2,1,,,Train elected members,PS,,Jun 18 / Nov 17 / Jan 18 / Nov 17,,,"
          + "2018-06,2018-06,0,0,yes,63,Nov 17 (milestone 2)"
      )
      let json = try JSONValue(
        parsing: plan.run("state", "--as-of", "2018-02-01", "--format", "json").output
      )
      let row = try #require(json["actions"]?.arrayValue?.last)
      #expect(
        [
          row["due"], row["due_milestone"], row["final_due"], row["overdue"],
          row["overdue_milestone"], row["days_overdue"],
        ] == ["2018-06", 1, "2018-06", true, 2, 63]
      )
      #expect(json["summary"]?["overdue_computed"] == 1)
    }
  }

  @Test func diffShowsTheSameChangesDecisionsFindingsAndRolesInEveryFormat() throws {
    try withTemporaryDirectory { directory in
      // The walkthrough up to the board's decision (seq 11), then an SRO, a visit and a
      // finding in February 2018.
      let plan = ScratchPlan(in: directory, steps: 11)
      for words in [
        ["assign-role", "PS", "sro", "--scope", "priority 1", "--effective", "2018-02-01"],
        [
          "visit", "1", "--start", "2018-02-05", "--letter", "2018-02-20", "--effective",
          "2018-02-20",
        ],
        [
          "finding", "--visit", "1", "--kind", "weakness", "--quote",
          "Plans are not specific enough.", "--actions", "1.1", "--effective", "2018-02-20",
        ],
      ] {
        #expect(plan.run(words).status == .success)
      }
      let period = ["diff", "--from", "2018-01-31", "--to", "2018-02-28"]
      var table = "Changes from 2018-01-31 to 2018-02-28: 1 action changed, 1 decision, "
      table += "1 finding, 1 role change\n\n"
      table += "Kind      Ref     Status               Lead  Due                Slip (days)  Note\n"
      table += "--------  ------  -------------------  ----  -----------------  -----------  "
      table += String(repeating: "-", count: 85) + "\n"
      table += "action    1.1     On track → On track  PS    2018-01 → 2018-06  61\n"
      table += "decision  seq 11                                                             "
      table += "Improvement Board, 2018-02-14: agree revised deadline: Agreed June 2018 "
      table += "(actions 1.1)\n"
      table += "finding   seq 14                                                             "
      table += "visit 1, weakness: Plans are not specific enough. (actions 1.1)\n"
      table += "role      seq 12                       PS                                    "
      table += "PS became sro of priority 1, effective 2018-02-01\n"
      #expect(plan.run(period) == ToolRun(output: table))
      #expect(
        plan.run(period + ["--format", "csv"])
          == ToolRun(
            output: "Kind,Ref,Status,Lead,Due,Slip (days),Note\r\n"
              + "action,1.1,On track → On track,PS,2018-01 → 2018-06,61,\r\n"
              + "decision,seq 11,,,,,\"Improvement Board, 2018-02-14: agree revised deadline: "
              + "Agreed June 2018 (actions 1.1)\"\r\n"
              + "finding,seq 14,,,,,\"visit 1, weakness: Plans are not specific enough. "
              + "(actions 1.1)\"\r\n"
              + "role,seq 12,,PS,,,\"PS became sro of priority 1, effective 2018-02-01\"\r\n"
          )
      )
      let json = try JSONValue(parsing: plan.run(period + ["--format", "json"]).output)
      #expect(json["actions"]?.arrayValue?.map { $0["number"] } == ["1.1"])
      #expect(json["decisions"] == [11])
      #expect(json["findings"] == [14])
      #expect(
        json["roles"]
          == [
            [
              "person": "PS", "role": "sro of priority 1", "held": true,
              "effective": "2018-02-01", "seq": 12,
            ]
          ]
      )
    }
  }

  @Test func theTrackerThatStatePrintsImportsAsNoChange() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      _ = plan.run("status", "1.1", "at_risk", "--note", "Awaiting sign-off")
      let tracker = directory + "/tracker.csv"
      try writeFile(plan.run("state", "--format", "csv").output, to: tracker)
      let files = try plan.files()
      #expect(
        plan.run("import-tracker", tracker)
          == ToolRun(output: "the tracker matches the plan; nothing to record\n")
      )
      #expect(try plan.files() == files)
    }
  }

  /// The walkthrough's plan with an SRO who leaves, a director who arrives, and a measure
  /// with a target and two monthly values.
  static func peopleAndMeasures(in directory: String) -> ScratchPlan {
    let plan = ScratchPlan(in: directory)
    let commands = [
      ["assign-role", "PS", "sro", "--scope", "priority 1", "--effective", "2017-11-01"],
      ["end-role", "PS", "sro", "--scope", "priority 1", "--effective", "2018-03-31"],
      [
        "register", "BP", "--name", "Barbara Peacock", "--title", "Executive Director",
        "--organisation", "Croydon", "--effective", "2018-04-01",
      ],
      ["assign-role", "BP", "sro", "--scope", "priority 1", "--effective", "2018-04-01"],
      [
        "define-measure", "M1", "--title", "Assessments within 45 days", "--unit", "%",
        "--priority", "1", "--better", "higher", "--effective", "2017-11-01",
      ],
      ["set-target", "M1", "85", "--from", "2018-01-01", "--effective", "2017-11-01"],
      ["measure", "M1", "2017-12", "70.5", "--note", "December", "--effective", "2018-01-05"],
      ["measure", "M1", "2018-01", "74", "--effective", "2018-02-05"],
    ]
    for words in commands {
      let run = plan.run(words)
      #expect(run.status == .success, "\(words): \(run.errors)")
    }
    return plan
  }

  /// `boards` lists each meeting with its chair and each decision under it; its JSON
  /// gives seqs as numbers.
  @Test func boardsListMeetingsWithTheirChairAndDecisions() throws {
    try withTemporaryDirectory { directory in
      let plan = ScratchPlan(in: directory)
      var table =
        "Date        Board              Kind                              Chair  Seq  Text\n"
      table += "----------  -----------------  --------------------------------  -----  ---  "
      table += "------------------------------\n"
      table += "2018-02-14  Improvement Board  meeting                           PO     9    "
      table += "Monthly improvement board\n"
      table += "2018-02-14  Improvement Board  decision: agree revised deadline         11   "
      table += "Agreed June 2018 (actions 1.1)\n"
      #expect(plan.run("boards", "--as-of", "2018-06-30") == ToolRun(output: table))
      var json = #"[{"board":"Improvement Board","chair":"PO","date":"2018-02-14","#
      json += #""kind":"meeting","seq":9,"text":"Monthly improvement board"},"#
      json += #"{"board":"Improvement Board","chair":"","date":"2018-02-14","#
      json += #""kind":"decision: agree revised deadline","seq":11,"#
      json += #""text":"Agreed June 2018 (actions 1.1)"}]"# + "\n"
      #expect(
        plan.run("boards", "--as-of", "2018-06-30", "--format", "json") == ToolRun(output: json)
      )
    }
  }

  @Test func peopleListsTheRolesHeldOnADate() throws {
    try withTemporaryDirectory { directory in
      let plan = Self.peopleAndMeasures(in: directory)
      var before = "Id  Name              Title  Organisation  Roles on 2018-01-01\n"
      before += "--  ----------------  -----  ------------  -------------------\n"
      before += "PO  Programme Office                       programme office\n"
      before += "PS  Philip Segurola                        sro of priority 1\n"
      #expect(plan.run("people", "--as-of", "2018-01-01") == ToolRun(output: before))
      // PS left the SRO role at the end of March; BP took it on in April.
      var after = "Id  Name              Title               Organisation  Roles on 2018-06-30\n"
      after += "--  ----------------  ------------------  ------------  -------------------\n"
      after += "BP  Barbara Peacock   Executive Director  Croydon       sro of priority 1\n"
      after += "PO  Programme Office                                    programme office\n"
      after += "PS  Philip Segurola\n"
      #expect(plan.run("people", "--as-of", "2018-06-30") == ToolRun(output: after))
      #expect(
        plan.run("people", "--as-of", "2018-06-30", "--format", "csv")
          == ToolRun(
            output: "Id,Name,Title,Organisation,Roles on 2018-06-30\r\n"
              + "BP,Barbara Peacock,Executive Director,Croydon,sro of priority 1\r\n"
              + "PO,Programme Office,,,programme office\r\n"
              + "PS,Philip Segurola,,,\r\n"
          )
      )
      #expect(
        plan.run("people", "--as-of", "2018-06-30", "--format", "json")
          == ToolRun(
            output: #"[{"id":"BP","name":"Barbara Peacock","organisation":"Croydon","#
              + #""roles":["sro of priority 1"],"title":"Executive Director"},"#
              + #"{"id":"PO","name":"Programme Office","organisation":"","#
              + #""roles":["programme office"],"title":""},"#
              + #"{"id":"PS","name":"Philip Segurola","organisation":"","roles":[],"title":""}]"#
              + "\n"
          )
      )
      var history = "Seq  Effective   Recorded                  Actor  Type               "
      history +=
        "Change                             Why  Authority  Source  Corrected/retracted by\n"
      history += "---  ----------  ------------------------  -----  -----------------  "
      history +=
        "---------------------------------  ---  ---------  ------  ----------------------\n"
      history += "6    2017-11-01  2024-03-01T10:00:00.000Z  PO     person.registered  "
      history += "PS registered: Philip Segurola\n"
      history += "7    2017-11-01  2024-03-01T10:00:00.000Z  PO     action.added       "
      history += "action 1.1 added, lead PS\n"
      history += "13   2017-11-01  2024-03-01T10:00:00.000Z  PO     role.assigned      "
      history += "PS became sro of priority 1\n"
      history += "14   2018-03-31  2024-03-01T10:00:00.000Z  PO     role.ended         "
      history += "PS ceased to be sro of priority 1\n"
      #expect(plan.run("history", "--person", "PS") == ToolRun(output: history))
    }
  }

  @Test func peopleListsARoleHolderRegisteredLaterInEveryFormat() throws {
    try withTemporaryDirectory { directory in
      // The board's chair is registered on the plan's date but held her role from August.
      let plan = ScratchPlan(in: directory, steps: 6)
      for words in [
        [
          "register", "EG", "--name", "Edwina Grant", "--title", "Chair", "--organisation",
          "Improvement Board", "--effective", "2017-11-01",
        ],
        ["assign-role", "EG", "board chair", "--effective", "2017-08-01"],
      ] {
        #expect(plan.run(words).status == .success)
      }
      var table = "Id  Name          Title  Organisation       Roles on 2017-09-01\n"
      table += "--  ------------  -----  -----------------  -------------------\n"
      table += "EG  Edwina Grant  Chair  Improvement Board  board chair\n"
      #expect(plan.run("people", "--as-of", "2017-09-01") == ToolRun(output: table))
      #expect(
        plan.run("people", "--as-of", "2017-09-01", "--format", "csv")
          == ToolRun(
            output: "Id,Name,Title,Organisation,Roles on 2017-09-01\r\n"
              + "EG,Edwina Grant,Chair,Improvement Board,board chair\r\n"
          )
      )
      #expect(
        plan.run("people", "--as-of", "2017-09-01", "--format", "json")
          == ToolRun(
            output: #"[{"id":"EG","name":"Edwina Grant","organisation":"Improvement Board","#
              + #""roles":["board chair"],"title":"Chair"}]"# + "\n"
          )
      )
      // Before her role began she is not listed; nobody else was registered yet.
      #expect(
        plan.run("people", "--as-of", "2017-07-31", "--format", "csv")
          == ToolRun(output: "Id,Name,Title,Organisation,Roles on 2017-07-31\r\n")
      )
    }
  }

  @Test func measuresShowTheLatestValueAgainstTheTargetAndTheSeries() throws {
    try withTemporaryDirectory { directory in
      let plan = Self.peopleAndMeasures(in: directory)
      var latest = "Measures with values, as of 2018-03-01\n\n"
      latest += "Measure  Priority  Title                       Latest  Period   Change  Target  "
      latest += "Trend\n"
      latest += "-------  --------  --------------------------  ------  -------  ------  ------  "
      latest += "------\n"
      latest += "M1       1         Assessments within 45 days  74%     2018-01  +3.5    85%     "
      latest += "better\n"
      #expect(plan.run("measures", "--as-of", "2018-03-01") == ToolRun(output: latest))
      // On 31 January only December's value had been reported: no change, no trend yet.
      var january = "Measures with values, as of 2018-01-31\n\n"
      january += "Measure  Priority  Title                       Latest  Period   Change  Target  "
      january += "Trend\n"
      january += "-------  --------  --------------------------  ------  -------  ------  ------  "
      january += "-----\n"
      january += "M1       1         Assessments within 45 days  70.5%   2017-12          85%\n"
      #expect(plan.run("measures", "--as-of", "2018-01-31") == ToolRun(output: january))
      var series = "M1: Assessments within 45 days (higher is better); target 85%\n\n"
      series += "Period   Value  Reported    Seq  Note\n"
      series += "-------  -----  ----------  ---  --------\n"
      series += "2017-12  70.5%  2018-01-05  19   December\n"
      series += "2018-01  74%    2018-02-05  20\n"
      #expect(
        plan.run("measures", "--measure", "M1", "--as-of", "2018-03-01")
          == ToolRun(output: series)
      )
      #expect(
        plan.run("measures", "--measure", "M1", "--format", "csv")
          == ToolRun(
            output: "Period,Value,Reported,Seq,Note\r\n2017-12,70.5%,2018-01-05,19,December\r\n"
              + "2018-01,74%,2018-02-05,20,\r\n"
          )
      )
      #expect(
        plan.run("measures", "--format", "json")
          == ToolRun(
            output: #"[{"change":"+3.5","latest":"74%","measure":"M1","period":"2018-01","#
              + #""priority":"1","target":"85%","title":"Assessments within 45 days","#
              + #""trend":"better"}]"# + "\n"
          )
      )
      #expect(
        plan.run("measures", "--measure", "M2")
          == ToolRun(errors: "error: unknown measure \"M2\" (did you mean M1?)\n", status: .refused)
      )
    }
  }
}
