/// A calendar date with no time or zone: the ledger's `effective` (valid time).
///
/// Written `YYYY-MM-DD`, years 0001–9999. Comparable, so dates sort in time order.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let dayNumber: Int

  /// Makes the date with the given day number (days since 1970-01-01).
  ///
  /// - Parameter dayNumber: Days since 1970-01-01, negative before it.
  public init(dayNumber: Int) {
    self.dayNumber = dayNumber
  }

  /// Makes a date from its parts, or `nil` when there is no such day.
  ///
  /// - Parameters:
  ///   - year: 1…9999.
  ///   - month: 1…12.
  ///   - day: 1 to the length of the month.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
    else { return nil }
    dayNumber = CivilCalendar.dayNumber(year: year, month: month, day: day)
  }

  /// Parses `YYYY-MM-DD` exactly, or returns `nil`.
  ///
  /// - Parameter text: The date as the log writes it.
  public init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let date = text.withUTF8({ CalendarDate(utf8: UnsafeRawBufferPointer($0)) }) else {
      return nil
    }
    self = date
  }

  /// Parses `YYYY-MM-DD` from UTF-8 bytes without allocating, or returns `nil`.
  ///
  /// - Parameter bytes: The date's bytes.
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = CivilCalendar.digits(bytes, at: 0, count: 4),
      let month = CivilCalendar.digits(bytes, at: 5, count: 2),
      let day = CivilCalendar.digits(bytes, at: 8, count: 2)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    CivilCalendar.civilDate(dayNumber: dayNumber)
  }

  /// The date as `YYYY-MM-DD`.
  public var description: String {
    var bytes: [UInt8] = []
    write(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `YYYY-MM-DD` to a byte buffer without making a string.
  ///
  /// - Parameter output: The buffer.
  public func write(into output: inout [UInt8]) {
    let (year, month, day) = components
    CivilCalendar.writeDigits(year, width: 4, into: &output)
    output.append(UInt8(ascii: "-"))
    CivilCalendar.writeDigits(month, width: 2, into: &output)
    output.append(UInt8(ascii: "-"))
    CivilCalendar.writeDigits(day, width: 2, into: &output)
  }

  /// The date `days` later (earlier when negative).
  ///
  /// - Parameter days: The number of days to add.
  /// - Returns: The shifted date.
  public func adding(days: Int) -> CalendarDate {
    CalendarDate(dayNumber: dayNumber + days)
  }

  /// The number of days from `other` to this date.
  ///
  /// - Parameter other: The earlier date.
  /// - Returns: Positive when this date is later.
  public func days(since other: CalendarDate) -> Int {
    dayNumber - other.dayNumber
  }

  /// Orders dates in time.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    lhs.dayNumber < rhs.dayNumber
  }
}
