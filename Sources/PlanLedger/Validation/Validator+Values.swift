import LedgerStore

/// What an event says on its face, checked before anything is looked up in the ledger.
extension Validator {
  /// Checks the values an event gives, whatever the ledger holds: each identifier it
  /// defines has its documented form (``IdentifierForm``), each text its type needs is not
  /// blank, and each list of identifiers names each one once.
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
    case .monitoringFindingRecorded(let finding):
      try needs(finding.quote, "quote")
      try once(finding.priorities.map(\.rawValue), "priorities")
      try once(finding.recommendations, "recommendations")
      try once(finding.actions.map(\.rawValue), "actions")
    case .inspectionRecorded(let inspection):
      try needs(inspection.kind, "kind")
    case .factRecorded(let fact):
      try needs(fact.kind, "kind")
      try needs(fact.text, "text")
    case .measureDefined(let measure):
      try form(.measure, measure.measure.rawValue)
      try needs(measure.title, "title")
    case .measureTargetSet, .measureRecorded, .policyRuleSet:
      break
    case .eventCorrected(let correction):
      try needs(correction.reason, "reason")
    case .eventRetracted(let retraction):
      try needs(retraction.reason, "reason")
    }
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
