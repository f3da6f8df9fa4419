import PlanReports
import Testing

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break (CRLF too,
/// which Swift sees as one character), quotes doubled; and read back.
@Suite struct CSVWriterTests {
  /// Each field, as written, and as the reader gives it back (which takes a CRLF inside a
  /// quoted field as one line break, as imports from spreadsheets want).
  @Test(
    arguments: [
      ("plain", "plain", "plain"), ("", "", ""), ("a,b", "\"a,b\"", "a,b"),
      ("say \"no\"", "\"say \"\"no\"\"\"", "say \"no\""),
      ("line\nbreak", "\"line\nbreak\"", "line\nbreak"),
      ("carriage\rreturn", "\"carriage\rreturn\"", "carriage\rreturn"),
      ("windows\r\nbreak", "\"windows\r\nbreak\"", "windows\nbreak"),
      ("café → 7.3", "café → 7.3", "café → 7.3"), ("\"", "\"\"\"\"", "\""),
    ]
  )
  func fieldsAreQuotedWhenTheyMustBe(_ field: String, _ written: String, _ read: String) throws {
    #expect(CSVWriter.escape(field) == written)
    let records = try CSVReader.records(CSVWriter.record([field, "next"]))
    #expect(records.map(\.fields) == [[read, "next"]])
  }
}
