import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanViewJSONTests {
  @Test func printsAnActionWhole() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-05-10")
      try plan.record(.status("7.13", .atRisk), by: "DS", effective: "2018-02-01")
      try plan.record(
        .revise("7.13", milestone: 1, to: "2018-02"),
        by: "DS",
        effective: "2018-01-20"
      )
      let row = try plan.row("7.13", asOf: "2018-05-10")
      let expected =
        #"{"at_risk_3_months":true,"baseline_due":"2018-04","days_at_status":98,"days_overdue":10,"#
        + #""decisions":[],"drifting":false,"due":"2018-04","due_milestone":2,"final_due":"2018-04","#
        + #""findings":[],"issue":"","last_update":"2018-02-01","#
        + #""lead":"DS","leads":["DS"],"milestones":[{"baseline_due":"2018-01","due":"2018-02","kind":"review","#
        + #""label":"Review Jan 18"},{"baseline_due":"2018-04","due":"2018-04","kind":"implement","#
        + #""label":"Implement Apr 18"}],"number":"7.13","overdue":true,"overdue_milestone":2,"#
        + #""priority":"7","revisions":1,"#
        + #""slip_days":28,"stale":true,"status":"at_risk","status_seq":25,"status_since":"2018-02-01","#
        + #""withdrawn":false}"#
      #expect(row.json.canonicalText == expected)
    }
  }
}
