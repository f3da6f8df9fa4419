import LedgerStore
import PlanLedger
import Testing

/// Every refusal of ``Validator``, through ``PlanBook/record(_:expectedSize:)``: the exact
/// message, and nothing written.
@Suite struct ValidatorTests {
  // MARK: Unknown names, with the nearest spellings

  @Test
  func unknownActionSuggestsTheNearestNumbersInPlanOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .status("7.31", .onTrack),
        .unknownAction(ActionID("7.31"), nearest: [ActionID("7.3"), ActionID("7.13")]),
        "unknown action \"7.31\" (did you mean 7.3 or 7.13?)"
      )
    }
  }

  @Test func unknownActionSuggestsANearNumber() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .status("7.4", .onTrack),
        .unknownAction(ActionID("7.4"), nearest: [ActionID("7.3")]),
        "unknown action \"7.4\" (did you mean 7.3?)"
      )
      try plan.expectRefusal(
        .status("99.9", .onTrack),
        .unknownAction(ActionID("99.9"), nearest: []),
        "unknown action \"99.9\""
      )
    }
  }

  @Test func unknownPerson() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .reassign("7.3", to: ["BQ"]),
        .unknownPerson(PersonID("BQ"), nearest: [PersonID("BP")]),
        "unknown person \"BQ\" (did you mean BP?)"
      )
      try plan.expectRefusal(
        .reassign("7.3", to: ["ZZZZ"]),
        .unknownPerson(PersonID("ZZZZ"), nearest: []),
        "unknown person \"ZZZZ\"; register them first with 'planledger register'"
      )
      try plan.expectRefusal(
        .role("ZZZZ", Role.leadOfficer),
        .unknownPerson(PersonID("ZZZZ"), nearest: []),
        "unknown person \"ZZZZ\"; register them first with 'planledger register'"
      )
    }
  }

  @Test func unknownPriority() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .addAction("77.1", priority: "77", leads: [], byWhen: "Dec 18"),
        .unknownPriority(PriorityNumber("77"), nearest: [PriorityNumber("7")]),
        "unknown priority \"77\" (did you mean 7?)"
      )
    }
  }

  @Test func unknownMeasure() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .measureRecorded(
          MeasureRecorded(
            measure: MeasureID("M7.7"),
            period: try due("2018-01"),
            value: try #require(DecimalNumber("14.2"))
          )
        ),
        .unknownMeasure(MeasureID("M7.7"), nearest: [MeasureID("M7.6")]),
        "unknown measure \"M7.7\" (did you mean M7.6?)"
      )
      try plan.expectRefusal(
        .measureTargetSet(
          MeasureTargetSet(
            measure: MeasureID("M1"),
            value: try #require(DecimalNumber("10")),
            from: nil,
            to: nil
          )
        ),
        .unknownMeasure(MeasureID("M1"), nearest: []),
        "unknown measure \"M1\""
      )
    }
  }

  @Test func unknownMeetingSuggestsTheNearestDates() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2017-12-14"), by: "SB")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      try plan.record(.meeting("2017-11-20"), by: "SB")
      try plan.expectRefusal(
        .decision(meeting: "2018-01-26", actions: ["7.3"]),
        .unknownMeeting(
          board: "Improvement Board",
          date: day("2018-01-26"),
          nearest: [day("2018-01-25"), day("2017-12-14")]
        ),
        "no meeting of \"Improvement Board\" on 2018-01-26 is recorded (did you mean 2018-01-25 or 2017-12-14?)"
      )
    }
  }

  @Test func decisionForAMeetingNotHeld() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2018-01-25", board: "Scrutiny Committee"), by: "SB")
      try plan.expectRefusal(
        .decision(meeting: "2018-01-25", actions: ["7.3"]),
        .meetingNotHeld(board: "Improvement Board", date: day("2018-01-25")),
        "no meeting of \"Improvement Board\" on 2018-01-25 has been held; record the meeting first "
          + "with 'planledger meeting'"
      )
    }
  }

  @Test func unknownVisit() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let finding = { (visit: String) in
        PlanEvent.monitoringFindingRecorded(
          MonitoringFindingRecorded(visit: visit, kind: .progress, quote: "Better")
        )
      }
      try plan.expectRefusal(
        finding("1"),
        .visitNotRecorded("1"),
        "monitoring visit \"1\" is not recorded; record it first with 'planledger visit'"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "7", start: day("2018-01-10"), end: day("2018-01-11"))
        ),
        by: "SB"
      )
      try plan.expectRefusal(
        finding("8"),
        .unknownVisit("8", nearest: ["7"]),
        "unknown monitoring visit \"8\" (did you mean 7?)"
      )
      try plan.expectRefusal(
        finding("2019-10"),
        .unknownVisit("2019-10", nearest: []),
        "unknown monitoring visit \"2019-10\"; record it first with 'planledger visit'"
      )
    }
  }

  @Test func unknownWorkstream() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .priorityDefined(
          PriorityDefined(number: PriorityNumber("2"), title: "Early help", workstream: "Practise")
        ),
        .unknownWorkstream("Practise", nearest: ["Practice"]),
        "unknown workstream \"Practise\" (did you mean Practice?)"
      )
    }
  }

  @Test func unknownRecommendation() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .recommendationRecorded(
          RecommendationRecorded(
            body: "Ofsted",
            number: "12",
            text: "Improve supervision",
            priorities: [PriorityNumber("7")]
          )
        ),
        effective: "2018-01-01"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "1", start: day("2018-01-10"), end: day("2018-01-11"))
        ),
        by: "SB"
      )
      try plan.expectRefusal(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(
            visit: "1",
            kind: .weakness,
            quote: "Weak",
            recommendations: ["ofsted/13"]
          )
        ),
        .unknownRecommendation("ofsted/13", nearest: ["ofsted/12"]),
        "unknown recommendation \"ofsted/13\" (did you mean ofsted/12?)"
      )
    }
  }

  // MARK: Nothing to record

  @Test func statusChangeToTheCurrentValue() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .status("7.3", .notRated),
        by: "BP",
        .unchanged(action: ActionID("7.3"), status: .notRated, date: day("2018-02-01")),
        "action 7.3 is already not_rated on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'"
      )
      try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2018-01-15")
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "BP",
        .unchanged(action: ActionID("7.3"), status: .onTrack, date: day("2018-02-01")),
        "action 7.3 is already on_track on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'"
      )
      try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2018-01-10")
    }
  }

  @Test func reassignmentToTheCurrentLead() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .reassign("7.3", to: ["BP"]),
        .unchangedLead(action: ActionID("7.3")),
        "action 7.3 already has that lead; nothing to record"
      )
    }
  }

  @Test func revisionOfAMilestoneThatDoesNotExist() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .revise("7.3", milestone: 2, to: "2018-06"),
        .noSuchMilestone(action: ActionID("7.3"), milestone: 2, count: 1),
        "action 7.3 has no milestone 2; choose 1 to 1"
      )
      try plan.expectRefusal(
        .revise("7.13", milestone: 0, to: "2018-06"),
        .noSuchMilestone(action: ActionID("7.13"), milestone: 0, count: 2),
        "action 7.13 has no milestone 0; choose 1 to 2"
      )
      try plan.record(.addAction("7.20", priority: "7", leads: [], byWhen: ""))
      try plan.expectRefusal(
        .revise("7.20", to: "2018-06"),
        .noSuchMilestone(action: ActionID("7.20"), milestone: 1, count: 0),
        "action 7.20 has no milestone 1; it has none"
      )
    }
  }

  @Test func revisionOfUndatedOngoingWork() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .revise("1.1", to: "2018-06"),
        .milestoneNotDated(action: ActionID("1.1"), milestone: 1),
        "milestone 1 of action 1.1 is ongoing work with no due date"
      )
    }
  }

  @Test func revisionToTheSameDate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .revise("7.3", to: "2017-12"),
        .unchangedDue(action: ActionID("7.3"), milestone: 1, due: try due("2017-12")),
        "milestone 1 of action 7.3 is already due 2017-12; nothing to record"
      )
      try plan.record(.revise("7.13", milestone: 2, to: "2018-06-15"))
      try plan.expectRefusal(
        .revise("7.13", milestone: 2, to: "2018-06-15"),
        .unchangedDue(action: ActionID("7.13"), milestone: 2, due: try due("2018-06-15")),
        "milestone 2 of action 7.13 is already due 2018-06-15; nothing to record"
      )
    }
  }

  @Test func amendmentWithNothingToAmend() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .actionAmended(ActionAmended(action: ActionID("7.3"), reason: "tidy")),
        .invalidData(
          type: "action.amended",
          reason: "nothing to amend: give the new text, issue, references or partners"
        ),
        "action.amended: nothing to amend: give the new text, issue, references or partners"
      )
    }
  }

  // MARK: Dates

  @Test func effectiveDateBeforeThePlanExists() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        effective: "2017-10-31",
        .beforePlan(date: day("2017-10-31"), planDate: day("2017-11-01")),
        "effective date 2017-10-31 is before the plan exists (created 2017-11-01)"
      )
      try plan.expectRefusal(
        .workstreamDefined(WorkstreamDefined(name: "Partnerships")),
        effective: "2017-01-01",
        .beforePlan(date: day("2017-01-01"), planDate: day("2017-11-01")),
        "effective date 2017-01-01 is before the plan exists (created 2017-11-01)"
      )
    }
  }

  @Test func planContentBeforeAnyPlan() throws {
    try PlanFixture.withEmptyLedger { plan in
      try plan.record(.person("PS", "Pat Shaw"), by: "PS")
      try plan.expectRefusal(
        .workstreamDefined(WorkstreamDefined(name: "Practice")),
        .noPlan,
        "no plan has been created; create it first with 'planledger create-plan'"
      )
    }
  }

  @Test func effectiveDateBeforeTheActionWasAdded() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Jun 18"),
        effective: "2018-01-15"
      )
      try plan.expectRefusal(
        .status("7.20", .onTrack),
        effective: "2018-01-10",
        .beforeAction(action: ActionID("7.20"), date: day("2018-01-10"), added: day("2018-01-15")),
        "effective date 2018-01-10 is before action 7.20 was added (2018-01-15)"
      )
      try plan.record(.status("7.20", .onTrack), effective: "2018-01-15")
    }
  }

  @Test func effectiveDateAfterToday() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01T23:59:59Z")
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        effective: "2018-02-02",
        .afterToday(date: day("2018-02-02"), today: day("2018-02-01")),
        "effective date 2018-02-02 is after today (2018-02-01); record it when it happens"
      )
      try plan.expectRefusal(
        .meeting("2018-02-20"),
        by: "SB",
        .afterToday(date: day("2018-02-20"), today: day("2018-02-01")),
        "effective date 2018-02-20 is after today (2018-02-01); record it when it happens"
      )
    }
  }

  @Test func decisionBeforeItsMeeting() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      try plan.expectRefusal(
        .decision(meeting: "2018-01-25", actions: ["7.3"]),
        by: "SB",
        effective: "2018-01-24",
        .decisionBeforeMeeting(date: day("2018-01-24"), meeting: day("2018-01-25")),
        "a decision of the meeting on 2018-01-25 cannot take effect on 2018-01-24, before it"
      )
    }
  }

  @Test func decisionAboutAnActionNotYetAdded() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      try plan.record(.addAction("7.20", priority: "7", leads: [], byWhen: "Jun 18"))
      try plan.expectRefusal(
        .decision(meeting: "2018-01-25", kind: .addActions, actions: ["7.20"]),
        by: "SB",
        .beforeAction(action: ActionID("7.20"), date: day("2018-01-25"), added: day("2018-02-01")),
        "effective date 2018-01-25 is before action 7.20 was added (2018-02-01)"
      )
    }
  }

  // MARK: Actors

  @Test func unregisteredActor() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "BQ",
        .unregisteredActor(PersonID("BQ"), nearest: [PersonID("BP")]),
        "actor \"BQ\" is not registered (did you mean BP?)"
      )
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "QQQQ",
        .unregisteredActor(PersonID("QQQQ"), nearest: []),
        "actor \"QQQQ\" is not registered; register them first with 'planledger register'"
      )
      try plan.expectRefusal(
        .person("QQQQ", "Self Starter"),
        by: "QQQQ",
        .unregisteredActor(PersonID("QQQQ"), nearest: []),
        "actor \"QQQQ\" is not registered; register them first with 'planledger register'"
      )
    }
  }

  @Test func onlyTheFirstPersonRegistersThemselves() throws {
    try PlanFixture.withEmptyLedger { plan in
      try plan.expectRefusal(
        .person("BP", "Beth Price"),
        by: "PS",
        .unregisteredActor(PersonID("PS"), nearest: []),
        "actor \"PS\" is not registered; register them first with 'planledger register'"
      )
      #expect(try plan.record(.person("PS", "Pat Shaw"), by: "PS") == 1)
      #expect(try plan.record(.person("BP", "Beth Price"), by: "PS") == 2)
    }
  }

  // MARK: Corrections and retractions

  @Test func correctionOfASeqNotInTheLedger() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .correct(999, data: ["action": "7.3", "to": "on_track"]),
        .noSuchSeq(999, size: 24),
        "seq 999 is not in the ledger; choose a seq from 1 to 24"
      )
      try plan.expectRefusal(
        .retract(0),
        .noSuchSeq(0, size: 24),
        "seq 0 is not in the ledger; choose a seq from 1 to 24"
      )
      try plan.expectRefusal(
        .retract(25),
        .noSuchSeq(25, size: 24),
        "seq 25 is not in the ledger; choose a seq from 1 to 24"
      )
    }
  }

  @Test func correctionOfACorrectionOrAPolicy() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      let correction = try plan.record(.correct(status, data: ["action": "7.3", "to": "at_risk"]))
      try plan.expectRefusal(
        .correct(correction, data: ["seq": .integer(status), "data": [:], "reason": "x"]),
        .notCorrectable(seq: correction, type: "event.corrected"),
        "seq \(correction) is an \"event.corrected\" event, which cannot be corrected or retracted"
      )
      try plan.expectRefusal(
        .retract(correction),
        .notCorrectable(seq: correction, type: "event.corrected"),
        "seq \(correction) is an \"event.corrected\" event, which cannot be corrected or retracted"
      )
      let policy = try plan.record(.policyRuleSet(.permissive))
      try plan.expectRefusal(
        .retract(policy),
        .notCorrectable(seq: policy, type: "policy.rule_set"),
        "seq \(policy) is a \"policy.rule_set\" event, which cannot be corrected or retracted"
      )
      let retraction = try plan.record(.retract(status))
      try plan.expectRefusal(
        .retract(retraction),
        .notCorrectable(seq: retraction, type: "event.retracted"),
        "seq \(retraction) is an \"event.retracted\" event, which cannot be corrected or retracted"
      )
    }
  }

  @Test func retractionOfAnAlreadyRetractedSeq() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      let retraction = try plan.record(.retract(status))
      try plan.expectRefusal(
        .retract(status),
        .alreadyRetracted(seq: status, by: retraction),
        "seq \(status) was already retracted by seq \(retraction)"
      )
      try plan.expectRefusal(
        .correct(status, data: ["action": "7.3", "to": "at_risk"]),
        .alreadyRetracted(seq: status, by: retraction),
        "seq \(status) was already retracted by seq \(retraction)"
      )
    }
  }

  @Test func retractionTwiceInOneBatch() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      try plan.expectRefusal(
        [
          Submission(.retract(status), actor: PersonID("PS")),
          Submission(.retract(status), actor: PersonID("PS")),
        ],
        .alreadyRetracted(seq: status, by: status + 1),
        "seq \(status) was already retracted by seq \(status + 1)",
        ordinal: 1
      )
    }
  }

  @Test func correctionWhoseDataDoesNotFitTheType() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      try plan.expectRefusal(
        .correct(status, data: ["action": "7.3", "to": "green"]),
        .invalidData(
          type: "action.status_changed",
          reason:
            "the corrected data of seq \(status): data \"to\" is \"green\", not one of not_rated, "
            + "on_track, at_risk, overdue, complete"
        ),
        "action.status_changed: the corrected data of seq \(status): data \"to\" is \"green\", not one of "
          + "not_rated, on_track, at_risk, overdue, complete"
      )
    }
  }

  // MARK: Duplicates

  @Test func duplicates() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "7", start: day("2018-01-10"), end: day("2018-01-11"))
        ),
        by: "SB"
      )
      let recommendation = PlanEvent.recommendationRecorded(
        RecommendationRecorded(
          body: "Ofsted",
          number: "12",
          text: "Improve supervision",
          priorities: []
        )
      )
      try plan.record(recommendation)
      try plan.expectRefusal(
        .person("BP", "Beth Price"),
        .duplicate(kind: "person", key: "BP"),
        "person \"BP\" already exists"
      )
      try plan.expectRefusal(
        .addAction("7.3", priority: "7", leads: ["BP"], byWhen: "Dec 17"),
        .duplicate(kind: "action", key: "7.3"),
        "action \"7.3\" already exists"
      )
      try plan.expectRefusal(
        .priorityDefined(
          PriorityDefined(number: PriorityNumber("7"), title: "Again", workstream: "Practice")
        ),
        .duplicate(kind: "priority", key: "7"),
        "priority \"7\" already exists"
      )
      try plan.expectRefusal(
        .workstreamDefined(WorkstreamDefined(name: "Practice")),
        .duplicate(kind: "workstream", key: "Practice"),
        "workstream \"Practice\" already exists"
      )
      try plan.expectRefusal(
        .meeting("2018-01-25"),
        by: "SB",
        .duplicate(kind: "meeting", key: "Improvement Board on 2018-01-25"),
        "meeting \"Improvement Board on 2018-01-25\" already exists"
      )
      try plan.expectRefusal(
        .meeting("2018-01-25", board: "improvement board"),
        by: "SB",
        .duplicate(kind: "meeting", key: "improvement board on 2018-01-25"),
        "meeting \"improvement board on 2018-01-25\" already exists"
      )
      try plan.expectRefusal(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "7", start: day("2018-01-20"), end: day("2018-01-21"))
        ),
        by: "SB",
        .duplicate(kind: "monitoring visit", key: "7"),
        "monitoring visit \"7\" already exists"
      )
      try plan.expectRefusal(
        .measureDefined(MeasureDefined(measure: MeasureID("M7.6"), title: "Again")),
        .duplicate(kind: "measure", key: "M7.6"),
        "measure \"M7.6\" already exists"
      )
      try plan.expectRefusal(
        recommendation,
        .duplicate(kind: "recommendation", key: "ofsted/12"),
        "recommendation \"ofsted/12\" already exists"
      )
      try plan.expectRefusal(
        .role("BP", "Lead Officer"),
        .roleAlreadyHeld(
          person: PersonID("BP"),
          role: Role("Lead Officer"),
          date: day("2018-02-01")
        ),
        "BP already holds the role Lead Officer on 2018-02-01; nothing to record"
      )
    }
  }

  @Test func duplicateWithinOneBatch() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let add = try PlanEvent.addAction("7.20", priority: "7", leads: [], byWhen: "Jun 18")
      try plan.expectRefusal(
        [Submission(add, actor: PersonID("PS")), Submission(add, actor: PersonID("PS"))],
        .duplicate(kind: "action", key: "7.20"),
        "action \"7.20\" already exists",
        ordinal: 1
      )
    }
  }

  // MARK: Roles and withdrawn actions

  @Test func endingARoleNotHeld() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .endRole("BP", Role.boardChair),
        .roleNotHeld(person: PersonID("BP"), role: Role(Role.boardChair), date: day("2018-02-01")),
        "BP does not hold the role board chair on 2018-02-01"
      )
      try plan.record(.endRole("BP", Role.sro, scope: "priority 7"), effective: "2018-01-15")
      try plan.expectRefusal(
        .endRole("BP", Role.sro, scope: "priority 7"),
        .roleNotHeld(
          person: PersonID("BP"),
          role: Role(Role.sro, scope: "priority 7"),
          date: day("2018-02-01")
        ),
        "BP does not hold the role sro of priority 7 on 2018-02-01"
      )
    }
  }

  @Test func actionWithdrawnThenChanged() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.withdraw("7.3"), effective: "2018-01-20")
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "BP",
        .actionWithdrawn(ActionID("7.3")),
        "action 7.3 was withdrawn; nothing more can be recorded about it"
      )
      try plan.expectRefusal(
        .withdraw("7.3"),
        .actionWithdrawn(ActionID("7.3")),
        "action 7.3 was withdrawn; nothing more can be recorded about it"
      )
      try plan.expectRefusal(
        .revise("7.3", to: "2018-06"),
        .actionWithdrawn(ActionID("7.3")),
        "action 7.3 was withdrawn; nothing more can be recorded about it"
      )
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-01-19")
    }
  }

  @Test func emptyRuleSet() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        .policyRuleSet(PolicyRuleSet(rules: [])),
        .invalidData(type: "policy.rule_set", reason: "a rule set needs at least one rule"),
        "policy.rule_set: a rule set needs at least one rule"
      )
    }
  }

  // MARK: Batches

  @Test func batchIsRefusedWholeNamingTheEventRefused() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let submissions = [
        Submission(.status("7.3", .onTrack), actor: PersonID("BP")),
        Submission(.status("7.13", .onTrack), actor: PersonID("DS")),
        Submission(.status("7.3", .onTrack), actor: PersonID("BP")),
      ]
      let refusal = Refusal.unchanged(
        action: ActionID("7.3"),
        status: .onTrack,
        date: day("2018-02-01")
      )
      try plan.expectRefusal(
        submissions,
        refusal,
        "action 7.3 is already on_track on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'",
        ordinal: 2
      )
      #expect(
        SubmissionRefusal(ordinal: 2, count: 3, refusal: refusal).description
          == "event 3 of 3: action 7.3 is already on_track on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'"
      )
      #expect(
        SubmissionRefusal(ordinal: 0, count: 1, refusal: refusal).description
          == "action 7.3 is already on_track on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'"
      )
    }
  }

  // MARK: Things that exist only from a later date

  @Test
  func aSuggestionNeverRepeatsTheRefusedWord() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let value = PlanEvent.measureRecorded(
        MeasureRecorded(
          measure: MeasureID("M7.6"),
          period: try due("2017-09"),
          value: try #require(DecimalNumber("14"))
        )
      )
      let measure = #expect(throws: SubmissionRefusal.self) {
        try plan.book.record([
          Submission(value, actor: PersonID("SB"), effective: day("2017-10-15"))
        ])
      }
      #expect(measure?.description.contains("(did you mean M7.6?)") == false)
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "7", start: day("2018-01-20"), end: day("2018-01-21"))
        ),
        by: "SB"
      )
      let finding = PlanEvent.monitoringFindingRecorded(
        MonitoringFindingRecorded(visit: "7", kind: .progress, quote: "Q")
      )
      let visit = #expect(throws: SubmissionRefusal.self) {
        try plan.book.record([
          Submission(finding, actor: PersonID("SB"), effective: day("2018-01-10"))
        ])
      }
      #expect(visit?.description.contains("(did you mean 7?)") == false)
    }
  }

  @Test
  func correctedDataIsCheckedLikeNewData() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.13", .atRisk), by: "DS")
      try plan.expectRefusal(
        .correct(status, data: ["action": "7.99", "to": "at_risk"]),
        .unknownAction(ActionID("7.99"), nearest: []),
        "unknown action \"7.99\""
      )
    }
  }
}
