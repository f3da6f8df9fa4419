extension JSONValue {
  /// The value's RFC 8785 canonical form, as UTF-8 bytes: the bytes of a log line.
  ///
  /// For the log's subset of JSON, canonical form is: no whitespace; members sorted by the
  /// UTF-16 code units of their names; integers in plain decimal; strings with `"` and `\`
  /// escaped as `\"` and `\\`, U+0008, U+0009, U+000A, U+000C and U+000D as `\b`, `\t`, `\n`,
  /// `\f` and `\r`, other characters below U+0020 as `\u00xx` in lower-case hex, and every
  /// other character as itself.
  ///
  /// ```swift
  /// let event: JSONValue = ["type": "action.status_changed", "seq": 2, "note": "a\tb"]
  /// event.canonicalText  // {"note":"a\tb","seq":2,"type":"action.status_changed"}
  /// ```
  ///
  /// An integer outside ``integerRange`` cannot be written and stops the program.
  public var canonicalBytes: [UInt8] {
    var output: [UInt8] = []
    writeCanonical(into: &output)
    return output
  }

  /// The value's RFC 8785 canonical form, as text.
  ///
  /// See ``canonicalBytes``.
  public var canonicalText: String {
    String(decoding: canonicalBytes, as: UTF8.self)
  }

  /// Appends the value's RFC 8785 canonical form to `output`.
  ///
  /// Lets a writer reuse one buffer for many lines. See ``canonicalBytes`` for the form.
  ///
  /// - Parameter output: The bytes to append to.
  public func writeCanonical(into output: inout [UInt8]) {
    switch self {
    case .null:
      output.append(contentsOf: "null".utf8)
    case .bool(let value):
      output.append(contentsOf: value ? "true".utf8 : "false".utf8)
    case .integer(let value):
      Self.writeInteger(value, into: &output)
    case .string(let value):
      output.append(UInt8(ascii: "\""))
      Self.writeEscapedContents(of: value, into: &output)
      output.append(UInt8(ascii: "\""))
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 {
          output.append(UInt8(ascii: ","))
        }
        element.writeCanonical(into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (index, member) in object.enumerated() {
        if index > 0 {
          output.append(UInt8(ascii: ","))
        }
        output.append(UInt8(ascii: "\""))
        Self.writeEscapedContents(of: member.key, into: &output)
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
        member.value.writeCanonical(into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func writeInteger(_ value: Int, into output: inout [UInt8]) {
    precondition(integerRange.contains(value), "JSON integer outside ±(2^53 − 1)")
    CanonicalPieces.decimal(value, into: &output)
  }

  /// Appends the contents of a JSON string (without quotes) in canonical form.
  ///
  /// - Parameters:
  ///   - string: The text.
  ///   - output: The bytes to append to.
  static func writeEscapedContents(of string: String, into output: inout [UInt8]) {
    let written: Void? = string.utf8.withContiguousStorageIfAvailable {
      writeEscapedContents(of: $0, into: &output)
    }
    if written == nil {
      Array(string.utf8).withUnsafeBufferPointer { writeEscapedContents(of: $0, into: &output) }
    }
  }

  /// Whether any byte of `word` is below 0x20, a quote or a backslash.
  @inline(__always)
  private static func needsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    /// Lanes equal to `byte` get their high bit set (exact, with the `~word` mask).
    func equal(_ byte: UInt8) -> UInt64 {
      let x = word ^ (ones &* UInt64(byte))
      return (x &- ones) & ~x & highs
    }
    let below = (word &- ones &* 0x20) & ~word & highs
    return (below | equal(UInt8(ascii: "\"")) | equal(UInt8(ascii: "\\"))) != 0
  }

  private static func writeEscapedContents(
    of utf8: UnsafeBufferPointer<UInt8>,
    into output: inout [UInt8]
  ) {
    // Most strings need no escape at all: find the first byte that does, and copy the run
    // before it in one go.
    var runStart = 0
    var index = 0
    let count = utf8.count
    guard let base = utf8.baseAddress else { return }
    while index < count {
      // Eight bytes at a time while none needs an escape (SWAR: a byte below 0x20, a
      // quote or a backslash sets the high bit of its lane).
      while index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if Self.needsEscape(word) { break }
        index += 8
      }
      guard index < count else { break }
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
      runStart = index + 1
      index += 1
      output.append(UInt8(ascii: "\\"))
      switch byte {
      case 0x08:
        output.append(UInt8(ascii: "b"))
      case 0x09:
        output.append(UInt8(ascii: "t"))
      case 0x0A:
        output.append(UInt8(ascii: "n"))
      case 0x0C:
        output.append(UInt8(ascii: "f"))
      case 0x0D:
        output.append(UInt8(ascii: "r"))
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        output.append(byte)
      default:
        let hexDigits: StaticString = "0123456789abcdef"
        output.append(contentsOf: "u00".utf8)
        output.append(hexDigits.utf8Start[Int(byte >> 4)])
        output.append(hexDigits.utf8Start[Int(byte & 0x0F)])
      }
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
  }

}
