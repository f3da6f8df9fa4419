/// Walks the top-level members of a JSON object without building values, for replay paths that
/// need a few members of each line.
///
/// The scanner hands each member's raw name and the byte range of its raw value to a closure,
/// which picks the members it wants with ``key(_:equals:)`` and decodes only those with
/// ``string(in:range:)``, ``integer(in:range:)`` or
/// ``JSONValue/init(parsing:)-(UnsafeRawBufferPointer)``. Nothing is allocated but the strings
/// the caller creates:
///
/// ```swift
/// var seq = 0
/// var type = ""
/// try line.withUnsafeBytes { line in
///   try JSONObjectScanner.forEachMember(in: line) { key, value in
///     if JSONObjectScanner.key(key, equals: "seq") {
///       seq = try JSONObjectScanner.integer(in: line, range: value)
///     } else if JSONObjectScanner.key(key, equals: "type") {
///       type = try JSONObjectScanner.string(in: line, range: value)
///     }
///   }
/// }
/// ```
///
/// Input is untrusted: the scanner never reads outside the buffer, and refuses what the parser
/// refuses, with the same ``JSONError``, except duplicate member names, which it does not look
/// for at any depth. Like the parser, it allows whitespace between tokens. Use
/// ``CanonicalJSON/validate(_:)`` first where a line has not been verified.
public struct JSONObjectScanner: Sendable {
  /// Calls `body` with each top-level member of the JSON object in `buffer`, in order.
  ///
  /// Checks the whole object as it goes, so `body` may already have seen the members before a
  /// problem when this throws.
  ///
  /// - Parameters:
  ///   - buffer: UTF-8 bytes of one JSON object, with optional whitespace around tokens.
  ///   - body: Called with the member's name as it stands between the quotes (still escaped)
  ///     and the range of its value within `buffer` (a string's range includes its quotes).
  ///     An error it throws ends the scan and is rethrown.
  /// - Throws: ``JSONError`` when the bytes are not a JSON object in the log's subset, or what
  ///   `body` throws.
  public static func forEachMember(
    in buffer: UnsafeRawBufferPointer,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: Range<Int>) throws -> Void
  ) throws {
    var reader = try JSONReader(buffer, canonical: false)
    try reader.skipWhitespace()
    guard try reader.peek() == UInt8(ascii: "{") else {
      throw JSONError.unexpectedCharacter(offset: reader.position)
    }
    reader.position += 1
    try reader.skipWhitespace()
    if try reader.peek() == UInt8(ascii: "}") {
      reader.position += 1
    } else {
      var isOpen = true
      while isOpen {
        guard try reader.peek() == UInt8(ascii: "\"") else {
          throw JSONError.unexpectedCharacter(offset: reader.position)
        }
        let name = try reader.readString()
        try reader.consume(UInt8(ascii: ":"))
        try reader.skipWhitespace()
        let valueStart = reader.position
        try reader.skipValue(depth: 1)
        try body(
          UnsafeRawBufferPointer(rebasing: buffer[name.contents]),
          valueStart..<reader.position
        )
        try reader.skipWhitespace()
        switch try reader.peek() {
        case UInt8(ascii: ","):
          reader.position += 1
          try reader.skipWhitespace()
        case UInt8(ascii: "}"):
          reader.position += 1
          isOpen = false
        default:
          throw JSONError.unexpectedCharacter(offset: reader.position)
        }
      }
    }
    try reader.skipWhitespace()
    if !reader.isAtEnd {
      throw JSONError.trailingCharacters(offset: reader.position)
    }
  }

  /// Whether a raw member name, as ``forEachMember(in:_:)`` passes it, is `name`.
  ///
  /// Compares bytes when the raw name has no escapes, and decodes escapes on the fly when it
  /// has, so `"s\u0065q"` is `seq` too; allocates nothing either way. Inlinable, so that a
  /// comparison with a literal name compiles to a few byte comparisons in the caller.
  ///
  /// - Parameters:
  ///   - key: A member name as it stands between its quotes.
  ///   - name: The name to look for, as plain text.
  /// - Returns: `true` when the decoded name has exactly the Unicode scalars of `name`.
  @inlinable @inline(__always)
  public static func key(_ key: UnsafeRawBufferPointer, equals name: StaticString) -> Bool {
    let backslash = UInt8(ascii: "\\")
    guard name.hasPointerRepresentation, let keyBytes = key.baseAddress,
      name.utf8CodeUnitCount > 0
    else {
      return name.withUTF8Buffer { decodedKey(key, equals: UnsafeRawBufferPointer($0)) }
    }
    let nameCount = name.utf8CodeUnitCount
    let nameBytes = UnsafeRawPointer(name.utf8Start)
    let first = keyBytes.load(as: UInt8.self)
    // An escape is longer than the character it stands for, so a raw name of the same length
    // matches only byte for byte, and a shorter one never. Without an escape at the start, the
    // first bytes must match.
    if key.count < nameCount || first != nameBytes.load(as: UInt8.self) && first != backslash {
      return false
    }
    if key.count > nameCount || first == backslash {
      return decodedKey(key, equals: UnsafeRawBufferPointer(start: nameBytes, count: nameCount))
    }
    for offset in 1..<nameCount
    where keyBytes.load(fromByteOffset: offset, as: UInt8.self)
      != nameBytes.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    return !UnsafeRawBufferPointer(start: nameBytes, count: nameCount).contains(backslash)
  }

  /// Whether a raw member name decodes to `name`, for names that need decoding or are empty.
  @usableFromInline
  static func decodedKey(_ key: UnsafeRawBufferPointer, equals name: UnsafeRawBufferPointer) -> Bool
  {
    let backslash = UInt8(ascii: "\\")
    if key.count == name.count && !key.contains(backslash) {
      return key.elementsEqual(name)
    }
    guard key.count > name.count && key.contains(backslash) else {
      return false
    }
    let order = ExactText.compareScalars(
      EscapedScalars(key),
      EscapedScalars(name, decodesEscapes: false)
    )
    return order == 0
  }

  /// Decodes the JSON string at `range` of `buffer`, such as a value from
  /// ``forEachMember(in:_:)``.
  ///
  /// - Parameters:
  ///   - buffer: The bytes the range refers to.
  ///   - range: Exactly one JSON string, quotes included; must lie within `buffer`.
  /// - Returns: The string, escapes decoded.
  /// - Throws: ``JSONError`` when the range holds anything but one string in the log's subset;
  ///   offsets count from the start of `buffer`.
  public static func string(
    in buffer: UnsafeRawBufferPointer,
    range: Range<Int>
  ) throws(JSONError) -> String {
    var reader = try reader(for: buffer, range: range)
    guard reader.byte(at: range.lowerBound) == UInt8(ascii: "\"") else {
      throw .unexpectedCharacter(offset: range.lowerBound)
    }
    let token = try reader.readString()
    if !reader.isAtEnd {
      throw .trailingCharacters(offset: reader.position)
    }
    return reader.decodeString(token)
  }

  /// Decodes the JSON integer at `range` of `buffer`, such as a value from
  /// ``forEachMember(in:_:)``.
  ///
  /// - Parameters:
  ///   - buffer: The bytes the range refers to.
  ///   - range: Exactly one JSON integer; must lie within `buffer`.
  /// - Returns: The integer.
  /// - Throws: ``JSONError`` when the range holds anything but one integer in the log's subset;
  ///   offsets count from the start of `buffer`.
  public static func integer(
    in buffer: UnsafeRawBufferPointer,
    range: Range<Int>
  ) throws(JSONError) -> Int {
    var reader = try reader(for: buffer, range: range)
    let first = reader.byte(at: range.lowerBound)
    guard first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 else {
      throw .unexpectedCharacter(offset: range.lowerBound)
    }
    let value = try reader.readInteger()
    if !reader.isAtEnd {
      throw .trailingCharacters(offset: reader.position)
    }
    return value
  }

  private static func reader(
    for buffer: UnsafeRawBufferPointer,
    range: Range<Int>
  ) throws(JSONError) -> JSONReader {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= buffer.count,
      "range outside the scanned buffer"
    )
    guard let base = buffer.baseAddress, !range.isEmpty else {
      throw .unexpectedEnd(offset: range.lowerBound)
    }
    return JSONReader(base: base, range: range, canonical: false)
  }
}
