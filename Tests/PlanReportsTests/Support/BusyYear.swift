import LedgerStore
import PlanLedger
import Testing

/// The scripted year, then a busy programme office's backlog: many due-date revisions and
/// changes of lead, recorded in December and back-dated across the year in an order unlike
/// valid time, so a narrative must sort them to count them.
///
/// Every revision moves its milestone to a date no other revision uses, and every change of
/// lead names officers no other change names, so none is refused as unchanged whatever its
/// place in valid time. One revision in three is to a whole month, the rest to a day; 7.2's
/// revisions alternate between its two milestones; one change of lead in seven names two
/// officers.
enum BusyYear {
  /// The number of revisions, and of changes of lead, in the backlog.
  static let changes = 150

  /// The actions the backlog changes, in turn.
  static let actions = ["1.2", "7.1", "7.2", "7.3"]

  /// The effective date of the `index`th revision and change of lead: one of 23 days of
  /// 2018 a fortnight apart, from 3 January, stepping five at a time around them, so that
  /// seq order is not valid-time order and several changes share a day. (Few days, because
  /// the plan book checks a back-dated change against the plan on its day, folded once
  /// per day.)
  static func effective(_ index: Int) -> CalendarDate {
    day("2018-01-03").adding(days: (index * 5) % 23 * 15)
  }

  /// Records the scripted year, then the backlog, with the clock on 16 December 2018.
  ///
  /// - Parameter fixture: An empty ledger starting on 2 January 2018.
  /// - Throws: A refusal or an I/O error from the plan book.
  static func record(into fixture: ReportFixture) throws {
    try ScriptedYear.record(into: fixture)
    fixture.clock.set(day("2018-12-16"))
    let officers = (1...2 * changes).map { "O\($0)" }
    _ = try fixture.book.record(
      officers.map {
        Submission(
          .person($0, "Officer \($0)"),
          actor: PersonID("PS"),
          effective: day("2018-01-02")
        )
      }
    )
    var backlog: [Submission] = []
    for index in 0..<changes {
      let action = actions[index % actions.count]
      let to =
        index % 3 == 0
        ? DueDate(year: 2020 + index / 12, month: index % 12 + 1)
        : dueDate(day("2019-01-01").adding(days: index))
      let revision = ActionDueRevised(
        action: ActionID(action),
        milestone: action == "7.2" && index % 8 >= 4 ? 2 : 1,
        to: try #require(to),
        reason: "Backlog revision \(index)"
      )
      let leads =
        index % 7 == 0 ? [officers[2 * index], officers[2 * index + 1]] : [officers[2 * index]]
      for event in [
        PlanEvent.actionDueRevised(revision),
        .reassign(action, to: leads, reason: "Backlog change of lead \(index)"),
      ] {
        backlog.append(Submission(event, actor: PersonID("PS"), effective: effective(index)))
      }
    }
    for start in stride(from: 0, to: backlog.count, by: 100) {
      _ = try fixture.book.record(Array(backlog[start..<min(start + 100, backlog.count)]))
    }
  }

  /// The due date of a day.
  static func dueDate(_ date: CalendarDate) -> DueDate? {
    let (year, month, day) = date.components
    return DueDate(year: year, month: month, day: day)
  }
}
