public import LedgerStore

/// A due date at month or day precision: `2017-12` or `2017-12-15`.
///
/// A month-precision date falls due at the end of its month, so "Dec 17" is overdue from
/// 1 January 2018; slips are counted between those ends.
public struct DueDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The year.
  public let year: Int
  /// The month, 1–12.
  public let month: Int
  /// The day, or `nil` for month precision.
  public let day: Int?

  /// Makes a due date, or `nil` when there is no such date.
  ///
  /// - Parameters:
  ///   - year: The year.
  ///   - month: The month, 1–12.
  ///   - day: The day, or `nil` for the whole month.
  public init?(year: Int, month: Int, day: Int? = nil) {
    guard CalendarDate(year: year, month: month, day: day ?? 1) != nil else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM` or `YYYY-MM-DD`.
  ///
  /// - Parameter text: The date as stored.
  public init?(_ text: String) {
    if let date = CalendarDate(text) {
      let (year, month, day) = date.components
      self.init(year: year, month: month, day: day)
    } else if text.count == 7, let date = CalendarDate(text + "-01") {
      let (year, month, _) = date.components
      self.init(year: year, month: month)
    } else {
      return nil
    }
  }

  /// The date it falls due: the day itself, or the last day of the month.
  public var deadline: CalendarDate {
    let lastDay = day ?? CivilDays.daysInMonth(year: year, month: month)
    return CalendarDate(year: year, month: month, day: lastDay) ?? CalendarDate(dayNumber: 0)
  }

  /// The date as stored: `2017-12` or `2017-12-15`.
  public var description: String {
    let month = (self.month < 10 ? "0" : "") + String(self.month)
    guard let day else { return "\(year)-\(month)" }
    return "\(year)-\(month)-" + (day < 10 ? "0" : "") + String(day)
  }

  /// The date as councils write it: `Dec 17`, or `15 Dec 17`.
  public var words: String {
    let name = MonthNames.short[month - 1]
    let yy = (year % 100 < 10 ? "0" : "") + String(year % 100)
    return (day.map { "\($0) " } ?? "") + "\(name) \(yy)"
  }

  /// Orders due dates by when they fall due; at the same deadline, a whole month comes
  /// before the day written out (so the order agrees with `==`).
  public static func < (lhs: DueDate, rhs: DueDate) -> Bool {
    (lhs.deadline, lhs.day == nil ? 0 : 1) < (rhs.deadline, rhs.day == nil ? 0 : 1)
  }
}

/// Month names as councils write them.
package enum MonthNames {
  package static let short = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  package static let long = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// The month number (1–12) of a name or abbreviation, or `nil`.
  package static func number(_ word: String) -> Int? {
    let lower = word.lowercased()
    if let index = long.firstIndex(where: { $0.lowercased() == lower }) { return index + 1 }
    if lower == "sept" { return 9 }
    if let index = short.firstIndex(where: { $0.lowercased() == lower }) { return index + 1 }
    return nil
  }
}

/// Days in a month, for month-precision dates.
package enum CivilDays {
  package static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2:
      return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11:
      return 30
    default:
      return 31
    }
  }
}
