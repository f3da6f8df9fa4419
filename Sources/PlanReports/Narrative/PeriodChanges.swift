import LedgerStore
import PlanLedger

/// What a narrative needs of the records that took effect in its period, gathered as a pass
/// goes by and kept small.
///
/// The plan at both ends comes from the fold; beyond it, the narrative tells every due-date
/// revision and reassignment of the period (counted, and listed up to a limit), the first
/// Overdue rating of each action, and which decisions the period's changes name as their
/// authority. Of a revision or a reassignment only what counting it takes is kept (its
/// stamp, action, milestone and new date or leads, and its authority); the few the
/// narrative lists are read again whole by seq. So a long period costs a few dozen bytes
/// per change, not its records.
struct PeriodChanges {
  /// A due-date revision, as much of it as counting it takes.
  struct Revision {
    let stamp: Stamp
    let action: ActionID
    let milestone: Int
    let to: DueDate
  }

  /// A change of lead, as much of it as counting it takes.
  struct Reassignment {
    let stamp: Stamp
    let action: ActionID
    let to: [PersonID]
  }

  /// The period.
  let period: NarrativePeriod
  /// For each action rated Overdue in the period, the stamp of its first such rating.
  private(set) var overdueRatings: [ActionID: Stamp] = [:]
  /// The due-date revisions, in valid-time order once ``finish()`` has run.
  private(set) var revisions: [Revision] = []
  /// The reassignments, in valid-time order once ``finish()`` has run.
  private(set) var reassignments: [Reassignment] = []
  /// The seqs each action's changes in the period name as their authority.
  private(set) var authorities: [ActionID: Set<Int>] = [:]

  /// Starts gathering for a period.
  ///
  /// - Parameter period: The period.
  init(_ period: NarrativePeriod) {
    self.period = period
  }

  /// Takes what the narrative needs from one record (whole when in the period).
  mutating func note(_ record: PlanRecord) {
    guard period.contains(record.effective) else { return }
    if let action = record.event.action, let authority = record.authoritySeq {
      authorities[action, default: []].insert(authority)
    }
    let stamp = Stamp(effective: record.effective, seq: record.seq)
    switch record.event {
    case .actionStatusChanged(let change) where change.to == .overdue:
      if overdueRatings[change.action].map({ stamp < $0 }) ?? true {
        overdueRatings[change.action] = stamp
      }
    case .actionDueRevised(let revision):
      revisions.append(
        Revision(
          stamp: stamp,
          action: revision.action,
          milestone: revision.milestone,
          to: revision.to
        )
      )
    case .actionLeadReassigned(let change):
      reassignments.append(Reassignment(stamp: stamp, action: change.action, to: change.to))
    default:
      break
    }
  }

  /// Puts the kept changes in valid-time order.
  mutating func finish() {
    revisions.sort { $0.stamp < $1.stamp }
    reassignments.sort { $0.stamp < $1.stamp }
  }
}
