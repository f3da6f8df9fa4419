public import LedgerStore
public import PlanLedger

/// The narrative's way with dates, counts and lists: fixed English, no locale, so output
/// never depends on the machine.
public enum NarrativeWords: Sendable {
  /// A date in words: `1 November 2017`.
  ///
  /// - Parameter date: The date.
  /// - Returns: The words.
  public static func date(_ date: CalendarDate) -> String {
    let (year, month, day) = date.components
    return "\(day) \(MonthNames.long[month - 1]) \(year)"
  }

  /// A due date in words: `November 2017`, or `15 November 2017` when it has a day.
  ///
  /// - Parameter due: The due date.
  /// - Returns: The words.
  public static func due(_ due: DueDate) -> String {
    (due.day.map { "\($0) " } ?? "") + "\(MonthNames.long[due.month - 1]) \(due.year)"
  }

  /// A short month: `Nov 2017`.
  ///
  /// - Parameter month: The month.
  /// - Returns: The words.
  public static func shortMonth(_ month: DueDate) -> String {
    "\(MonthNames.short[month.month - 1]) \(month.year)"
  }

  /// A count with its noun: `1 action`, `3 actions`.
  ///
  /// - Parameters:
  ///   - count: The number.
  ///   - singular: The noun for one.
  ///   - plural: The noun for others (`singular` + `s` when `nil`).
  /// - Returns: The words.
  public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    Counted.phrase(count, singular, plural)
  }

  /// Items joined as English writes them: `a`, `a and b`, `a, b and c`.
  ///
  /// - Parameter items: The items.
  /// - Returns: The words.
  public static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
  }

  /// Status counts in report order: `0 complete, 2 on track, 1 at risk, 0 overdue, 3 not rated`.
  ///
  /// - Parameter summary: The counts.
  /// - Returns: The words.
  public static func statusCounts(_ summary: PlanView.Summary) -> String {
    Status.allCases.sorted().map { "\(summary.count($0)) \($0.words.lowercased())" }
      .joined(separator: ", ")
  }

  /// A change in a count: `no change`, `up 3`, `down 2`.
  ///
  /// - Parameters:
  ///   - before: The count at the start.
  ///   - after: The count at the end.
  /// - Returns: The words.
  public static func change(from before: Int, to after: Int) -> String {
    after == before
      ? "no change" : after > before ? "up \(after - before)" : "down \(before - after)"
  }

  /// A value with its unit: `78.5%`, `210`, `12 days`.
  ///
  /// - Parameters:
  ///   - value: The value, as recorded.
  ///   - unit: The measure's unit.
  /// - Returns: The words.
  public static func value(_ value: String, unit: String) -> String {
    switch unit {
    case "%": value + "%"
    case "", "count", "number": value
    default: value + " " + unit
    }
  }

  /// Action numbers in order, joined: `1.1, 1.2 and 7.3`.
  ///
  /// - Parameter actions: The actions.
  /// - Returns: The words.
  public static func actions(_ actions: [ActionID]) -> String {
    list(actions.sorted().map(\.rawValue))
  }

  /// Days in words: `1 day`, `91 days`.
  ///
  /// - Parameter days: The number of days.
  /// - Returns: The words.
  public static func days(_ days: Int) -> String {
    count(days, "day")
  }
}
