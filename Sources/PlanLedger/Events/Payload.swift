public import LedgerStore

#if canImport(Glibc)
import Glibc
#endif

/// Read access to an event's `data` object, from a parsed object or straight from the
/// bytes of a stored line.
///
/// The replay path reads millions of lines: it locates the members of `data` with the
/// scanner and decodes only what each event type asks for, without building a JSON tree.
/// Both backings give the same answers, so each event type has one decoder.
public struct Payload {
  private enum Backing {
    case object(JSONObject)
    case bytes(UnsafeRawBufferPointer, MemberTable)
  }

  private let backing: Backing
  /// Members a fold does not need, read as absent (see ``RecordDecoder``'s lean mode).
  private var skipped: [String] = []

  /// Reads a parsed `data` object.
  ///
  /// - Parameter object: The object.
  public init(_ object: JSONObject) {
    backing = .object(object)
  }

  /// Reads the `data` object at `range` of a stored line.
  ///
  /// - Parameters:
  ///   - line: The line's bytes.
  ///   - range: The byte range of the `data` value.
  ///   - table: A reusable table for the member positions.
  ///   - skipped: Member names read as absent, so a caller that never uses them pays nothing
  ///     for them.
  /// - Throws: ``PayloadError/malformed(_:)`` when `data` is not an object.
  init(
    line: UnsafeRawBufferPointer,
    range: Range<Int>,
    table: MemberTable,
    skipping skipped: [String] = []
  ) throws(PayloadError) {
    self.skipped = skipped
    table.reset()
    let data = UnsafeRawBufferPointer(rebasing: line[range])
    do {
      try FastScanner.forEachMember(in: data) { key, value in
        var keyStart = 0
        if let base = data.baseAddress, let start = key.baseAddress { keyStart = start - base }
        table.append(key: keyStart..<(keyStart + key.count), value: value)
      }
    } catch {
      throw .malformed("data")
    }
    backing = .bytes(data, table)
  }

  /// Whether the member is present (and not null).
  func has(_ key: String) -> Bool {
    switch backing {
    case .object(let object):
      if case .null = object[key] ?? .null { return false }
      return true
    case .bytes(let data, let table):
      guard let range = table.value(for: key, in: data) else { return false }
      return data[range.lowerBound] != UInt8(ascii: "n")
    }
  }

  /// A required string member.
  func string(_ key: String) throws(PayloadError) -> String {
    guard let value = try optionalString(key) else { throw .missing(key) }
    return value
  }

  /// An optional string member.
  func optionalString(_ key: String) throws(PayloadError) -> String? {
    if !skipped.isEmpty && skipped.contains(key) { return nil }
    switch backing {
    case .object(let object):
      switch object[key] {
      case nil, .null?: return nil
      case .string(let text)?: return text
      default: throw .wrongType(key, "a string")
      }
    case .bytes(let data, let table):
      guard let range = table.value(for: key, in: data) else { return nil }
      switch data[range.lowerBound] {
      case UInt8(ascii: "\""):
        do {
          return try JSONObjectScanner.string(in: data, range: range)
        } catch {
          throw .wrongType(key, "a string")
        }
      case UInt8(ascii: "n"): return nil
      default: throw .wrongType(key, "a string")
      }
    }
  }

  /// A required integer member.
  func integer(_ key: String) throws(PayloadError) -> Int {
    switch backing {
    case .object(let object):
      guard let value = object[key] else { throw .missing(key) }
      guard case .integer(let number) = value else { throw .wrongType(key, "an integer") }
      return number
    case .bytes(let data, let table):
      guard let range = table.value(for: key, in: data) else { throw .missing(key) }
      do {
        return try JSONObjectScanner.integer(in: data, range: range)
      } catch {
        throw .wrongType(key, "an integer")
      }
    }
  }

  /// An optional boolean member.
  func optionalBool(_ key: String) throws(PayloadError) -> Bool? {
    guard let value = try value(key) else { return nil }
    switch value {
    case .bool(let flag): return flag
    case .null: return nil
    default: throw .wrongType(key, "true or false")
    }
  }

  /// A list of strings; absent means empty.
  func strings(_ key: String) throws(PayloadError) -> [String] {
    if !skipped.isEmpty && skipped.contains(key) { return [] }
    guard let value = try value(key) else { return [] }
    guard case .array(let elements) = value else { throw .wrongType(key, "a list of strings") }
    var result: [String] = []
    for element in elements {
      guard case .string(let text) = element else { throw .wrongType(key, "a list of strings") }
      result.append(text)
    }
    return result
  }

  /// Any member as a JSON value, or `nil` when absent.
  func value(_ key: String) throws(PayloadError) -> JSONValue? {
    switch backing {
    case .object(let object):
      return object[key]
    case .bytes(let data, let table):
      guard let range = table.value(for: key, in: data) else { return nil }
      do {
        return try JSONValue(parsing: UnsafeRawBufferPointer(rebasing: data[range]))
      } catch {
        throw .malformed(key)
      }
    }
  }

  /// A required date member (`YYYY-MM-DD`).
  func date(_ key: String) throws(PayloadError) -> CalendarDate {
    guard let date = try optionalDate(key) else { throw .missing(key) }
    return date
  }

  /// An optional date member (`YYYY-MM-DD`).
  func optionalDate(_ key: String) throws(PayloadError) -> CalendarDate? {
    guard let text = try optionalString(key) else { return nil }
    guard let date = CalendarDate(text) else { throw .wrongType(key, "a date YYYY-MM-DD") }
    return date
  }

  /// A decimal number written as a string, such as `"14.2"`.
  func decimal(_ key: String) throws(PayloadError) -> DecimalNumber {
    let text = try string(key)
    guard let value = DecimalNumber(text) else {
      throw .wrongType(key, "a decimal number as a string, such as \"14.2\"")
    }
    return value
  }
}

/// Borrows a line's bytes, so it cannot cross concurrency domains.
@available(*, unavailable)
extension Payload: Sendable {}

/// The positions of the members of one `data` object, reused from line to line.
final class MemberTable {
  // Read and written only by the one decoder that owns the table, never concurrently and
  // never while another access is in progress, so the runtime's exclusivity checks (a
  // tenth of a replay's time) are left out.
  @exclusivity(unchecked) private var keys: [Range<Int>] = []
  @exclusivity(unchecked) private var values: [Range<Int>] = []

  init() {
    keys.reserveCapacity(32)
    values.reserveCapacity(32)
  }

  func reset() {
    keys.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  func append(key: Range<Int>, value: Range<Int>) {
    keys.append(key)
    values.append(value)
  }

  func value(for key: String, in data: UnsafeRawBufferPointer) -> Range<Int>? {
    var key = key
    return key.withUTF8 { wanted in
      guard let base = data.baseAddress, let target = wanted.baseAddress else { return nil }
      for (index, range) in keys.enumerated() where range.count == wanted.count {
        if memcmp(base + range.lowerBound, target, wanted.count) == 0 {
          return values[index]
        }
      }
      return nil
    }
  }
}

/// What is wrong with an event's `data`.
public enum PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A required member is missing.
  case missing(String)
  /// A member has the wrong type.
  case wrongType(String, String)
  /// A member is not valid JSON.
  case malformed(String)
  /// A member has a value the type does not allow.
  case invalid(String, String)

  /// The message for the user.
  public var description: String {
    switch self {
    case .missing(let key): return "data has no \"\(key)\""
    case .wrongType(let key, let expected): return "data \"\(key)\" must be \(expected)"
    case .malformed(let key): return "data \"\(key)\" is not valid JSON"
    case .invalid(let key, let reason): return "data \"\(key)\" \(reason)"
    }
  }
}
