/// Numbers for SVG coordinates and axis labels, formatted the same on every machine: fixed
/// decimals by integer rounding, no locale, no exponent, no `-0`.
public enum ChartNumber: Sendable {
  /// The value rounded half away from zero to `decimals` places, without trailing zeros:
  /// `12.5`, `3`, `0.25`.
  ///
  /// - Parameters:
  ///   - value: The value (not NaN or infinite).
  ///   - decimals: The most decimal places, 0 to 6.
  /// - Returns: The digits.
  public static func format(_ value: Double, decimals: Int = 2) -> String {
    precondition(value.isFinite, "chart numbers are finite")
    var scale = 1
    for _ in 0..<min(max(decimals, 0), 6) { scale *= 10 }
    let magnitude = min(abs(value), 1e12)
    let scaled = Int((magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero))
    guard scaled != 0 else { return "0" }
    var digits = String(scaled / scale)
    var fraction = scaled % scale
    if fraction != 0 {
      var places = ""
      var divisor = scale / 10
      while divisor > 0 {
        places.append(Character(String(fraction / divisor)))
        fraction %= divisor
        divisor /= 10
      }
      while places.last == "0" { places.removeLast() }
      digits += "." + places
    }
    return (value < 0 ? "-" : "") + digits
  }

  /// Round axis ticks covering `low…high`: steps of 1, 2 or 5 times a power of ten, about
  /// `count` of them, the first at or below `low` and the last at or above `high`.
  ///
  /// - Parameters:
  ///   - low: The smallest value to show.
  ///   - high: The largest value to show.
  ///   - count: About how many intervals.
  /// - Returns: The ticks, ascending, at least two.
  public static func ticks(from low: Double, to high: Double, count: Int = 5) -> [Double] {
    var low = low
    var high = high
    if high <= low {
      high = low + 1
      low -= 1
    }
    let rough = (high - low) / Double(max(count, 1))
    var magnitude = 1.0
    while magnitude * 10 <= rough { magnitude *= 10 }
    while magnitude > rough { magnitude /= 10 }
    let step =
      [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
    let first = (low / step).rounded(.down)
    let last = (high / step).rounded(.up)
    var ticks: [Double] = []
    var index = first
    while index <= last {
      // Multiply, never accumulate, so 0.1 steps stay exact after rounding.
      ticks.append(index * step)
      index += 1
    }
    return ticks.count >= 2 ? ticks : [first * step, (first + 1) * step]
  }
}
