import LedgerStore

/// What an event says on its face, checked before anything is looked up in the ledger, and
/// whether what it dates has happened by the date it takes effect.
extension Validator {
  /// Checks the values an event gives, whatever the ledger holds: each identifier it
  /// defines has its documented form (``IdentifierForm``), each text its type needs is not
  /// blank, each list of identifiers names each one once, and its dates come in order.
  ///
  /// Identifiers an event only refers to are checked against the ledger instead (an
  /// unknown one is refused with the nearest spellings).
  ///
  /// - Parameter event: The event, or the corrected event of a correction.
  /// - Throws: ``Refusal/malformed(_:)``.
  static func checkValues(of event: PlanEvent) throws(Refusal) {
    let type = event.type.rawValue
    func needs(_ text: String, _ member: String) throws(Refusal) {
      if text.allSatisfy(\.isWhitespace) { throw .malformed(.blank(type: type, member: member)) }
    }
    switch event {  // no `default:`, so a new kind of event cannot be forgotten here
    case .planCreated(let plan):
      try needs(plan.title, "title")
      try needs(plan.organisation, "organisation")
    case .workstreamDefined(let workstream):
      try needs(workstream.name, "name")
    case .priorityDefined(let priority):
      try form(.priority, priority.number.rawValue)
      try needs(priority.title, "title")
    case .recommendationRecorded(let recommendation):
      try needs(recommendation.body, "body")
      try form(.recommendation, recommendation.number)
      try once(recommendation.priorities.map(\.rawValue), "priorities")
    case .actionAdded(let added):
      try form(.action, added.action.rawValue)
      try needs(added.text, "text")
      try once(added.leads.map(\.rawValue), "leads")
    case .actionStatusChanged:
      break
    case .actionDueRevised(let revision):
      try needs(revision.reason, "reason")
    case .actionLeadReassigned(let reassignment):
      if reassignment.to.isEmpty { throw .malformed(.noNewLead(action: reassignment.action)) }
      try once(reassignment.to.map(\.rawValue), "to")
    case .actionAmended(let amendment):
      if let text = amendment.text { try needs(text, "text") }
      try needs(amendment.reason, "reason")
    case .actionWithdrawn(let withdrawal):
      try needs(withdrawal.reason, "reason")
    case .actionProgressNoted(let note):
      try needs(note.note, "note")
    case .personRegistered(let person):
      try form(.person, person.person.rawValue)
      try needs(person.name, "name")
    case .roleAssigned(let assignment):
      try needs(assignment.role.name, "role")
    case .roleEnded(let ending):
      try needs(ending.role.name, "role")
    case .boardMeetingHeld(let meeting):
      try needs(meeting.board, "board")
      try once(meeting.attendees.map(\.rawValue), "attendees")
    case .boardDecisionRecorded(let decision):
      try needs(decision.text, "text")
      try once(decision.actions.map(\.rawValue), "actions")
    case .monitoringVisitRecorded(let visit):
      try form(.visit, visit.visit)
      try once(visit.inspectors.map(\.rawValue), "inspectors")
      let what = "monitoring visit \"\(visit.visit)\""
      try inOrder(what, "start", visit.start, "end", visit.end)
      try inOrder(what, "end", visit.end, "letter", visit.letter)
    case .monitoringFindingRecorded(let finding):
      try needs(finding.quote, "quote")
      try once(finding.priorities.map(\.rawValue), "priorities")
      try once(finding.recommendations, "recommendations")
      try once(finding.actions.map(\.rawValue), "actions")
    case .inspectionRecorded(let inspection):
      try needs(inspection.kind, "kind")
      try inOrder("the inspection", "start", inspection.start, "end", inspection.end)
    case .factRecorded(let fact):
      try needs(fact.kind, "kind")
      try needs(fact.text, "text")
    case .measureDefined(let measure):
      try form(.measure, measure.measure.rawValue)
      try needs(measure.title, "title")
    case .measureTargetSet(let target):
      let what = "the target for measure \"\(target.measure)\""
      try inOrder(what, "start", target.from, "end", target.to)
    case .measureRecorded:
      break
    case .policyRuleSet(let policy):
      // A rule that names no type any event can have would never match: a misspelling.
      for pattern in policy.rules.flatMap(\.types) where !Self.namesEventTypes(pattern) {
        throw .malformed(.noSuchEventType(pattern))
      }
    case .eventCorrected(let correction):
      try needs(correction.reason, "reason")
    case .eventRetracted(let retraction):
      try needs(retraction.reason, "reason")
    }
  }

  /// Whether a policy rule's type pattern matches some event type: `*`, an exact type, or
  /// a family (`board.*`) with at least one type in it.
  static func namesEventTypes(_ pattern: String) -> Bool {
    if pattern == "*" || PlanEventType(rawValue: pattern) != nil { return true }
    guard pattern.hasSuffix(".*") else { return false }
    let family = pattern.dropLast(1)
    return PlanEventType.allCases.contains { $0.rawValue.hasPrefix(family) }
  }

  /// Checks that what an event dates has happened by the date it takes effect: a meeting is
  /// held and a monitoring visit has begun by then (as a decision cannot take effect before
  /// its meeting), and a measure's value is for a month no more than a year ahead (a budget
  /// agreed for the coming year is recorded before that year begins; nothing is measured
  /// further ahead).
  ///
  /// - Parameters:
  ///   - event: The event, or the corrected event of a correction.
  ///   - date: The date it takes effect (a corrected event's is the original's).
  /// - Throws: ``Refusal/meetingNotYetHeld(date:meeting:)``,
  ///   ``Refusal/visitNotYetStarted(visit:start:date:)`` or
  ///   ``Refusal/valueTooFarAhead(measure:period:date:)``.
  static func checkTiming(of event: PlanEvent, on date: CalendarDate) throws(Refusal) {
    if case .boardMeetingHeld(let meeting) = event, meeting.date > date {
      throw .meetingNotYetHeld(date: date, meeting: meeting.date)
    }
    if case .monitoringVisitRecorded(let visit) = event, visit.start > date {
      throw .visitNotYetStarted(visit: visit.visit, start: visit.start, date: date)
    }
    if case .measureRecorded(let value) = event {
      let (year, month, _) = date.components
      if (value.period.year - year) * 12 + value.period.month - month > monthsAhead {
        throw .valueTooFarAhead(measure: value.measure, period: value.period, date: date)
      }
    }
  }

  /// How many months after the month a measure's value takes effect its period may be.
  static let monthsAhead = 12

  /// Refuses two dates of one thing in the wrong order (either may be absent).
  private static func inOrder(
    _ what: String,
    _ earlier: String,
    _ earlierDate: CalendarDate?,
    _ later: String,
    _ laterDate: CalendarDate?
  ) throws(Refusal) {
    guard let earlierDate, let laterDate, laterDate < earlierDate else { return }
    throw .malformed(
      .datesOutOfOrder(
        what: what,
        earlier: earlier,
        earlierDate: earlierDate,
        later: later,
        laterDate: laterDate
      )
    )
  }

  /// Refuses an identifier that is not of its form.
  private static func form(_ form: IdentifierForm, _ value: String) throws(Refusal) {
    if !form.accepts(value) { throw .malformed(.identifier(form, value)) }
  }

  /// Refuses a list of identifiers that names one twice.
  private static func once(_ values: [String], _ member: String) throws(Refusal) {
    var seen: Set<String> = []
    for value in values where !seen.insert(value).inserted {
      throw .malformed(.repeated(member: member, value: value))
    }
  }
}
