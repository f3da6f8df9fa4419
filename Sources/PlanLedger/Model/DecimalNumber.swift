/// A decimal quantity as the log stores it: a string such as `"14.2"` or `"-3"`.
///
/// Kept exactly as written (so canonical bytes are the same in every language) with an
/// exact integer mantissa and scale for comparing and subtracting.
public struct DecimalNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The text as recorded.
  public let text: String
  /// The value times 10^scale.
  let mantissa: Int
  /// The number of digits after the point.
  let scale: Int

  /// Parses `-?digits(.digits)?`, or returns `nil`.
  ///
  /// - Parameter text: The decimal as written.
  public init?(_ text: String) {
    var body = Substring(text)
    let negative = body.first == "-"
    if negative { body = body.dropFirst() }
    let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(pieces.count), !pieces[0].isEmpty,
      pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      body.count <= 18
    else { return nil }
    let digits = pieces.joined()
    guard let value = Int(digits) else { return nil }
    self.text = text
    mantissa = negative ? -value : value
    scale = pieces.count == 2 ? pieces[1].count : 0
  }

  /// The value as a `Double`, for charts.
  public var doubleValue: Double {
    Double(mantissa) / pow10(scale)
  }

  /// The text as recorded.
  public var description: String { text }

  /// `self - other`, written with the larger of the two scales.
  public func minus(_ other: DecimalNumber) -> DecimalNumber {
    let scale = max(self.scale, other.scale)
    let difference = rescaled(to: scale) - other.rescaled(to: scale)
    return DecimalNumber(mantissa: difference, scale: scale)
  }

  init(mantissa: Int, scale: Int) {
    self.mantissa = mantissa
    self.scale = scale
    var digits = String(abs(mantissa))
    if scale > 0 {
      while digits.count <= scale { digits = "0" + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
    }
    text = (mantissa < 0 ? "-" : "") + digits
  }

  private func rescaled(to scale: Int) -> Int {
    var value = mantissa
    for _ in self.scale..<scale { value *= 10 }
    return value
  }

  private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  /// Orders by value.
  public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
    let scale = max(lhs.scale, rhs.scale)
    return lhs.rescaled(to: scale) < rhs.rescaled(to: scale)
  }

  /// Equal in value (`14.0` equals `14`).
  public static func == (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
    !(lhs < rhs) && !(rhs < lhs)
  }

  /// Hashes the value, consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    var mantissa = self.mantissa
    var scale = self.scale
    while scale > 0 && mantissa % 10 == 0 {
      mantissa /= 10
      scale -= 1
    }
    hasher.combine(mantissa)
    hasher.combine(scale)
  }
}
