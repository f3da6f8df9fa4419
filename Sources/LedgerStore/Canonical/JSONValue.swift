/// A value in the log's subset of JSON: objects, arrays, strings, integers below 2^53 in
/// magnitude, `true`, `false` and `null`.
///
/// Numbers are integers only so that the canonical bytes of an event are the same in every
/// language; a quantity such as a caseload of 14.2 is a decimal string. Values compare and hash
/// by their exact Unicode scalars, as JSON does, not by Swift's canonical equivalence:
/// `"é"` (U+00E9) and `"e\u{301}"` are different strings and different member names.
///
/// Build values with literals, read them with the optional accessors:
///
/// ```swift
/// let event: JSONValue = ["seq": 12, "type": "action.status_changed", "data": ["to": "done"]]
/// event["seq"]?.integerValue  // 12
/// event["data"]?["to"]?.stringValue  // "done"
/// ```
public enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer in ``integerRange``.
  case integer(Int)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, its members in canonical order.
  case object(JSONObject)

  /// The integers the log can hold: −(2^53 − 1) … 2^53 − 1, those every JSON reader holds
  /// exactly.
  public static let integerRange: ClosedRange<Int> = -9_007_199_254_740_991...9_007_199_254_740_991

  /// The longest JSON text the parser and the validator accept: 1 MiB.
  public static let maximumLength = 1_048_576

  /// The deepest nesting of arrays and objects the parser and the validator accept.
  public static let maximumDepth = 64

  /// Whether two values are the same JSON, comparing strings and member names by their exact
  /// Unicode scalars.
  ///
  /// - Parameters:
  ///   - lhs: One value.
  ///   - rhs: The other value.
  /// - Returns: `true` when both have the same canonical form.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null):
      return true
    case (.bool(let a), .bool(let b)):
      return a == b
    case (.integer(let a), .integer(let b)):
      return a == b
    case (.string(let a), .string(let b)):
      return ExactText.equal(a, b)
    case (.array(let a), .array(let b)):
      return a == b
    case (.object(let a), .object(let b)):
      return a == b
    case (.null, _), (.bool, _), (.integer, _), (.string, _), (.array, _), (.object, _):
      return false
    }
  }

  /// Feeds the value to a hasher, strings by their exact Unicode scalars.
  ///
  /// - Parameter hasher: The hasher to feed.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null:
      hasher.combine(0)
    case .bool(let value):
      hasher.combine(1)
      hasher.combine(value)
    case .integer(let value):
      hasher.combine(2)
      hasher.combine(value)
    case .string(let value):
      hasher.combine(3)
      ExactText.hash(value, into: &hasher)
    case .array(let elements):
      hasher.combine(4)
      hasher.combine(elements)
    case .object(let object):
      hasher.combine(5)
      hasher.combine(object)
    }
  }
}

// MARK: - Accessors

extension JSONValue {
  /// The member named `key` when this is an object that has one, otherwise `nil`.
  ///
  /// - Parameter key: The member name, matched by exact Unicode scalars.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// The string when this is a string, otherwise `nil`.
  public var stringValue: String? {
    guard case .string(let value) = self else {
      return nil
    }
    return value
  }

  /// The integer when this is an integer, otherwise `nil`.
  public var integerValue: Int? {
    guard case .integer(let value) = self else {
      return nil
    }
    return value
  }

  /// The Boolean when this is `true` or `false`, otherwise `nil`.
  public var boolValue: Bool? {
    guard case .bool(let value) = self else {
      return nil
    }
    return value
  }

  /// The elements when this is an array, otherwise `nil`.
  public var arrayValue: [JSONValue]? {
    guard case .array(let elements) = self else {
      return nil
    }
    return elements
  }

  /// The object when this is an object, otherwise `nil`.
  public var objectValue: JSONObject? {
    guard case .object(let object) = self else {
      return nil
    }
    return object
  }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
  /// Creates ``null``.
  ///
  /// - Parameter nilLiteral: The `nil` literal.
  public init(nilLiteral: ()) {
    self = .null
  }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  /// Creates ``bool(_:)``.
  ///
  /// - Parameter value: The Boolean.
  public init(booleanLiteral value: Bool) {
    self = .bool(value)
  }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  /// Creates ``integer(_:)``; the literal must lie in ``integerRange``.
  ///
  /// - Parameter value: The integer.
  public init(integerLiteral value: Int) {
    precondition(
      Self.integerRange.contains(value),
      "JSON integer literal outside ±(2^53 − 1); write it as a string"
    )
    self = .integer(value)
  }
}

extension JSONValue: ExpressibleByStringLiteral {
  /// Creates ``string(_:)``.
  ///
  /// - Parameter value: The string.
  public init(stringLiteral value: String) {
    self = .string(value)
  }
}

extension JSONValue: ExpressibleByArrayLiteral {
  /// Creates ``array(_:)``.
  ///
  /// - Parameter elements: The elements, in order.
  public init(arrayLiteral elements: JSONValue...) {
    self = .array(elements)
  }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// Creates ``object(_:)``; no two names may be the same.
  ///
  /// - Parameter elements: The members, in any order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(members: elements))
  }
}
