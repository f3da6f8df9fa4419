import Foundation
import LedgerStore
import Synchronization
import Testing

@testable import PlanLedger

/// Snapshots are only an accelerator.
///
/// Every query answered with them must be byte for byte the query answered by full replay.
/// Checked as a property over random ledgers with
/// back-dated events, corrections and retractions, random dates and known-at times.
@Suite struct SnapshotEquivalenceTests {
  /// A clock that steps one hour per reading, so records spread over transaction time.
  final class SteppingClock: LedgerClock {
    private let current = Mutex(LedgerTimestamp(millisecondsSinceEpoch: 1_600_000_000_000))

    func now() -> LedgerTimestamp {
      current.withLock { time in
        time = LedgerTimestamp(millisecondsSinceEpoch: time.millisecondsSinceEpoch + 3_600_000)
        return time
      }
    }
  }

  /// A seeded generator (SplitMix64), so every run checks the same ledgers.
  struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
      Int(next() % UInt64(max(bound, 1)))
    }
  }

  static let start = CalendarDate(year: 2018, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)

  /// Appends a random event (drafts straight to the engine: back-dating and corrections
  /// need no checks here, the fold must cope with any order).
  static func randomDraft(
    _ random: inout Generator,
    size: Int,
    records: [Int: (type: PlanEventType, data: JSONObject, stream: String)]
  ) throws -> EventDraft {
    let action = ActionID("1.\(random.below(6) + 1)")
    let effective = start.adding(days: random.below(400))
    let roll = random.below(100)
    let event: PlanEvent
    switch roll {
    case 0..<45:
      let statuses = Status.allCases
      event = .actionStatusChanged(
        ActionStatusChanged(
          action: action,
          to: statuses[random.below(statuses.count)],
          note: "n\(size)"
        )
      )
    case 45..<60:
      let due = start.adding(days: 60 + random.below(500)).components
      event = .actionDueRevised(
        ActionDueRevised(
          action: action,
          milestone: 1,
          to: try #require(DueDate(year: due.year, month: due.month)),
          reason: "r"
        )
      )
    case 60..<70:
      event = .actionLeadReassigned(
        ActionLeadReassigned(
          action: action,
          to: [PersonID(["PS", "JE", "BP"][random.below(3)])],
          reason: ""
        )
      )
    case 70..<80:
      event = .measureRecorded(
        MeasureRecorded(
          measure: MeasureID("M1"),
          period: try #require(DueDate(year: 2018, month: random.below(12) + 1)),
          value: try #require(DecimalNumber(String(random.below(100))))
        )
      )
    case 80..<88:
      let target = random.below(size) + 1
      if let original = records[target], original.type.isCorrectable,
        case .actionStatusChanged(var change) = try? PlanEvent(
          type: original.type,
          payload: Payload(original.data)
        )
      {
        change.to = change.to == .complete ? .atRisk : .complete
        return EventDraft(
          type: PlanEventType.eventCorrected.rawValue,
          stream: original.stream,
          effective: effective,
          actor: "PO",
          data: EventCorrected(seq: target, data: change.data, reason: "c").payloadData
        )
      }
      event = .actionWithdrawn(ActionWithdrawn(action: action, reason: "w"))
    case 88..<94:
      let target = random.below(size) + 1
      if let original = records[target], original.type.isCorrectable, original.type != .actionAdded
      {
        return EventDraft(
          type: PlanEventType.eventRetracted.rawValue,
          stream: original.stream,
          effective: effective,
          actor: "PO",
          data: EventRetracted(seq: target, reason: "x").data
        )
      }
      event = .actionStatusChanged(ActionStatusChanged(action: action, to: .onTrack))
    case 94..<97:
      event = .actionProgressNoted(ActionProgressNoted(action: action, note: "p\(size)"))
    default:
      event = .boardDecisionRecorded(
        BoardDecisionRecorded(
          board: "Board",
          meeting: effective,
          kind: .note,
          text: "d",
          actions: [action]
        )
      )
    }
    return EventDraft(
      type: event.type.rawValue,
      stream: event.stream ?? "",
      effective: effective,
      actor: "PO",
      data: event.data
    )
  }

  static func setup() -> [EventDraft] {
    var events: [PlanEvent] = [
      .personRegistered(PersonRegistered(person: PersonID("PO"), name: "Programme Office")),
      .planCreated(PlanCreated(title: "T", organisation: "O", period: "", version: "")),
      .workstreamDefined(WorkstreamDefined(name: "W")),
      .priorityDefined(PriorityDefined(number: PriorityNumber("1"), title: "P", workstream: "W")),
      .measureDefined(
        MeasureDefined(measure: MeasureID("M1"), title: "m", unit: "%", better: .higher)
      ),
    ]
    for index in 1...6 {
      events.append(
        .actionAdded(
          ActionAdded(
            action: ActionID("1.\(index)"),
            priority: PriorityNumber("1"),
            issue: "",
            references: "",
            text: "t",
            leads: [PersonID("PS")],
            partners: [],
            milestones: [
              Milestone(label: "Jun 18", kind: .deadline, due: DueDate(year: 2018, month: 6))
            ]
          )
        )
      )
    }
    return events.map {
      EventDraft(
        type: $0.type.rawValue,
        stream: $0.stream ?? "",
        effective: start,
        actor: "PO",
        data: $0.data
      )
    }
  }

  /// A log long enough to be folded in parallel parts (back-dated events, corrections and
  /// retractions spread over every part) folds to the same state as the one-pass fold
  /// `Replay.states(asOf:)` makes, for dates early, middle and late.
  @Test func theParallelFoldEqualsTheOnePassFold() throws {
    let directory = FileManager.default.temporaryDirectory
      .appending(path: "PlanLedgerTests-\(UUID().uuidString)", directoryHint: .isDirectory)
    defer { try? FileManager.default.removeItem(at: directory) }
    let ledger = try Ledger.create(
      at: directory.appending(path: "EventLog").path,
      configuration: LedgerConfiguration(clock: SteppingClock())
    )
    var random = Generator(state: 2017)
    var records: [Int: (type: PlanEventType, data: JSONObject, stream: String)] = [:]
    var drafts = Self.setup()
    for (offset, draft) in drafts.enumerated() {
      records[offset + 1] = (
        try #require(PlanEventType(rawValue: draft.type)), draft.data, draft.stream
      )
    }
    _ = try ledger.append(drafts)
    while ledger.size <= Replay.parallelThreshold + 2_000 {
      drafts = []
      for _ in 0..<2_000 {
        let draft = try Self.randomDraft(
          &random,
          size: ledger.size + drafts.count,
          records: records
        )
        drafts.append(draft)
        records[ledger.size + drafts.count] = (
          try #require(PlanEventType(rawValue: draft.type)), draft.data, draft.stream
        )
      }
      _ = try ledger.append(drafts)
    }
    let replay = Replay(ledger: ledger)
    let dates = [0, 100, 200, 300, 420].map { Self.start.adding(days: $0) }
    let supersessions = try replay.supersessions(in: TimeSlice())
    let onePass = try replay.states(asOf: dates, supersessions: supersessions)
    for (date, expected) in zip(dates, onePass) {
      #expect(try replay.state(TimeSlice(asOf: date)) == expected, "as of \(date)")
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func snapshotAnswersEqualFullReplay(seed: UInt64) throws {
    let directory = FileManager.default.temporaryDirectory
      .appending(path: "PlanLedgerTests-\(UUID().uuidString)", directoryHint: .isDirectory)
    defer { try? FileManager.default.removeItem(at: directory) }
    let clock = SteppingClock()
    let ledger = try Ledger.create(
      at: directory.appending(path: "EventLog").path,
      configuration: LedgerConfiguration(clock: clock)
    )
    var random = Generator(state: seed)
    var records: [Int: (type: PlanEventType, data: JSONObject, stream: String)] = [:]
    func append(_ draft: EventDraft) throws {
      let receipt = try ledger.append([draft])
      records[receipt.head.size] = (PlanEventType(rawValue: draft.type)!, draft.data, draft.stream)
    }
    for draft in Self.setup() { try append(draft) }
    for _ in 0..<60 {
      try append(try Self.randomDraft(&random, size: ledger.size, records: records))
    }

    let store = SnapshotStore(directory: directory.appending(path: "Snapshots").path)
    let withSnapshots = PlanBook(ledger: ledger, clock: clock, snapshots: store)
    let withoutSnapshots = PlanBook(ledger: ledger, clock: clock)
    let dates = (0..<6).map { _ in Self.start.adding(days: random.below(420)) }
    for snapshot in try withSnapshots.buildSnapshots(asOf: dates) { try store.write(snapshot) }

    // A tail after the snapshots: back-dated events, corrections and retractions of
    // events the snapshots folded.
    for _ in 0..<60 {
      try append(try Self.randomDraft(&random, size: ledger.size, records: records))
    }
    for snapshot in try withSnapshots.buildSnapshots(asOf: Array(dates.prefix(2))) {
      try store.write(snapshot)
    }
    for _ in 0..<20 {
      try append(try Self.randomDraft(&random, size: ledger.size, records: records))
    }

    var served = 0
    let size = ledger.size
    for round in 0..<24 {
      let asOf =
        round < 12 ? dates[round % dates.count] : Self.start.adding(days: random.below(420))
      let knownAt: LedgerTimestamp? =
        round % 3 == 0
        ? nil
        : (try? withoutSnapshots.record(seq: random.below(size) + 1).recorded)
      let slice = TimeSlice(asOf: asOf, knownAt: knownAt)
      let (fast, use) = try withSnapshots.explainedView(slice)
      let slow = try withoutSnapshots.view(slice)
      if use.snapshot != nil { served += 1 }
      #expect(
        fast.json.canonicalText == slow.json.canonicalText,
        "seed \(seed), as of \(asOf), known at \(String(describing: knownAt)): \(use)"
      )
    }
    #expect(served > 0, "no query was answered from a snapshot (seed \(seed))")

    for subject in [
      HistorySubject.action(ActionID("1.1")), .action(ActionID("1.4")), .measure(MeasureID("M1")),
    ] {
      let fast = try History(book: withSnapshots).entries(of: subject).map(\.json)
      let slow = try History(book: withoutSnapshots).entries(of: subject).map(\.json)
      #expect(JSONValue.array(fast).canonicalText == JSONValue.array(slow).canonicalText)
    }
    let fastAudit = try Audit(book: withSnapshots).entries().map(\.json)
    let slowAudit = try Audit(book: withoutSnapshots).entries().map(\.json)
    #expect(JSONValue.array(fastAudit).canonicalText == JSONValue.array(slowAudit).canonicalText)
  }

  @Test func snapshotWithAChangedHashIsIgnoredWithAWarning() throws {
    let directory = FileManager.default.temporaryDirectory
      .appending(path: "PlanLedgerTests-\(UUID().uuidString)", directoryHint: .isDirectory)
    defer { try? FileManager.default.removeItem(at: directory) }
    let clock = SteppingClock()
    let ledger = try Ledger.create(
      at: directory.appending(path: "EventLog").path,
      configuration: LedgerConfiguration(clock: clock)
    )
    _ = try ledger.append(Self.setup())
    let store = SnapshotStore(directory: directory.appending(path: "Snapshots").path)
    let book = PlanBook(ledger: ledger, clock: clock, snapshots: store)
    let date = Self.start.adding(days: 10)
    let name = try store.write(try #require(book.buildSnapshots(asOf: [date]).first))
    let path = store.directory + "/" + name
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let index = try #require(bytes.firstIndex(of: UInt8(ascii: "T")))
    bytes[index] = UInt8(ascii: "U")
    try bytes.write(to: URL(fileURLWithPath: path))
    let (view, use) = try book.explainedView(TimeSlice(asOf: date))
    #expect(use.snapshot == nil)
    #expect(
      use.ignored == [
        "snapshot \(name) ignored: its hash does not check (it was changed after it was written)"
      ]
    )
    #expect(
      view.json == (try PlanBook(ledger: ledger, clock: clock).view(TimeSlice(asOf: date))).json
    )
  }
}
