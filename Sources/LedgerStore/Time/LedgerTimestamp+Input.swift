extension LedgerTimestamp {
  /// Reads a time a person gives, such as an "as known at" bound: any RFC 3339 date-time,
  /// or a date meaning the end of that day.
  ///
  /// Accepts RFC 3339 §5.6 `date-time` in full: `T` or `t` between date and time, a
  /// fraction of any number of digits, and `Z`, `z` or a numeric offset `±HH:MM`, which is
  /// taken away to give UTC (`2018-06-14T18:00:00+01:00` is `2018-06-14T17:00:00.000Z`). A
  /// bare date `YYYY-MM-DD` means the end of that day, as ``init(_:)`` reads it.
  ///
  /// The result is the latest millisecond not after the time given: digits past the
  /// millisecond are dropped, rounding toward the past. That is exact for an upper bound
  /// such as "recorded by T": `recorded` is a whole millisecond, so `recorded ≤
  /// 10:00:00.1239` holds exactly when `recorded ≤ 10:00:00.123`; an event recorded at
  /// `.123` is included and one at `.124` is not. (A lower bound would have to round up.) A
  /// leap second, `23:59:60`, falls after the last millisecond of its minute and before the
  /// next minute, so it reads as `23:59:59.999`; no table of leap seconds is consulted.
  ///
  /// The log's own `recorded` is read by the stricter ``init(utf8:)``; this is for input
  /// only.
  ///
  /// A function, not an initializer, so that `LedgerTimestamp.init` stays unambiguous where
  /// stored text is read with it.
  ///
  /// - Parameter text: The time or date.
  /// - Returns: The instant, or `nil` when the text is neither.
  package static func latest(notAfter text: some StringProtocol) -> LedgerTimestamp? {
    var text = String(text)
    return text.withUTF8 { LedgerTimestamp(latestNotAfterUTF8: UnsafeRawBufferPointer($0)) }
  }

  private init?(latestNotAfterUTF8 bytes: UnsafeRawBufferPointer) {
    if bytes.count == 10 {
      guard let endOfDay = LedgerTimestamp(utf8: bytes) else { return nil }
      self = endOfDay
      return
    }
    guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let date = CalendarDate(utf8: UnsafeRawBufferPointer(rebasing: bytes[0..<10])),
      let hour = CivilCalendar.digits(bytes, at: 11, count: 2), hour < 24,
      let minute = CivilCalendar.digits(bytes, at: 14, count: 2), minute < 60,
      let second = CivilCalendar.digits(bytes, at: 17, count: 2), second <= 60
    else { return nil }
    var index = 19
    var milliseconds = 0
    if bytes[index] == UInt8(ascii: ".") {
      let start = index + 1
      index = start
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
        bytes[index] <= UInt8(ascii: "9")
      {
        index += 1
      }
      let kept = min(index - start, 3)
      guard kept > 0, let fraction = CivilCalendar.digits(bytes, at: start, count: kept) else {
        return nil
      }
      milliseconds = fraction * [100, 10, 1][kept - 1]
    }
    guard let offsetMinutes = Self.offsetMinutes(bytes, at: index) else { return nil }
    if second == 60 { milliseconds = 999 }
    let local =
      date.dayNumber * 86_400_000 + ((hour * 60 + minute) * 60 + min(second, 59)) * 1000
      + milliseconds
    millisecondsSinceEpoch = local - offsetMinutes * 60_000
  }

  /// The minutes east of UTC of an RFC 3339 `time-offset` that ends the bytes: `Z` or `z`
  /// for 0, or `+HH:MM` / `-HH:MM`; `nil` for anything else.
  private static func offsetMinutes(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      return index + 1 == bytes.count ? 0 : nil
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
        let hours = CivilCalendar.digits(bytes, at: index + 1, count: 2), hours < 24,
        let minutes = CivilCalendar.digits(bytes, at: index + 4, count: 2), minutes < 60
      else { return nil }
      let east = hours * 60 + minutes
      return bytes[index] == UInt8(ascii: "-") ? -east : east
    default:
      return nil
    }
  }
}
