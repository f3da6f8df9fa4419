import LedgerStore
import PlanLedger
import Testing

/// SplitMix64: a small, seeded, deterministic generator, so a failing property test fails
/// the same way on every run and machine.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

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

/// Draws valid changes to the small plan's actions (see ``PlanFixture``): status changes,
/// due-date revisions, reassignments, and optionally withdrawals, retractions and progress
/// notes, each on a
/// random effective date no other drawn event has, many of them before events recorded
/// earlier (back-dated).
///
/// Each change is drawn against the plan as it stood on its date, so the validator accepts
/// it: a status other than the current one, a due date other than the current one, leads
/// other than the current ones, never an action withdrawn by then.
struct RandomPlanEvents {
  var generator: SeededGenerator
  /// The earliest effective date drawn.
  let first: CalendarDate
  /// The latest effective date drawn (today).
  let last: CalendarDate
  /// Whether to draw withdrawals (at most one).
  var withdrawals: Bool
  /// Whether to draw retractions of earlier drawn events.
  var retractions: Bool
  /// Whether to draw progress notes (`action.progress_noted`).
  var progressNotes: Bool
  /// The seqs of the drawn events recorded so far, for retractions.
  var recordedSeqs: [Int] = []
  private var usedDates: Set<CalendarDate> = []
  private var retracted: Set<Int> = []
  private var withdrawn = false

  static let people = ["BP", "DS", "EM"].map(PersonID.init(rawValue:))

  init(
    seed: UInt64,
    from first: CalendarDate,
    to last: CalendarDate,
    withdrawals: Bool = false,
    retractions: Bool = false,
    progressNotes: Bool = false
  ) {
    generator = SeededGenerator(seed: seed)
    self.first = first
    self.last = last
    self.withdrawals = withdrawals
    self.retractions = retractions
    self.progressNotes = progressNotes
  }

  /// The small plan's usual draws: every kind of change, withdrawals, retractions and
  /// progress notes included, from the day after the plan starts to 30 June 2019 (which the caller sets
  /// as today).
  ///
  /// - Parameter seed: The seed.
  /// - Returns: The generator.
  static func everyKind(seed: UInt64) -> RandomPlanEvents {
    RandomPlanEvents(
      seed: seed,
      from: day("2017-11-02"),
      to: day("2019-06-30"),
      withdrawals: true,
      retractions: true,
      progressNotes: true
    )
  }

  /// Draws the next change against the plan in `book` and records it alone.
  ///
  /// - Parameter book: The plan book.
  /// - Returns: The submission recorded.
  /// - Throws: When no change can be drawn, or the book refuses it.
  mutating func recordNext(in book: PlanBook) throws -> Submission {
    let submission = try next(in: book)
    guard let seq = try book.record([submission]).seqs.first else {
      throw GeneratorError.cannotDraw
    }
    if case .eventRetracted = submission.event {} else { recordedSeqs.append(seq) }
    return submission
  }

  /// A random date between `first` and `last` that no earlier draw used.
  mutating func freshDate() -> CalendarDate {
    while true {
      let date = first.adding(days: Int.random(in: 0...last.days(since: first), using: &generator))
      if usedDates.insert(date).inserted { return date }
    }
  }

  /// A random date between `first` and `last`.
  mutating func anyDate() -> CalendarDate {
    first.adding(days: Int.random(in: 0...last.days(since: first), using: &generator))
  }

  /// The next change to record, drawn against the plan in `book`.
  mutating func next(in book: PlanBook) throws -> Submission {
    let date = freshDate()
    let state = try book.view(TimeSlice(asOf: date)).state
    let live = state.actions.values.filter { !$0.withdrawn.value }.sorted { $0.number < $1.number }
    let roll = Int.random(in: 0..<100, using: &generator)
    if retractions, roll < 12 {
      let candidates = recordedSeqs.filter { !retracted.contains($0) }
      if let seq = candidates.randomElement(using: &generator) {
        retracted.insert(seq)
        return Submission(.retract(seq), actor: PersonID("PS"), effective: date)
      }
    }
    guard let action = live.randomElement(using: &generator) else {
      throw GeneratorError.cannotDraw
    }
    let number = action.number.rawValue
    if withdrawals, !withdrawn, live.count > 2, roll >= 12, roll < 15 {
      withdrawn = true
      return Submission(.withdraw(number), actor: PersonID("PS"), effective: date)
    }
    let dated = action.milestones.indices.filter { action.milestones[$0].due != nil }
    if roll >= 15, roll < 45, let index = dated.randomElement(using: &generator) {
      let current = action.milestones[index].due
      var drawn: DueDate?
      while drawn == nil || drawn == current {
        let month = Int.random(in: 0..<26, using: &generator) + 11
        let day = Bool.random(using: &generator) ? nil : Int.random(in: 1...28, using: &generator)
        drawn = DueDate(year: 2017 + (month - 1) / 12, month: (month - 1) % 12 + 1, day: day)
      }
      guard let to = drawn else { throw GeneratorError.cannotDraw }
      return Submission(
        .actionDueRevised(
          ActionDueRevised(action: action.number, milestone: index + 1, to: to, reason: "drawn")
        ),
        actor: PersonID("PS"),
        effective: date
      )
    }
    if roll >= 45, roll < 65 {
      var leads: [PersonID]
      repeat {
        leads = Self.people.filter { _ in Bool.random(using: &generator) }
      } while leads.isEmpty || leads == action.leads.value
      return Submission(
        .actionLeadReassigned(
          ActionLeadReassigned(action: action.number, to: leads, reason: "drawn")
        ),
        actor: PersonID("PS"),
        effective: date
      )
    }
    if progressNotes, roll >= 65, roll < 75 {
      return Submission(
        .actionProgressNoted(ActionProgressNoted(action: action.number, note: "noted \(date)")),
        actor: PersonID("PS"),
        effective: date
      )
    }
    let statuses = Status.allCases.filter { $0 != action.status.value }
    let status = statuses[Int.random(in: 0..<statuses.count, using: &generator)]
    return Submission(.status(number, status), actor: PersonID("PS"), effective: date)
  }

  enum GeneratorError: Error {
    case cannotDraw
  }
}
