import LedgerStore
import PlanLedger
import Testing

/// Impossible dates, each refused with its exact message and nothing written.
///
/// An end before its start is a malformed value; a meeting or visit that takes effect
/// before it happened, or a measure's value for a month more than a year after it takes
/// effect, is refused.
@Suite struct ValidatorDatesTests {
  typealias Malformed = ValidatorValuesTests.Malformed

  static func visit(_ start: String, _ end: String, letter: String? = nil) -> PlanEvent {
    .monitoringVisitRecorded(
      MonitoringVisitRecorded(
        visit: "9",
        start: day(start),
        end: day(end),
        letter: letter.map { day($0) }
      )
    )
  }

  static func orders() throws -> [Malformed] {
    func order(
      _ event: PlanEvent,
      _ what: String,
      _ dates: [String],
      _ message: String
    )
      -> Malformed
    {
      Malformed(
        event,
        .datesOutOfOrder(
          what: what,
          earlier: dates[0],
          earlierDate: day(dates[1]),
          later: dates[2],
          laterDate: day(dates[3])
        ),
        message
      )
    }
    return [
      order(
        visit("2018-01-10", "2018-01-01"),
        "monitoring visit \"9\"",
        ["start", "2018-01-10", "end", "2018-01-01"],
        "the end of monitoring visit \"9\" (2018-01-01) is before its start (2018-01-10)"
      ),
      order(
        visit("2018-01-10", "2018-01-11", letter: "2018-01-05"),
        "monitoring visit \"9\"",
        ["end", "2018-01-11", "letter", "2018-01-05"],
        "the letter of monitoring visit \"9\" (2018-01-05) is before its end (2018-01-11)"
      ),
      order(
        .measureTargetSet(
          MeasureTargetSet(
            measure: MeasureID("M7.6"),
            value: try #require(DecimalNumber("50")),
            from: day("2019-01-01"),
            to: day("2018-01-01")
          )
        ),
        "the target for measure \"M7.6\"",
        ["start", "2019-01-01", "end", "2018-01-01"],
        "the end of the target for measure \"M7.6\" (2018-01-01) is before its start (2019-01-01)"
      ),
      order(
        .inspectionRecorded(
          InspectionRecorded(
            body: "Ofsted",
            kind: "review",
            start: day("2017-06-20"),
            end: day("2017-06-01"),
            judgement: "",
            published: nil,
            summary: ""
          )
        ),
        "the inspection",
        ["start", "2017-06-20", "end", "2017-06-01"],
        "the end of the inspection (2017-06-01) is before its start (2017-06-20)"
      ),
    ]
  }

  @Test(arguments: try orders())
  func anEndBeforeItsStartIsMalformed(malformed: Malformed) throws {
    try ValidatorValuesTests.expect(malformed)
  }

  /// The rule and the words of a decision of a meeting (``ValidatorTests``), for the
  /// meeting itself.
  @Test func aMeetingCannotTakeEffectBeforeItIsHeld() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-20")
      for (meeting, effective) in [("2018-02-14", "2018-01-01"), ("2018-02-21", "2018-02-20")] {
        try plan.expectRefusal(
          .meeting(meeting),
          by: "SB",
          effective: effective,
          .meetingNotYetHeld(date: day(effective), meeting: day(meeting)),
          "the meeting on \(meeting) cannot take effect on \(effective), before it"
        )
      }
      // Recorded late, on or after the day: as it happened.
      try plan.record(.meeting("2018-01-25"), by: "SB", effective: "2018-02-01")
      let held = try plan.view(asOf: "2018-02-01").state.meetings.keys.map(\.date)
      #expect(held == [day("2018-01-25")])
    }
  }

  @Test func aVisitCannotTakeEffectBeforeItBegins() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-20")
      try plan.expectRefusal(
        Self.visit("2018-01-10", "2018-01-11"),
        by: "SB",
        effective: "2018-01-09",
        .visitNotYetStarted(visit: "9", start: day("2018-01-10"), date: day("2018-01-09")),
        "monitoring visit \"9\" starting on 2018-01-10 cannot take effect on 2018-01-09, "
          + "before it"
      )
      // Its letter may come after the date it takes effect: the visit took place.
      try plan.record(Self.visit("2018-01-10", "2018-01-11", letter: "2018-03-01"), by: "SB")
    }
  }

  static func value(_ period: String) throws -> PlanEvent {
    .measureRecorded(
      MeasureRecorded(
        measure: MeasureID("M7.6"),
        period: try due(period),
        value: try #require(DecimalNumber("5"))
      )
    )
  }

  @Test func aMeasuresValueIsForAMonthAtMostAYearAhead() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-20")
      for period in ["2099-01", "2019-03"] {
        try plan.expectRefusal(
          Self.value(period),
          effective: "2018-02-01",
          .valueTooFarAhead(
            measure: MeasureID("M7.6"),
            period: try due(period),
            date: day("2018-02-01")
          ),
          "a value of measure \"M7.6\" for \(period) cannot take effect on 2018-02-01, more than "
            + "a year before that month"
        )
      }
      // A budget agreed for the coming year (as the shipped ledger's M11.3 for 2018/19,
      // recorded in December 2017), and values for months past.
      try plan.record(Self.value("2019-02"), effective: "2018-02-01")
      try plan.record(Self.value("2018-04"), effective: "2017-12-04")
      try plan.record(Self.value("2017-09"), effective: "2018-02-01")
    }
  }

  @Test func aCorrectionIsCheckedWhereTheOriginalStood() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-20")
      let meeting = try plan.record(.meeting("2018-01-25"), by: "SB")
      try plan.expectRefusal(
        .correct(meeting, data: ["board": "Improvement Board", "date": "2018-02-15"]),
        .meetingNotYetHeld(date: day("2018-01-25"), meeting: day("2018-02-15")),
        "the meeting on 2018-02-15 cannot take effect on 2018-01-25, before it"
      )
      let value = try plan.record(Self.value("2018-01"), effective: "2018-02-01")
      try plan.expectRefusal(
        .correct(value, data: ["measure": "M7.6", "period": "2019-06", "value": "5"]),
        .valueTooFarAhead(
          measure: MeasureID("M7.6"),
          period: try due("2019-06"),
          date: day("2018-02-01")
        ),
        "a value of measure \"M7.6\" for 2019-06 cannot take effect on 2018-02-01, more than a "
          + "year before that month"
      )
    }
  }
}
