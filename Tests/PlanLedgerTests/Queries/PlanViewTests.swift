import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanViewTests {
  /// The small plan on 2018-02-01 with 1.1 on track, 1.2 at risk, 7.3 complete, 7.13
  /// withdrawn, and 7.20 (added 2018-01-10, due Jan 18, so a day overdue) not rated.
  static func ratedPlan(_ plan: PlanFixture) throws {
    plan.clock.set("2018-01-10")
    try plan.record(.addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Jan 18"))
    plan.clock.set("2018-02-01")
    try plan.record(.status("1.1", .onTrack), by: "EM")
    try plan.record(.status("1.2", .atRisk), by: "EM")
    try plan.record(.status("7.3", .complete), by: "BP")
    try plan.record(.status("7.13", .atRisk), by: "DS")
    try plan.record(.withdraw("7.13"))
  }

  @Test func summaryCountsByStatusLeavingOutWithdrawn() throws {
    try PlanFixture.withSmallPlan { plan in
      try Self.ratedPlan(plan)
      let view = try plan.view()
      let summary = view.summary
      #expect(summary.total == 4)
      #expect(summary.withdrawn == 1)
      #expect(summary.byStatus == [.onTrack: 1, .atRisk: 1, .complete: 1, .notRated: 1])
      #expect(summary.count(.overdue) == 0)
      #expect(summary.overdue == 1)
      #expect(view.actions.filter(\.overdue).map(\.number) == [ActionID("7.20")])
      checkInvariants(view)
    }
  }

  @Test func summarisesEachPriorityAndWorkstream() throws {
    try PlanFixture.withSmallPlan { plan in
      try Self.ratedPlan(plan)
      let view = try plan.view()
      #expect(view.byPriority.map(\.priority) == [PriorityNumber("1"), PriorityNumber("7")])
      #expect(view.byPriority.map(\.summary.total) == [2, 2])
      #expect(view.byPriority[0].summary.byStatus == [.onTrack: 1, .atRisk: 1])
      #expect(view.byPriority[1].summary.byStatus == [.complete: 1, .notRated: 1])
      #expect(view.byPriority[1].summary.withdrawn == 1)
      #expect(view.byWorkstream.map(\.workstream) == ["Practice", "People and Performance"])
      #expect(view.byWorkstream.map(\.summary.total) == [2, 2])
      #expect(view.byWorkstream.map(\.summary.withdrawn) == [0, 1])
    }
  }

  @Test func filteringKeepsOnePriority() throws {
    try PlanFixture.withSmallPlan { plan in
      let view = try plan.view().filtered(priority: PriorityNumber("7"))
      #expect(view.actions.map(\.number.rawValue) == ["7.3", "7.13"])
      #expect(view.summary.total == 2)
    }
  }

  @Test func knowsWhoHeldWhichRoleOnItsDate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(.person("NB", "New Boss"), effective: "2018-02-01")
      try plan.record(.endRole("BP", Role.sro, scope: "priority 7"), effective: "2018-02-01")
      try plan.record(.role("NB", Role.sro, scope: "priority 7"), effective: "2018-02-01")
      let january = try plan.view(asOf: "2018-01-31")
      #expect(january.sro(of: PriorityNumber("7")) == [PersonID("BP")])
      #expect(
        january.roles(of: PersonID("BP")) == [
          Role(Role.leadOfficer), Role(Role.sro, scope: "priority 7"),
        ]
      )
      let february = try plan.view(asOf: "2018-02-01")
      #expect(february.sro(of: PriorityNumber("7")) == [PersonID("NB")])
      #expect(february.roles(of: PersonID("BP")) == [Role(Role.leadOfficer)])
      #expect(
        february.holders(of: Role(Role.leadOfficer))
          == ["BP", "DS", "EM"].map(PersonID.init(rawValue:))
      )
      #expect(february.name(of: PersonID("NB")) == "New Boss")
      #expect(february.name(of: PersonID("ZZ")) == "ZZ")
    }
  }

  @Test func rolesCompareWithoutRegardToCase() {
    #expect(Role("Lead Officer") == Role(Role.leadOfficer))
    #expect(Set([Role("SRO", scope: "priority 7"), Role("sro", scope: "priority 7")]).count == 1)
    #expect(Role("SRO", scope: "priority 7") != Role("sro", scope: "priority 1"))
    #expect(Role("SRO", scope: "priority 7").description == "SRO of priority 7")
    #expect(
      [Role("sro", scope: "priority 10"), Role("board chair"), Role("sro", scope: "priority 9")]
        .sorted()
        == [
          Role("board chair"), Role("sro", scope: "priority 9"), Role("sro", scope: "priority 10"),
        ]
    )
  }

  @Test func printsTheSummaryAsJSON() throws {
    try PlanFixture.withSmallPlan { plan in
      try Self.ratedPlan(plan)
      #expect(
        try plan.view().summary.json.canonicalText
          == #"{"actions":4,"at_risk":1,"at_risk_3_months":0,"complete":1,"drifting":0,"not_rated":1,"#
          + #""on_track":1,"overdue":0,"overdue_computed":1,"stale":0,"withdrawn":1}"#
      )
    }
  }
}
