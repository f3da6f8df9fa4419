import LedgerStore
import Testing

@Suite struct CanonicalJSONTests {
  // MARK: Accepted

  @Test(arguments: [
    #"{"actor":"PS","data":{"to":"on_track"},"seq":1,"type":"action.created","v":1}"#,
    "{}", "[]", "null", "true", "false", "0", "-1", "9007199254740991", "-9007199254740991",
    #""""#, #"[{},[],"",0,{"a":[null]}]"#,
    #""\"\\\b\t\n\f\r\u0000\u0001\u001f/""#, "\"\u{7F}\"",
    "\"é\u{2028}😀\u{FFFF}\"",
  ])
  func acceptsCanonicalForm(_ text: String) throws {
    try validateCanonical(text)
  }

  @Test func acceptsTheRFCSortingExample() throws {
    try validateCanonical(
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\","
        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
        + "\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    )
  }

  // MARK: Member order

  @Test func refusesMembersOutOfOrder() {
    #expect(throws: JSONError.notCanonical(offset: 7, reason: .memberOrder)) {
      try validateCanonical(#"{"b":1,"a":2}"#)
    }
  }

  @Test func refusesADuplicateMember() {
    #expect(throws: JSONError.duplicateMember(name: "a", offset: 7)) {
      try validateCanonical(#"{"a":1,"a":2}"#)
    }
  }

  @Test func refusesADuplicateMemberInANestedObject() {
    #expect(throws: JSONError.duplicateMember(name: "x\n", offset: 14)) {
      try validateCanonical(#"{"a":{"x\n":1,"x\n":2}}"#)
    }
  }

  @Test func ordersNamesByUTF16NotByUTF8() throws {
    // U+1F600 is D83D DE00 in UTF-16, before U+FB33; in UTF-8 (F0… against EF…) it is after.
    try validateCanonical("{\"😀\":1,\"\u{FB33}\":2}")
    #expect(throws: JSONError.notCanonical(offset: 9, reason: .memberOrder)) {
      try validateCanonical("{\"\u{FB33}\":2,\"😀\":1}")
    }
    try validateCanonical("{\"a\u{10000}\":1,\"a\u{E000}\":2}")
    try validateCanonical("{\"\u{D7FF}\":1,\"\u{10FFFF}\":2,\"\u{E000}\":3,\"\u{FFFF}\":4}")
  }

  @Test func ordersNamesByCodeUnitsNotByLocaleOrNormalization() throws {
    try validateCanonical(#"{"A":1,"B":2,"a":3,"b":4}"#)
    try validateCanonical("{\"e\u{301}\":1,\"\u{E9}\":2}")
    #expect(throws: JSONError.notCanonical(offset: 8, reason: .memberOrder)) {
      try validateCanonical("{\"\u{E9}\":2,\"e\u{301}\":1}")
    }
  }

  @Test func ordersAPrefixBeforeTheLongerName() throws {
    try validateCanonical(#"{"":0,"a":1,"ab":2,"abc":3}"#)
    #expect(throws: JSONError.notCanonical(offset: 8, reason: .memberOrder)) {
      try validateCanonical(#"{"ab":2,"a":1}"#)
    }
  }

  @Test func ordersEscapedNamesByTheCharactersTheyStandFor() throws {
    // Backslash is 0x5C, but `\t` is U+0009 and sorts before `\n` (U+000A) and `!`.
    try validateCanonical(##"{"\t":1,"\n":2,"!":3,"\"":4,"#":5,"\\":6,"]":7}"##)
    #expect(throws: JSONError.notCanonical(offset: 8, reason: .memberOrder)) {
      try validateCanonical(#"{"\n":1,"\t":2}"#)
    }
    #expect(throws: JSONError.notCanonical(offset: 7, reason: .memberOrder)) {
      try validateCanonical(##"{"#":1,"\"":2}"##)
    }
    try validateCanonical(#"{"\u0001":1,"\u001f":2,"a\u0000":3,"a\b":4}"#)
  }

  // MARK: Spelling

  @Test func refusesWhitespaceAnywhere() {
    #expect(throws: JSONError.notCanonical(offset: 0, reason: .whitespace)) {
      try validateCanonical(" {}")
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .whitespace)) {
      try validateCanonical(#"{ "a":1}"#)
    }
    #expect(throws: JSONError.notCanonical(offset: 4, reason: .whitespace)) {
      try validateCanonical(#"{"a" :1}"#)
    }
    #expect(throws: JSONError.notCanonical(offset: 5, reason: .whitespace)) {
      try validateCanonical("{\"a\":\t1}")
    }
    #expect(throws: JSONError.notCanonical(offset: 2, reason: .whitespace)) {
      try validateCanonical("[1\r]")
    }
    #expect(throws: JSONError.notCanonical(offset: 2, reason: .whitespace)) {
      try validateCanonical("{}\n")
    }
  }

  @Test func refusesAnEscapeOfACharacterWrittenAsItself() {
    #expect(throws: JSONError.notCanonical(offset: 2, reason: .unneededEscape)) {
      try validateCanonical(#""a\/b""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .unneededEscape)) {
      try validateCanonical(#""\u0041""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .unneededEscape)) {
      try validateCanonical(#""\u00e9""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .unneededEscape)) {
      try validateCanonical(#""\u007f""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .unneededEscape)) {
      try validateCanonical(#""\ud83d\ude00""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 2, reason: .unneededEscape)) {
      try validateCanonical(#"{"\u0061":1}"#)
    }
  }

  @Test func refusesALongEscapeWhereAShortOneExists() {
    for (escape, offset) in [
      ("\\u0008", 1), ("\\u0009", 1), ("\\u000a", 1), ("\\u000C", 1), ("\\u000d", 1),
      ("\\u0022", 1), ("\\u005c", 1), ("\\u005C", 1),
    ] {
      #expect(throws: JSONError.notCanonical(offset: offset, reason: .longEscape)) {
        try validateCanonical("\"\(escape)\"")
      }
    }
  }

  @Test func refusesUpperCaseHexDigits() {
    #expect(throws: JSONError.notCanonical(offset: 2, reason: .uppercaseHexDigit)) {
      try validateCanonical(#""a\u001F""#)
    }
    #expect(throws: JSONError.notCanonical(offset: 1, reason: .uppercaseHexDigit)) {
      try validateCanonical(#""\u001B""#)
    }
  }

  @Test func refusesNegativeZero() {
    #expect(throws: JSONError.notCanonical(offset: 0, reason: .negativeZero)) {
      try validateCanonical("-0")
    }
    #expect(throws: JSONError.notCanonical(offset: 5, reason: .negativeZero)) {
      try validateCanonical(#"{"a":-0}"#)
    }
  }

  // MARK: Refusals shared with the parser

  @Test(arguments: [
    (#"{"a":1.5}"#, JSONError.fractionalNumber(offset: 5)),
    (#"{"a":1e3}"#, .exponentNumber(offset: 5)),
    ("[1E0]", .exponentNumber(offset: 1)),
    ("9007199254740992", .integerOutOfRange(offset: 0)),
    ("-9007199254740992", .integerOutOfRange(offset: 0)),
    ("[01]", .leadingZero(offset: 1)),
    (#""\ud800""#, .loneSurrogate(offset: 1)),
    (#""\udc00""#, .loneSurrogate(offset: 1)),
    (#""\ud800\u0041""#, .loneSurrogate(offset: 1)),
    (#""\x""#, .invalidEscape(offset: 1)),
    (#""\u00g0""#, .invalidEscape(offset: 1)),
    ("\"\u{1}\"", .controlCharacterInString(offset: 1)),
    ("\"\t\"", .controlCharacterInString(offset: 1)),
    ("[1,]", .unexpectedCharacter(offset: 3)),
    ("{a:1}", .unexpectedCharacter(offset: 1)),
    ("", .unexpectedEnd(offset: 0)),
    (#"{"a":"#, .unexpectedEnd(offset: 5)),
    ("{}x", .trailingCharacters(offset: 2)),
    ("{}{}", .trailingCharacters(offset: 2)),
    ("\u{FEFF}{}", .byteOrderMark),
  ])
  func refusesWhatTheParserRefuses(_ text: String, _ error: JSONError) {
    #expect(throws: error) { try validateCanonical(text) }
    #expect(throws: error) { try JSONValue(parsing: text) }
  }

  @Test(arguments: [
    [0xC0, 0x80] as [UInt8], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    [0xF8, 0x88, 0x80, 0x80, 0x80], [0xBF], [0xE2, 0x82],
  ])
  func refusesInvalidUTF8(_ sequence: [UInt8]) {
    #expect(throws: JSONError.invalidUTF8(offset: 3)) {
      try validateCanonical(jsonBytes(#"["ab"]"#, inserting: sequence, at: 3))
    }
  }

  @Test func refusesInvalidUTF8InAMemberName() {
    #expect(throws: JSONError.invalidUTF8(offset: 2)) {
      try validateCanonical(jsonBytes(#"{"":1}"#, inserting: [0xC3], at: 2))
    }
  }

  // MARK: Limits

  @Test func acceptsNestingSixtyFourDeep() throws {
    try validateCanonical(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
    try validateCanonical(
      String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)
    )
  }

  @Test func refusesNestingSixtyFiveDeep() {
    #expect(throws: JSONError.tooDeep(offset: 64)) {
      try validateCanonical(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
    }
    #expect(throws: JSONError.tooDeep(offset: 64 * 5)) {
      try validateCanonical(
        String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
      )
    }
  }

  @Test func acceptsExactlyOneMebibyte() throws {
    let member = #"{"a":""# + String(repeating: "x", count: 1_048_576 - 8) + #""}"#
    #expect(member.utf8.count == 1_048_576)
    try validateCanonical(member)
  }

  @Test func refusesOneByteMoreThanAMebibyte() {
    let member = #"{"a":""# + String(repeating: "x", count: 1_048_576 - 7) + #""}"#
    #expect(throws: JSONError.tooLong(length: 1_048_577)) { try validateCanonical(member) }
  }
}
