import LedgerStore
import PlanLedger
import Testing

@Suite struct AuditTests {
  /// The seqs of the audit scenario: see ``withScenario(_:)``.
  struct Scenario {
    let plan: PlanFixture
    let backDated: Int
    let corrected: Int
    let registered: Int
    let retracted: Int
    let meeting: Int
    let decision: Int
    let backedCompletion: Int
    let bareCompletion: Int
    let notLead: Int
    let retraction: Int
    let correction: Int
    let meetingByLead: Int
  }

  /// The small plan, then changes that earn each flag (and some that earn none).
  static func withScenario(_ body: (Scenario) throws -> Void) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      let backDated = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-12-01")
      let corrected = try plan.record(.status("7.13", .onTrack), by: "DS", effective: "2017-12-11")
      let registered = try plan.record(.person("XY", "Xavier Young"))
      let retracted = try plan.record(.status("1.1", .onTrack), by: "XY")
      plan.clock.set("2018-01-25")
      let meeting = try plan.record(.meeting("2018-01-25"), by: "CH")
      let decision = try plan.record(.decision(meeting: "2018-01-25", actions: ["7.3"]), by: "SB")
      plan.clock.set("2018-01-26")
      let backedCompletion = try plan.record(
        .status("7.3", .complete),
        by: "BP",
        authority: decision
      )
      let bareCompletion = try plan.record(.status("7.13", .complete), by: "DS")
      plan.clock.set("2018-02-01")
      let notLead = try plan.record(.status("1.2", .atRisk), by: "BP")
      let retraction = try plan.record(.retract(retracted))
      let correction = try plan.record(
        .correct(corrected, data: ["action": "7.13", "to": "at_risk"])
      )
      let meetingByLead = try plan.record(.meeting("2018-01-30"), by: "BP")
      try body(
        Scenario(
          plan: plan,
          backDated: backDated,
          corrected: corrected,
          registered: registered,
          retracted: retracted,
          meeting: meeting,
          decision: decision,
          backedCompletion: backedCompletion,
          bareCompletion: bareCompletion,
          notLead: notLead,
          retraction: retraction,
          correction: correction,
          meetingByLead: meetingByLead
        )
      )
    }
  }

  @Test func flagsWhatAnAuditorLooksFor() throws {
    try Self.withScenario { scenario in
      let audit = try Audit(book: scenario.plan.book).entries(AuditFilter(from: day("2018-01-01")))
      let flags = Dictionary(uniqueKeysWithValues: audit.map { ($0.record.seq, $0.flags) })
      #expect(flags.count == 12)
      #expect(flags[scenario.backDated] == [.backDated])
      #expect(flags[scenario.corrected] == [.corrected])
      #expect(flags[scenario.registered] == [])
      #expect(flags[scenario.retracted] == [.actorWithoutRole, .retracted])
      #expect(flags[scenario.meeting] == [])
      #expect(flags[scenario.decision] == [])
      #expect(flags[scenario.backedCompletion] == [])
      #expect(flags[scenario.bareCompletion] == [.completionWithoutDecision])
      #expect(flags[scenario.notLead] == [.actorWithoutRole])
      #expect(flags[scenario.retraction] == [.retraction])
      #expect(flags[scenario.correction] == [.correction])
      #expect(flags[scenario.meetingByLead] == [.actorWithoutRole])
      #expect(audit.map(\.record.seq) == audit.map(\.record.seq).sorted())
      let entry = try #require(audit.first { $0.record.seq == scenario.retracted })
      #expect(entry.json["flags"] == ["actor_without_role", "retracted"])
      #expect(entry.json["retracted_by"] == .integer(scenario.retraction))
    }
  }

  @Test func backDatedMeansMoreThanThirtyDaysBeforeItWasRecorded() throws {
    try Self.withScenario { scenario in
      let audit = try Audit(book: scenario.plan.book).entries(
        AuditFilter(types: ["action.status_changed"])
      )
      let backDated = audit.filter { $0.flags.contains(.backDated) }.map(\.record.seq)
      #expect(backDated == [scenario.backDated])
    }
  }

  @Test func theSROMayRecordForTheirPriority() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let sro = try plan.record(.status("7.13", .atRisk), by: "BP")
      let other = try plan.record(.status("7.3", .atRisk), by: "EM")
      let audit = try Audit(book: plan.book).entries(AuditFilter(from: day("2018-02-01")))
      #expect(audit.map(\.record.seq) == [sro, other])
      #expect(audit.map(\.flags) == [[], [.actorWithoutRole]])
    }
  }

  @Test func filtersByActor() throws {
    try Self.withScenario { scenario in
      let audit = try Audit(book: scenario.plan.book).entries(AuditFilter(actor: PersonID("BP")))
      #expect(
        audit.map(\.record.seq) == [
          scenario.backDated, scenario.backedCompletion, scenario.notLead, scenario.meetingByLead,
        ]
      )
    }
  }

  @Test func filtersByRecordedDates() throws {
    try Self.withScenario { scenario in
      let audit = try Audit(book: scenario.plan.book).entries(
        AuditFilter(from: day("2018-01-25"), to: day("2018-01-26"))
      )
      #expect(
        audit.map(\.record.seq) == [
          scenario.meeting, scenario.decision, scenario.backedCompletion, scenario.bareCompletion,
        ]
      )
    }
  }

  @Test func filtersByTypeFamily() throws {
    try Self.withScenario { scenario in
      let book = scenario.plan.book
      let corrections = try Audit(book: book).entries(AuditFilter(types: ["event.*"]))
      #expect(corrections.map(\.record.seq) == [scenario.retraction, scenario.correction])
      let actions = try Audit(book: book).entries(
        AuditFilter(from: day("2018-01-01"), types: ["action.*"])
      )
      #expect(
        actions.map(\.record.seq) == [
          scenario.backDated, scenario.corrected, scenario.retracted, scenario.backedCompletion,
          scenario.bareCompletion, scenario.notLead,
        ]
      )
      let mixed = try Audit(book: book).entries(
        AuditFilter(types: ["board.meeting_held", "person.*"])
      )
      #expect(
        mixed.map(\.record.seq) == [
          1, 2, 3, 4, 5, 6, scenario.registered, scenario.meeting, scenario.meetingByLead,
        ]
      )
    }
  }

  @Test func keepsOnlyFlaggedEntries() throws {
    try Self.withScenario { scenario in
      let audit = try Audit(book: scenario.plan.book).entries(
        AuditFilter(from: day("2018-01-01"), flaggedOnly: true)
      )
      #expect(
        audit.map(\.record.seq) == [
          scenario.backDated, scenario.corrected, scenario.retracted, scenario.bareCompletion,
          scenario.notLead, scenario.retraction, scenario.correction, scenario.meetingByLead,
        ]
      )
    }
  }

  @Test func everyFlagHasItsLogWord() {
    #expect(
      AuditFlag.allCases.map(\.rawValue) == [
        "back_dated", "completion_without_decision", "actor_without_role", "retracted",
        "retraction",
        "corrected", "correction",
      ]
    )
  }
}
