import LedgerStore
import Testing

@Suite struct JSONValueCanonicalTests {
  /// RFC 8785 §3.2.3: names sort by UTF-16 code units, so U+1F600 (D83D DE00) comes before
  /// U+FB33, although its UTF-8 bytes and its code point are greater.
  @Test func sortsMembersAsInTheRFCExample() throws {
    let input = #"""
      {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }
      """#
    let value = try JSONValue(parsing: input)
    #expect(
      value.objectValue?.map(\.value.stringValue) == [
        "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
        "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh",
      ]
    )
    #expect(
      value.canonicalText
        == "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\","
        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
        + "\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    )
  }

  /// RFC 8785 §3.2.2.2: the string of the RFC's main example.
  @Test func escapesStringsAsInTheRFCExample() throws {
    let value = try JSONValue(parsing: #""\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/""#)
    #expect(value.canonicalText == #""€$\u000f\nA'B\"\\\\\"/""#)
  }

  /// RFC 8785 §3.2.4, without the numbers, which are outside the log's subset.
  @Test func writesTheRFCExampleWithoutItsNumbers() throws {
    let input = #"""
      {
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }
      """#
    let value = try JSONValue(parsing: input)
    #expect(
      value.canonicalText == #"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    )
  }

  @Test func writesTheRFCTestDataInTheSubset() throws {
    let cases: [(input: String, output: String)] = [
      (#"[56, {"d": true, "10": null, "1": []}]"#, #"[56,{"1":[],"10":null,"d":true}]"#),
      (
        #"{"peach": "This sorting order", "péché": "is wrong according to French", "#
          + #""pêche": "but canonicalization MUST", "sin": "ignore locale"}"#,
        #"{"peach":"This sorting order","péché":"is wrong according to French","#
          + #""pêche":"but canonicalization MUST","sin":"ignore locale"}"#
      ),
      (#"{"Unnormalized Unicode":"A\u030a"}"#, "{\"Unnormalized Unicode\":\"A\u{30A}\"}"),
      (
        #"{"\u20ac":"Euro Sign","\r":"Carriage Return","\u000a":"Newline","1":"One","#
          + #""\u0080":"Control\u007f","\ud83d\ude02":"Smiley","\u00f6":"Latin Small Letter O "#
          + #"With Diaeresis","\ufb33":"Hebrew Letter Dalet With Dagesh","</script>":"Browser "#
          + #"Challenge"}"#,
        #"{"\n":"Newline","\r":"Carriage Return","1":"One","</script>":"Browser Challenge","#
          + "\"\u{80}\":\"Control\u{7F}\",\"ö\":\"Latin Small Letter O With Diaeresis\","
          + "\"€\":\"Euro Sign\",\"😂\":\"Smiley\","
          + "\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
      ),
    ]
    for (input, output) in cases {
      #expect(try JSONValue(parsing: input).canonicalText == output)
    }
  }

  @Test func escapesEveryControlCharacter() {
    let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
    let expected =
      #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
      + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c"#
      + #"\u001d\u001e\u001f""#
    #expect(JSONValue.string(controls).canonicalText == expected)
  }

  @Test func escapesQuotesAndBackslashes() {
    #expect(JSONValue.string(#"say "hi" \ bye"#).canonicalText == #""say \"hi\" \\ bye""#)
  }

  @Test func writesEveryOtherCharacterAsItself() {
    let text = "/\u{7F}\u{80}é\u{2028}\u{2029}\u{FEFF}\u{FFFF}😀\u{10FFFF}'<>&"
    #expect(JSONValue.string(text).canonicalBytes == Array("\"\(text)\"".utf8))
  }

  @Test func keepsUnicodeNormalizationAsWritten() {
    #expect(JSONValue.string("e\u{301}").canonicalBytes == [0x22, 0x65, 0xCC, 0x81, 0x22])
    #expect(JSONValue.string("\u{E9}").canonicalBytes == [0x22, 0xC3, 0xA9, 0x22])
  }

  @Test func writesIntegersInPlainDecimal() throws {
    #expect(JSONValue.integer(0).canonicalText == "0")
    #expect(JSONValue.integer(-7).canonicalText == "-7")
    #expect(JSONValue.integer(1_000_000).canonicalText == "1000000")
    #expect(JSONValue.integer(9_007_199_254_740_991).canonicalText == "9007199254740991")
    #expect(JSONValue.integer(-9_007_199_254_740_991).canonicalText == "-9007199254740991")
    #expect(try JSONValue(parsing: "-0").canonicalText == "0")
  }

  @Test func writesNoWhitespaceAndKeepsArrayOrder() throws {
    let value = try JSONValue(parsing: #" { "b" : [ 3 , 1 , 2 ] , "a" : { } , "c" : [ ] } "#)
    #expect(value.canonicalText == #"{"a":{},"b":[3,1,2],"c":[]}"#)
  }

  @Test func writesAnEventLine() {
    let event: JSONValue = [
      "v": 1, "seq": 12_345, "type": "action.status_changed", "stream": "action/7.3",
      "recorded": "2018-03-02T10:00:00Z", "effective": "2018-03-01", "actor": "PS",
      "data": ["to": "on_track", "action": "7.3", "note": "Agreed at the board\n"],
      "prev": .string(String(repeating: "0", count: 64)),
    ]
    #expect(
      event.canonicalText
        == #"{"actor":"PS","data":{"action":"7.3","note":"Agreed at the board\n","to":"on_track"},"#
        + #""effective":"2018-03-01","prev":""# + String(repeating: "0", count: 64)
        + #"","recorded":"2018-03-02T10:00:00Z","seq":12345,"stream":"action/7.3","#
        + #""type":"action.status_changed","v":1}"#
    )
  }

  @Test func appendsToTheOutputItIsGiven() {
    var output = Array("x".utf8)
    JSONValue.array([1, "a"]).writeCanonical(into: &output)
    JSONValue.null.writeCanonical(into: &output)
    #expect(String(decoding: output, as: UTF8.self) == #"x[1,"a"]null"#)
  }

  /// Each character that needs an escape, at every position of strings up to 40 bytes
  /// (so before, inside and after the eight-byte runs the writer skips at once), next to
  /// multi-byte characters: the text is escaped exactly as a byte-by-byte writer would.
  @Test(arguments: ["\"", "\\", "\u{0}", "\u{1F}", "\n", "\t", "\u{8}"])
  func escapesASpecialCharacterAtEveryPosition(special: String) {
    func reference(_ text: String) -> String {
      var out: [UInt8] = [0x22]
      for byte in text.utf8 {
        switch byte {
        case 0x08: out += Array("\\b".utf8)
        case 0x09: out += Array("\\t".utf8)
        case 0x0A: out += Array("\\n".utf8)
        case 0x0C: out += Array("\\f".utf8)
        case 0x0D: out += Array("\\r".utf8)
        case 0x22, 0x5C: out += [0x5C, byte]
        case 0..<0x20:
          out +=
            Array("\\u00".utf8) + Array("0123456789abcdef".utf8)[Int(byte >> 4)...].prefix(1)
            + Array("0123456789abcdef".utf8)[Int(byte & 15)...].prefix(1)
        default: out.append(byte)
        }
      }
      return String(decoding: out + [0x22], as: UTF8.self)
    }
    for length in 0...40 {
      for position in 0...length {
        let filler = String(repeating: "a", count: length)
        var text = String(filler.prefix(position)) + special + String(filler.dropFirst(position))
        #expect(JSONValue.string(text).canonicalText == reference(text))
        text = "é" + text + "€"
        #expect(JSONValue.string(text).canonicalText == reference(text))
      }
    }
  }
}
