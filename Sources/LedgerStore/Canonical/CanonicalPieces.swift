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

  /// Appends the last member of an event line or a checkpoint, `,"v":1`, and closes the
  /// object: `v` sorts after every other member of both.
  static func closeWithVersion(into out: inout [UInt8]) {
    key("v", into: &out)
    out.append(UInt8(ascii: "1"))
    out.append(UInt8(ascii: "}"))
  }

  /// Appends a JSON array, each element written by `element`.
  static func array<Element>(
    _ elements: some Sequence<Element>,
    into out: inout [UInt8],
    element: (Element, inout [UInt8]) -> Void
  ) {
    out.append(UInt8(ascii: "["))
    for (number, item) in elements.enumerated() {
      if number > 0 { out.append(UInt8(ascii: ",")) }
      element(item, &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  /// Appends an integer in decimal (`-` first when negative) without making a `String`.
  ///
  /// This runs several times for every append.
  static func decimal(_ value: Int, into out: inout [UInt8]) {
    if value < 0 {
      out.append(UInt8(ascii: "-"))
    }
    // Digits from the last, into a buffer on the stack: division by the constant 10 is a
    // multiplication, where dividing by a power of ten held in a variable is a division.
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = digits.count
      repeat {
        start -= 1
        let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder)
        magnitude = quotient
      } while magnitude > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }
}
