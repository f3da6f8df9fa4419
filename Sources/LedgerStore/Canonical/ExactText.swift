/// Equality, hashing and ordering of text by exact code units, as JSON and RFC 8785 need them.
///
/// Swift's `String` compares and hashes by canonical equivalence, so `"é"` (U+00E9) equals
/// `"e\u{301}"`; JSON and RFC 8785 treat those as different names and different values. These
/// functions look at the Unicode scalars instead, and order names by their UTF-16 code units,
/// the order in which RFC 8785 sorts members.
///
/// UTF-8 byte order is code point order, which is UTF-16 order except where one side has a
/// character at or above U+10000 (a surrogate pair in UTF-16, D800–DFFF) and the other a
/// character in U+E000…U+FFFF at the first difference. So comparisons run on UTF-8 bytes and
/// decode only the two characters at the first difference.
enum ExactText {
  /// Whether two strings hold the same Unicode scalars.
  ///
  /// - Parameters:
  ///   - a: One string.
  ///   - b: The other string.
  /// - Returns: `true` when the UTF-8 encodings are identical.
  static func equal(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    return compare(a, b) == 0
  }

  /// Feeds a string's exact UTF-8 encoding to a hasher, consistently with ``equal(_:_:)``.
  ///
  /// - Parameters:
  ///   - string: The string to hash.
  ///   - hasher: The hasher to feed.
  static func hash(_ string: String, into hasher: inout Hasher) {
    let hashed: Void? = string.utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }
    if hashed == nil {
      Array(string.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
    }
    hasher.combine(string.utf8.count)
  }

  /// Whether `a` sorts before `b` in RFC 8785 member order (UTF-16 code units).
  ///
  /// - Parameters:
  ///   - a: One member name.
  ///   - b: The other member name.
  /// - Returns: `true` when `a` comes first.
  static func precedes(_ a: String, _ b: String) -> Bool {
    compare(a, b) < 0
  }

  /// Compares two strings by their UTF-16 code units.
  ///
  /// - Parameters:
  ///   - a: One string.
  ///   - b: The other string.
  /// - Returns: A negative number when `a` comes first, zero when the two are exactly equal,
  ///   a positive number when `b` comes first.
  static func compare(_ a: String, _ b: String) -> Int {
    let result = a.utf8.withContiguousStorageIfAvailable { a in
      b.utf8.withContiguousStorageIfAvailable { b in
        compareUTF8(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b))
      }
    }
    if let result = result.flatMap({ $0 }) {
      return result
    }
    if a.utf16.elementsEqual(b.utf16) {
      return 0
    }
    return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
  }

  /// Compares two valid UTF-8 byte sequences by the UTF-16 code units they encode.
  ///
  /// - Parameters:
  ///   - a: One valid UTF-8 sequence.
  ///   - b: The other valid UTF-8 sequence.
  /// - Returns: A negative number, zero or a positive number, as for ``compare(_:_:)``.
  static func compareUTF8(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    var index = 0
    while index < common && a[index] == b[index] {
      index += 1
    }
    if index == common {
      return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
    // An ASCII byte at the first difference is a whole character on its side and the lead
    // byte of a character on the other, so byte order is UTF-16 order.
    if a[index] < 0x80 || b[index] < 0x80 {
      return a[index] < b[index] ? -1 : 1
    }
    // The bytes before `index` are equal, so both characters start at the same place.
    var start = index
    while start > 0 && a[start] & 0xC0 == 0x80 {
      start -= 1
    }
    var left = EscapedScalars(a, from: start, decodesEscapes: false)
    var right = EscapedScalars(b, from: start, decodesEscapes: false)
    let x = utf16Weight(left.next() ?? 0)
    let y = utf16Weight(right.next() ?? 0)
    return x == y ? 0 : (x < y ? -1 : 1)
  }

  /// Compares two runs of Unicode scalars, as produced by ``EscapedScalars``, in UTF-16 order.
  ///
  /// - Parameters:
  ///   - a: The scalars of one string.
  ///   - b: The scalars of the other string.
  /// - Returns: A negative number, zero or a positive number, as for ``compare(_:_:)``.
  static func compareScalars(_ a: EscapedScalars, _ b: EscapedScalars) -> Int {
    var a = a
    var b = b
    while true {
      switch (a.next(), b.next()) {
      case (nil, nil):
        return 0
      case (nil, _):
        return -1
      case (_, nil):
        return 1
      case (let x?, let y?) where x != y:
        return utf16Weight(x) < utf16Weight(y) ? -1 : 1
      case (_?, _?):
        continue
      }
    }
  }

  /// A number that orders Unicode scalars as their UTF-16 encodings are ordered.
  ///
  /// U+E000…U+FFFF are single code units above every surrogate, so they sort after all
  /// characters at or above U+10000; everything else sorts by code point.
  ///
  /// - Parameter scalar: A Unicode scalar value.
  /// - Returns: The scalar's position in UTF-16 order.
  @inline(__always)
  static func utf16Weight(_ scalar: UInt32) -> UInt32 {
    scalar >= 0xE000 && scalar <= 0xFFFF ? scalar + 0x20_0000 : scalar
  }
}

/// A string that compares and hashes by its exact Unicode scalars, for sets of member names.
struct ExactString: Hashable {
  /// The string itself.
  let string: String

  static func == (lhs: ExactString, rhs: ExactString) -> Bool {
    ExactText.equal(lhs.string, rhs.string)
  }

  func hash(into hasher: inout Hasher) {
    ExactText.hash(string, into: &hasher)
  }
}

/// The Unicode scalars of the contents of a JSON string (between the quotes), escapes decoded.
///
/// Allocates nothing. Malformed input never reads out of bounds: a malformed escape or UTF-8
/// sequence yields ``invalid``, which equals no real scalar, and moves one byte on.
struct EscapedScalars: IteratorProtocol {
  /// The value produced for a malformed escape or UTF-8 sequence; above every real scalar.
  static let invalid: UInt32 = 0x11_0000

  private let base: UnsafeRawPointer?
  private let end: Int
  private let decodesEscapes: Bool
  private var position: Int

  /// Reads `buffer[start...]`.
  ///
  /// - Parameters:
  ///   - buffer: The contents of a JSON string, or plain UTF-8 text.
  ///   - start: Where to start reading.
  ///   - decodesEscapes: Whether a backslash starts an escape (JSON string contents) or is a
  ///     character like any other (plain text).
  init(_ buffer: UnsafeRawBufferPointer, from start: Int = 0, decodesEscapes: Bool = true) {
    base = buffer.baseAddress
    end = buffer.count
    self.decodesEscapes = decodesEscapes
    position = start
  }

  /// Reads `buffer[range]`.
  ///
  /// - Parameters:
  ///   - buffer: Bytes holding the contents of a JSON string.
  ///   - range: The contents' range within `buffer`, which must lie inside it.
  init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) {
    base = buffer.baseAddress
    end = range.upperBound
    decodesEscapes = true
    position = range.lowerBound
  }

  mutating func next() -> UInt32? {
    guard let base, position < end else {
      return nil
    }
    let lead = base.load(fromByteOffset: position, as: UInt8.self)
    if lead == UInt8(ascii: "\\") && decodesEscapes {
      return nextEscape(base)
    }
    if lead < 0x80 {
      position += 1
      return UInt32(lead)
    }
    return nextMultibyte(base, lead: lead)
  }

  private mutating func nextEscape(_ base: UnsafeRawPointer) -> UInt32 {
    guard position + 1 < end else {
      position += 1
      return Self.invalid
    }
    let letter = base.load(fromByteOffset: position + 1, as: UInt8.self)
    if letter == UInt8(ascii: "u") {
      guard let unit = hex4(base, at: position + 2) else {
        position += 1
        return Self.invalid
      }
      if unit >= 0xD800 && unit <= 0xDBFF, position + 11 < end,
        base.load(fromByteOffset: position + 6, as: UInt8.self) == UInt8(ascii: "\\"),
        base.load(fromByteOffset: position + 7, as: UInt8.self) == UInt8(ascii: "u"),
        let low = hex4(base, at: position + 8), low >= 0xDC00 && low <= 0xDFFF
      {
        position += 12
        return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
      }
      position += 6
      return unit >= 0xD800 && unit <= 0xDFFF ? Self.invalid : unit
    }
    position += 2
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
      return UInt32(letter)
    case UInt8(ascii: "b"):
      return 0x08
    case UInt8(ascii: "f"):
      return 0x0C
    case UInt8(ascii: "n"):
      return 0x0A
    case UInt8(ascii: "r"):
      return 0x0D
    case UInt8(ascii: "t"):
      return 0x09
    default:
      position -= 1
      return Self.invalid
    }
  }

  private func hex4(_ base: UnsafeRawPointer, at start: Int) -> UInt32? {
    guard start + 4 <= end else {
      return nil
    }
    var value: UInt32 = 0
    for offset in start..<start + 4 {
      guard let digit = hexDigitValue(base.load(fromByteOffset: offset, as: UInt8.self)) else {
        return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private mutating func nextMultibyte(_ base: UnsafeRawPointer, lead: UInt8) -> UInt32 {
    let length: Int
    let minimum: UInt32
    var scalar: UInt32
    switch lead {
    case 0xC0...0xDF:
      (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF:
      (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF7:
      (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
    default:
      position += 1
      return Self.invalid
    }
    guard position + length <= end else {
      position += 1
      return Self.invalid
    }
    for offset in 1..<length {
      let byte = base.load(fromByteOffset: position + offset, as: UInt8.self)
      guard byte & 0xC0 == 0x80 else {
        position += 1
        return Self.invalid
      }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
      position += 1
      return Self.invalid
    }
    position += length
    return scalar
  }
}

/// The value of a hex digit in either case, or `nil` for any other byte.
///
/// - Parameter byte: An ASCII byte.
/// - Returns: 0 to 15, or `nil`.
@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"):
    return byte &- UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"):
    return byte &- UInt8(ascii: "a") &+ 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"):
    return byte &- UInt8(ascii: "A") &+ 10
  default:
    return nil
  }
}
