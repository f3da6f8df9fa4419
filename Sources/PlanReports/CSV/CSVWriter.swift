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
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
