/// The number of an action in the plan, such as `7.3`.
///
/// Encodes as a bare JSON string, so an event reads `"action":"7.3"`.
public struct ActionID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The number exactly as the plan writes it.
  public let rawValue: String

  /// Wraps a number exactly as the plan writes it.
  ///
  /// - Parameter rawValue: The action number, such as `7.3`.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// Wraps a number exactly as the plan writes it.
  ///
  /// - Parameter rawValue: The action number, such as `7.3`.
  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// The number.
  public var description: String { rawValue }

  /// The priority part of the number: `7` for `7.3`.
  public var priorityPart: String {
    String(rawValue.prefix { $0 != "." })
  }

  /// Orders numbers as the plan does: `7.3` before `7.13`, `9.1` before `10.1`.
  public static func < (lhs: ActionID, rhs: ActionID) -> Bool {
    NumberOrder.precedes(lhs.rawValue, rhs.rawValue)
  }
}

/// The identifier of a registered person: the initials the plan uses, such as `PS`.
public struct PersonID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The identifier as written.
  public let rawValue: String

  /// Wraps an identifier.
  ///
  /// - Parameter rawValue: The initials or other identifier.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// Wraps an identifier.
  ///
  /// - Parameter rawValue: The initials or other identifier.
  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// The identifier.
  public var description: String { rawValue }

  /// Orders identifiers alphabetically.
  public static func < (lhs: PersonID, rhs: PersonID) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// The number of a priority, such as `7`.
public struct PriorityNumber: RawRepresentable, Hashable, Comparable, Sendable,
  CustomStringConvertible
{
  /// The number as written.
  public let rawValue: String

  /// Wraps a number.
  ///
  /// - Parameter rawValue: The priority number.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// Wraps a number.
  ///
  /// - Parameter rawValue: The priority number.
  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// The number.
  public var description: String { rawValue }

  /// Orders numbers numerically.
  public static func < (lhs: PriorityNumber, rhs: PriorityNumber) -> Bool {
    NumberOrder.precedes(lhs.rawValue, rhs.rawValue)
  }
}

/// The identifier of a measure, such as `M7.6`.
public struct MeasureID: RawRepresentable, Hashable, Comparable, Sendable,
  CustomStringConvertible
{
  /// The identifier as written.
  public let rawValue: String

  /// Wraps an identifier.
  ///
  /// - Parameter rawValue: The measure identifier.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// Wraps an identifier.
  ///
  /// - Parameter rawValue: The measure identifier.
  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// The identifier.
  public var description: String { rawValue }

  /// Orders identifiers with their numbers in numeric order.
  public static func < (lhs: MeasureID, rhs: MeasureID) -> Bool {
    NumberOrder.precedes(lhs.rawValue, rhs.rawValue)
  }
}

/// Orders dotted numbers and identifiers with embedded numbers as people expect:
/// `7.3` < `7.13` < `10.1`, `M2.10` after `M2.9`.
package enum NumberOrder {
  package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    let left = parts(lhs)
    let right = parts(rhs)
    for (a, b) in zip(left, right) where a != b {
      switch (a, b) {
      case (.number(let x), .number(let y)): return x < y
      case (.text(let x), .text(let y)): return x < y
      case (.number, .text): return true
      case (.text, .number): return false
      }
    }
    return left.count < right.count
  }

  private enum Part: Equatable {
    case number(Int)
    case text(String)
  }

  private static func parts(_ text: String) -> [Part] {
    var result: [Part] = []
    var digits = ""
    var letters = ""
    for character in text {
      if character.isASCII && character.isNumber {
        if !letters.isEmpty {
          result.append(.text(letters))
          letters = ""
        }
        digits.append(character)
      } else {
        if !digits.isEmpty {
          result.append(.number(Int(digits) ?? 0))
          digits = ""
        }
        letters.append(character)
      }
    }
    if !digits.isEmpty { result.append(.number(Int(digits) ?? 0)) }
    if !letters.isEmpty { result.append(.text(letters)) }
    return result
  }
}
