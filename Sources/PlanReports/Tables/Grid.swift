public import LedgerStore

/// Rows and columns that print as an aligned table for people or as RFC 4180 CSV.
///
/// Every reading command builds one grid, so its table and its CSV always hold the same
/// facts.
public struct Grid: Hashable, Sendable {
  /// The column headings.
  public var headers: [String]
  /// The rows, each as long as `headers`.
  public var rows: [[String]]
  /// A caption printed above the table (not in CSV).
  public var caption: String
  /// The headings of the columns that hold integers (a seq): JSON numbers, not strings,
  /// and `null` where empty.
  public var integerColumns: Set<String> = []

  /// Makes a grid.
  ///
  /// - Parameters:
  ///   - headers: The column headings.
  ///   - rows: The rows.
  ///   - caption: A line printed above the table.
  public init(headers: [String], rows: [[String]], caption: String = "") {
    self.headers = headers
    self.rows = rows
    self.caption = caption
  }

  /// The grid as RFC 4180 CSV with a header record.
  public var csv: String {
    var writer = CSVWriter()
    writer.write(headers)
    for row in rows { writer.write(row) }
    return writer.text
  }

  /// The grid as an aligned text table: columns padded to their widest cell, long cells
  /// cut at `maximumWidth` characters with an ellipsis, multi-line cells on one line.
  ///
  /// - Parameter maximumWidth: The widest a column may be.
  /// - Returns: The table, ending in a newline.
  public func table(maximumWidth: Int = 48) -> String {
    var layout = TableLayout(headers: headers, maximumWidth: maximumWidth)
    let cleaned = rows.map(layout.clean)
    for row in cleaned { layout.measure(cleaned: row) }
    var text = layout.heading(caption: caption)
    for row in cleaned { text += layout.line(row) }
    return text + layout.ending
  }
}

/// The layout of an aligned text table, measured row by row: ``Grid/table(maximumWidth:)``
/// measures its rows and prints them, and a table too long to hold (an audit of a million
/// events) is printed in two passes, one to measure and one to print, holding one row.
public struct TableLayout: Sendable {
  /// The column headings.
  public let headers: [String]
  /// The widest a column may be.
  public let maximumWidth: Int
  /// Each column's width so far: its heading's, or its widest cell measured.
  public private(set) var widths: [Int]
  /// How many rows have been measured.
  public private(set) var rows = 0

  /// Starts a layout.
  ///
  /// - Parameters:
  ///   - headers: The column headings.
  ///   - maximumWidth: The widest a column may be.
  public init(headers: [String], maximumWidth: Int = 48) {
    self.headers = headers
    self.maximumWidth = maximumWidth
    widths = headers.map(\.count)
  }

  /// A row's cells as the table prints them: on one line, control characters (a terminal
  /// escape, a bidirectional override) shown as U+FFFD, cut at ``maximumWidth`` with an
  /// ellipsis.
  ///
  /// - Parameter row: The cells.
  /// - Returns: The cells, cleaned.
  public func clean(_ row: [String]) -> [String] {
    row.map { cell in
      // Most cells are short printable ASCII, and are left as they are.
      if cell.utf8.count <= maximumWidth && Self.isPlainASCII(cell) { return cell }
      let flat = RecordedText.cleaned(cell).split(whereSeparator: \.isNewline)
        .joined(separator: " ")
      return flat.count > maximumWidth ? String(flat.prefix(maximumWidth - 1)) + "…" : flat
    }
  }

  /// Whether a text is printable ASCII (space to tilde): one character per byte, nothing to
  /// clean.
  static func isPlainASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  /// The characters a cleaned cell takes up.
  static func width(_ cell: String) -> Int {
    isPlainASCII(cell) ? cell.utf8.count : cell.count
  }

  /// Widens the columns to fit a row.
  ///
  /// - Parameter row: The row's cells.
  public mutating func measure(_ row: [String]) {
    measure(cleaned: clean(row))
  }

  mutating func measure(cleaned row: [String]) {
    rows += 1
    for (index, cell) in row.enumerated() where index < widths.count {
      widths[index] = max(widths[index], Self.width(cell))
    }
  }

  /// The caption (if any), the headings and the rule under them.
  ///
  /// - Parameter caption: A line printed above the table, or empty.
  /// - Returns: The lines, each ending in a newline.
  public func heading(caption: String = "") -> String {
    (caption.isEmpty ? "" : caption + "\n\n") + line(headers)
      + line(widths.map { String(repeating: "-", count: $0) })
  }

  /// A measured row, printed.
  ///
  /// - Parameter row: The row's cells.
  /// - Returns: The line, ending in a newline.
  public func row(_ row: [String]) -> String {
    line(clean(row))
  }

  /// What follows the last row: `(none)` when no row was measured.
  public var ending: String {
    rows == 0 ? "(none)\n" : ""
  }

  func line(_ cells: [String]) -> String {
    var text = ""
    for (index, cell) in cells.enumerated() {
      let isLast = index == cells.count - 1
      let padding = isLast ? 0 : widths[index] - Self.width(cell) + 2
      text += cell + String(repeating: " ", count: max(0, padding))
    }
    // Empty cells at the end of a row leave no trailing spaces.
    while text.last == " " { text.removeLast() }
    return text + "\n"
  }
}

extension Grid {
  /// The grid as JSON: an array of objects keyed by the lower-cased headings; the cells
  /// of ``integerColumns`` as numbers, the others as strings.
  public var json: JSONValue {
    let keys = headers.map {
      $0.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }
    let integers = headers.map { integerColumns.contains($0) }
    return .array(
      rows.map { row in
        let values = zip(integers, row).map { isInteger, cell -> JSONValue in
          guard isInteger else { return .string(cell) }
          return Int(cell).map { .integer($0) } ?? (cell.isEmpty ? .null : .string(cell))
        }
        return .object(
          JSONObject(Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first }))
        )
      }
    )
  }
}
