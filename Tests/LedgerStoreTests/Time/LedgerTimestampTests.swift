import LedgerStore
import Testing

/// How a time given as input is read (any RFC 3339 date-time, as the latest millisecond not
/// after it), beside the log's own strict `recorded`.
@Suite struct LedgerTimestampTests {
  /// A time as given, and the instant it reads as, in the log's form.
  struct Reading: Sendable, CustomTestStringConvertible {
    let text: String
    let instant: String
    var testDescription: String { text }

    init(_ text: String, _ instant: String) {
      self.text = text
      self.instant = instant
    }
  }

  static let readings = [
    Reading("2018-03-14T18:00:00.000Z", "2018-03-14T18:00:00.000Z"),
    Reading("2018-03-14T18:00:00Z", "2018-03-14T18:00:00.000Z"),
    Reading("2019-01-01T10:00:00+00:00", "2019-01-01T10:00:00.000Z"),
    Reading("2019-01-01T10:00:00-00:00", "2019-01-01T10:00:00.000Z"),
    Reading("2018-06-14T18:00:00+01:00", "2018-06-14T17:00:00.000Z"),
    Reading("2019-01-01T10:00:00z", "2019-01-01T10:00:00.000Z"),
    Reading("2019-01-01t10:00:00Z", "2019-01-01T10:00:00.000Z"),
    Reading("2019-01-01T10:00:00.5Z", "2019-01-01T10:00:00.500Z"),
    Reading("2019-01-01T10:00:00.123456Z", "2019-01-01T10:00:00.123Z"),
    Reading("2019-01-01T10:00:00.1239Z", "2019-01-01T10:00:00.123Z"),
    Reading("2019-01-01T10:00:00.9999999+05:30", "2019-01-01T04:30:00.999Z"),
    Reading("2019-01-01T00:30:00+01:00", "2018-12-31T23:30:00.000Z"),
    Reading("2018-12-31T19:00:00.000-05:00", "2019-01-01T00:00:00.000Z"),
    Reading("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999Z"),
    Reading("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.999Z"),
    Reading("2018-03-14", "2018-03-14T23:59:59.999Z"),
  ]

  @Test(arguments: readings)
  func anRFC3339TimeReadsAsTheLatestMillisecondNotAfterIt(reading: Reading) throws {
    let timestamp = try #require(LedgerTimestamp.latest(notAfter: reading.text))
    #expect(timestamp.description == reading.instant)
  }

  @Test func aFractionPastTheMillisecondKeepsItsMillisecondAndNoLater() throws {
    let bound = try #require(LedgerTimestamp.latest(notAfter: "2019-01-01T10:00:00.1239Z"))
    let recorded = { (text: String) in LedgerTimestamp(text) }
    #expect(try #require(recorded("2019-01-01T10:00:00.123Z")) <= bound)
    #expect(try #require(recorded("2019-01-01T10:00:00.124Z")) > bound)
  }

  @Test(arguments: [
    "2019-01-01T10:00:00+25:00", "2019-01-01T10:00:00+01:60", "2019-02-30T00:00:00Z",
    "2019-01-01T24:00:00Z", "2019-01-01T10:60:00Z", "2019-01-01T10:00:61Z",
    "2019-01-01T10:00:00", "2019-01-01 10:00:00Z", "2019-01-01T10:00:00.Z",
    "2019-01-01T10:00:00.12a4Z", "2019-01-01T10:00:00+0100", "2019-01-01T10:00:00+01",
    "2019-01-01T10:00:00ZZ", "2019-01-01T10:00:00Z+01:00", "2019-01-01T10:00Z",
    "2019-1-01T10:00:00Z", "2018-02-30", "soon", "",
  ])
  func whatIsNotAnRFC3339TimeIsRefused(text: String) {
    #expect(LedgerTimestamp.latest(notAfter: text) == nil)
  }

  @Test func theLogsRecordedIsStillReadOnlyInItsOwnForm() {
    #expect(LedgerTimestamp("2019-01-01T10:00:00.123Z") != nil)
    for text in [
      "2019-01-01T10:00:00+00:00", "2019-01-01T10:00:00z", "2019-01-01t10:00:00Z",
      "2019-01-01T10:00:00.1234Z",
    ] {
      #expect(LedgerTimestamp(text) == nil, "\(text)")
    }
  }
}
