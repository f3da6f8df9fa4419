import Foundation
import LedgerStore
import PlanLedger
import Testing

/// One sample of every kind of plan event, with text that is hard to store (quotes,
/// backslashes, line breaks, accents, emoji), empty lists and absent optionals.
enum EventSamples {
  static let awkward = "Rec 12 \"quoted\" \\ back\nnext line é ☃ \u{1F600} </tag>"

  static func all() throws -> [PlanEvent] {
    [
      .planCreated(
        PlanCreated(
          title: "Improvement Plan",
          organisation: "Example Council",
          period: "2017-2020",
          version: "v.6"
        )
      ),
      .planCreated(PlanCreated(title: awkward, organisation: "Example", period: "", version: "")),
      .workstreamDefined(WorkstreamDefined(name: "People and Performance")),
      .priorityDefined(
        PriorityDefined(number: PriorityNumber("7"), title: awkward, workstream: "Practice")
      ),
      .recommendationRecorded(
        RecommendationRecorded(
          body: "Ofsted",
          number: "12",
          text: awkward,
          priorities: [PriorityNumber("7"), PriorityNumber("10")]
        )
      ),
      .recommendationRecorded(
        RecommendationRecorded(body: "DfE commissioner", number: "3", text: "", priorities: [])
      ),
      .actionAdded(
        ActionAdded(
          action: ActionID("7.13"),
          priority: PriorityNumber("7"),
          issue: "Model, standards and tools",
          references: "Rec 12, Para 32",
          text: "• first bullet\n• second bullet " + awkward,
          leads: [PersonID("BP"), PersonID("DS")],
          partners: ["CSCB", "Police"],
          milestones: try ByWhen.milestones("Review Jan 18 / Implement Apr 18 / Ongoing / 2 Oct 17")
        )
      ),
      .actionAdded(
        ActionAdded(
          action: ActionID("1.1"),
          priority: PriorityNumber("1"),
          issue: "",
          references: "",
          text: "Do it",
          leads: [],
          partners: [],
          milestones: []
        )
      ),
      .actionStatusChanged(
        ActionStatusChanged(
          action: ActionID("7.3"),
          to: .atRisk,
          note: awkward,
          evidence: ["minutes p.4", "audit"]
        )
      ),
      .actionStatusChanged(ActionStatusChanged(action: ActionID("7.3"), to: .complete)),
      .actionDueRevised(
        ActionDueRevised(
          action: ActionID("7.3"),
          milestone: 2,
          to: try due("2018-06"),
          reason: awkward
        )
      ),
      .actionDueRevised(
        ActionDueRevised(
          action: ActionID("7.3"),
          milestone: 1,
          to: try due("2018-06-15"),
          reason: ""
        )
      ),
      .actionLeadReassigned(
        ActionLeadReassigned(action: ActionID("7.3"), to: [PersonID("DS")], reason: "left")
      ),
      .actionLeadReassigned(ActionLeadReassigned(action: ActionID("7.3"), to: [], reason: "")),
      .actionAmended(
        ActionAmended(
          action: ActionID("7.3"),
          text: awkward,
          issue: "New issue",
          references: "Rec 1",
          partners: ["CCG"],
          reason: "v7"
        )
      ),
      .actionAmended(ActionAmended(action: ActionID("7.3"), partners: [], reason: "")),
      .actionAmended(
        ActionAmended(action: ActionID("7.3"), references: "", reason: "no references")
      ),
      .actionWithdrawn(ActionWithdrawn(action: ActionID("7.3"), reason: awkward)),
      .actionProgressNoted(ActionProgressNoted(action: ActionID("7.3"), note: awkward)),
      .actionProgressNoted(
        ActionProgressNoted(action: ActionID("7.3"), note: "n", evidence: ["a", "b"])
      ),
      .personRegistered(
        PersonRegistered(
          person: PersonID("PS"),
          name: "Zoë O'Brien",
          title: "Director",
          organisation: "Council"
        )
      ),
      .personRegistered(PersonRegistered(person: PersonID("X1"), name: "X")),
      .roleAssigned(RoleAssigned(person: PersonID("BP"), role: Role("SRO", scope: "priority 7"))),
      .roleAssigned(RoleAssigned(person: PersonID("SB"), role: Role(Role.boardSecretary))),
      .roleEnded(RoleEnded(person: PersonID("BP"), role: Role(Role.sro, scope: "priority 7"))),
      .boardMeetingHeld(
        BoardMeetingHeld(
          board: "Croydon Children's Improvement Board",
          date: day("2018-01-25"),
          chair: PersonID("CH"),
          attendees: [PersonID("PS"), PersonID("BP")],
          summary: awkward
        )
      ),
      .boardMeetingHeld(BoardMeetingHeld(board: "Improvement Board", date: day("2018-01-25"))),
      .boardDecisionRecorded(
        BoardDecisionRecorded(
          board: "Improvement Board",
          meeting: day("2018-01-25"),
          kind: .agreeRevisedDeadline,
          text: awkward,
          actions: [ActionID("7.3"), ActionID("7.13")]
        )
      ),
      .boardDecisionRecorded(
        BoardDecisionRecorded(
          board: "Improvement Board",
          meeting: day("2018-01-25"),
          kind: .note,
          text: "Noted",
          actions: []
        )
      ),
      .monitoringVisitRecorded(
        MonitoringVisitRecorded(
          visit: "7",
          start: day("2019-10-01"),
          end: day("2019-10-02"),
          inspectors: [PersonID("HMI1")],
          areas: ["front door", "care leavers"],
          letter: day("2019-10-30")
        )
      ),
      .monitoringVisitRecorded(
        MonitoringVisitRecorded(visit: "1", start: day("2018-03-06"), end: day("2018-03-06"))
      ),
      .monitoringFindingRecorded(
        MonitoringFindingRecorded(
          visit: "7",
          kind: .weakness,
          quote: awkward,
          priorities: [PriorityNumber("7")],
          recommendations: ["ofsted/12"],
          actions: [ActionID("7.3")]
        )
      ),
      .monitoringFindingRecorded(
        MonitoringFindingRecorded(visit: "1", kind: .progress, quote: "Better")
      ),
      .inspectionRecorded(
        InspectionRecorded(
          body: "Ofsted",
          kind: "full inspection",
          start: day("2017-06-19"),
          end: day("2017-07-13"),
          judgement: "inadequate",
          published: day("2017-09-04"),
          summary: awkward
        )
      ),
      .inspectionRecorded(
        InspectionRecorded(
          body: "",
          kind: "review",
          start: nil,
          end: nil,
          judgement: "",
          published: nil,
          summary: ""
        )
      ),
      .measureDefined(
        MeasureDefined(
          measure: MeasureID("M7.6"),
          title: "Social worker vacancy rate",
          kind: "quantitative",
          unit: "%",
          priority: PriorityNumber("7"),
          better: .lower
        )
      ),
      .measureDefined(
        MeasureDefined(measure: MeasureID("Q1"), title: "Feedback", kind: "qualitative")
      ),
      .measureTargetSet(
        MeasureTargetSet(
          measure: MeasureID("M7.6"),
          value: try #require(DecimalNumber("15.0")),
          from: day("2018-04-01"),
          to: day("2019-03-31")
        )
      ),
      .measureTargetSet(
        MeasureTargetSet(
          measure: MeasureID("M7.6"),
          value: try #require(DecimalNumber("-2")),
          from: nil,
          to: nil
        )
      ),
      .measureRecorded(
        MeasureRecorded(
          measure: MeasureID("M7.6"),
          period: try due("2017-09"),
          value: try #require(DecimalNumber("14.20")),
          note: awkward
        )
      ),
      .factRecorded(FactRecorded(kind: "press release", text: awkward)),
      .eventCorrected(
        EventCorrected(
          seq: 812,
          data: ["action": "7.3", "to": "at_risk", "evidence": ["a", 1, true, nil]],
          reason: awkward
        )
      ),
      .eventRetracted(EventRetracted(seq: 3, reason: awkward)),
      .policyRuleSet(.governance),
      .policyRuleSet(.permissive),
      .policyRuleSet(
        PolicyRuleSet(rules: [
          PolicyRule(roles: ["Lead Officer"], types: ["action.*"], ownActionsOnly: true)
        ])
      ),
    ]
  }
}

@Suite struct PlanEventTests {
  @Test func samplesCoverEveryType() throws {
    let types = Set(try EventSamples.all().map(\.type))
    #expect(types == Set(PlanEventType.allCases))
  }

  @Test(arguments: PlanEventType.allCases)
  func roundTripsThroughItsData(type: PlanEventType) throws {
    let samples = try EventSamples.all().filter { $0.type == type }
    try #require(!samples.isEmpty)
    for event in samples {
      #expect(try PlanEvent(type: event.type, payload: Payload(event.data)) == event)
    }
  }

  @Test(arguments: PlanEventType.allCases)
  func roundTripsThroughAStoredLine(type: PlanEventType) throws {
    let samples = try EventSamples.all().filter { $0.type == type }
    try #require(!samples.isEmpty)
    try withTemporaryDirectory { directory in
      let clock = TestClock("2018-03-02T10:00:00Z")
      let ledger = try Ledger.create(
        at: directory.appending(path: "EventLog").path(percentEncoded: false),
        configuration: LedgerConfiguration(clock: clock)
      )
      let drafts = samples.map { event in
        EventDraft(
          type: event.type.rawValue,
          stream: event.stream ?? "action/7.3",
          effective: day("2018-02-01"),
          actor: "PS",
          authority: ["seq": 2],
          source: ["document": "minutes", "locator": "p. 4"],
          data: event.data
        )
      }
      _ = try ledger.append(drafts)
      let decoder = RecordDecoder()
      var records: [PlanRecord] = []
      try ledger.forEachLine { line in
        records.append(try decoder.record(line))
        return true
      }
      #expect(records.map(\.event) == samples)
      #expect(records.map(\.seq) == Array(1...samples.count))
      for (record, event) in zip(records, samples) {
        #expect(record.stream == event.stream ?? "action/7.3")
        #expect(record.effective == day("2018-02-01"))
        #expect(record.recorded == instant("2018-03-02T10:00:00Z"))
        #expect(record.actor == PersonID("PS"))
        #expect(record.authoritySeq == 2)
        #expect(record.source == ["document": "minutes", "locator": "p. 4"])
      }
    }
  }

  @Test func refusesDataThatDoesNotFitTheType() {
    #expect(throws: PayloadError.missing("to")) {
      try PlanEvent(type: .actionStatusChanged, payload: Payload(["action": "7.3"]))
    }
    #expect(
      throws: PayloadError.invalid(
        "to",
        "is \"green\", not one of not_rated, on_track, at_risk, overdue, complete"
      )
    ) {
      try PlanEvent(type: .actionStatusChanged, payload: Payload(["action": "7.3", "to": "green"]))
    }
    #expect(throws: PayloadError.wrongType("milestone", "an integer")) {
      try PlanEvent(
        type: .actionDueRevised,
        payload: Payload(["action": "7.3", "milestone": "1", "to": "2018-01"])
      )
    }
    #expect(
      throws: PayloadError.wrongType("value", "a decimal number as a string, such as \"14.2\"")
    ) {
      try PlanEvent(
        type: .measureRecorded,
        payload: Payload(["measure": "M7.6", "period": "2018-01", "value": "1e3"])
      )
    }
    #expect(throws: PayloadError.wrongType("period", "a month YYYY-MM")) {
      try PlanEvent(
        type: .measureRecorded,
        payload: Payload(["measure": "M7.6", "period": "2018-01-01", "value": "3"])
      )
    }
  }

  @Test func knowsItsStreamAndAction() throws {
    #expect(PlanEvent.status("7.3", .onTrack).stream == "action/7.3")
    #expect(PlanEvent.status("7.3", .onTrack).action == ActionID("7.3"))
    #expect(
      PlanEvent.meeting("2018-01-25", board: "Croydon Children's Improvement Board").stream
        == "board/croydon-childrens-improvement-board"
    )
    #expect(PlanEvent.person("PS", "Pat").stream == "person/PS")
    #expect(PlanEvent.retract(3).stream == nil)
    #expect(PlanEvent.retract(3).action == nil)
    #expect(PlanEvent.policyRuleSet(.governance).stream == "policy")
  }
}
