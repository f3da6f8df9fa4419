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
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in RecordedText.cleaned(text) {
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

  /// The text escaped, with its line breaks as `<br>`.
  ///
  /// - Parameter text: Any text.
  /// - Returns: The escaped text.
  public static func escapeLines(_ text: String) -> String {
    escape(text).split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "<br>")
  }
}
