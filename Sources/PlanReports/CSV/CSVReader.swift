/// Reads RFC 4180 CSV.
///
/// Fields are separated by commas, records by CRLF or LF; a field in double quotes may hold
/// commas, quotes (doubled) and line breaks. A UTF-8 byte order mark at the start is
/// skipped, as spreadsheets write one.
public enum CSVReader: Sendable {
  /// Why a CSV text could not be read.
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line (1-based) where the problem starts.
    public let line: Int
    /// What is wrong.
    public let reason: String
    /// The message for the user.
    public var description: String { "line \(line): \(reason)" }
  }

  /// A record with the line it starts on.
  public struct Record: Hashable, Sendable {
    /// The fields.
    public let fields: [String]
    /// The line (1-based) the record starts on.
    public let line: Int
  }

  /// Parses a whole CSV text.
  ///
  /// - Parameter text: The text.
  /// - Returns: The records, blank lines skipped.
  /// - Throws: ``ParseError`` for an unterminated quote or a character after a closing
  ///   quote.
  public static func records(_ text: String) throws(ParseError) -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var quotedField = false
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    var iterator = scalars.makeIterator()
    var pending: Unicode.Scalar? = iterator.next()

    func endRecord() {
      fields.append(field)
      field = ""
      quotedField = false
      if !(fields.count == 1 && fields[0].isEmpty) {
        records.append(Record(fields: fields, line: recordLine))
      }
      fields = []
    }

    while let scalar = pending {
      pending = iterator.next()
      if inQuotes {
        if scalar == "\"" {
          if pending == "\"" {
            field.unicodeScalars.append("\"")
            pending = iterator.next()
          } else {
            inQuotes = false
          }
        } else {
          if scalar == "\n" { line += 1 }
          if scalar == "\r" && pending == "\n" {
            field.unicodeScalars.append("\n")
            pending = iterator.next()
            line += 1
            continue
          }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"":
        guard field.isEmpty && !quotedField else {
          throw ParseError(line: line, reason: "a double quote inside an unquoted field")
        }
        inQuotes = true
        quotedField = true
      case ",":
        fields.append(field)
        field = ""
        quotedField = false
      case "\r", "\n":
        if scalar == "\r" && pending == "\n" { pending = iterator.next() }
        endRecord()
        line += 1
        recordLine = line
      default:
        if quotedField {
          throw ParseError(line: line, reason: "a character after a closing double quote")
        }
        field.unicodeScalars.append(scalar)
      }
    }
    if inQuotes {
      throw ParseError(line: recordLine, reason: "a quoted field is not closed")
    }
    if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
    return records
  }
}

/// A CSV table with a header row: cells looked up by column name.
public struct CSVTable: Sendable {
  /// The file name, for messages.
  public let file: String
  /// The column names as written.
  public let headers: [String]
  /// The data records.
  public let records: [CSVReader.Record]
  private let columns: [String: Int]

  /// Reads a table.
  ///
  /// - Parameters:
  ///   - text: The CSV text.
  ///   - file: Its name, for messages.
  ///   - mapping: Other spellings of column names: `["Owner": "Lead"]`.
  /// - Throws: ``ImportError`` for a malformed file or a duplicate column.
  public init(text: String, file: String, mapping: [String: String] = [:]) throws {
    let records: [CSVReader.Record]
    do {
      records = try CSVReader.records(text)
    } catch {
      throw ImportError(file: file, row: nil, column: nil, line: error.line, reason: error.reason)
    }
    guard let header = records.first else {
      throw ImportError(file: file, row: nil, column: nil, line: 1, reason: "the file is empty")
    }
    self.file = file
    headers = header.fields.map { mapping[$0.trimmedCell] ?? $0.trimmedCell }
    var columns: [String: Int] = [:]
    for (index, name) in headers.enumerated() {
      let key = Self.key(name)
      if columns[key] != nil {
        throw ImportError(
          file: file,
          row: nil,
          column: name,
          line: 1,
          reason: "the column is repeated"
        )
      }
      columns[key] = index
    }
    self.columns = columns
    self.records = Array(records.dropFirst())
  }

  /// Whether the table has a column.
  public func has(_ column: String) -> Bool {
    columns[Self.key(column)] != nil
  }

  /// Checks the table has every column named.
  ///
  /// - Parameter names: The required columns.
  /// - Throws: ``ImportError`` naming the first missing column.
  public func require(_ names: [String]) throws {
    for name in names where !has(name) {
      throw ImportError(
        file: file,
        row: nil,
        column: name,
        line: 1,
        reason: "the column is missing (columns: \(headers.joined(separator: ", ")))"
      )
    }
  }

  /// A cell, trimmed of surrounding spaces; empty when the column or cell is missing.
  public func cell(_ record: CSVReader.Record, _ column: String) -> String {
    guard let index = columns[Self.key(column)], index < record.fields.count else { return "" }
    return record.fields[index].trimmedCell
  }

  /// Column names match without regard to case, spaces, dots and underscores.
  static func key(_ name: String) -> String {
    String(name.lowercased().filter { $0.isLetter || $0.isNumber })
  }
}

extension String {
  var trimmedCell: String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text = text.dropFirst() }
    while text.last?.isWhitespace == true { text = text.dropLast() }
    return String(text)
  }
}

/// A row of an imported table that does not validate: names the file, row and column.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file.
  public let file: String
  /// The data row, 1-based (the header is row 0), if the problem is in a row.
  public let row: Int?
  /// The column, if known.
  public let column: String?
  /// The line in the file where the row starts.
  public let line: Int?
  /// What is wrong.
  public let reason: String

  /// Makes an error.
  public init(file: String, row: Int?, column: String?, line: Int?, reason: String) {
    self.file = file
    self.row = row
    self.column = column
    self.line = line
    self.reason = reason
  }

  /// `actions.csv row 14 (line 40), column "Lead": unknown person "SH"`.
  public var description: String {
    var text = file
    if let row { text += " row \(row)" }
    if let line { text += row == nil ? " line \(line)" : " (line \(line))" }
    if let column { text += ", column \"\(column)\"" }
    return text + ": " + reason + "; nothing was imported"
  }
}
