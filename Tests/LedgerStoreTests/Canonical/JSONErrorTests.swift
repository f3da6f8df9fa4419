import LedgerStore
import Testing

@Suite struct JSONErrorTests {
  static let descriptions: [(JSONError, String)] = [
    (
      .byteOrderMark,
      "input starts with a UTF-8 byte order mark; save it as UTF-8 without one"
    ),
    (.unexpectedCharacter(offset: 3), "unexpected character at byte 3"),
    (.unexpectedEnd(offset: 9), "input ends at byte 9 before the JSON value is complete"),
    (
      .trailingCharacters(offset: 2),
      "unexpected characters after the JSON value at byte 2; the input must hold exactly one value"
    ),
    (
      .fractionalNumber(offset: 17),
      "number at byte 17 has a fraction; the log allows integers only "
        + #"(write quantities such as "14.2" as strings)"#
    ),
    (
      .exponentNumber(offset: 4),
      "number at byte 4 has an exponent; the log allows integers only, written out in full digits"
    ),
    (
      .integerOutOfRange(offset: 5),
      #"integer at byte 5 is out of range; the log allows "-9007199254740991" to "#
        + #""9007199254740991" (write larger numbers as strings)"#
    ),
    (.leadingZero(offset: 1), "number at byte 1 has a leading zero; write integers without one"),
    (
      .duplicateMember(name: "seq", offset: 40),
      #"member "seq" appears twice in one object (again at byte 40); "#
        + "give each member of an object a different name"
    ),
    (
      .duplicateMember(name: "a\"b\n", offset: 7),
      #"member "a\"b\n" appears twice in one object (again at byte 7); "#
        + "give each member of an object a different name"
    ),
    (.invalidUTF8(offset: 8), "invalid UTF-8 at byte 8; the log must be UTF-8 text"),
    (
      .loneSurrogate(offset: 1),
      "escape at byte 1 is half a UTF-16 surrogate pair; write the character itself, "
        + "or a high surrogate escape followed by a low one"
    ),
    (
      .invalidEscape(offset: 2),
      #"invalid escape at byte 2; a backslash in a string must be followed by one of " \ / b f n "#
        + "r t, or by u and four hex digits"
    ),
    (
      .controlCharacterInString(offset: 6),
      #"control character in a string at byte 6; write it as an escape such as \n or \u001f"#
    ),
    (.tooDeep(offset: 64), "arrays and objects nest deeper than 64 levels at byte 64"),
    (
      .tooLong(length: 1_048_577),
      "input is 1048577 bytes long; the limit is 1048576 bytes"
    ),
    (
      .notCanonical(offset: 0, reason: .whitespace),
      "value is not in canonical form at byte 0; RFC 8785 writes no whitespace"
    ),
    (
      .notCanonical(offset: 7, reason: .memberOrder),
      "value is not in canonical form at byte 7; "
        + "RFC 8785 sorts members by the UTF-16 code units of their names"
    ),
    (
      .notCanonical(offset: 2, reason: .unneededEscape),
      "value is not in canonical form at byte 2; "
        + "RFC 8785 writes this character as itself, not as an escape"
    ),
    (
      .notCanonical(offset: 1, reason: .longEscape),
      "value is not in canonical form at byte 1; "
        + #"RFC 8785 writes this character as \b, \t, \n, \f, \r, \" or \\"#
    ),
    (
      .notCanonical(offset: 1, reason: .uppercaseHexDigit),
      "value is not in canonical form at byte 1; "
        + "RFC 8785 writes the hex digits of an escape in lower case"
    ),
    (
      .notCanonical(offset: 0, reason: .negativeZero),
      #"value is not in canonical form at byte 0; RFC 8785 writes "-0" as "0""#
    ),
  ]

  @Test(arguments: descriptions)
  func describesTheProblemOnOneLine(_ error: JSONError, _ description: String) {
    #expect(error.description == description)
    #expect(!description.contains("\n"))
    #expect(!description.hasSuffix("."))
    #expect(description.first?.isLowercase == true)
  }

  @Test func givesTheOffsetOfEveryCase() {
    #expect(JSONError.byteOrderMark.offset == 0)
    #expect(JSONError.duplicateMember(name: "a", offset: 7).offset == 7)
    #expect(JSONError.notCanonical(offset: 3, reason: .whitespace).offset == 3)
    #expect(JSONError.tooLong(length: 2_000_000).offset == 1_048_576)
  }
}
