import LedgerStore
import PlanLedger
import Testing

@Suite struct DueDateTests {
  @Test func parsesMonthPrecision() throws {
    let date = try #require(DueDate("2017-12"))
    #expect(date.year == 2017)
    #expect(date.month == 12)
    #expect(date.day == nil)
    #expect(date.description == "2017-12")
    #expect(date.words == "Dec 17")
  }

  @Test func parsesDayPrecision() throws {
    let date = try #require(DueDate("2017-10-02"))
    #expect(date.year == 2017)
    #expect(date.month == 10)
    #expect(date.day == 2)
    #expect(date.description == "2017-10-02")
    #expect(date.words == "2 Oct 17")
  }

  @Test(
    arguments: [
      "", "2017", "2017-13", "2017-00", "2017-1", "17-12", "2017/12", "2017-02-30", "2017-12-1",
      "2017-12-32", "Dec 17", "2017-12-01T00:00:00Z", "0000-01",
    ]
  )
  func refusesWhatIsNotADueDate(text: String) {
    #expect(DueDate(text) == nil)
  }

  @Test(
    arguments: [
      ("2017-12", "2017-12-31"),
      ("2018-04", "2018-04-30"),
      ("2018-02", "2018-02-28"),
      ("2020-02", "2020-02-29"),
      ("2000-02", "2000-02-29"),
      ("1900-02", "1900-02-28"),
      ("2017-12-15", "2017-12-15"),
    ]
  )
  func fallsDueAtTheEndOfItsMonthOrOnItsDay(text: String, deadline: String) throws {
    #expect(try due(text).deadline == day(deadline))
  }

  @Test func refusesADayTheMonthDoesNotHave() {
    #expect(DueDate(year: 2018, month: 2, day: 29) == nil)
    #expect(DueDate(year: 2020, month: 2, day: 29)?.description == "2020-02-29")
    #expect(DueDate(year: 2018, month: 13) == nil)
  }

  @Test func ordersByWhenItFallsDue() throws {
    let dates = try ["2018-04", "2017-12-15", "2018-01", "2017-12", "2017-11-30"].map {
      try due($0)
    }
    #expect(
      dates.sorted().map(\.description) == [
        "2017-11-30", "2017-12-15", "2017-12", "2018-01", "2018-04",
      ]
    )
    #expect(try due("2017-12-15") < due("2017-12"))
    #expect(try due("2017-12") < due("2018-01-01"))
  }

  @Test func writesSingleDigitYearsWithTwoDigits() throws {
    #expect(try due("2005-01").words == "Jan 05")
  }
}
