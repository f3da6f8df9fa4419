/// Checks that bytes are exactly the RFC 8785 canonical form of a value, without parsing it.
///
/// Every line of the log must be its own canonical form, so that anyone with a JCS
/// implementation and SHA-256 can check the hash chain. Verification runs this on every line,
/// so it builds no values and allocates nothing for ASCII member names: a canonical line
/// passes exactly when `JSONValue(parsing: line).canonicalBytes == line`, at a fraction of the
/// cost.
///
/// ```swift
/// try line.withUnsafeBytes { try CanonicalJSON.validate($0) }
/// ```
public enum CanonicalJSON: Sendable {
  /// Checks that `line` is exactly the canonical form of a value in the log's subset of JSON.
  ///
  /// Refuses everything ``JSONValue/init(parsing:)-(UnsafeRawBufferPointer)`` refuses, and
  /// anything canonical form would have written differently: whitespace anywhere (including a
  /// trailing newline, which the caller strips), members out of order or repeated, escapes
  /// other than the canonical ones (`\/`, `\u0041`, `\u000a`, `\u001F`) and `-0`.
  ///
  /// - Parameter line: The bytes of one line, without its newline.
  /// - Throws: ``JSONError`` for the first problem, with its byte offset; deviations from
  ///   canonical form in valid JSON are ``JSONError/notCanonical(offset:reason:)``.
  public static func validate(_ line: UnsafeRawBufferPointer) throws(JSONError) {
    var reader = try JSONReader(line, canonical: true)
    try reader.skipWhitespace()
    try reader.skipValue(depth: 0)
    try reader.skipWhitespace()
    if !reader.isAtEnd {
      throw .trailingCharacters(offset: reader.position)
    }
  }
}
