import LedgerStore
import PlanLedger

/// What a narrative needs of the records that took effect in its period, gathered as a pass
/// goes by and kept small.
///
/// The plan at both ends comes from the fold; beyond it, the narrative tells every due-date
/// revision and reassignment of the period (with their reasons and authority), the first
/// Overdue rating of each action, and which decisions the period's changes name as their
/// authority. Everything else a record carries (notes, evidence, sources) is dropped as the
/// pass goes, so a long period costs its revisions and reassignments, not its records.
struct PeriodChanges {
  /// The day before the period.
  let start: CalendarDate
  /// The last day of the period.
  let end: CalendarDate
  /// For each action rated Overdue in the period, the stamp of its first such rating.
  private(set) var overdueRatings: [ActionID: Stamp] = [:]
  /// The due-date revisions, without their source, in valid-time order once
  /// ``finish()`` has run.
  private(set) var revisions: [PlanRecord] = []
  /// The reassignments, without their source, in valid-time order once ``finish()`` has run.
  private(set) var reassignments: [PlanRecord] = []
  /// The seqs each action's changes in the period name as their authority.
  private(set) var authorities: [ActionID: Set<Int>] = [:]

  /// Starts gathering for a period.
  ///
  /// - Parameters:
  ///   - start: The day before the period.
  ///   - end: The last day of the period.
  init(after start: CalendarDate, through end: CalendarDate) {
    self.start = start
    self.end = end
  }

  /// Whether a record of this effective date took effect in the period (and so is wanted
  /// whole).
  func contains(_ effective: CalendarDate) -> Bool {
    effective > start && effective <= end
  }

  /// Takes what the narrative needs from one record (whole when in the period).
  mutating func note(_ record: PlanRecord) {
    guard contains(record.effective) else { return }
    if let action = record.event.action, let authority = record.authoritySeq {
      authorities[action, default: []].insert(authority)
    }
    switch record.event {
    case .actionStatusChanged(let change) where change.to == .overdue:
      let stamp = Stamp(effective: record.effective, seq: record.seq)
      if overdueRatings[change.action].map({ stamp < $0 }) ?? true {
        overdueRatings[change.action] = stamp
      }
    case .actionDueRevised:
      revisions.append(Self.withoutSource(record))
    case .actionLeadReassigned:
      reassignments.append(Self.withoutSource(record))
    default:
      break
    }
  }

  /// Puts the kept records in valid-time order.
  mutating func finish() {
    revisions.sort { $0.precedesInValidTime($1) }
    reassignments.sort { $0.precedesInValidTime($1) }
  }

  /// A record without what the narrative never reads of a change it tells: its source and
  /// client id.
  private static func withoutSource(_ record: PlanRecord) -> PlanRecord {
    PlanRecord(
      seq: record.seq,
      recorded: record.recorded,
      effective: record.effective,
      actor: record.actor,
      stream: record.stream,
      authority: record.authority,
      event: record.event
    )
  }
}
