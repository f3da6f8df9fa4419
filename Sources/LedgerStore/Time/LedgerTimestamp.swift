/// A UTC instant at millisecond precision: the ledger's `recorded` (transaction time).
///
/// Written in RFC 3339 with a fixed width, `2018-03-02T10:00:00.000Z`, so timestamps
/// sort the same as text and as instants.
public struct LedgerTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public let millisecondsSinceEpoch: Int

  /// Makes the instant the given number of milliseconds after the epoch.
  ///
  /// - Parameter millisecondsSinceEpoch: Milliseconds since 1970-01-01T00:00:00Z.
  public init(millisecondsSinceEpoch: Int) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// The first instant of a calendar date.
  ///
  /// - Parameter date: The date, in UTC.
  public init(startOf date: CalendarDate) {
    millisecondsSinceEpoch = date.dayNumber * 86_400_000
  }

  /// Parses an RFC 3339 UTC timestamp.
  ///
  /// Accepts `YYYY-MM-DDTHH:MM:SSZ` and a fraction of 1–3 digits before the `Z`, and a
  /// bare date `YYYY-MM-DD`, which means the end of that day (the last millisecond), so
  /// "as known at 2018-03-14" includes everything recorded that day.
  ///
  /// - Parameter text: The timestamp.
  public init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let timestamp = text.withUTF8({ LedgerTimestamp(utf8: UnsafeRawBufferPointer($0)) })
    else { return nil }
    self = timestamp
  }

  /// Parses as ``init(_:)`` does, from UTF-8 bytes, without allocating.
  ///
  /// - Parameter bytes: The timestamp's bytes.
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    if bytes.count == 10, let date = CalendarDate(utf8: bytes) {
      millisecondsSinceEpoch = (date.dayNumber + 1) * 86_400_000 - 1
      return
    }
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let date = CalendarDate(utf8: UnsafeRawBufferPointer(rebasing: bytes[0..<10])),
      let hour = CivilCalendar.digits(bytes, at: 11, count: 2), hour < 24,
      let minute = CivilCalendar.digits(bytes, at: 14, count: 2), minute < 60,
      let second = CivilCalendar.digits(bytes, at: 17, count: 2), second < 60
    else { return nil }
    var milliseconds = 0
    if bytes.count > 20 {
      let fractionDigits = bytes.count - 21
      guard bytes[19] == UInt8(ascii: "."), (1...3).contains(fractionDigits),
        let fraction = CivilCalendar.digits(bytes, at: 20, count: fractionDigits)
      else { return nil }
      milliseconds = fraction * [100, 10, 1][fractionDigits - 1]
    }
    millisecondsSinceEpoch =
      date.dayNumber * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milliseconds
  }

  /// The UTC calendar date of the instant.
  public var date: CalendarDate {
    CalendarDate(dayNumber: millisecondsSinceEpoch.floorDivided(by: 86_400_000))
  }

  /// The timestamp as `YYYY-MM-DDTHH:MM:SS.sssZ`.
  public var description: String {
    var bytes: [UInt8] = []
    write(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `YYYY-MM-DDTHH:MM:SS.sssZ` to a byte buffer without making a string.
  ///
  /// - Parameter output: The buffer.
  public func write(into output: inout [UInt8]) {
    let date = date
    let milliseconds = millisecondsSinceEpoch - date.dayNumber * 86_400_000
    let seconds = milliseconds / 1000
    date.write(into: &output)
    output.append(UInt8(ascii: "T"))
    CivilCalendar.writeDigits(seconds / 3600, width: 2, into: &output)
    output.append(UInt8(ascii: ":"))
    CivilCalendar.writeDigits(seconds / 60 % 60, width: 2, into: &output)
    output.append(UInt8(ascii: ":"))
    CivilCalendar.writeDigits(seconds % 60, width: 2, into: &output)
    output.append(UInt8(ascii: "."))
    CivilCalendar.writeDigits(milliseconds % 1000, width: 3, into: &output)
    output.append(UInt8(ascii: "Z"))
  }

  /// Orders instants in time.
  public static func < (lhs: LedgerTimestamp, rhs: LedgerTimestamp) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }
}

extension Int {
  /// Division rounding towards negative infinity.
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}

/// Where the ledger gets the time to stamp `recorded` with.
///
/// Libraries never read the clock themselves: the command line passes the system
/// clock in, tests pass a fixed or stepping one.
public protocol LedgerClock: Sendable {
  /// The current instant.
  func now() -> LedgerTimestamp
}
