#if canImport(Glibc)
import Glibc
#endif

/// The top-level members of one stored event line, located without building JSON values.
///
/// The replay and verification hot paths read millions of lines: this finds where each
/// member's value lies and checks its JSON type, and makes a `String` only when asked.
/// Ranges are byte ranges of the raw value in the line (for strings, including quotes).
public struct EventLineFields {
  /// The line, valid as long as the caller's buffer is.
  public let bytes: UnsafeRawBufferPointer
  /// The format version, `v`.
  public private(set) var version = 0
  /// The position in the log, `seq`.
  public private(set) var seq = 0
  /// Where each member's raw value lies.
  public private(set) var id: Range<Int>?
  /// The raw `type` value.
  public private(set) var typeRange = 0..<0
  /// The raw `stream` value.
  public private(set) var streamRange = 0..<0
  /// The raw `recorded` value.
  public private(set) var recordedRange = 0..<0
  /// The raw `effective` value.
  public private(set) var effectiveRange = 0..<0
  /// The raw `actor` value.
  public private(set) var actorRange = 0..<0
  /// The raw `prev` value.
  public private(set) var prevRange = 0..<0
  /// The raw `authority` object, if any.
  public private(set) var authorityRange: Range<Int>?
  /// The raw `source` object, if any.
  public private(set) var sourceRange: Range<Int>?
  /// The raw `data` object.
  public private(set) var dataRange = 0..<0

  /// Locates the members of an event line and checks their JSON types.
  ///
  /// - Parameter bytes: One line without its newline.
  /// - Throws: ``EventLineError`` naming the first problem.
  public init(_ bytes: UnsafeRawBufferPointer) throws(EventLineError) {
    self.bytes = bytes
    var seen: UInt16 = 0
    do {
      try FastScanner.forEachMember(in: bytes) { key, value in
        guard let member = Member(key) else {
          throw EventLineError.unknownMember(String(decoding: key, as: UTF8.self))
        }
        seen |= 1 << member.rawValue
        let first = bytes[value.lowerBound]
        switch member {
        case .v, .seq:
          guard first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            throw EventLineError.wrongType(member: member.name, expected: "an integer")
          }
          let number = try JSONObjectScanner.integer(in: bytes, range: value)
          if member == .v { self.version = number } else { self.seq = number }
        case .id, .type, .stream, .recorded, .effective, .actor, .prev:
          guard first == UInt8(ascii: "\"") else {
            throw EventLineError.wrongType(member: member.name, expected: "a string")
          }
          switch member {
          case .id: self.id = value
          case .type: self.typeRange = value
          case .stream: self.streamRange = value
          case .recorded: self.recordedRange = value
          case .effective: self.effectiveRange = value
          case .actor: self.actorRange = value
          default: self.prevRange = value
          }
        case .authority, .source, .data:
          guard first == UInt8(ascii: "{") else {
            throw EventLineError.wrongType(member: member.name, expected: "an object")
          }
          switch member {
          case .authority: self.authorityRange = value
          case .source: self.sourceRange = value
          default: self.dataRange = value
          }
        }
      }
    } catch let error as EventLineError {
      throw error
    } catch let error as JSONError {
      throw .json(error)
    } catch {
      throw .json(.unexpectedEnd(offset: 0))
    }
    for member in Member.required where seen & (1 << member.rawValue) == 0 {
      throw .missingMember(member.name)
    }
  }

  /// The `type`.
  public var type: String { string(typeRange) }
  /// The `stream`.
  public var stream: String { string(streamRange) }
  /// The `actor`.
  public var actor: String { string(actorRange) }
  /// The `id`, if any.
  public var clientID: String? { id.map(string) }
  /// The `recorded` timestamp, or `nil` if it does not parse.
  public var recorded: LedgerTimestamp? { LedgerTimestamp(utf8: rawContents(recordedRange)) }
  /// The `effective` date, or `nil` if it does not parse.
  public var effective: CalendarDate? { CalendarDate(utf8: rawContents(effectiveRange)) }

  /// Whether the string value at `range` is exactly `text` (no escapes involved).
  ///
  /// - Parameters:
  ///   - range: A raw string value, quotes included.
  ///   - text: The ASCII text to compare with.
  /// - Returns: Whether they are equal.
  public func stringValue(at range: Range<Int>, equals text: StaticString) -> Bool {
    guard range.count == text.utf8CodeUnitCount + 2 else { return false }
    let body = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    return bytes[(range.lowerBound + 1)..<(range.upperBound - 1)].elementsEqual(body)
  }

  /// Whether the string value at `range` is exactly `text`, compared on the stored bytes
  /// (so a value written with escapes does not match; the log never escapes plain text).
  ///
  /// - Parameters:
  ///   - range: A raw string value, quotes included.
  ///   - text: The text to compare with.
  /// - Returns: Whether they are equal.
  public func stringValue(at range: Range<Int>, equalsText text: String) -> Bool {
    guard range.count >= 2 else { return false }
    return rawContents(range).elementsEqual(text.utf8)
  }

  /// The raw bytes between the quotes of a string value.
  ///
  /// - Parameter range: A raw string value, quotes included.
  /// - Returns: The still-escaped contents.
  public func rawContents(_ range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
  }

  /// Decodes the string value at `range`.
  ///
  /// - Parameter range: A raw string value, quotes included.
  /// - Returns: The string, escapes decoded.
  public func string(_ range: Range<Int>) -> String {
    (try? JSONObjectScanner.string(in: bytes, range: range)) ?? ""
  }

  private enum Member: UInt16, CaseIterable {
    case v, seq, id, type, stream, recorded, effective, actor, authority, source, data, prev

    static let required: [Member] = [
      .v, .seq, .type, .stream, .recorded, .effective, .actor, .data, .prev,
    ]

    init?(_ key: UnsafeRawBufferPointer) {
      // Dispatch on length and first byte: this runs for every member of every line.
      func matches(_ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount
          && key.baseAddress.map { memcmp($0, name.utf8Start, key.count) == 0 } == true
      }
      guard let first = key.first else { return nil }
      let member: Member?
      switch (key.count, first) {
      case (1, UInt8(ascii: "v")): member = .v
      case (3, UInt8(ascii: "s")): member = matches("seq") ? .seq : nil
      case (2, UInt8(ascii: "i")): member = matches("id") ? .id : nil
      case (4, UInt8(ascii: "t")): member = matches("type") ? .type : nil
      case (6, UInt8(ascii: "s")):
        member = matches("stream") ? .stream : (matches("source") ? .source : nil)
      case (8, UInt8(ascii: "r")): member = matches("recorded") ? .recorded : nil
      case (9, UInt8(ascii: "e")): member = matches("effective") ? .effective : nil
      case (5, UInt8(ascii: "a")): member = matches("actor") ? .actor : nil
      case (9, UInt8(ascii: "a")): member = matches("authority") ? .authority : nil
      case (4, UInt8(ascii: "d")): member = matches("data") ? .data : nil
      case (4, UInt8(ascii: "p")): member = matches("prev") ? .prev : nil
      default: member = nil
      }
      guard let member else { return nil }
      self = member
    }

    var name: String {
      switch self {
      case .v: "v"
      case .seq: "seq"
      case .id: "id"
      case .type: "type"
      case .stream: "stream"
      case .recorded: "recorded"
      case .effective: "effective"
      case .actor: "actor"
      case .authority: "authority"
      case .source: "source"
      case .data: "data"
      case .prev: "prev"
      }
    }
  }
}

/// Borrows the caller's buffer, so it cannot cross concurrency domains.
@available(*, unavailable)
extension EventLineFields: Sendable {}

/// What is wrong with a stored event line.
public enum EventLineError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line is not valid (canonical) JSON.
  case json(JSONError)
  /// A member the format does not have.
  case unknownMember(String)
  /// A required member is missing.
  case missingMember(String)
  /// A member has the wrong JSON type.
  case wrongType(member: String, expected: String)

  /// The message for the user.
  public var description: String {
    switch self {
    case .json(let error): return error.description
    case .unknownMember(let name): return "unknown member \"\(name)\""
    case .missingMember(let name): return "missing member \"\(name)\""
    case .wrongType(let member, let expected): return "\"\(member)\" is not \(expected)"
    }
  }
}
