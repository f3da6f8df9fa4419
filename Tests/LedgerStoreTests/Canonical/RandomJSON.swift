import LedgerStore

/// SplitMix64: a small, seeded, deterministic generator, so a failing property test fails the
/// same way on every run and machine.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random values in the log's subset of JSON, and random non-canonical spellings of them.
///
/// Strings draw on the characters that make canonical form hard: quotes, backslashes, every
/// control character, `/`, U+007F, U+2028, a combining accent, characters in U+E000…U+FFFF and
/// above U+FFFF (whose UTF-16 order differs from their UTF-8 order).
struct RandomJSON {
  var generator: SeededGenerator

  init(seed: UInt64) {
    generator = SeededGenerator(seed: seed)
  }

  static let interestingScalars: [Unicode.Scalar] = [
    "a", "b", "z", "A", "Z", "0", "9", " ", "\"", "\\", "/", "'", "<", "~",
    "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}", "\u{7F}", "\u{80}",
    "\u{E9}", "\u{F6}", "\u{301}", "\u{20AC}", "\u{2028}", "\u{D7FF}", "\u{E000}", "\u{FB33}",
    "\u{FEFF}", "\u{FFFD}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
  ]

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &generator)
  }

  mutating func chance(_ percent: Int) -> Bool {
    int(1...100) <= percent
  }

  mutating func string(maximumLength: Int) -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<int(0...maximumLength) {
      if chance(40) {
        scalars.append(Unicode.Scalar(UInt8(int(0x61...0x7A))))
      } else {
        scalars.append(Self.interestingScalars[int(0...Self.interestingScalars.count - 1)])
      }
    }
    return String(scalars)
  }

  mutating func integer() -> Int {
    switch int(0...5) {
    case 0:
      return [0, 1, -1, JSONValue.integerRange.lowerBound, JSONValue.integerRange.upperBound][
        int(0...4)
      ]
    case 1:
      return int(JSONValue.integerRange)
    default:
      return int(-1000...100_000)
    }
  }

  mutating func value(depth: Int = 0) -> JSONValue {
    let kinds = depth >= 4 ? 4 : 6
    switch int(0...kinds - 1) {
    case 0:
      return [.null, .bool(true), .bool(false)][int(0...2)]
    case 1:
      return .integer(integer())
    case 2, 3:
      return .string(string(maximumLength: 12))
    case 4:
      return .array((0..<int(0...4)).map { _ in value(depth: depth + 1) })
    default:
      return .object(object(depth: depth + 1))
    }
  }

  mutating func object(depth: Int = 0, memberCount: ClosedRange<Int> = 0...6) -> JSONObject {
    var object = JSONObject()
    for _ in 0..<int(memberCount) {
      object[string(maximumLength: 4)] = value(depth: depth)
    }
    return object
  }

  /// A valid but non-canonical spelling of `value`: whitespace between tokens, members
  /// shuffled, characters escaped in every allowed way.
  mutating func looseText(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    writeLoose(value, into: &output)
    return output
  }

  private mutating func whitespace(into output: inout [UInt8]) {
    while chance(20) {
      output.append([0x20, 0x09, 0x0A, 0x0D][int(0...3)])
    }
  }

  private mutating func writeLoose(_ value: JSONValue, into output: inout [UInt8]) {
    whitespace(into: &output)
    switch value {
    case .null, .bool, .integer:
      output.append(contentsOf: value.canonicalBytes)
    case .string(let string):
      writeLoose(string, into: &output)
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      whitespace(into: &output)
      for (index, element) in elements.enumerated() {
        if index > 0 {
          output.append(UInt8(ascii: ","))
        }
        writeLoose(element, into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      whitespace(into: &output)
      for (index, member) in Array(object).shuffled(using: &generator).enumerated() {
        if index > 0 {
          output.append(UInt8(ascii: ","))
        }
        whitespace(into: &output)
        writeLoose(member.key, into: &output)
        whitespace(into: &output)
        output.append(UInt8(ascii: ":"))
        writeLoose(member.value, into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
    whitespace(into: &output)
  }

  private mutating func writeLoose(_ string: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for scalar in string.unicodeScalars {
      let short: [Unicode.Scalar: UInt8] = [
        "\"": UInt8(ascii: "\""), "\\": UInt8(ascii: "\\"), "/": UInt8(ascii: "/"),
        "\u{8}": UInt8(ascii: "b"), "\u{C}": UInt8(ascii: "f"), "\u{A}": UInt8(ascii: "n"),
        "\u{D}": UInt8(ascii: "r"), "\u{9}": UInt8(ascii: "t"),
      ]
      let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
      if !mustEscape && chance(70) {
        output.append(contentsOf: String(scalar).utf8)
      } else if let letter = short[scalar], chance(50) {
        output.append(contentsOf: [UInt8(ascii: "\\"), letter])
      } else {
        let uppercase = chance(50)
        for unit in String(scalar).utf16 {
          var hex = String(unit, radix: 16, uppercase: uppercase)
          hex = String(repeating: "0", count: 4 - hex.count) + hex
          output.append(contentsOf: "\\u\(hex)".utf8)
        }
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
