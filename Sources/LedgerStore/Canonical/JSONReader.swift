/// A cursor over JSON bytes that reads and checks the tokens of the log's subset of JSON.
///
/// The parser, ``CanonicalJSON`` and ``JSONObjectScanner`` share it, so all three refuse the
/// same inputs with the same errors. In canonical mode it also refuses whatever RFC 8785 would
/// have written differently: whitespace, escapes other than the canonical ones, `-0` and, in
/// ``skipValue(depth:)``, members out of order or repeated.
///
/// It never reads at or past `end`, allocates nothing (but for the name in a duplicate member
/// error), and reports offsets relative to `base`.
struct JSONReader {
  /// The bytes, valid from offset 0 to `end`.
  let base: UnsafeRawPointer
  /// The offset just past the last byte to read.
  let end: Int
  /// Whether to refuse what is valid but not RFC 8785 canonical form.
  let canonical: Bool
  /// The offset of the next byte to read.
  var position: Int

  /// A string token: where its contents (between the quotes) lie, and whether they need
  /// decoding.
  struct StringToken {
    /// The contents, without the quotes, still escaped.
    var contents: Range<Int>
    /// Whether the contents hold at least one backslash escape.
    var hasEscapes: Bool
  }

  /// Starts reading a whole JSON text, after checking its length and refusing a byte order
  /// mark.
  ///
  /// - Parameters:
  ///   - buffer: The JSON text.
  ///   - canonical: Whether to refuse what is not RFC 8785 canonical form.
  /// - Throws: ``JSONError/tooLong(length:)``, ``JSONError/byteOrderMark``, or
  ///   ``JSONError/unexpectedEnd(offset:)`` for empty input.
  init(_ buffer: UnsafeRawBufferPointer, canonical: Bool) throws(JSONError) {
    guard buffer.count <= JSONValue.maximumLength else {
      throw .tooLong(length: buffer.count)
    }
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      throw .unexpectedEnd(offset: 0)
    }
    if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
      throw .byteOrderMark
    }
    self.init(base: base, range: 0..<buffer.count, canonical: canonical)
  }

  /// Starts reading `base[range]`, reporting offsets relative to `base`.
  ///
  /// - Parameters:
  ///   - base: The start of the bytes.
  ///   - range: The bytes to read, valid memory.
  ///   - canonical: Whether to refuse what is not RFC 8785 canonical form.
  init(base: UnsafeRawPointer, range: Range<Int>, canonical: Bool) {
    self.base = base
    self.end = range.upperBound
    self.canonical = canonical
    self.position = range.lowerBound
  }

  /// Whether every byte has been read.
  var isAtEnd: Bool {
    position >= end
  }

  /// The byte at `offset`, which must be below `end`.
  @inline(__always)
  func byte(at offset: Int) -> UInt8 {
    base.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// The next byte, without moving on.
  ///
  /// - Returns: The byte at ``position``.
  /// - Throws: ``JSONError/unexpectedEnd(offset:)`` when there is none.
  @inline(__always)
  func peek() throws(JSONError) -> UInt8 {
    guard position < end else {
      throw .unexpectedEnd(offset: position)
    }
    return byte(at: position)
  }

  /// Moves past spaces, tabs, line feeds and carriage returns; in canonical mode, refuses them.
  ///
  /// - Throws: ``JSONError/notCanonical(offset:reason:)`` in canonical mode.
  @inline(__always)
  mutating func skipWhitespace() throws(JSONError) {
    while position < end {
      switch byte(at: position) {
      case 0x20, 0x09, 0x0A, 0x0D:
        if canonical {
          throw .notCanonical(offset: position, reason: .whitespace)
        }
        position += 1
      default:
        return
      }
    }
  }

  /// Moves past `expected`, after any whitespace.
  ///
  /// - Parameter expected: The ASCII byte that must come next, such as `:`.
  /// - Throws: ``JSONError/unexpectedCharacter(offset:)`` or ``JSONError/unexpectedEnd(offset:)``
  ///   when another byte or nothing comes next.
  @inline(__always)
  mutating func consume(_ expected: UInt8) throws(JSONError) {
    try skipWhitespace()
    guard try peek() == expected else {
      throw .unexpectedCharacter(offset: position)
    }
    position += 1
  }

  /// Checks the depth of a container about to open at ``position``.
  ///
  /// - Parameter depth: The nesting depth of the container's contents, 1 for the outermost.
  /// - Throws: ``JSONError/tooDeep(offset:)`` beyond ``JSONValue/maximumDepth``.
  @inline(__always)
  func checkDepth(_ depth: Int) throws(JSONError) {
    if depth > JSONValue.maximumDepth {
      throw .tooDeep(offset: position)
    }
  }

  /// Moves past a literal `true`, `false` or `null` starting at ``position``.
  ///
  /// - Parameter literal: The literal's text.
  /// - Throws: ``JSONError/unexpectedCharacter(offset:)`` at the first wrong byte, or
  ///   ``JSONError/unexpectedEnd(offset:)``.
  mutating func readLiteral(_ literal: StaticString) throws(JSONError) {
    let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    for expected in bytes {
      guard try peek() == expected else {
        throw .unexpectedCharacter(offset: position)
      }
      position += 1
    }
  }
}

// MARK: - Values

extension JSONReader {
  /// Reads and checks a value without building it: every refusal the parser makes except
  /// duplicate member names, plus, in canonical mode, member order and duplicates.
  ///
  /// Strings and integers, most of the values in a log, are read here; containers and
  /// literals in ``skipContainerOrLiteral(_:depth:)``.
  ///
  /// - Parameter depth: The nesting depth of the containers around the value, 0 at the top.
  /// - Throws: The first problem, as a ``JSONError``.
  @inline(__always)
  mutating func skipValue(depth: Int) throws(JSONError) {
    let first = try peek()
    if first == UInt8(ascii: "\"") {
      _ = try readString()
    } else if first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 {
      _ = try readInteger()
    } else {
      try skipContainerOrLiteral(first, depth: depth)
    }
  }

  private mutating func skipContainerOrLiteral(_ first: UInt8, depth: Int) throws(JSONError) {
    switch first {
    case UInt8(ascii: "{"):
      try skipObject(depth: depth + 1)
    case UInt8(ascii: "["):
      try checkDepth(depth + 1)
      position += 1
      try skipWhitespace()
      if try peek() == UInt8(ascii: "]") {
        position += 1
        return
      }
      while true {
        try skipValue(depth: depth + 1)
        try skipWhitespace()
        switch try peek() {
        case UInt8(ascii: ","):
          position += 1
          try skipWhitespace()
        case UInt8(ascii: "]"):
          position += 1
          return
        default:
          throw .unexpectedCharacter(offset: position)
        }
      }
    case UInt8(ascii: "t"):
      try readLiteral("true")
    case UInt8(ascii: "f"):
      try readLiteral("false")
    case UInt8(ascii: "n"):
      try readLiteral("null")
    default:
      throw .unexpectedCharacter(offset: position)
    }
  }

  private mutating func skipObject(depth: Int) throws(JSONError) {
    try checkDepth(depth)
    position += 1
    try skipWhitespace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
      return
    }
    var previous: StringToken?
    while true {
      guard try peek() == UInt8(ascii: "\"") else {
        throw .unexpectedCharacter(offset: position)
      }
      let nameOffset = position
      let name = try readString()
      if canonical, let previous {
        let order = compareNames(previous, name)
        if order == 0 {
          throw .duplicateMember(name: decodeString(name), offset: nameOffset)
        }
        if order > 0 {
          throw .notCanonical(offset: nameOffset, reason: .memberOrder)
        }
      }
      previous = name
      try consume(UInt8(ascii: ":"))
      try skipWhitespace()
      try skipValue(depth: depth)
      try skipWhitespace()
      switch try peek() {
      case UInt8(ascii: ","):
        position += 1
        try skipWhitespace()
      case UInt8(ascii: "}"):
        position += 1
        return
      default:
        throw .unexpectedCharacter(offset: position)
      }
    }
  }

  /// Compares two checked member names in RFC 8785 order.
  ///
  /// - Parameters:
  ///   - a: One name, as read by ``readString()``.
  ///   - b: The other name.
  /// - Returns: A negative number when `a` comes first, zero when the names are equal, a
  ///   positive number when `b` comes first.
  func compareNames(_ a: StringToken, _ b: StringToken) -> Int {
    let buffer = UnsafeRawBufferPointer(start: base, count: end)
    if !a.hasEscapes && !b.hasEscapes {
      return ExactText.compareUTF8(
        UnsafeRawBufferPointer(rebasing: buffer[a.contents]),
        UnsafeRawBufferPointer(rebasing: buffer[b.contents])
      )
    }
    return ExactText.compareScalars(
      EscapedScalars(buffer, range: a.contents),
      EscapedScalars(buffer, range: b.contents)
    )
  }
}

// MARK: - Strings

extension JSONReader {
  /// Reads and checks a string starting at its opening quote at ``position``.
  ///
  /// Checks UTF-8, escapes, surrogate pairs and control characters; in canonical mode, also
  /// that each escape is the one RFC 8785 writes.
  ///
  /// - Returns: Where the contents lie and whether they hold escapes.
  /// - Throws: The first problem, as a ``JSONError``.
  @inline(__always)
  mutating func readString() throws(JSONError) -> StringToken {
    position += 1
    let start = position
    var hasEscapes = false
    while true {
      // Eight bytes at a time: skip them when none is special, else go straight to the first
      // special one.
      if position + 8 <= end {
        let word = UInt64(
          littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        )
        let special = Self.specialBytes(in: word)
        if special == 0 {
          position += 8
          continue
        }
        position += special.trailingZeroBitCount >> 3
      }
      let next = try peek()
      if next == UInt8(ascii: "\"") {
        position += 1
        return StringToken(contents: start..<position - 1, hasEscapes: hasEscapes)
      } else if next == UInt8(ascii: "\\") {
        hasEscapes = true
        try readEscape()
      } else if next < 0x20 {
        throw .controlCharacterInString(offset: position)
      } else if next < 0x80 {
        position += 1
      } else {
        try readMultibyteCharacter(lead: next)
      }
    }
  }

  /// Marks the bytes of `word` (first byte lowest) that are below 0x20, `"`, `\` or above 0x7F
  /// by setting their high bits.
  ///
  /// Uses the borrow trick for "has a byte less than n": subtracting n from each byte sets the
  /// high bit of every byte below n. A borrow can also mark bytes above a marked one, but never
  /// below, so the lowest mark is always exact.
  @inline(__always)
  private static func specialBytes(in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let control = (word &- (ones &* 0x20)) & ~word
    let quote = (quotes &- ones) & ~quotes
    let backslash = (backslashes &- ones) & ~backslashes
    return (control | quote | backslash | word) & highBits
  }

  private mutating func readEscape() throws(JSONError) {
    let escapeOffset = position
    guard position + 1 < end else {
      throw .unexpectedEnd(offset: end)
    }
    switch byte(at: position + 1) {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      position += 2
    case UInt8(ascii: "/"):
      if canonical {
        throw .notCanonical(offset: escapeOffset, reason: .unneededEscape)
      }
      position += 2
    case UInt8(ascii: "u"):
      let (unit, hasUppercase) = try readHexEscape()
      switch unit {
      case 0xD800...0xDBFF:
        guard position + 1 < end, byte(at: position) == UInt8(ascii: "\\"),
          byte(at: position + 1) == UInt8(ascii: "u")
        else {
          throw .loneSurrogate(offset: escapeOffset)
        }
        let (low, _) = try readHexEscape()
        guard (0xDC00...0xDFFF).contains(low) else {
          throw .loneSurrogate(offset: escapeOffset)
        }
        if canonical {
          throw .notCanonical(offset: escapeOffset, reason: .unneededEscape)
        }
      case 0xDC00...0xDFFF:
        throw .loneSurrogate(offset: escapeOffset)
      default:
        if canonical {
          try checkCanonicalHexEscape(unit, hasUppercase: hasUppercase, at: escapeOffset)
        }
      }
    default:
      throw .invalidEscape(offset: escapeOffset)
    }
  }

  /// Reads `\uXXXX` at ``position`` and moves past it.
  private mutating func readHexEscape() throws(JSONError) -> (unit: UInt32, hasUppercase: Bool) {
    let escapeOffset = position
    var unit: UInt32 = 0
    var hasUppercase = false
    for offset in position + 2..<position + 6 {
      guard offset < end else {
        throw .unexpectedEnd(offset: end)
      }
      let digit = byte(at: offset)
      guard let value = hexDigitValue(digit) else {
        throw .invalidEscape(offset: escapeOffset)
      }
      hasUppercase = hasUppercase || digit >= UInt8(ascii: "A") && digit <= UInt8(ascii: "F")
      unit = unit << 4 | UInt32(value)
    }
    position += 6
    return (unit, hasUppercase)
  }

  /// RFC 8785 writes `\u00xx` in lower case for control characters without a short escape,
  /// a short escape for `"`, `\`, backspace, tab, line feed, form feed and carriage return,
  /// and every other character as itself.
  private func checkCanonicalHexEscape(
    _ unit: UInt32,
    hasUppercase: Bool,
    at offset: Int
  ) throws(JSONError) {
    switch unit {
    case 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x22, 0x5C:
      throw .notCanonical(offset: offset, reason: .longEscape)
    case 0x00..<0x20:
      if hasUppercase {
        throw .notCanonical(offset: offset, reason: .uppercaseHexDigit)
      }
    default:
      throw .notCanonical(offset: offset, reason: .unneededEscape)
    }
  }

  /// Checks one UTF-8 character of two to four bytes (Unicode Table 3-7): no overlong forms,
  /// no surrogates, nothing above U+10FFFF, nothing cut short.
  private mutating func readMultibyteCharacter(lead: UInt8) throws(JSONError) {
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF:
      length = 2
    case 0xE0:
      (length, secondRange) = (3, 0xA0...0xBF)
    case 0xE1...0xEC, 0xEE...0xEF:
      length = 3
    case 0xED:
      (length, secondRange) = (3, 0x80...0x9F)
    case 0xF0:
      (length, secondRange) = (4, 0x90...0xBF)
    case 0xF1...0xF3:
      length = 4
    case 0xF4:
      (length, secondRange) = (4, 0x80...0x8F)
    default:
      throw .invalidUTF8(offset: position)
    }
    guard position + length <= end, secondRange.contains(byte(at: position + 1)) else {
      throw .invalidUTF8(offset: position)
    }
    for offset in position + 2..<position + length where byte(at: offset) & 0xC0 != 0x80 {
      throw .invalidUTF8(offset: position)
    }
    position += length
  }

  /// The text of a string checked by ``readString()``, escapes decoded.
  ///
  /// - Parameter token: The string, as read by ``readString()``.
  /// - Returns: The string's text.
  func decodeString(_ token: StringToken) -> String {
    let contents = UnsafeRawBufferPointer(
      start: base + token.contents.lowerBound,
      count: token.contents.count
    )
    guard token.hasEscapes else {
      return String(decoding: contents, as: UTF8.self)
    }
    var scalars = EscapedScalars(contents)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(contents.count)
    while let scalar = scalars.next() {
      // `readString()` has checked every escape, so the replacement character never appears.
      UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { bytes.append($0) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

// MARK: - Numbers

extension JSONReader {
  /// Reads and checks an integer starting at ``position`` (a `-` or a digit).
  ///
  /// - Returns: The integer.
  /// - Throws: ``JSONError/leadingZero(offset:)``, ``JSONError/fractionalNumber(offset:)``,
  ///   ``JSONError/exponentNumber(offset:)``, ``JSONError/integerOutOfRange(offset:)``, in
  ///   canonical mode ``JSONError/notCanonical(offset:reason:)`` for `-0`, or an error for a
  ///   `-` without digits.
  mutating func readInteger() throws(JSONError) -> Int {
    let start = position
    let isNegative = byte(at: position) == UInt8(ascii: "-")
    if isNegative {
      position += 1
    }
    let first = try peek()
    guard first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else {
      throw .unexpectedCharacter(offset: position)
    }
    var magnitude = 0
    var isOutOfRange = false
    position += 1
    if first == UInt8(ascii: "0") {
      if position < end && byte(at: position) &- UInt8(ascii: "0") < 10 {
        throw .leadingZero(offset: start)
      }
    } else {
      magnitude = Int(first &- UInt8(ascii: "0"))
      while position < end {
        let digit = byte(at: position) &- UInt8(ascii: "0")
        guard digit < 10 else {
          break
        }
        // Stops accumulating once out of range, so the value never overflows.
        if !isOutOfRange {
          magnitude = magnitude * 10 + Int(digit)
          isOutOfRange = magnitude > JSONValue.integerRange.upperBound
        }
        position += 1
      }
    }
    if position < end {
      switch byte(at: position) {
      case UInt8(ascii: "."):
        throw .fractionalNumber(offset: start)
      case UInt8(ascii: "e"), UInt8(ascii: "E"):
        throw .exponentNumber(offset: start)
      default:
        break
      }
    }
    if isOutOfRange {
      throw .integerOutOfRange(offset: start)
    }
    if canonical && isNegative && magnitude == 0 {
      throw .notCanonical(offset: start, reason: .negativeZero)
    }
    return isNegative ? -magnitude : magnitude
  }
}
