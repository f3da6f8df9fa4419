/// Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes
/// doubled, records end in CRLF.
public struct CSVWriter: Sendable {
  /// The text written so far.
  public private(set) var text = ""

  /// Makes an empty writer.
  public init() {}

  /// Writes one record.
  ///
  /// - Parameter fields: The record's fields.
  public mutating func write(_ fields: [String]) {
    text += Self.record(fields)
  }

  /// One record as it appears in the file, ending in CRLF.
  ///
  /// - Parameter fields: The record's fields.
  /// - Returns: The record.
  public static func record(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\r\n"
  }

  /// One field, quoted if it needs to be.
  ///
  /// - Parameter field: The field.
  /// - Returns: The field as it appears in the file.
  public static func escape(_ field: String) -> String {
    // Bytes, not characters: "\r\n" is one Character, equal to neither "\r" nor "\n",
    // and the check runs over every field of a million-line export.
    let special: (UInt8) -> Bool = {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
        || $0 == UInt8(ascii: "\r")
    }
    guard field.utf8.contains(where: special) else { return field }
    var quoted: [UInt8] = [UInt8(ascii: "\"")]
    quoted.reserveCapacity(field.utf8.count + 8)
    for byte in field.utf8 {
      quoted.append(byte)
      if byte == UInt8(ascii: "\"") { quoted.append(byte) }
    }
    quoted.append(UInt8(ascii: "\""))
    return String(decoding: quoted, as: UTF8.self)
  }
}
