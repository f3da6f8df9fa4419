/// Proleptic Gregorian calendar arithmetic on day numbers, without Foundation.
///
/// Day 0 is 1970-01-01. The algorithms are Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every date the ledger accepts (years 1…9999).
enum CivilCalendar {
  /// The day number of a calendar date.
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The calendar date of a day number.
  static func civilDate(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// The number of days in a month.
  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11:
      return 30
    default:
      return 31
    }
  }

  /// Reads exactly `count` ASCII digits starting at `index`, or `nil`.
  static func digits(_ bytes: UnsafeRawBufferPointer, at index: Int, count: Int) -> Int? {
    guard index >= 0, index + count <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[index..<(index + count)] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// Appends `value` in decimal, zero-padded on the left to at least `width` characters
  /// (a value that needs more digits is written whole).
  static func writeDigits(_ value: Int, width: Int, into output: inout [UInt8]) {
    var length = value < 0 ? 2 : 1
    var rest = value.magnitude
    while rest >= 10 {
      length += 1
      rest /= 10
    }
    output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - length)))
    CanonicalPieces.decimal(value, into: &output)
  }
}
