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
    func clean(_ cell: String) -> String {
      let flat = cell.split(whereSeparator: \.isNewline).joined(separator: " ")
      return flat.count > maximumWidth ? String(flat.prefix(maximumWidth - 1)) + "…" : flat
    }
    let cleaned = rows.map { $0.map(clean) }
    var widths = headers.map(\.count)
    for row in cleaned {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var text = ""
      for (index, cell) in cells.enumerated() {
        let isLast = index == cells.count - 1
        text += isLast ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
      }
      // Empty cells at the end of a row leave no trailing spaces.
      while text.last == " " { text.removeLast() }
      return text + "\n"
    }
    var text = caption.isEmpty ? "" : caption + "\n\n"
    text += line(headers)
    text += line(widths.map { String(repeating: "-", count: $0) })
    for row in cleaned { text += line(row) }
    if rows.isEmpty { text += "(none)\n" }
    return text
  }
}

extension Grid {
  /// The grid as JSON: an array of objects keyed by the lower-cased headings.
  public var json: JSONValue {
    let keys = headers.map {
      $0.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }
    return .array(
      rows.map { row in
        .object(
          JSONObject(
            Dictionary(
              zip(keys, row.map { JSONValue.string($0) }),
              uniquingKeysWith: { first, _ in first }
            )
          )
        )
      }
    )
  }
}
