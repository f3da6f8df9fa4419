import LedgerStore
import PlanLedger
import Testing

/// What an event says on its face, each refused as a malformed value with its exact
/// message, and nothing written.
///
/// Identifiers of their documented form, required texts not blank, lists that name each
/// once, a reassignment that names a lead.
@Suite struct ValidatorValuesTests {
  /// An event refused for a malformed value, by PS on the small plan on 2018-02-01.
  struct Malformed: Sendable, CustomTestStringConvertible {
    let event: PlanEvent
    let value: MalformedValue
    let message: String
    var testDescription: String { message }

    init(_ event: PlanEvent, _ value: MalformedValue, _ message: String) {
      self.event = event
      self.value = value
      self.message = message
    }
  }

  /// An event that defines an identifier of each form, refused with the message given.
  static func defining(
    _ form: IdentifierForm,
    _ value: String,
    _ message: String
  ) throws
    -> Malformed
  {
    let start = day("2018-01-10")
    let event: PlanEvent =
      switch form {
      case .action: try .addAction(value, priority: "7", leads: ["BP"], byWhen: "Dec 18")
      case .priority:
        .priorityDefined(
          PriorityDefined(number: PriorityNumber(value), title: "T", workstream: "P")
        )
      case .measure: .measureDefined(MeasureDefined(measure: MeasureID(value), title: "T"))
      case .visit:
        .monitoringVisitRecorded(MonitoringVisitRecorded(visit: value, start: start, end: start))
      case .recommendation:
        .recommendationRecorded(
          RecommendationRecorded(body: "Ofsted", number: value, text: "", priorities: [])
        )
      case .person: .person(value, "Someone")
      }
    return Malformed(event, .identifier(form, value), message)
  }

  static let actionForm = "is not an action number such as 7.3 (a number, a dot and a number)"
  static let joinedForm = "(letters and digits, joined by dots or hyphens)"
  static let personForm = "is not a person identifier such as PS (no spaces, commas or semicolons)"

  static func identifiers() throws -> [Malformed] {
    [
      try defining(.action, "", "the action number is blank; give one such as 7.3"),
      try defining(.action, "1..1", #""1..1" \#(actionForm)"#),
      try defining(.action, "1 1", #""1 1" \#(actionForm)"#),
      try defining(.action, "7", #""7" \#(actionForm)"#),
      try defining(.action, "7.3.1", #""7.3.1" \#(actionForm)"#),
      try defining(.action, " 7.4", #"" 7.4" \#(actionForm)"#),
      try defining(.priority, "", "the priority number is blank; give one such as 7"),
      try defining(.priority, "7a", #""7a" is not a priority number such as 7 (a whole number)"#),
      try defining(.measure, " ", "the measure identifier is blank; give one such as M7.6"),
      try defining(
        .measure,
        "M1..9",
        #""M1..9" is not a measure identifier such as M7.6 \#(joinedForm)"#
      ),
      try defining(.visit, "", "the monitoring visit number is blank; give one such as 7"),
      try defining(
        .visit,
        "7/8",
        #""7/8" is not a monitoring visit number such as 7 \#(joinedForm)"#
      ),
      try defining(.recommendation, "", "the recommendation number is blank; give one such as 12"),
      try defining(.person, "", "the person identifier is blank; give one such as PS"),
      try defining(.person, "J E", #""J E" \#(personForm)"#),
      try defining(.person, "JE,JF", #""JE,JF" \#(personForm)"#),
    ]
  }

  @Test(arguments: try identifiers())
  func anIdentifierMustHaveItsForm(malformed: Malformed) throws {
    try Self.expect(malformed)
  }

  static func blanks() throws -> [Malformed] {
    func blank(_ event: PlanEvent, _ member: String) -> Malformed {
      let type = event.type.rawValue
      let article = "aeiou".contains(type.first ?? "x") ? "an" : "a"
      return Malformed(
        event,
        .blank(type: type, member: member),
        "\"\(member)\" is blank; \(article) \"\(type)\" event needs one"
      )
    }
    let action = ActionID("7.3")
    return [
      blank(
        .planCreated(PlanCreated(title: " ", organisation: "Council", period: "", version: "")),
        "title"
      ),
      blank(
        .planCreated(PlanCreated(title: "Plan", organisation: "", period: "", version: "")),
        "organisation"
      ),
      blank(.workstreamDefined(WorkstreamDefined(name: "")), "name"),
      blank(
        .priorityDefined(PriorityDefined(number: PriorityNumber("8"), title: "", workstream: "P")),
        "title"
      ),
      blank(
        .recommendationRecorded(
          RecommendationRecorded(body: "", number: "12", text: "", priorities: [])
        ),
        "body"
      ),
      blank(try .addAction("7.20", priority: "7", leads: [], byWhen: "Dec 18", text: ""), "text"),
      blank(try .revise("7.3", to: "2018-06", reason: "\t"), "reason"),
      blank(.actionAmended(ActionAmended(action: action, text: " ", reason: "v7")), "text"),
      blank(
        .actionAmended(ActionAmended(action: action, issue: "Workforce", reason: "")),
        "reason"
      ),
      blank(.withdraw("7.3", reason: ""), "reason"),
      blank(.person("JE", "  "), "name"),
      blank(.role("BP", ""), "role"),
      blank(.endRole("BP", " "), "role"),
      blank(.meeting("2018-01-25", board: ""), "board"),
      blank(
        .boardDecisionRecorded(
          BoardDecisionRecorded(
            board: "Improvement Board",
            meeting: day("2018-01-25"),
            kind: .note,
            text: "",
            actions: []
          )
        ),
        "text"
      ),
      blank(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(visit: "7", kind: .weakness, quote: "")
        ),
        "quote"
      ),
      blank(
        .inspectionRecorded(
          InspectionRecorded(
            body: "Ofsted",
            kind: "",
            start: nil,
            end: nil,
            judgement: "",
            published: nil,
            summary: ""
          )
        ),
        "kind"
      ),
      blank(.factRecorded(FactRecorded(kind: "", text: "Said")), "kind"),
      blank(.factRecorded(FactRecorded(kind: "note", text: "\n")), "text"),
      blank(.measureDefined(MeasureDefined(measure: MeasureID("M7.7"), title: "")), "title"),
      blank(.correct(PlanFixture.action73, data: [:], reason: ""), "reason"),
      blank(.retract(PlanFixture.action73, reason: " "), "reason"),
    ]
  }

  @Test(arguments: try blanks())
  func aRequiredTextMustNotBeBlank(malformed: Malformed) throws {
    try Self.expect(malformed)
  }

  static let lists: [Malformed] = [
    Malformed(
      .reassign("7.3", to: ["DS", "EM", "DS"]),
      .repeated(member: "to", value: "DS"),
      "\"DS\" is named twice in \"to\"; name each once"
    ),
    Malformed(
      .actionAdded(
        ActionAdded(
          action: ActionID("7.20"),
          priority: PriorityNumber("7"),
          issue: "",
          references: "",
          text: "Do the work",
          leads: [PersonID("BP"), PersonID("BP")],
          partners: [],
          milestones: []
        )
      ),
      .repeated(member: "leads", value: "BP"),
      "\"BP\" is named twice in \"leads\"; name each once"
    ),
    Malformed(
      .boardMeetingHeld(
        BoardMeetingHeld(
          board: "Improvement Board",
          date: day("2018-01-25"),
          attendees: [PersonID("CH"), PersonID("SB"), PersonID("CH")]
        )
      ),
      .repeated(member: "attendees", value: "CH"),
      "\"CH\" is named twice in \"attendees\"; name each once"
    ),
    Malformed(
      .decision(meeting: "2018-01-25", actions: ["7.3", "7.3"]),
      .repeated(member: "actions", value: "7.3"),
      "\"7.3\" is named twice in \"actions\"; name each once"
    ),
    Malformed(
      .monitoringFindingRecorded(
        MonitoringFindingRecorded(
          visit: "7",
          kind: .progress,
          quote: "Better",
          priorities: [PriorityNumber("7"), PriorityNumber("7")]
        )
      ),
      .repeated(member: "priorities", value: "7"),
      "\"7\" is named twice in \"priorities\"; name each once"
    ),
    Malformed(
      .reassign("7.3", to: []),
      .noNewLead(action: ActionID("7.3")),
      "reassigning action 7.3 needs at least one new lead; an action keeps its lead until "
        + "another is named"
    ),
  ]

  @Test(arguments: lists)
  func aListNamesEachOnceAndAReassignmentNamesALead(malformed: Malformed) throws {
    try Self.expect(malformed)
  }

  @Test func correctedDataIsCheckedForItsValuesToo() throws {
    try Self.expect(
      Malformed(
        .correct(
          PlanFixture.action73,
          data: ["action": "7.3", "priority": "7", "text": " ", "leads": ["BP"]]
        ),
        .blank(type: "action.added", member: "text"),
        "\"text\" is blank; an \"action.added\" event needs one"
      )
    )
  }

  @Test func aValueIsRefusedBeforeTheLedgerIsConsulted() throws {
    // An unregistered actor and an unknown priority, but the action number is the first
    // thing wrong: the same value is refused the same way whatever the ledger holds.
    try Self.expect(
      Malformed(
        try .addAction("1..1", priority: "99", leads: [], byWhen: "Dec 18"),
        .identifier(.action, "1..1"),
        "\"1..1\" is not an action number such as 7.3 (a number, a dot and a number)"
      ),
      by: "ZZ"
    )
  }

  /// A policy rule whose type no event can have never matches: a misspelling, refused.
  ///
  /// A family matches when it holds a type, and `*` matches all.
  @Test(arguments: ["action.bogus", "nothing.*", "board"])
  func aPolicyRuleNamesTypesThatEventsHave(type: String) throws {
    try Self.expect(
      Malformed(
        .policyRuleSet(
          PolicyRuleSet(rules: [PolicyRule(roles: ["lead officer"], types: ["board.*", type])])
        ),
        .noSuchEventType(type),
        "a policy rule names \"\(type)\", which no event can be; name an event type such as "
          + "action.status_changed, a family such as board.*, or *"
      )
    )
  }

  @Test func aPolicyRuleMayNameATypeAFamilyOrAll() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let types = ["board.*", "action.status_changed", "action.progress_noted", "*"]
      let rules = PolicyRuleSet(rules: [PolicyRule(roles: ["*"], types: types)])
      let seq = try plan.record(.policyRuleSet(rules))
      #expect(seq == plan.book.ledger.size)
    }
  }

  /// Records the event (by PS) on the small plan on 2018-02-01 and expects the refusal.
  static func expect(
    _ malformed: Malformed,
    by actor: String = "PS",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        malformed.event,
        by: actor,
        .malformed(malformed.value),
        malformed.message,
        sourceLocation: sourceLocation
      )
    }
  }
}
