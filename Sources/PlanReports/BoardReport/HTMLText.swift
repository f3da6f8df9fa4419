/// Escaping for HTML and SVG: every piece of recorded text passes through here.
///
/// One function serves text content and attribute values alike (`&`, `<`, `>`, `"` and
/// `'` all become character references), so a note such as `"><img src=x onerror=…>`
/// stays text wherever it lands: in a paragraph, a table cell, an attribute, or an SVG
/// `<title>`.
public enum HTMLText: Sendable {
  /// The text escaped for HTML or SVG text and attribute values, control characters
  /// replaced (see `RecordedText`).
  ///
  /// - Parameter text: Any text.
  /// - Returns: The escaped text.
  public static func escape(_ text: String) -> String {
    let cleaned = RecordedText.cleaned(text)
    if RecordedText.isByteWise(cleaned) { return escapeBytes(cleaned) }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in cleaned {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// ``escape(_:)`` byte by byte, for cleaned text whose characters are single scalars
  /// that join nothing (see `RecordedText.isByteWise(_:)`): only ASCII characters are
  /// replaced, and the bytes of any other character are copied as they are.
  private static func escapeBytes(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 8)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "&"): out += "&amp;".utf8
      case UInt8(ascii: "<"): out += "&lt;".utf8
      case UInt8(ascii: ">"): out += "&gt;".utf8
      case UInt8(ascii: "\""): out += "&quot;".utf8
      case UInt8(ascii: "'"): out += "&#39;".utf8
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The text escaped, with its line breaks as `<br>`.
  ///
  /// - Parameter text: Any text.
  /// - Returns: The escaped text.
  public static func escapeLines(_ text: String) -> String {
    escape(text).split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "<br>")
  }
}
