/// Pieces of canonical JSON written straight into bytes, for the shapes the engine writes
/// on every append (the event line's envelope, the checkpoint slot), member by member in
/// canonical order instead of through a ``JSONValue``.
enum CanonicalPieces {
  /// Appends the start of a member: `{"name":` for the first, else `,"name":`.
  ///
  /// Names are plain ASCII and need no escaping.
  static func key(_ name: StaticString, first: Bool = false, into out: inout [UInt8]) {
    out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
    out.append(UInt8(ascii: "\""))
    out.append(
      contentsOf: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    )
    out.append(UInt8(ascii: "\""))
    out.append(UInt8(ascii: ":"))
  }

  /// Appends a JSON string, quoted and escaped as RFC 8785 does.
  static func string(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    JSONValue.writeEscapedContents(of: text, into: &out)
    out.append(UInt8(ascii: "\""))
  }

  /// Appends a digest as a quoted string of 64 lowercase hexadecimal digits.
  static func hex(_ digest: SHA256Digest, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    digest.writeHex(into: &out)
    out.append(UInt8(ascii: "\""))
  }

  /// Appends a timestamp as a quoted `YYYY-MM-DDTHH:MM:SS.sssZ`.
  static func timestamp(_ timestamp: LedgerTimestamp, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    timestamp.write(into: &out)
    out.append(UInt8(ascii: "\""))
  }

  /// A member's value, for ``object(_:into:)``.
  enum Value {
    case string(String)
    case hex(SHA256Digest)
    case timestamp(LedgerTimestamp)
    case decimal(Int)
  }

  /// Appends an object of simple members, which the caller gives in canonical order.
  static func object(_ members: [(name: StaticString, value: Value)], into out: inout [UInt8]) {
    for (number, member) in members.enumerated() {
      key(member.name, first: number == 0, into: &out)
      switch member.value {
      case .string(let text): string(text, into: &out)
      case .hex(let digest): hex(digest, into: &out)
      case .timestamp(let instant): timestamp(instant, into: &out)
      case .decimal(let value): decimal(value, into: &out)
      }
    }
    out.append(UInt8(ascii: "}"))
  }

  /// Appends an integer in decimal (`-` first when negative) without making a `String`.
  static func decimal(_ value: Int, into out: inout [UInt8]) {
    if value < 0 {
      out.append(UInt8(ascii: "-"))
    }
    let firstDigit = out.count
    var magnitude = value.magnitude
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    out[firstDigit...].reverse()
  }
}
