import LedgerStore
import Testing

@Suite struct JSONValueParsingTests {
  // MARK: Accepted

  @Test func parsesEveryKindOfValue() throws {
    let value = try JSONValue(parsing: #"{"a":[1,-2,true,false,null,"x",{},[]],"b":{"c":"d"}}"#)
    let expected: JSONValue = [
      "a": [1, -2, true, false, nil, "x", .object([:]), []],
      "b": ["c": "d"],
    ]
    #expect(value == expected)
  }

  @Test func parsesScalarsAtTheTop() throws {
    #expect(try JSONValue(parsing: "null") == .null)
    #expect(try JSONValue(parsing: "true") == .bool(true))
    #expect(try JSONValue(parsing: "false") == .bool(false))
    #expect(try JSONValue(parsing: "-12") == .integer(-12))
    #expect(try JSONValue(parsing: #""x""#) == .string("x"))
  }

  @Test func allowsWhitespaceBetweenTokensAndAroundTheValue() throws {
    let value = try JSONValue(parsing: " \t\r\n{ \"a\" :\t[ 1 ,\n2 ] ,\"b\":{ } }\r\n ")
    #expect(value == ["a": [1, 2], "b": .object([:])])
  }

  @Test func keepsMembersInCanonicalOrderWhateverTheWrittenOrder() throws {
    let value = try JSONValue(parsing: #"{"b":1,"a":2,"c":3,"A":4}"#)
    #expect(value.objectValue?.map(\.key) == ["A", "a", "b", "c"])
  }

  @Test func decodesEveryEscape() throws {
    let value = try JSONValue(parsing: #""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\ud83d\ude00""#)
    #expect(value == .string("\"\\/\u{8}\u{C}\n\r\tAéé😀"))
  }

  @Test func readsMultibyteCharactersAsThemselves() throws {
    let text = "\"é€😀\u{10FFFF}\u{FFFF}\u{E000}\u{D7FF}\u{7F}\""
    let value = try JSONValue(parsing: text)
    #expect(value == .string("é€😀\u{10FFFF}\u{FFFF}\u{E000}\u{D7FF}\u{7F}"))
  }

  @Test func acceptsTheIntegerLimitsAndNegativeZero() throws {
    #expect(try JSONValue(parsing: "9007199254740991") == .integer(9_007_199_254_740_991))
    #expect(try JSONValue(parsing: "-9007199254740991") == .integer(-9_007_199_254_740_991))
    #expect(try JSONValue(parsing: "0") == .integer(0))
    #expect(try JSONValue(parsing: "-0") == .integer(0))
  }

  @Test func parsesBytesFromAnyCollection() throws {
    let text = #"{"a":[1]}"#
    let expected: JSONValue = ["a": [1]]
    #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
    #expect(try JSONValue(parsing: Array(text.utf8)[...]) == expected)
    #expect(try JSONValue(parsing: text.utf8.lazy.map { $0 }) == expected)
    let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONValue(parsing: $0) }
    #expect(fromBuffer == expected)
  }

  @Test func keepsNamesThatDifferOnlyInNormalizationApart() throws {
    let value = try JSONValue(parsing: #"{"\u00e9":1,"e\u0301":2}"#)
    #expect(value.objectValue?.count == 2)
    #expect(value["\u{E9}"] == 1)
    #expect(value["e\u{301}"] == 2)
  }

  // MARK: Refused numbers

  @Test func refusesAFraction() {
    #expect(throws: JSONError.fractionalNumber(offset: 12)) {
      try JSONValue(parsing: #"{"quantity":14.2}"#)
    }
  }

  @Test func refusesAnExponentEvenOfZero() {
    #expect(throws: JSONError.exponentNumber(offset: 0)) { try JSONValue(parsing: "1e3") }
    #expect(throws: JSONError.exponentNumber(offset: 1)) { try JSONValue(parsing: "[1E0]") }
    #expect(throws: JSONError.exponentNumber(offset: 1)) { try JSONValue(parsing: "[-2e+1]") }
  }

  @Test func refusesIntegersBeyondTwoToTheFiftyThird() {
    #expect(throws: JSONError.integerOutOfRange(offset: 0)) {
      try JSONValue(parsing: "9007199254740992")
    }
    #expect(throws: JSONError.integerOutOfRange(offset: 1)) {
      try JSONValue(parsing: "[-9007199254740992]")
    }
    #expect(throws: JSONError.integerOutOfRange(offset: 5)) {
      try JSONValue(parsing: #"{"n":123456789012345678901234567890}"#)
    }
  }

  @Test func refusesALeadingZero() {
    #expect(throws: JSONError.leadingZero(offset: 0)) { try JSONValue(parsing: "01") }
    #expect(throws: JSONError.leadingZero(offset: 1)) { try JSONValue(parsing: "[-00]") }
  }

  @Test func refusesAMinusWithoutDigits() {
    #expect(throws: JSONError.unexpectedCharacter(offset: 2)) { try JSONValue(parsing: "[-]") }
    #expect(throws: JSONError.unexpectedEnd(offset: 1)) { try JSONValue(parsing: "-") }
  }

  @Test func refusesNumbersJSONDoesNotAllow() {
    #expect(throws: JSONError.unexpectedCharacter(offset: 1)) { try JSONValue(parsing: "[+1]") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 1)) { try JSONValue(parsing: "[.5]") }
  }

  // MARK: Refused members

  @Test func refusesADuplicateMemberAtItsSecondOccurrence() {
    #expect(throws: JSONError.duplicateMember(name: "a", offset: 13)) {
      try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#)
    }
  }

  @Test func refusesADuplicateMemberInAnObjectOutOfOrder() {
    #expect(throws: JSONError.duplicateMember(name: "b", offset: 19)) {
      try JSONValue(parsing: #"{"c":1,"b":2,"a":3,"b":4}"#)
    }
  }

  @Test func refusesADuplicateMemberSpelledWithAnEscape() {
    #expect(throws: JSONError.duplicateMember(name: "a", offset: 7)) {
      try JSONValue(parsing: #"{"a":1,"\u0061":2}"#)
    }
  }

  @Test func reportsTheFirstProblemWhenADuplicateComesBeforeABadValue() {
    #expect(throws: JSONError.duplicateMember(name: "a", offset: 7)) {
      try JSONValue(parsing: #"{"a":1,"a":{"b":1.5}}"#)
    }
  }

  @Test func refusesAnObjectNameThatIsNotAString() {
    #expect(throws: JSONError.unexpectedCharacter(offset: 1)) { try JSONValue(parsing: "{a:1}") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 5)) {
      try JSONValue(parsing: #"{"a" 1}"#)
    }
  }

  // MARK: Refused strings

  @Test(arguments: [
    ("overlong two-byte", [0xC0, 0x80] as [UInt8]),
    ("overlong two-byte C1", [0xC1, 0xBF]),
    ("overlong three-byte", [0xE0, 0x80, 0x80]),
    ("overlong four-byte", [0xF0, 0x80, 0x80, 0x80]),
    ("high surrogate in UTF-8", [0xED, 0xA0, 0x80]),
    ("low surrogate in UTF-8", [0xED, 0xBF, 0xBF]),
    ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ("lead byte F5", [0xF5, 0x80, 0x80, 0x80]),
    ("byte FF", [0xFF]),
    ("stray continuation byte", [0x80]),
    ("two-byte sequence cut short", [0xC3]),
    ("three-byte sequence cut short", [0xE2, 0x82]),
    ("four-byte sequence cut short", [0xF0, 0x9F, 0x98]),
    ("continuation replaced by ASCII", [0xE2, 0x41, 0x82]),
  ])
  func refusesInvalidUTF8(_ name: String, _ sequence: [UInt8]) {
    let input = jsonBytes(#"{"ab":"cd"}"#, inserting: sequence, at: 8)
    #expect(throws: JSONError.invalidUTF8(offset: 8), "\(name)") { try JSONValue(parsing: input) }
  }

  @Test func refusesInvalidUTF8InAMemberName() {
    let input = jsonBytes(#"{"ab":1}"#, inserting: [0xED, 0xA0, 0x80], at: 3)
    #expect(throws: JSONError.invalidUTF8(offset: 3)) { try JSONValue(parsing: input) }
  }

  @Test func refusesInvalidUTF8CutShortAtTheEndOfInput() {
    #expect(throws: JSONError.invalidUTF8(offset: 2)) {
      try JSONValue(parsing: [0x22, 0x61, 0xE2, 0x82])
    }
  }

  @Test func refusesALoneHighSurrogateEscape() {
    #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONValue(parsing: #""\ud800""#) }
  }

  @Test func refusesALoneLowSurrogateEscape() {
    #expect(throws: JSONError.loneSurrogate(offset: 2)) { try JSONValue(parsing: #""a\udc00b""#) }
  }

  @Test func refusesAHighSurrogateEscapeNotFollowedByALowOne() {
    #expect(throws: JSONError.loneSurrogate(offset: 1)) {
      try JSONValue(parsing: #""\ud800\u0041""#)
    }
    #expect(throws: JSONError.loneSurrogate(offset: 1)) {
      try JSONValue(parsing: #""\ud800\ud800""#)
    }
    #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONValue(parsing: #""\ud800x""#) }
    #expect(throws: JSONError.loneSurrogate(offset: 1)) { try JSONValue(parsing: #""\uD800\n""#) }
  }

  @Test func refusesAnUnknownEscape() {
    #expect(throws: JSONError.invalidEscape(offset: 2)) { try JSONValue(parsing: #""a\x""#) }
    #expect(throws: JSONError.invalidEscape(offset: 1)) { try JSONValue(parsing: #""\'""#) }
    #expect(throws: JSONError.invalidEscape(offset: 1)) { try JSONValue(parsing: #""\U0041""#) }
  }

  @Test func refusesAUnicodeEscapeWithoutFourHexDigits() {
    #expect(throws: JSONError.invalidEscape(offset: 1)) { try JSONValue(parsing: #""\u12G4""#) }
    #expect(throws: JSONError.invalidEscape(offset: 1)) { try JSONValue(parsing: #""\u12""#) }
    #expect(throws: JSONError.invalidEscape(offset: 7)) {
      try JSONValue(parsing: #""\ud800\udc0""#)
    }
  }

  @Test(arguments: [0x00, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8])
  func refusesARawControlCharacterInAString(_ byte: UInt8) {
    let input = jsonBytes(#"{"a":"bc"}"#, inserting: [byte], at: 6)
    #expect(throws: JSONError.controlCharacterInString(offset: 6)) {
      try JSONValue(parsing: input)
    }
  }

  @Test func refusesARawControlCharacterInAMemberName() {
    #expect(throws: JSONError.controlCharacterInString(offset: 2)) {
      try JSONValue(parsing: "{\"\u{1}\":1}")
    }
  }

  @Test func acceptsRawDeleteAndLineSeparators() throws {
    let value = try JSONValue(parsing: "\"\u{7F}\u{2028}\u{2029}\"")
    #expect(value == .string("\u{7F}\u{2028}\u{2029}"))
  }

  // MARK: Refused structure

  @Test func refusesUnexpectedCharacters() {
    #expect(throws: JSONError.unexpectedCharacter(offset: 3)) { try JSONValue(parsing: "[1,]") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 3)) { try JSONValue(parsing: "[1 2]") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 0)) { try JSONValue(parsing: "'a'") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 3)) { try JSONValue(parsing: "tru1") }
    #expect(throws: JSONError.unexpectedCharacter(offset: 7)) {
      try JSONValue(parsing: #"{"a":1,}"#)
    }
    #expect(throws: JSONError.unexpectedCharacter(offset: 0)) { try JSONValue(parsing: "}") }
  }

  @Test func refusesInputThatEndsEarly() {
    #expect(throws: JSONError.unexpectedEnd(offset: 0)) { try JSONValue(parsing: "") }
    #expect(throws: JSONError.unexpectedEnd(offset: 3)) { try JSONValue(parsing: " \n ") }
    #expect(throws: JSONError.unexpectedEnd(offset: 5)) { try JSONValue(parsing: #"{"a":"#) }
    #expect(throws: JSONError.unexpectedEnd(offset: 2)) { try JSONValue(parsing: "[1") }
    #expect(throws: JSONError.unexpectedEnd(offset: 4)) { try JSONValue(parsing: #""abc"#) }
    #expect(throws: JSONError.unexpectedEnd(offset: 2)) { try JSONValue(parsing: #""\"#) }
    #expect(throws: JSONError.unexpectedEnd(offset: 3)) { try JSONValue(parsing: "tru") }
  }

  @Test func refusesCharactersAfterTheValue() {
    #expect(throws: JSONError.trailingCharacters(offset: 3)) { try JSONValue(parsing: "{} x") }
    #expect(throws: JSONError.trailingCharacters(offset: 2)) { try JSONValue(parsing: "{}{}") }
    #expect(throws: JSONError.trailingCharacters(offset: 2)) { try JSONValue(parsing: "1 2") }
    #expect(throws: JSONError.trailingCharacters(offset: 4)) { try JSONValue(parsing: "true0") }
  }

  @Test func refusesAByteOrderMark() {
    #expect(throws: JSONError.byteOrderMark) { try JSONValue(parsing: "\u{FEFF}{}") }
  }

  // MARK: Limits

  @Test func acceptsNestingSixtyFourDeep() throws {
    let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    var value = try JSONValue(parsing: text)
    var depth = 0
    while let elements = value.arrayValue {
      depth += 1
      value = elements.first ?? .null
    }
    #expect(depth == 64)
  }

  @Test func refusesNestingSixtyFiveDeep() {
    let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(throws: JSONError.tooDeep(offset: 64)) { try JSONValue(parsing: text) }
  }

  @Test func countsObjectsAndArraysTogetherForDepth() throws {
    let deep = String(repeating: #"{"a":["#, count: 32) + String(repeating: "]}", count: 32)
    _ = try JSONValue(parsing: deep)
    let tooDeep =
      String(repeating: #"{"a":["#, count: 32) + "{}" + String(repeating: "]}", count: 32)
    #expect(throws: JSONError.tooDeep(offset: 32 * 6)) { try JSONValue(parsing: tooDeep) }
  }

  @Test func acceptsExactlyOneMebibyte() throws {
    let text = "\"" + String(repeating: "a", count: 1_048_574) + "\""
    #expect(text.utf8.count == 1_048_576)
    #expect(try JSONValue(parsing: text).stringValue?.utf8.count == 1_048_574)
  }

  @Test func refusesOneByteMoreThanAMebibyte() {
    let text = "\"" + String(repeating: "a", count: 1_048_574) + "\" "
    #expect(throws: JSONError.tooLong(length: 1_048_577)) { try JSONValue(parsing: text) }
  }
}
