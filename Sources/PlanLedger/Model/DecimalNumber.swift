/// A decimal quantity as the log stores it: a string such as `"14.2"` or `"-3"`.
///
/// Kept exactly as written (so canonical bytes are the same in every language), compared
/// and subtracted exactly on its digits, whatever its size.
public struct DecimalNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The text as recorded.
  public let text: String

  /// Parses `-?digits(.digits)?` (at most 40 characters), or returns `nil`.
  ///
  /// - Parameter text: The decimal as written.
  public init?(_ text: String) {
    var body = Substring(text)
    if body.first == "-" { body = body.dropFirst() }
    let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(pieces.count), text.count <= 40,
      pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    self.text = text
  }

  /// The value as a `Double`, for charts.
  public var doubleValue: Double {
    Double(text) ?? 0
  }

  /// The text as recorded.
  public var description: String { text }

  private var fractionDigits: Int {
    guard let point = text.firstIndex(of: ".") else { return 0 }
    return text.distance(from: point, to: text.endIndex) - 1
  }

  /// `self - other`, exactly, written with the larger of the two scales.
  public func minus(_ other: DecimalNumber) -> DecimalNumber {
    var right = other.rawParts
    right.negative.toggle()
    let scale = max(fractionDigits, other.fractionDigits)
    let sum = Self.add(rawParts, right, scale: scale)
    return DecimalNumber(sum) ?? self
  }

  /// The sign and digits as written (the fraction keeps its trailing zeros).
  private var rawParts: (negative: Bool, integer: String, fraction: String) {
    var body = Substring(text)
    var negative = false
    if body.first == "-" {
      negative = true
      body = body.dropFirst()
    }
    let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
    return (negative, String(pieces.first ?? ""), pieces.count > 1 ? String(pieces[1]) : "")
  }

  /// Adds two signed decimals given as digit strings, in schoolbook arithmetic (any size).
  private static func add(
    _ a: (negative: Bool, integer: String, fraction: String),
    _ b: (negative: Bool, integer: String, fraction: String),
    scale: Int
  ) -> String {
    func digits(_ part: (negative: Bool, integer: String, fraction: String)) -> [Int] {
      let padding = String(repeating: "0", count: max(0, scale - part.fraction.count))
      return (part.integer + part.fraction + padding).compactMap(\.wholeNumberValue)
    }
    var x = digits(a)
    var y = digits(b)
    let width = max(x.count, y.count) + 1
    x = Array(repeating: 0, count: width - x.count) + x
    y = Array(repeating: 0, count: width - y.count) + y
    var negative = a.negative
    var result = Array(repeating: 0, count: width)
    if a.negative == b.negative {
      var carry = 0
      for index in stride(from: width - 1, through: 0, by: -1) {
        let total = x[index] + y[index] + carry
        result[index] = total % 10
        carry = total / 10
      }
    } else {
      if x.lexicographicallyPrecedes(y) {
        swap(&x, &y)
        negative = b.negative
      }
      var borrow = 0
      for index in stride(from: width - 1, through: 0, by: -1) {
        var digit = x[index] - y[index] - borrow
        borrow = digit < 0 ? 1 : 0
        if digit < 0 { digit += 10 }
        result[index] = digit
      }
    }
    var integer = result.dropLast(scale).map(String.init).joined()
    while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
    let fraction = result.suffix(scale).map(String.init).joined()
    let isZero = !(integer + fraction).contains { $0 != "0" }
    return (negative && !isZero ? "-" : "") + integer + (scale > 0 ? "." + fraction : "")
  }

  /// Compares values exactly without arithmetic: sign, then integer digits, then fraction.
  private static func compare(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
    let left = lhs.parts
    let right = rhs.parts
    if left.negative != right.negative { return left.negative ? -1 : 1 }
    var result: Int
    if left.integer.count != right.integer.count {
      result = left.integer.count < right.integer.count ? -1 : 1
    } else if left.integer != right.integer {
      result = left.integer.lexicographicallyPrecedes(right.integer) ? -1 : 1
    } else {
      let width = max(left.fraction.count, right.fraction.count)
      let a = left.fraction + String(repeating: "0", count: width - left.fraction.count)
      let b = right.fraction + String(repeating: "0", count: width - right.fraction.count)
      result = a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
    }
    return left.negative ? -result : result
  }

  /// The sign, the integer digits without leading zeros and the fraction digits without
  /// trailing zeros; zero is not negative.
  private var parts: (negative: Bool, integer: String, fraction: String) {
    var (negative, integer, fraction) = rawParts
    while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    if integer == "0" && fraction.isEmpty { negative = false }
    return (negative, integer, fraction)
  }

  /// Orders by value.
  public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// Equal in value (`14.0` equals `14`).
  public static func == (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
    compare(lhs, rhs) == 0
  }

  /// Hashes the value, consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    let parts = self.parts
    hasher.combine(parts.negative)
    hasher.combine(parts.integer)
    hasher.combine(parts.fraction)
  }
}
