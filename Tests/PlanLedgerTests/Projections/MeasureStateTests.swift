import LedgerStore
import PlanLedger
import Testing

@Suite struct MeasureStateTests {
  static func value(_ period: String, _ value: String) throws -> PlanEvent {
    .measureRecorded(
      MeasureRecorded(
        measure: MeasureID("M7.6"),
        period: try due(period),
        value: try #require(DecimalNumber(value))
      )
    )
  }

  static func target(_ value: String, from: String?, to: String?) throws -> PlanEvent {
    .measureTargetSet(
      MeasureTargetSet(
        measure: MeasureID("M7.6"),
        value: try #require(DecimalNumber(value)),
        from: from.map { day($0) },
        to: to.map { day($0) }
      )
    )
  }

  @Test func keepsOneValuePerPeriodInPeriodOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(Self.value("2018-01", "13.0"), by: "SB", effective: "2018-02-10")
      try plan.record(Self.value("2017-12", "14.2"), by: "SB", effective: "2018-01-10")
      try plan.record(Self.value("2017-12", "13.9"), by: "SB", effective: "2018-02-20")
      let measure = try #require(plan.view().state.measures[MeasureID("M7.6")])
      #expect(measure.series.map(\.period.description) == ["2017-12", "2018-01"])
      #expect(measure.series.map(\.value.text) == ["13.9", "13.0"])
      let earlier = try #require(plan.view(asOf: "2018-02-15").state.measures[MeasureID("M7.6")])
      #expect(earlier.series.map(\.value.text) == ["14.2", "13.0"])
    }
  }

  @Test func knowsTheTargetInForceOnADate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(Self.target("15", from: nil, to: "2018-03-31"), effective: "2018-01-01")
      try plan.record(Self.target("12", from: "2018-04-01", to: nil), effective: "2018-02-01")
      let measure = try #require(plan.view().state.measures[MeasureID("M7.6")])
      #expect(measure.target(on: day("2017-12-31")) == nil)
      #expect(measure.target(on: day("2018-01-01"))?.value.text == "15")
      #expect(measure.target(on: day("2018-03-31"))?.value.text == "15")
      #expect(measure.target(on: day("2018-04-01"))?.value.text == "12")
      #expect(measure.target(on: day("2019-04-01"))?.value.text == "12")
    }
  }
}
