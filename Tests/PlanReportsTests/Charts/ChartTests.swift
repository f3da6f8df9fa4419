import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

@Suite struct ChartTests {
  @Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (-0.001, "0"), (12.5, "12.5"), (3.14159, "3.14"), (2.0, "2"),
    (-1.25, "-1.25"), (1_234_567.891, "1234567.89"), (0.1 + 0.2, "0.3"), (99.995, "100"),
  ])
  func numbersAreFormattedTheSameEverywhere(_ value: Double, _ text: String) {
    #expect(ChartNumber.format(value) == text)
  }

  @Test func ticksAreRound() {
    #expect(ChartNumber.ticks(from: 0, to: 132, count: 5) == [0, 50, 100, 150])
    #expect(ChartNumber.ticks(from: 65, to: 100, count: 4) == [60, 70, 80, 90, 100])
    #expect(
      ChartNumber.ticks(from: 0, to: 1, count: 5).map { ChartNumber.format($0) } == [
        "0", "0.2", "0.4", "0.6", "0.8", "1",
      ]
    )
    #expect(ChartNumber.ticks(from: 5, to: 5).count >= 2)
  }

  @Test func theTimelineCountsThePlanAtEachMonthEnd() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let chronicle = try PlanChronicle(book: fixture.book)
      let timeline = try StatusTimeline(chronicle: chronicle, through: day("2018-12-15"))
      #expect(timeline.points.count == 12)
      #expect(timeline.points.first?.date == day("2018-01-31"))
      #expect(timeline.points.last?.date == day("2018-12-15"))
      for point in timeline.points {
        #expect(point.summary == (try fixture.view(asOf: point.date.description)).summary)
      }
      let seven = try StatusTimeline(
        chronicle: chronicle,
        through: day("2018-12-15"),
        months: 3,
        priority: PriorityNumber("7")
      )
      #expect(seven.points.map(\.month.description) == ["2018-10", "2018-11", "2018-12"])
      #expect(seven.points.allSatisfy { $0.summary.total == 3 })
      let svg = StatusTimelineChart(seven).svg(id: "seven")
      #expect(
        svg.contains(
          "<title id=\"seven-title\">Status of priority 7&#39;s actions at each month end, Oct 2018 to Dec 2018</title>"
        )
      )
      for status in Status.allCases {
        #expect(svg.contains(">\(status.words)</text>"), "legend names \(status.words)")
      }
    }
  }

  @Test func aMeasureIsDrawnAgainstItsTarget() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let view = try fixture.view(asOf: "2018-12-15")
      let measure = try #require(view.state.measures[MeasureID("M7.6")])
      let chart = try #require(MeasureChart(measure: measure, on: day("2018-12-15")))
      #expect(chart.values.count == 12)
      let svg = chart.svg(id: "m76")
      #expect(svg.components(separatedBy: "<circle").count == 13)
      #expect(svg.contains("stroke-dasharray=\"6 4\""))
      #expect(svg.contains(">Target 10%</text>"))
      #expect(
        svg.contains(
          "<desc id=\"m76-desc\">M7.6 “Social worker vacancy rate”: 11% for November 2018, "
            + "down 1 percentage point from 12% for October 2018: the good direction (lower is "
            + "better); down 11 percentage points from 22% for December 2017, the first value "
            + "recorded: the good direction (lower is better). Target 10%: not met."
        )
      )
      #expect(svg == chart.svg(id: "m76"))
    }
  }
}
