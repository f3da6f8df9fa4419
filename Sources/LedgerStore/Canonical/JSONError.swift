/// Why bytes were refused as JSON: malformed, outside the log's subset of JSON, or, for
/// ``CanonicalJSON/validate(_:)``, not exactly in canonical form.
///
/// The log accepts objects, arrays, strings, integers with a magnitude below 2^53, `true`,
/// `false` and `null`, in at most 1 MiB and 64 levels of nesting. Each case carries the
/// zero-based byte offset of the first problem (``offset``), so a caller can point at the line
/// and column, and `description` is the one-line message for the user:
///
/// ```swift
/// do {
///   _ = try JSONValue(parsing: #"{"quantity":14.2}"#)
/// } catch {
///   print(error)  // number at byte 12 has a fraction; the log allows integers only (…)
/// }
/// ```
public enum JSONError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input starts with a UTF-8 byte order mark (`EF BB BF`), which the log does not allow.
  case byteOrderMark
  /// A byte that cannot start or continue the JSON at this point.
  case unexpectedCharacter(offset: Int)
  /// The input ends inside a value; `offset` is the input's length.
  case unexpectedEnd(offset: Int)
  /// Something other than whitespace follows the complete value.
  case trailingCharacters(offset: Int)
  /// A number with a fraction, such as `1.5`; `offset` is where the number starts.
  case fractionalNumber(offset: Int)
  /// A number with an exponent, such as `1e3`; `offset` is where the number starts.
  case exponentNumber(offset: Int)
  /// An integer outside −(2^53 − 1) … 2^53 − 1; `offset` is where the number starts.
  case integerOutOfRange(offset: Int)
  /// A number with a superfluous leading zero, such as `01`; `offset` is where it starts.
  case leadingZero(offset: Int)
  /// A member name used twice in one object (compared by exact code units); `offset` is the
  /// opening quote of the second occurrence.
  case duplicateMember(name: String, offset: Int)
  /// Bytes inside a string that are not UTF-8: an overlong form, an encoded surrogate, a code
  /// point above U+10FFFF or a cut-short sequence; `offset` is the sequence's first byte.
  case invalidUTF8(offset: Int)
  /// A `\u` escape of a UTF-16 surrogate without its partner; `offset` is its backslash.
  case loneSurrogate(offset: Int)
  /// A backslash not followed by one of `" \ / b f n r t` or by `u` and four hex digits.
  case invalidEscape(offset: Int)
  /// A raw byte U+0000–U+001F inside a string, which JSON requires to be escaped.
  case controlCharacterInString(offset: Int)
  /// An array or object opening a 65th level of nesting; `offset` is its bracket.
  case tooDeep(offset: Int)
  /// Input longer than ``JSONValue/maximumLength`` bytes; `length` is its length.
  case tooLong(length: Int)
  /// Valid JSON in the log's subset, but not exactly its RFC 8785 canonical form.
  case notCanonical(offset: Int, reason: Deviation)

  /// How a JSON text differs from its RFC 8785 canonical form.
  public enum Deviation: Hashable, Sendable {
    /// Whitespace between tokens, before the value or after it.
    case whitespace
    /// A member whose name does not come after the previous name in UTF-16 code unit order.
    case memberOrder
    /// An escape of a character that canonical form writes as itself, such as `\/` or `\u0041`.
    case unneededEscape
    /// A `\u` escape where canonical form has a two-character one, such as `\u000a` for `\n`.
    case longEscape
    /// A `\u` escape with upper-case hex digits, such as `\u001F`.
    case uppercaseHexDigit
    /// The integer zero written as `-0`.
    case negativeZero
  }

  /// The zero-based byte offset of the first problem in the input.
  ///
  /// For ``tooLong(length:)`` this is the first byte past the limit.
  public var offset: Int {
    switch self {
    case .byteOrderMark:
      return 0
    case .unexpectedCharacter(let offset), .unexpectedEnd(let offset),
      .trailingCharacters(let offset), .fractionalNumber(let offset),
      .exponentNumber(let offset), .integerOutOfRange(let offset), .leadingZero(let offset),
      .duplicateMember(_, let offset), .invalidUTF8(let offset), .loneSurrogate(let offset),
      .invalidEscape(let offset), .controlCharacterInString(let offset), .tooDeep(let offset),
      .notCanonical(let offset, _):
      return offset
    case .tooLong:
      return JSONValue.maximumLength
    }
  }

  /// The message for the user: what is wrong, where, and how to fix it when there is a way.
  public var description: String {
    switch self {
    case .byteOrderMark:
      return "input starts with a UTF-8 byte order mark; save it as UTF-8 without one"
    case .unexpectedCharacter(let offset):
      return "unexpected character at byte \(offset)"
    case .unexpectedEnd(let offset):
      return "input ends at byte \(offset) before the JSON value is complete"
    case .trailingCharacters(let offset):
      return "unexpected characters after the JSON value at byte \(offset); "
        + "the input must hold exactly one value"
    case .fractionalNumber(let offset):
      return "number at byte \(offset) has a fraction; the log allows integers only "
        + "(write quantities such as \"14.2\" as strings)"
    case .exponentNumber(let offset):
      return "number at byte \(offset) has an exponent; the log allows integers only, "
        + "written out in full digits"
    case .integerOutOfRange(let offset):
      return "integer at byte \(offset) is out of range; the log allows "
        + "\"-9007199254740991\" to \"9007199254740991\" (write larger numbers as strings)"
    case .leadingZero(let offset):
      return "number at byte \(offset) has a leading zero; write integers without one"
    case .duplicateMember(let name, let offset):
      return "member \"\(Self.escaped(name))\" appears twice in one object (again at byte "
        + "\(offset)); give each member of an object a different name"
    case .invalidUTF8(let offset):
      return "invalid UTF-8 at byte \(offset); the log must be UTF-8 text"
    case .loneSurrogate(let offset):
      return "escape at byte \(offset) is half a UTF-16 surrogate pair; write the character "
        + "itself, or a high surrogate escape followed by a low one"
    case .invalidEscape(let offset):
      return "invalid escape at byte \(offset); a backslash in a string must be followed by "
        + "one of \" \\ / b f n r t, or by u and four hex digits"
    case .controlCharacterInString(let offset):
      return "control character in a string at byte \(offset); write it as an escape such as "
        + "\\n or \\u001f"
    case .tooDeep(let offset):
      return "arrays and objects nest deeper than \(JSONValue.maximumDepth) levels at byte "
        + "\(offset)"
    case .tooLong(let length):
      return "input is \(length) bytes long; the limit is \(JSONValue.maximumLength) bytes"
    case .notCanonical(let offset, let reason):
      return "value is not in canonical form at byte \(offset); \(reason.explanation)"
    }
  }

  /// A member name as one line of text: quotes, backslashes and control characters escaped.
  private static func escaped(_ name: String) -> String {
    var bytes: [UInt8] = []
    JSONValue.writeEscapedContents(of: name, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension JSONError.Deviation {
  /// What canonical form does instead, completing ``JSONError/description``.
  fileprivate var explanation: String {
    switch self {
    case .whitespace:
      return "RFC 8785 writes no whitespace"
    case .memberOrder:
      return "RFC 8785 sorts members by the UTF-16 code units of their names"
    case .unneededEscape:
      return "RFC 8785 writes this character as itself, not as an escape"
    case .longEscape:
      return "RFC 8785 writes this character as \\b, \\t, \\n, \\f, \\r, \\\" or \\\\"
    case .uppercaseHexDigit:
      return "RFC 8785 writes the hex digits of an escape in lower case"
    case .negativeZero:
      return "RFC 8785 writes \"-0\" as \"0\""
    }
  }
}
