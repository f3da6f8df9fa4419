import Foundation
import LedgerStore
import PlanLedger
import Testing

/// A plan book over a new ledger in a temporary directory of its own, with a clock the
/// test sets.
///
/// ``withSmallPlan(_:)`` records, through ``PlanBook/record(_:expectedSize:)`` like every
/// command does, a small plan on 2017-11-01 (09:00 UTC), all effective that day:
///
/// | seq | what |
/// | --- | --- |
/// | 1 | PS (Pat Shaw) registers themselves |
/// | 2–6 | BP, DS, EM, SB, CH registered |
/// | 7–14 | PS programme office; BP, DS, EM lead officer; SB board secretary; CH board chair; BP SRO of priority 7; EM SRO of priority 1 |
/// | 15 | the plan |
/// | 16–17 | workstreams Practice, People and Performance |
/// | 18–19 | priority 1 (Practice), priority 7 (People and Performance) |
/// | 20 | action 1.1, priority 1, lead EM, "Ongoing" |
/// | 21 | action 1.2, priority 1, lead EM, "Jan-Apr 18" |
/// | 22 | action 7.3, priority 7, lead BP, "Dec 17" |
/// | 23 | action 7.13, priority 7, lead DS, "Review Jan 18 / Implement Apr 18" |
/// | 24 | measure M7.6, priority 7, "%", lower is better |
struct PlanFixture {
  /// The ledger directory.
  let path: String
  /// The clock of both the ledger and the book.
  let clock: TestClock
  /// The open ledger.
  let ledger: Ledger
  /// The plan book over it.
  let book: PlanBook

  /// The size of the ledger ``withSmallPlan(_:)`` builds.
  static let smallPlanSize = 24
  /// The seq of each action of the small plan: 1.1, 1.2, 7.3 and 7.13.
  static let action11 = 20
  static let action12 = 21
  static let action73 = 22
  static let action713 = 23

  /// Runs `body` with an empty ledger whose clock starts at `start`.
  static func withEmptyLedger<Result>(
    startingAt start: String = "2017-11-01",
    _ body: (PlanFixture) throws -> Result
  ) throws -> Result {
    try withTemporaryDirectory { directory in
      let clock = TestClock(start)
      let path = directory.appending(path: "EventLog").path(percentEncoded: false)
      let ledger = try Ledger.create(at: path, configuration: LedgerConfiguration(clock: clock))
      let fixture = PlanFixture(
        path: path,
        clock: clock,
        ledger: ledger,
        book: PlanBook(ledger: ledger, clock: clock)
      )
      return try body(fixture)
    }
  }

  /// Runs `body` with the small plan described above.
  static func withSmallPlan<Result>(_ body: (PlanFixture) throws -> Result) throws -> Result {
    try withEmptyLedger { fixture in
      try fixture.recordSmallPlan()
      return try body(fixture)
    }
  }

  /// Records the small plan described above.
  func recordSmallPlan() throws {
    let submissions = try Self.smallPlanSubmissions()
    _ = try book.record([submissions[0]])
    let receipt = try book.record(Array(submissions.dropFirst()))
    #expect(receipt.head.size == Self.smallPlanSize)
  }

  /// The small plan's events, all by PS: PS registers first.
  ///
  /// - Parameter effective: Their effective date, or `nil` for the day they are recorded.
  /// - Returns: The submissions.
  /// - Throws: When an action's milestones do not parse.
  static func smallPlanSubmissions(effective: CalendarDate? = nil) throws -> [Submission] {
    var events: [PlanEvent] = [
      .person("PS", "Pat Shaw"),
      .person("BP", "Beth Price"), .person("DS", "Dan Stone"), .person("EM", "Eve Moss"),
      .person("SB", "Sam Bell"), .person("CH", "Chris Hale"),
      .role("PS", Role.programmeOffice), .role("BP", Role.leadOfficer),
      .role("DS", Role.leadOfficer), .role("EM", Role.leadOfficer),
      .role("SB", Role.boardSecretary), .role("CH", Role.boardChair),
      .role("BP", Role.sro, scope: "priority 7"), .role("EM", Role.sro, scope: "priority 1"),
      .planCreated(
        PlanCreated(
          title: "Children's Services Improvement Plan",
          organisation: "Example Council",
          period: "2017-2020",
          version: "v.6"
        )
      ),
      .workstreamDefined(WorkstreamDefined(name: "Practice")),
      .workstreamDefined(WorkstreamDefined(name: "People and Performance")),
      .priorityDefined(
        PriorityDefined(
          number: PriorityNumber("1"),
          title: "Strengthen social work practice",
          workstream: "Practice"
        )
      ),
      .priorityDefined(
        PriorityDefined(
          number: PriorityNumber("7"),
          title: "Develop a stable and skilled workforce",
          workstream: "People and Performance"
        )
      ),
    ]
    events.append(try .addAction("1.1", priority: "1", leads: ["EM"], byWhen: "Ongoing"))
    events.append(try .addAction("1.2", priority: "1", leads: ["EM"], byWhen: "Jan-Apr 18"))
    events.append(try .addAction("7.3", priority: "7", leads: ["BP"], byWhen: "Dec 17"))
    events.append(
      try .addAction(
        "7.13",
        priority: "7",
        leads: ["DS"],
        byWhen: "Review Jan 18 / Implement Apr 18"
      )
    )
    events.append(
      .measureDefined(
        MeasureDefined(
          measure: MeasureID("M7.6"),
          title: "Social worker vacancy rate",
          unit: "%",
          priority: PriorityNumber("7"),
          better: .lower
        )
      )
    )
    return events.map { Submission($0, actor: PersonID("PS"), effective: effective) }
  }

  // MARK: Recording

  /// Records one event through the plan book and returns its seq.
  @discardableResult
  func record(
    _ event: PlanEvent,
    by actor: String = "PS",
    effective: String? = nil,
    authority: Int? = nil,
    id: String? = nil
  ) throws -> Int {
    let submission = Submission(
      event,
      actor: PersonID(actor),
      effective: effective.map { day($0) },
      authority: authority,
      id: id
    )
    let receipt = try book.record([submission])
    return try #require(receipt.seqs.first)
  }

  /// When the record at `seq` was recorded.
  func recorded(_ seq: Int) throws -> LedgerTimestamp {
    try book.record(seq: seq).recorded
  }

  // MARK: Reading

  /// The plan as of a date (today when `nil`), as known at an instant (now when `nil`).
  func view(asOf: String? = nil, knownAt: LedgerTimestamp? = nil) throws -> PlanView {
    try book.view(TimeSlice(asOf: asOf.map { day($0) }, knownAt: knownAt))
  }

  /// One action's row in a view.
  func row(
    _ action: String,
    asOf: String? = nil,
    knownAt: LedgerTimestamp? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ActionRow {
    try row(action, in: view(asOf: asOf, knownAt: knownAt), sourceLocation: sourceLocation)
  }

  /// One action's row in a view.
  func row(
    _ action: String,
    in view: PlanView,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ActionRow {
    try #require(
      view.actions.first { $0.number == ActionID(action) },
      "no action \(action) in the view",
      sourceLocation: sourceLocation
    )
  }
}

// MARK: Event builders

extension PlanEvent {
  /// `person.registered`.
  static func person(_ id: String, _ name: String) -> PlanEvent {
    .personRegistered(PersonRegistered(person: PersonID(id), name: name))
  }

  /// `role.assigned`.
  static func role(_ person: String, _ role: String, scope: String = "") -> PlanEvent {
    .roleAssigned(RoleAssigned(person: PersonID(person), role: Role(role, scope: scope)))
  }

  /// `role.ended`.
  static func endRole(_ person: String, _ role: String, scope: String = "") -> PlanEvent {
    .roleEnded(RoleEnded(person: PersonID(person), role: Role(role, scope: scope)))
  }

  /// `action.added`, with its milestones read from a "By when" cell.
  static func addAction(
    _ number: String,
    priority: String,
    leads: [String],
    byWhen: String,
    text: String = "Do the work"
  ) throws -> PlanEvent {
    .actionAdded(
      ActionAdded(
        action: ActionID(number),
        priority: PriorityNumber(priority),
        issue: "",
        references: "",
        text: text,
        leads: leads.map(PersonID.init(rawValue:)),
        partners: [],
        milestones: try ByWhen.milestones(byWhen)
      )
    )
  }

  /// `action.status_changed`.
  static func status(_ action: String, _ to: Status, note: String = "") -> PlanEvent {
    .actionStatusChanged(ActionStatusChanged(action: ActionID(action), to: to, note: note))
  }

  /// `action.due_revised`.
  static func revise(
    _ action: String,
    milestone: Int = 1,
    to: String,
    reason: String = "agreed by the board"
  ) throws -> PlanEvent {
    .actionDueRevised(
      ActionDueRevised(
        action: ActionID(action),
        milestone: milestone,
        to: try due(to),
        reason: reason
      )
    )
  }

  /// `action.lead_reassigned`.
  static func reassign(
    _ action: String,
    to leads: [String],
    reason: String = "new post"
  ) -> PlanEvent {
    .actionLeadReassigned(
      ActionLeadReassigned(
        action: ActionID(action),
        to: leads.map(PersonID.init(rawValue:)),
        reason: reason
      )
    )
  }

  /// `action.withdrawn`.
  static func withdraw(
    _ action: String,
    reason: String = "merged into another action"
  )
    -> PlanEvent
  {
    .actionWithdrawn(ActionWithdrawn(action: ActionID(action), reason: reason))
  }

  /// `board.meeting_held` of the Improvement Board.
  static func meeting(_ date: String, board: String = "Improvement Board") -> PlanEvent {
    .boardMeetingHeld(BoardMeetingHeld(board: board, date: day(date)))
  }

  /// `board.decision_recorded` of the Improvement Board.
  static func decision(
    meeting: String,
    kind: DecisionKind = .acceptCompletion,
    actions: [String],
    board: String = "Improvement Board"
  ) -> PlanEvent {
    .boardDecisionRecorded(
      BoardDecisionRecorded(
        board: board,
        meeting: day(meeting),
        kind: kind,
        text: "The board agreed.",
        actions: actions.map(ActionID.init(rawValue:))
      )
    )
  }

  /// `event.corrected`.
  static func correct(_ seq: Int, data: JSONObject, reason: String = "misreported") -> PlanEvent {
    .eventCorrected(EventCorrected(seq: seq, data: data, reason: reason))
  }

  /// `event.retracted`.
  static func retract(_ seq: Int, reason: String = "recorded in error") -> PlanEvent {
    .eventRetracted(EventRetracted(seq: seq, reason: reason))
  }
}
