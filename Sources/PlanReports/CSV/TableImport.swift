import LedgerStore
import PlanLedger

/// Reads cells of one table into typed values, refusing with the row and column.
struct RowReader {
  let table: CSVTable
  let record: CSVReader.Record
  let row: Int

  func text(_ column: String) -> String {
    table.cell(record, column)
  }

  func required(_ column: String) throws -> String {
    let value = text(column)
    if value.isEmpty { throw error(column, "the cell is empty") }
    return value
  }

  func date(_ column: String) throws -> CalendarDate? {
    let value = text(column)
    if value.isEmpty { return nil }
    guard let date = CalendarDate(value) else {
      throw error(column, "\"\(value)\" is not a date YYYY-MM-DD")
    }
    return date
  }

  func list(_ column: String, separators: String = ";") -> [String] {
    text(column).split(whereSeparator: { separators.contains($0) }).map { String($0).trimmedCell }
      .filter { !$0.isEmpty }
  }

  func error(_ column: String?, _ reason: String) -> ImportError {
    ImportError(file: table.file, row: row, column: column, line: record.line, reason: reason)
  }

  func origin(_ columns: [ImportBatch.Field: String]) -> ImportBatch.Origin {
    ImportBatch.Origin(file: table.file, row: row, line: record.line, columns: columns)
  }

  /// `{"document": …, "locator": …}` plus the source's own words for imprecise dates.
  func source(
    words: [String] = [],
    document: String = "document",
    locator: String = "locator"
  )
    throws -> JSONObject
  {
    var members: [String: JSONValue] = [
      "document": .string(try required(document)),
      "locator": .string(try required(locator)),
    ]
    for column in words where !text(column).isEmpty {
      members[column] = .string(text(column))
    }
    return JSONObject(members)
  }
}

extension CSVTable {
  /// Each data row with its 1-based row number.
  var rows: [RowReader] {
    records.enumerated().map { RowReader(table: self, record: $1, row: $0 + 1) }
  }
}
