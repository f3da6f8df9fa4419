import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Synchronization
import Testing

/// A clock the test sets by hand, shared by the ledger (`recorded`) and the plan book
/// ("today"), so every stamp in a test is known in advance.
final class TestClock: LedgerClock {
  private let current: Mutex<LedgerTimestamp>

  /// Starts the clock at 09:00 UTC on a date.
  init(_ date: CalendarDate) {
    current = Mutex(Self.nineOClock(date))
  }

  func now() -> LedgerTimestamp {
    current.withLock { $0 }
  }

  /// Sets the clock to 09:00 UTC on a date.
  func set(_ date: CalendarDate) {
    let time = Self.nineOClock(date)
    current.withLock { $0 = time }
  }

  private static func nineOClock(_ date: CalendarDate) -> LedgerTimestamp {
    LedgerTimestamp(
      millisecondsSinceEpoch: LedgerTimestamp(startOf: date).millisecondsSinceEpoch + 9 * 3_600_000
    )
  }
}

/// The calendar date written `YYYY-MM-DD`; records an issue for anything else.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CalendarDate {
  guard let date = CalendarDate(text) else {
    Issue.record("\"\(text)\" is not a date YYYY-MM-DD", sourceLocation: sourceLocation)
    return CalendarDate(dayNumber: 0)
  }
  return date
}

/// Runs `body` with a new directory of its own, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
  let directory = FileManager.default.temporaryDirectory
    .appending(path: "PlanReportsTests-\(UUID().uuidString)", directoryHint: .isDirectory)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  return try body(directory)
}

/// A plan book over a new ledger in a temporary directory, with a clock the test sets, and
/// builders for the events reports are made of.
struct ReportFixture {
  /// The ledger directory.
  let path: String
  /// The clock of the ledger and the book.
  let clock: TestClock
  /// The plan book.
  let book: PlanBook

  /// Runs `body` with an empty ledger whose clock starts on `start`.
  static func withEmptyLedger<Result>(
    startingAt start: String,
    _ body: (ReportFixture) throws -> Result
  ) throws -> Result {
    try withTemporaryDirectory { directory in
      let clock = TestClock(day(start))
      let path = directory.appending(path: "EventLog").path(percentEncoded: false)
      let ledger = try Ledger.create(at: path, configuration: LedgerConfiguration(clock: clock))
      return try body(
        ReportFixture(path: path, clock: clock, book: PlanBook(ledger: ledger, clock: clock))
      )
    }
  }

  /// The same ledger opened afresh, as another run of the command line would.
  ///
  /// - Parameters:
  ///   - scratchDirectory: Where the readings' sorts may spill (`nil`: they stay in memory).
  ///   - sortRunBytes: The sorts' run budget; a few dozen bytes makes every entry spill.
  /// - Returns: A plan book over the ledger opened afresh.
  /// - Throws: An I/O error opening the ledger.
  func reopened(
    scratchDirectory: String? = nil,
    sortRunBytes: Int = ExternalSort.defaultRunBytes
  ) throws -> PlanBook {
    var configuration = LedgerConfiguration(clock: clock)
    configuration.scratchDirectory = scratchDirectory
    configuration.sortRunBytes = sortRunBytes
    return PlanBook(ledger: try Ledger.open(at: path, configuration: configuration), clock: clock)
  }

  /// Records events (by PS unless `actor` says otherwise), effective on `on`, with the clock
  /// set to that day; returns their seqs.
  @discardableResult
  func record(
    _ events: [PlanEvent],
    on date: String,
    by actor: String = "PS",
    authority: Int? = nil,
    source: String? = nil
  ) throws -> [Int] {
    clock.set(day(date))
    let submissions = events.map {
      Submission(
        $0,
        actor: PersonID(actor),
        effective: day(date),
        authority: authority,
        source: source.map { ["document": .string($0), "locator": .string("page 1")] }
      )
    }
    return Array(try book.record(submissions).seqs)
  }

  /// Records one event and returns its seq.
  @discardableResult
  func record(
    _ event: PlanEvent,
    on date: String,
    by actor: String = "PS",
    authority: Int? = nil,
    source: String? = nil
  ) throws -> Int {
    try #require(
      try record([event], on: date, by: actor, authority: authority, source: source).first
    )
  }

  /// The plan as of a date, by the plan book's own replay.
  func view(asOf date: String) throws -> PlanView {
    try book.view(TimeSlice(asOf: day(date)))
  }

  /// The narrative between two dates.
  func narrative(
    from start: NarrativePeriod.Bound?,
    to end: NarrativePeriod.Bound?,
    today: String,
    listing limit: Int = Narrative.listingLimit
  ) throws -> Narrative {
    let chronicle = try PlanChronicle(book: book)
    let period = try NarrativePeriod.resolve(from: start, to: end, in: chronicle, today: day(today))
    return try Narrative(chronicle: chronicle, period: period, listing: limit)
  }

  /// Records a small plan on `date`: people PS (programme office), BP, DS, EM (leads), CH
  /// (board chair); the plan; priorities 1 and 7 with SROs EM and BP; actions 1.1 (EM, Mar
  /// 18), 1.2 (EM, Jun 18), 7.1 (BP, Apr 18), 7.2 (DS, Review May 18 / Implement Sep 18),
  /// 7.3 (DS, Dec 18); an Ofsted recommendation 2 for priority 7; measure M7.6 (%, lower is
  /// better) with a target of 10.
  func recordSmallPlan(on date: String) throws {
    try record(.person("PS", "Pat Shaw"), on: date)
    try record(
      [
        .person("BP", "Beth Price"), .person("DS", "Dan Stone"), .person("EM", "Eve Moss"),
        .person("CH", "Chris Hale"), .role("PS", Role.programmeOffice),
        .role("BP", Role.leadOfficer), .role("DS", Role.leadOfficer),
        .role("EM", Role.leadOfficer), .role("CH", Role.boardChair),
        .planCreated(
          PlanCreated(
            title: "Children's Services Improvement Plan",
            organisation: "Example Council",
            period: "2018-2019",
            version: "v.1"
          )
        ),
        .workstreamDefined(WorkstreamDefined(name: "Practice")),
        .workstreamDefined(WorkstreamDefined(name: "People")),
        .priorityDefined(
          PriorityDefined(
            number: PriorityNumber("1"),
            title: "Strengthen practice",
            workstream: "Practice"
          )
        ),
        .priorityDefined(
          PriorityDefined(
            number: PriorityNumber("7"),
            title: "A stable workforce",
            workstream: "People"
          )
        ),
        .role("EM", Role.sro, scope: "priority 1"), .role("BP", Role.sro, scope: "priority 7"),
        try .addAction(
          "1.1",
          priority: "1",
          leads: ["EM"],
          byWhen: "Mar 18",
          text: "Agree a practice model"
        ),
        try .addAction(
          "1.2",
          priority: "1",
          leads: ["EM"],
          byWhen: "Jun 18",
          text: "Audit case files"
        ),
        try .addAction(
          "7.1",
          priority: "7",
          leads: ["BP"],
          byWhen: "Apr 18",
          text: "Recruit social workers",
          references: "Rec 2"
        ),
        try .addAction(
          "7.2",
          priority: "7",
          leads: ["DS"],
          byWhen: "Review May 18 / Implement Sep 18",
          text: "Cut caseloads",
          references: "Rec 2, Para 110"
        ),
        try .addAction(
          "7.3",
          priority: "7",
          leads: ["DS"],
          byWhen: "Dec 18",
          text: "Train managers"
        ),
        .recommendationRecorded(
          RecommendationRecorded(
            body: "Ofsted",
            number: "2",
            text: "Establish a stable workforce.",
            priorities: [PriorityNumber("7")]
          )
        ),
        .measureDefined(
          MeasureDefined(
            measure: MeasureID("M7.6"),
            title: "Social worker vacancy rate",
            unit: "%",
            priority: PriorityNumber("7"),
            better: .lower
          )
        ),
        .measureTargetSet(
          MeasureTargetSet(measure: MeasureID("M7.6"), value: try decimal("10"), from: nil, to: nil)
        ),
      ],
      on: date,
      source: "plan-v1.txt"
    )
  }
}

/// A decimal number written as text; records an issue for anything else.
func decimal(
  _ text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws
  -> DecimalNumber
{
  try #require(DecimalNumber(text), "\"\(text)\" is not a decimal", sourceLocation: sourceLocation)
}

/// A due date written `YYYY-MM` or `YYYY-MM-DD`.
func due(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DueDate {
  try #require(DueDate(text), "\"\(text)\" is not a due date", sourceLocation: sourceLocation)
}

// MARK: Event builders

extension PlanEvent {
  static func person(_ id: String, _ name: String) -> PlanEvent {
    .personRegistered(PersonRegistered(person: PersonID(id), name: name))
  }

  static func role(_ person: String, _ role: String, scope: String = "") -> PlanEvent {
    .roleAssigned(RoleAssigned(person: PersonID(person), role: Role(role, scope: scope)))
  }

  static func addAction(
    _ number: String,
    priority: String,
    leads: [String],
    byWhen: String,
    text: String,
    references: String = ""
  ) throws -> PlanEvent {
    .actionAdded(
      ActionAdded(
        action: ActionID(number),
        priority: PriorityNumber(priority),
        issue: "",
        references: references,
        text: text,
        leads: leads.map(PersonID.init(rawValue:)),
        partners: [],
        milestones: try ByWhen.milestones(byWhen)
      )
    )
  }

  static func status(_ action: String, _ to: Status, note: String = "") -> PlanEvent {
    .actionStatusChanged(ActionStatusChanged(action: ActionID(action), to: to, note: note))
  }

  static func revise(
    _ action: String,
    milestone: Int = 1,
    to: String,
    reason: String
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

  static func reassign(_ action: String, to leads: [String], reason: String) -> PlanEvent {
    .actionLeadReassigned(
      ActionLeadReassigned(
        action: ActionID(action),
        to: leads.map(PersonID.init(rawValue:)),
        reason: reason
      )
    )
  }

  static func meeting(_ date: String, board: String = "Improvement Board") -> PlanEvent {
    .boardMeetingHeld(BoardMeetingHeld(board: board, date: day(date), chair: PersonID("CH")))
  }

  static func decision(
    _ meeting: String,
    _ kind: DecisionKind,
    _ text: String,
    actions: [String],
    board: String = "Improvement Board"
  ) -> PlanEvent {
    .boardDecisionRecorded(
      BoardDecisionRecorded(
        board: board,
        meeting: day(meeting),
        kind: kind,
        text: text,
        actions: actions.map(ActionID.init(rawValue:))
      )
    )
  }

  static func visit(_ number: String, start: String, letter: String) -> PlanEvent {
    .monitoringVisitRecorded(
      MonitoringVisitRecorded(
        visit: number,
        start: day(start),
        end: day(start),
        letter: day(letter)
      )
    )
  }

  static func finding(
    _ visit: String,
    _ kind: FindingKind,
    _ quote: String,
    priorities: [String] = []
  ) -> PlanEvent {
    .monitoringFindingRecorded(
      MonitoringFindingRecorded(
        visit: visit,
        kind: kind,
        quote: quote,
        priorities: priorities.map(PriorityNumber.init(rawValue:))
      )
    )
  }

  static func measure(_ measure: String, _ period: String, _ value: String) throws -> PlanEvent {
    .measureRecorded(
      MeasureRecorded(
        measure: MeasureID(measure),
        period: try due(period),
        value: try decimal(value)
      )
    )
  }
}
