#if canImport(Glibc)
import Glibc
#endif

/// Locates the members of a JSON object quickly, without checking the JSON is valid.
///
/// Replay reads lines that are part of the log; whether they are well formed and
/// canonical is `verify`'s business (and ``CanonicalJSON/validate(_:)``'s). This scanner
/// only finds where each member's name and value lie, skipping strings with `memchr` and
/// containers by counting brackets outside strings. It never reads outside the buffer; on
/// input that is not a JSON object it stops with ``JSONError``, but it does not find every
/// fault the validating ``JSONObjectScanner`` finds.
public enum FastScanner: Sendable {
  /// Calls `body` with each top-level member of the object in `buffer`: the name's bytes
  /// (between the quotes, still escaped) and the range of the raw value.
  ///
  /// - Parameters:
  ///   - buffer: One JSON object, such as a stored line.
  ///   - body: Receives each member.
  /// - Throws: ``JSONError`` when the bytes are not an object, or what `body` throws.
  public static func forEachMember(
    in buffer: UnsafeRawBufferPointer,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: Range<Int>) throws -> Void
  ) throws {
    let count = buffer.count
    var index = skipSpace(buffer, 0)
    guard index < count, buffer[index] == UInt8(ascii: "{") else {
      throw JSONError.unexpectedCharacter(offset: min(index, max(count - 1, 0)))
    }
    index = skipSpace(buffer, index + 1)
    if index < count && buffer[index] == UInt8(ascii: "}") { return }
    while true {
      guard index < count, buffer[index] == UInt8(ascii: "\"") else {
        throw JSONError.unexpectedCharacter(offset: min(index, max(count - 1, 0)))
      }
      let keyEnd = try endOfString(buffer, from: index)
      let key = UnsafeRawBufferPointer(rebasing: buffer[(index + 1)..<(keyEnd - 1)])
      index = skipSpace(buffer, keyEnd)
      guard index < count, buffer[index] == UInt8(ascii: ":") else {
        throw JSONError.unexpectedCharacter(offset: min(index, max(count - 1, 0)))
      }
      let valueStart = skipSpace(buffer, index + 1)
      let valueEnd = try endOfValue(buffer, from: valueStart)
      try body(key, valueStart..<valueEnd)
      index = skipSpace(buffer, valueEnd)
      guard index < count else { throw JSONError.unexpectedEnd(offset: count) }
      if buffer[index] == UInt8(ascii: "}") { return }
      guard buffer[index] == UInt8(ascii: ",") else {
        throw JSONError.unexpectedCharacter(offset: index)
      }
      index = skipSpace(buffer, index + 1)
    }
  }

  /// The offset just past the value starting at `start`.
  static func endOfValue(_ buffer: UnsafeRawBufferPointer, from start: Int) throws -> Int {
    let count = buffer.count
    guard start < count else { throw JSONError.unexpectedEnd(offset: count) }
    switch buffer[start] {
    case UInt8(ascii: "\""):
      return try endOfString(buffer, from: start)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      var index = start
      while index < count {
        switch buffer[index] {
        case UInt8(ascii: "\""):
          index = try endOfString(buffer, from: index)
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { return index + 1 }
        default:
          break
        }
        index += 1
      }
      throw JSONError.unexpectedEnd(offset: count)
    default:
      var index = start
      while index < count {
        switch buffer[index] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
          guard index > start else { throw JSONError.unexpectedCharacter(offset: index) }
          return index
        default:
          index += 1
        }
      }
      guard index > start else { throw JSONError.unexpectedEnd(offset: count) }
      return index
    }
  }

  /// The offset just past the closing quote of the string starting at `start`.
  static func endOfString(_ buffer: UnsafeRawBufferPointer, from start: Int) throws -> Int {
    guard let base = buffer.baseAddress else { throw JSONError.unexpectedEnd(offset: 0) }
    var index = start + 1
    let count = buffer.count
    while index < count {
      guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), count - index) else {
        break
      }
      let quote = base.distance(to: UnsafeRawPointer(found))
      var backslashes = 0
      var before = quote - 1
      while before > start && buffer[before] == UInt8(ascii: "\\") {
        backslashes += 1
        before -= 1
      }
      if backslashes % 2 == 0 { return quote + 1 }
      index = quote + 1
    }
    throw JSONError.unexpectedEnd(offset: count)
  }

  private static func skipSpace(_ buffer: UnsafeRawBufferPointer, _ start: Int) -> Int {
    var index = start
    while index < buffer.count {
      switch buffer[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return index
      }
    }
    return index
  }

  /// The raw `type` value of a canonical event line, read from its tail.
  ///
  /// In RFC 8785 order, `type` and `v` are an event's last two members, so the line ends
  /// with `"type":"<type>","v":1}`. `nil` when the line does not end so (then scan it
  /// whole).
  ///
  /// - Parameter line: A stored line.
  /// - Returns: The type's bytes, between the quotes.
  public static func typeFromTail(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    let tail: StaticString = "\",\"v\":1}"
    let marker: StaticString = ",\"type\":\""
    let count = line.count
    let tailCount = tail.utf8CodeUnitCount
    guard count > tailCount + marker.utf8CodeUnitCount, let base = line.baseAddress,
      memcmp(base + count - tailCount, tail.utf8Start, tailCount) == 0
    else { return nil }
    let end = count - tailCount
    var start = end - 1
    let limit = max(0, end - 256)
    while start > limit {
      if line[start] == UInt8(ascii: "\"") {
        let markerStart = start - marker.utf8CodeUnitCount + 1
        guard markerStart >= 0,
          memcmp(base + markerStart, marker.utf8Start, marker.utf8CodeUnitCount) == 0
        else { return nil }
        return UnsafeRawBufferPointer(rebasing: line[(start + 1)..<end])
      }
      start -= 1
    }
    return nil
  }
}
