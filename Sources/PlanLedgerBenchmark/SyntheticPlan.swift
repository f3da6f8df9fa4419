import LedgerStore
import PlanLedger

/// A synthetic improvement plan: 150 actions over three years, events of realistic size
/// (250–400 bytes), some back-dated, as drafts ready to append.
///
/// Deterministic for a given seed, so every run and every peer measures the same log.
struct SyntheticPlan {
  let events: Int
  var random: SplitMix

  static let actor = "PO"
  static let start = CalendarDate(year: 2017, month: 11, day: 1) ?? CalendarDate(dayNumber: 0)
  static let days = 3 * 365
  static let actionsCount = 150
  static let people = ["PO", "PS", "JE", "IL", "BP", "DS", "MK", "CB", "WT", "DB", "HD", "RS"]

  init(events: Int, seed: UInt64 = 2017) {
    self.events = events
    random = SplitMix(seed: seed)
  }

  /// The month of a date, as a due date.
  static func month(_ date: CalendarDate) -> DueDate {
    let (year, month, _) = date.components
    guard let due = DueDate(year: year, month: month) else {
      preconditionFailure("the month of a calendar date is a valid month")
    }
    return due
  }

  /// A decimal the generator writes, which always parses.
  static func decimal(_ text: String) -> DecimalNumber {
    guard let value = DecimalNumber(text) else { preconditionFailure("generated decimals parse") }
    return value
  }

  static func action(_ index: Int) -> String {
    "\(index / 14 + 1).\(index % 14 + 1)"
  }

  /// The setup events: people, plan, workstreams, priorities, actions, measures.
  func setup() -> [EventDraft] {
    var drafts: [EventDraft] = []
    let effective = Self.start
    func add(_ event: PlanEvent, _ stream: String) {
      drafts.append(
        EventDraft(
          type: event.type.rawValue,
          stream: stream,
          effective: effective,
          actor: Self.actor,
          source: [
            "document": "synthetic-plan.txt", "locator": .string("setup \(drafts.count + 1)"),
          ],
          data: event.data
        )
      )
    }
    for person in Self.people {
      let event = PlanEvent.personRegistered(
        PersonRegistered(
          person: PersonID(person),
          name: "Officer \(person)",
          organisation: "Council"
        )
      )
      add(event, event.stream ?? "")
    }
    let plan = PlanEvent.planCreated(
      PlanCreated(
        title: "Synthetic improvement plan",
        organisation: "Council",
        period: "2017-2020",
        version: "v.1"
      )
    )
    add(plan, "plan")
    add(.workstreamDefined(WorkstreamDefined(name: "Practice")), "workstream/Practice")
    for priority in 1...11 {
      let event = PlanEvent.priorityDefined(
        PriorityDefined(
          number: PriorityNumber(String(priority)),
          title: "Priority \(priority)",
          workstream: "Practice"
        )
      )
      add(event, event.stream ?? "")
    }
    for index in 0..<Self.actionsCount {
      let month = index % 18
      let due =
        DueDate(year: 2018 + month / 12, month: month % 12 + 1) ?? DueDate(year: 2018, month: 1)
      let event = PlanEvent.actionAdded(
        ActionAdded(
          action: ActionID(Self.action(index)),
          priority: PriorityNumber(String(index / 14 + 1)),
          issue: "Issue heading \(index % 9)",
          references: "Rec \(index % 21 + 1), Para \(index % 120)",
          text: "Develop and agree the practice standard number \(index) with staff and partners.",
          leads: [PersonID(Self.people[1 + index % (Self.people.count - 1)])],
          partners: ["CSCB", "Police"],
          milestones: [Milestone(label: due?.words ?? "", kind: .deadline, due: due)]
        )
      )
      add(event, event.stream ?? "")
    }
    for measure in 1...20 {
      let event = PlanEvent.measureDefined(
        MeasureDefined(
          measure: MeasureID("M\(measure)"),
          title: "Indicator \(measure): % of assessments completed within timescale",
          unit: "%",
          priority: PriorityNumber(String(measure % 11 + 1)),
          better: measure % 3 == 0 ? .lower : .higher
        )
      )
      add(event, event.stream ?? "")
    }
    return drafts
  }

  /// The `index`th event after setup, drawn from a pool of 4096 distinct events whose
  /// effective dates advance with `index`: the ledger's work (canonical form, hashing,
  /// index) is measured, not the generator's.
  mutating func pooledEvent(_ index: Int) -> EventDraft {
    if pool.isEmpty {
      pool = (0..<4096).map { event($0 + 1) }
    }
    var draft = pool[index % pool.count]
    let progress = Double(index) / Double(max(events, 1))
    let day = max(0, Int(progress * Double(Self.days - 1)) - (index % 20 == 0 ? index % 60 : 0))
    draft.effective = Self.start.adding(days: day)
    return draft
  }

  private var pool: [EventDraft] = []

  /// The `index`th event after setup: mostly status changes, with revisions, measures,
  /// reassignments; effective dates advance over three years, one in twenty back-dated.
  mutating func event(_ index: Int) -> EventDraft {
    let progress = Double(index) / Double(max(events, 1))
    var day = Int(progress * Double(Self.days - 1))
    if random.next() % 20 == 0 { day = max(0, day - Int(random.next() % 60)) }
    let effective = Self.start.adding(days: day)
    let action = ActionID(Self.action(Int(random.next() % UInt64(Self.actionsCount))))
    let roll = random.next() % 100
    let event: PlanEvent
    switch roll {
    case 0..<62:
      let statuses: [Status] = [.onTrack, .atRisk, .overdue, .complete, .onTrack]
      event = .actionStatusChanged(
        ActionStatusChanged(
          action: action,
          to: statuses[Int(random.next() % 5)],
          note:
            "Update \(index): evidence reviewed at the performance clinic; next steps agreed with the lead.",
          evidence: ["https://intranet.example/evidence/\(index)"]
        )
      )
    case 62..<72:
      let due = effective.adding(days: 30 + Int(random.next() % 120))
      event = .actionDueRevised(
        ActionDueRevised(
          action: action,
          milestone: 1,
          to: Self.month(due),
          reason: "Revised after the board's challenge on capacity and recruitment."
        )
      )
    case 72..<92:
      let measure = MeasureID("M\(random.next() % 20 + 1)")
      let period = effective
      event = .measureRecorded(
        MeasureRecorded(
          measure: measure,
          period: Self.month(period),
          value: Self.decimal("\(40 + random.next() % 60).\(random.next() % 10)"),
          note: "Monthly performance report to the improvement board."
        )
      )
    default:
      event = .actionLeadReassigned(
        ActionLeadReassigned(
          action: action,
          to: [PersonID(Self.people[1 + Int(random.next() % UInt64(Self.people.count - 1))])],
          reason: "Reassigned after the restructure of the service."
        )
      )
    }
    return EventDraft(
      type: event.type.rawValue,
      stream: event.stream ?? "",
      effective: effective,
      actor: Self.actor,
      source: ["document": "synthetic-board-pack.txt", "locator": .string("item \(index)")],
      data: event.data
    )
  }
}

/// A small, fast, seeded pseudo-random generator (SplitMix64).
struct SplitMix {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
