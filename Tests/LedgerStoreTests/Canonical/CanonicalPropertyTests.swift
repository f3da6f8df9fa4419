import LedgerStore
import Testing

/// Properties over random values from a seeded generator: the same values on every run.
@Suite struct CanonicalPropertyTests {
  /// Bytes a one-byte change is most likely to get wrong: structure, escapes, digits, number
  /// syntax, whitespace, control characters and every kind of UTF-8 byte.
  static let replacementBytes: [UInt8] =
    Array("{}[]:,\"\\/-+.0159eEtfnrbuaAzZ \t\n\r".utf8)
    + [
      0x00, 0x01, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xC3, 0xDF, 0xE0, 0xED, 0xEE,
      0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]

  /// Whether `validate` accepts `bytes` exactly when they are the canonical form of what they
  /// parse to.
  static func validatorAgreesWithParser(on bytes: [UInt8]) -> Bool {
    let isValid = (try? validateCanonical(bytes)) != nil
    let isCanonical = (try? JSONValue(parsing: bytes))?.canonicalBytes == bytes
    return isValid == isCanonical
  }

  /// Canonical lines of random objects, at most 160 bytes long so that trying every change of
  /// every byte stays quick.
  static func lines(seed: UInt64, count: Int) -> [[UInt8]] {
    var random = RandomJSON(seed: seed)
    var lines: [[UInt8]] = []
    while lines.count < count {
      let line = JSONValue.object(random.object(memberCount: 1...5)).canonicalBytes
      if line.count <= 160 {
        lines.append(line)
      }
    }
    return lines
  }

  /// Whether every object in `value` has its names in increasing UTF-16 order, by Swift's own
  /// UTF-16 view rather than the library's comparison.
  static func hasMembersInUTF16Order(_ value: JSONValue) -> Bool {
    switch value {
    case .null, .bool, .integer, .string:
      return true
    case .array(let elements):
      return elements.allSatisfy(hasMembersInUTF16Order)
    case .object(let object):
      let names = object.map { Array($0.key.utf16) }
      return zip(names, names.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
        && object.allSatisfy { hasMembersInUTF16Order($0.value) }
    }
  }

  @Test func canonicalBytesParseBackAndValidate() throws {
    var random = RandomJSON(seed: 1)
    for _ in 0..<1000 {
      let value = random.value()
      #expect(Self.hasMembersInUTF16Order(value))
      let bytes = value.canonicalBytes
      let parsed = try JSONValue(parsing: bytes)
      #expect(parsed == value)
      #expect(parsed.canonicalBytes == bytes)
      #expect(try JSONValue(parsing: value.canonicalText) == value)
      try validateCanonical(bytes)
    }
  }

  @Test func looseSpellingsParseToTheSameValueAndFailValidation() throws {
    var random = RandomJSON(seed: 2)
    for _ in 0..<1000 {
      let value = random.value()
      let loose = random.looseText(value)
      #expect(try JSONValue(parsing: loose) == value)
      if loose != value.canonicalBytes {
        #expect(throws: JSONError.self) { try validateCanonical(loose) }
      }
    }
  }

  @Test func everyOneByteChangeFailsValidationOrIsAnotherCanonicalLine() {
    var failures = 0
    for (index, line) in Self.lines(seed: 3, count: 30).enumerated() {
      let replacements = index < 3 ? Array(0...255) : Self.replacementBytes
      for offset in line.indices {
        for byte in replacements where byte != line[offset] {
          var changed = line
          changed[offset] = byte
          if !Self.validatorAgreesWithParser(on: changed) {
            failures += 1
            Issue.record(
              "validator and parser disagree on \(String(decoding: changed, as: UTF8.self))"
            )
          }
        }
      }
    }
    #expect(failures == 0)
  }

  @Test func everyInsertedWhitespaceFailsValidationOrIsInsideAString() {
    for line in Self.lines(seed: 4, count: 40) {
      for offset in 0...line.count {
        for whitespace in Array(" \t\n\r".utf8) {
          var changed = line
          changed.insert(whitespace, at: offset)
          #expect(Self.validatorAgreesWithParser(on: changed))
          if (try? validateCanonical(changed)) != nil {
            // Only a space inside a string can keep a line canonical, and then it is another
            // value.
            #expect(whitespace == 0x20)
            #expect((try? JSONValue(parsing: changed)) != (try? JSONValue(parsing: line)))
          }
        }
      }
    }
  }

  @Test func everyDeletedByteFailsValidationOrIsAnotherCanonicalLine() {
    for line in Self.lines(seed: 5, count: 40) {
      for offset in line.indices {
        var changed = line
        changed.remove(at: offset)
        #expect(Self.validatorAgreesWithParser(on: changed))
      }
    }
  }

  @Test func validatorAgreesWithParserOnLooseSpellings() {
    var random = RandomJSON(seed: 6)
    for _ in 0..<500 {
      let value = random.value()
      let loose = random.looseText(value)
      #expect(Self.validatorAgreesWithParser(on: loose))
      #expect(Self.validatorAgreesWithParser(on: value.canonicalBytes))
    }
  }
}
