import LedgerStore
import Testing

@Suite struct JSONObjectScannerTests {
  static let line =
    #"{"actor":"PS","data":{"action":"7.3","note":"a \"b\"","to":"on_track"},"#
    + #""effective":"2018-03-01","prev":""# + String(repeating: "ab", count: 32)
    + #"","recorded":"2018-03-02T10:00:00Z","seq":12345,"stream":"action/7.3","#
    + #""type":"action.status_changed","v":1}"#

  /// The members of `text` as (raw name, raw value) pairs.
  static func members(of text: [UInt8]) throws -> [(key: String, value: String)] {
    var members: [(key: String, value: String)] = []
    try text.withUnsafeBytes { buffer in
      try JSONObjectScanner.forEachMember(in: buffer) { key, value in
        members.append(
          (
            String(decoding: key, as: UTF8.self),
            String(decoding: UnsafeRawBufferPointer(rebasing: buffer[value]), as: UTF8.self)
          )
        )
      }
    }
    return members
  }

  @Test func yieldsEachTopLevelMemberWithItsRawValue() throws {
    let members = try Self.members(of: Array(Self.line.utf8))
    #expect(
      members.map(\.key) == [
        "actor", "data", "effective", "prev", "recorded", "seq", "stream", "type", "v",
      ]
    )
    #expect(members[1].value == #"{"action":"7.3","note":"a \"b\"","to":"on_track"}"#)
    #expect(members[5].value == "12345")
    #expect(members[7].value == #""action.status_changed""#)
  }

  @Test func pullsOutTheMembersAReplayNeeds() throws {
    var seq: Int?
    var type: String?
    var stream: String?
    var effective: String?
    var data: JSONValue?
    try Array(Self.line.utf8).withUnsafeBytes { line in
      try JSONObjectScanner.forEachMember(in: line) { key, value in
        if JSONObjectScanner.key(key, equals: "seq") {
          seq = try JSONObjectScanner.integer(in: line, range: value)
        } else if JSONObjectScanner.key(key, equals: "type") {
          type = try JSONObjectScanner.string(in: line, range: value)
        } else if JSONObjectScanner.key(key, equals: "stream") {
          stream = try JSONObjectScanner.string(in: line, range: value)
        } else if JSONObjectScanner.key(key, equals: "effective") {
          effective = try JSONObjectScanner.string(in: line, range: value)
        } else if JSONObjectScanner.key(key, equals: "data") {
          data = try JSONValue(parsing: UnsafeRawBufferPointer(rebasing: line[value]))
        }
      }
    }
    #expect(seq == 12_345)
    #expect(type == "action.status_changed")
    #expect(stream == "action/7.3")
    #expect(effective == "2018-03-01")
    #expect(data == ["action": "7.3", "note": "a \"b\"", "to": "on_track"])
  }

  @Test func allowsWhitespaceAndAnyMemberOrder() throws {
    let members = try Self.members(of: Array(" {\n \"b\" : [ 1 , 2 ] ,\t\"a\":{ } } \n".utf8))
    #expect(members.map(\.key) == ["b", "a"])
    #expect(members.map(\.value) == ["[ 1 , 2 ]", "{ }"])
    #expect(try Self.members(of: Array("{}".utf8)).isEmpty)
  }

  @Test func comparesNamesByTheirDecodedCharacters() {
    func key(_ raw: String, equals name: StaticString) -> Bool {
      Array(raw.utf8).withUnsafeBytes { JSONObjectScanner.key($0, equals: name) }
    }
    #expect(key("seq", equals: "seq"))
    #expect(!key("seq", equals: "se"))
    #expect(!key("se", equals: "seq"))
    #expect(!key("Seq", equals: "seq"))
    #expect(!key("seqs", equals: "seq"))
    #expect(key(#"s\u0065q"#, equals: "seq"))
    #expect(key(#"\u0073\u0065\u0071"#, equals: "seq"))
    #expect(!key(#"s\u0065qq"#, equals: "seq"))
    #expect(key(#"a\\b"#, equals: #"a\b"#))
    #expect(!key(#"a\\b"#, equals: #"a\\b"#))
    #expect(key(#"\ud83d\ude00"#, equals: "😀"))
    #expect(key("é", equals: "é"))
    #expect(!key("e\u{301}", equals: "é"))
    #expect(key("", equals: ""))
    #expect(!key(#"\"#, equals: ""))
  }

  @Test func decodesStringsAndIntegers() throws {
    let text = Array(#"{"s":"a\n\u00e9\ud83d\ude00","i":-42,"z":0,"big":9007199254740991}"#.utf8)
    try text.withUnsafeBytes { buffer in
      var ranges: [String: Range<Int>] = [:]
      try JSONObjectScanner.forEachMember(in: buffer) { key, value in
        ranges[String(decoding: key, as: UTF8.self)] = value
      }
      #expect(ranges["s"] == 5..<28)
      #expect(try JSONObjectScanner.string(in: buffer, range: 5..<28) == "a\né😀")
      #expect(try JSONObjectScanner.integer(in: buffer, range: ranges["i"] ?? 0..<0) == -42)
      #expect(try JSONObjectScanner.integer(in: buffer, range: ranges["z"] ?? 0..<0) == 0)
      #expect(
        try JSONObjectScanner.integer(in: buffer, range: ranges["big"] ?? 0..<0)
          == 9_007_199_254_740_991
      )
    }
  }

  @Test func refusesAValueOfTheWrongKind() {
    let text = Array(#"{"s":"12","i":12}"#.utf8)
    text.withUnsafeBytes { buffer in
      #expect(throws: JSONError.unexpectedCharacter(offset: 5)) {
        try JSONObjectScanner.integer(in: buffer, range: 5..<9)
      }
      #expect(throws: JSONError.unexpectedCharacter(offset: 14)) {
        try JSONObjectScanner.string(in: buffer, range: 14..<16)
      }
      #expect(throws: JSONError.trailingCharacters(offset: 9)) {
        try JSONObjectScanner.string(in: buffer, range: 5..<10)
      }
      #expect(throws: JSONError.unexpectedEnd(offset: 8)) {
        try JSONObjectScanner.string(in: buffer, range: 5..<8)
      }
      #expect(throws: JSONError.unexpectedEnd(offset: 3)) {
        try JSONObjectScanner.string(in: buffer, range: 3..<3)
      }
    }
  }

  @Test func refusesNumbersAndStringsOutsideTheSubsetWhenDecodingThem() {
    let text = Array(#"{"a":1.5,"b":"\ud800","c":01,"d":99999999999999999}"#.utf8)
    text.withUnsafeBytes { buffer in
      #expect(throws: JSONError.fractionalNumber(offset: 5)) {
        try JSONObjectScanner.integer(in: buffer, range: 5..<8)
      }
      #expect(throws: JSONError.loneSurrogate(offset: 14)) {
        try JSONObjectScanner.string(in: buffer, range: 13..<21)
      }
      #expect(throws: JSONError.leadingZero(offset: 26)) {
        try JSONObjectScanner.integer(in: buffer, range: 26..<28)
      }
      #expect(throws: JSONError.integerOutOfRange(offset: 33)) {
        try JSONObjectScanner.integer(in: buffer, range: 33..<50)
      }
    }
  }

  @Test(arguments: [
    ("[]", JSONError.unexpectedCharacter(offset: 0)),
    ("", .unexpectedEnd(offset: 0)),
    ("{", .unexpectedEnd(offset: 1)),
    (#"{"a""#, .unexpectedEnd(offset: 4)),
    (#"{"a":1"#, .unexpectedEnd(offset: 6)),
    (#"{"a":1,}"#, .unexpectedCharacter(offset: 7)),
    (#"{"a":1 "b":2}"#, .unexpectedCharacter(offset: 7)),
    (#"{a:1}"#, .unexpectedCharacter(offset: 1)),
    (#"{"a":[1,]}"#, .unexpectedCharacter(offset: 8)),
    (#"{"a":{"b":1.5}}"#, .fractionalNumber(offset: 10)),
    (#"{"a":"\x"}"#, .invalidEscape(offset: 6)),
    (#"{"a":tru}"#, .unexpectedCharacter(offset: 8)),
    (#"{"a":1}x"#, .trailingCharacters(offset: 7)),
    ("\u{FEFF}{}", .byteOrderMark),
  ])
  func refusesMalformedObjects(_ text: String, _ error: JSONError) {
    #expect(throws: error) { try Self.members(of: Array(text.utf8)) }
  }

  @Test func refusesNestingSixtyFiveDeep() throws {
    let deep =
      "{\"a\":" + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}"
    _ = try Self.members(of: Array(deep.utf8))
    let tooDeep =
      "{\"a\":" + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}"
    #expect(throws: JSONError.tooDeep(offset: 68)) { try Self.members(of: Array(tooDeep.utf8)) }
  }

  @Test func passesOnWhatTheClosureThrows() {
    struct Stop: Error, Equatable {}
    #expect(throws: Stop()) {
      try Array(Self.line.utf8).withUnsafeBytes { line in
        try JSONObjectScanner.forEachMember(in: line) { _, _ in throw Stop() }
      }
    }
  }

  @Test func agreesWithTheParserOnRandomObjects() throws {
    var random = RandomJSON(seed: 8785)
    for _ in 0..<300 {
      let object = random.object(memberCount: 0...8)
      for text in [JSONValue.object(object).canonicalBytes, random.looseText(.object(object))] {
        var scanned: [(key: String, value: JSONValue)] = []
        try text.withUnsafeBytes { buffer in
          try JSONObjectScanner.forEachMember(in: buffer) { key, range in
            let value = try JSONValue(parsing: UnsafeRawBufferPointer(rebasing: buffer[range]))
            if let string = value.stringValue {
              #expect(try JSONObjectScanner.string(in: buffer, range: range) == string)
            }
            if let integer = value.integerValue {
              #expect(try JSONObjectScanner.integer(in: buffer, range: range) == integer)
            }
            let quoted = Array("\"".utf8) + Array(UnsafeRawBufferPointer(key)) + Array("\"".utf8)
            let name = try JSONValue(parsing: quoted).stringValue ?? ""
            scanned.append((name, value))
          }
        }
        var rebuilt = JSONObject()
        for (key, value) in scanned {
          rebuilt[key] = value
        }
        #expect(scanned.count == object.count)
        #expect(rebuilt == object)
      }
    }
  }

  @Test func neverCrashesAndAgreesWithTheParserOnDamagedLines() throws {
    var random = RandomJSON(seed: 2025)
    let line = Array(Self.line.utf8)
    for _ in 0..<3000 {
      var damaged = line
      for _ in 0..<random.int(1...3) {
        let offset = random.int(0...damaged.count - 1)
        switch random.int(0...2) {
        case 0:
          damaged[offset] = UInt8(random.int(0...255))
        case 1:
          damaged.remove(at: offset)
        default:
          damaged = Array(damaged[..<offset])
        }
        if damaged.isEmpty {
          break
        }
      }
      let scanned = Result { try Self.members(of: damaged) }
      let parsed = Result { () throws(JSONError) in try JSONValue(parsing: damaged) }
      switch (scanned, parsed) {
      case (.success, .success(let value)):
        #expect(value.objectValue != nil)
      case (.success, .failure(let parseError)):
        #expect(parseError.isDuplicateMember, "scanner accepted what the parser refused")
      case (.failure(let scanError), .success(let value)):
        #expect(value.objectValue == nil, "scanner refused an object: \(scanError)")
      case (.failure(let scanError), .failure(let parseError)):
        // The parser may find a duplicate first, or, for a top-level value that is not an
        // object, a problem after the scanner's.
        if !parseError.isDuplicateMember && damaged.first == UInt8(ascii: "{") {
          #expect(scanError as? JSONError == parseError)
        }
      }
    }
  }
}

extension JSONError {
  fileprivate var isDuplicateMember: Bool {
    if case .duplicateMember = self {
      return true
    }
    return false
  }
}
