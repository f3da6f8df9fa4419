import LedgerStore

/// Checks a submission against the plan as it stood on its effective date.
///
/// Every rule of the plan model is here, so every append path (commands, batch files,
/// imports, raw `append`) refuses the same things with the same words.
struct Validator {
  /// The plan as of the submission's effective date, known now.
  let state: PlanState
  /// The plan with everything recorded, whatever its date (for who is registered).
  let latest: PlanState
  /// The effective date.
  let date: CalendarDate
  /// Today, from the clock the caller passed in.
  let today: CalendarDate
  /// Finds an earlier record by seq (in the ledger or earlier in the same batch).
  let record: (Int) throws -> PlanRecord?
  /// The number of records before this one (ledger and batch).
  let size: Int
  /// The plan as of another date, known now (for checking corrections where they stood).
  let stateAsOf: (CalendarDate) throws -> PlanState

  func check(_ submission: Submission) throws {
    let event = submission.event
    let type = event.type
    // What the submission says on its face comes first: a malformed value is refused the
    // same way whatever the ledger holds.
    try Self.checkValues(of: event)
    let authority = try Self.authoritySeq(of: submission)
    if date > today { throw Refusal.afterToday(date: date, today: today) }
    try Self.checkTiming(of: event, on: date)
    if case .personRegistered(let person) = event, person.person == submission.actor,
      latest.people.isEmpty
    {
      // The first person of a new ledger registers themselves.
    } else {
      try checkActor(submission.actor)
    }
    if type.isPlanContent {
      guard let plan = latest.plan else { throw Refusal.noPlan }
      let created = firstPlanDate ?? plan.stamp.effective
      if date < created { throw Refusal.beforePlan(date: date, planDate: created) }
      guard state.plan != nil else { throw Refusal.beforePlan(date: date, planDate: created) }
    }
    if let given = submission.stream, let expected = try expectedStream(submission),
      given != expected
    {
      throw Refusal.wrongStream(type: type.rawValue, stream: given, expected: expected)
    }
    switch event {  // no `default:`, so a new kind of event cannot be forgotten here
    case .planCreated:
      break
    case .workstreamDefined(let workstream):
      if state.workstreams[workstream.name] != nil {
        throw Refusal.duplicate(kind: "workstream", key: workstream.name)
      }
    case .priorityDefined(let priority):
      if state.priorities[priority.number] != nil {
        throw Refusal.duplicate(kind: "priority", key: priority.number.rawValue)
      }
      try checkWorkstream(priority.workstream)
    case .recommendationRecorded(let recommendation):
      if state.recommendations[recommendation.key] != nil {
        throw Refusal.duplicate(kind: "recommendation", key: recommendation.key)
      }
      for priority in recommendation.priorities { try checkPriority(priority) }
    case .actionAdded(let added):
      if latest.actions[added.action] != nil {
        throw Refusal.duplicate(kind: "action", key: added.action.rawValue)
      }
      try checkPriority(added.priority)
      for lead in added.leads { try checkPerson(lead) }
    case .actionStatusChanged(let change):
      let action = try liveAction(change.action)
      if action.status.value == change.to {
        throw Refusal.unchanged(action: change.action, status: change.to, date: date)
      }
      if change.to == .complete && latest.rules.completeNeedsAuthority {
        try checkCompletionAuthority(change.action, authority)
      }
    case .actionDueRevised(let revision):
      let action = try liveAction(revision.action)
      let milestones = action.milestones
      guard revision.milestone >= 1, revision.milestone <= milestones.count else {
        throw Refusal.noSuchMilestone(
          action: revision.action,
          milestone: revision.milestone,
          count: milestones.count
        )
      }
      guard let current = milestones[revision.milestone - 1].due else {
        throw Refusal.milestoneNotDated(action: revision.action, milestone: revision.milestone)
      }
      if current == revision.to {
        throw Refusal.unchangedDue(
          action: revision.action,
          milestone: revision.milestone,
          due: current
        )
      }
    case .actionLeadReassigned(let reassignment):
      let action = try liveAction(reassignment.action)
      for lead in reassignment.to { try checkPerson(lead) }
      if action.leads.value == reassignment.to {
        throw Refusal.unchangedLead(action: reassignment.action)
      }
    case .actionAmended(let amendment):
      _ = try liveAction(amendment.action)
      if amendment.text == nil && amendment.issue == nil && amendment.references == nil
        && amendment.partners == nil
      {
        throw Refusal.invalidData(
          type: type.rawValue,
          reason: "nothing to amend: give the new text, issue, references or partners"
        )
      }
    case .actionWithdrawn(let withdrawal):
      _ = try liveAction(withdrawal.action)
    case .actionProgressNoted(let note):
      _ = try liveAction(note.action)
    case .personRegistered(let person):
      if latest.people[person.person] != nil {
        throw Refusal.duplicate(kind: "person", key: person.person.rawValue)
      }
    case .roleAssigned(let assignment):
      try checkPerson(assignment.person)
      if state.roles[RoleKey(person: assignment.person, role: assignment.role)]?.value == true {
        throw Refusal.roleAlreadyHeld(person: assignment.person, role: assignment.role, date: date)
      }
    case .roleEnded(let ending):
      try checkPerson(ending.person)
      guard state.roles[RoleKey(person: ending.person, role: ending.role)]?.value == true else {
        throw Refusal.roleNotHeld(person: ending.person, role: ending.role, date: date)
      }
    case .boardMeetingHeld(let meeting):
      if state.meetings[MeetingKey(board: meeting.board, date: meeting.date)] != nil
        || latest.meetings[MeetingKey(board: meeting.board, date: meeting.date)] != nil
      {
        throw Refusal.duplicate(kind: "meeting", key: "\(meeting.board) on \(meeting.date)")
      }
      if let chair = meeting.chair { try checkPerson(chair) }
      for person in meeting.attendees { try checkPerson(person) }
    case .boardDecisionRecorded(let decision):
      guard latest.meetings[MeetingKey(board: decision.board, date: decision.meeting)] != nil
      else {
        let held = latest.meetings.keys.filter { $0.board == Slug.make(decision.board) }
          .map(\.date).sorted()
        if held.isEmpty {
          throw Refusal.meetingNotHeld(board: decision.board, date: decision.meeting)
        }
        let nearest = held.sorted {
          abs($0.days(since: decision.meeting)) < abs($1.days(since: decision.meeting))
        }
        throw Refusal.unknownMeeting(
          board: decision.board,
          date: decision.meeting,
          nearest: Array(nearest.prefix(2))
        )
      }
      if date < decision.meeting {
        throw Refusal.decisionBeforeMeeting(date: date, meeting: decision.meeting)
      }
      for action in decision.actions { try checkAction(action) }
    case .monitoringVisitRecorded(let visit):
      if latest.visits[visit.visit] != nil {
        throw Refusal.duplicate(kind: "monitoring visit", key: visit.visit)
      }
      for inspector in visit.inspectors { try checkPerson(inspector) }
    case .monitoringFindingRecorded(let finding):
      guard state.visits[finding.visit] != nil else {
        if let later = latest.visits[finding.visit] {
          throw Refusal.notYetDefined(
            kind: "monitoring visit",
            key: finding.visit,
            date: date,
            defined: later.stamp.effective
          )
        }
        if latest.visits.isEmpty { throw Refusal.visitNotRecorded(finding.visit) }
        throw Refusal.unknownVisit(
          finding.visit,
          nearest: NearestSpelling.nearest(finding.visit, among: Array(latest.visits.keys))
        )
      }
      for priority in finding.priorities { try checkPriority(priority) }
      for action in finding.actions { try checkAction(action) }
      for key in finding.recommendations where state.recommendations[key] == nil {
        throw Refusal.unknownRecommendation(
          key,
          nearest: NearestSpelling.nearest(key, among: Array(state.recommendations.keys))
        )
      }
    case .inspectionRecorded, .factRecorded:
      break
    case .measureDefined(let measure):
      if latest.measures[measure.measure] != nil {
        throw Refusal.duplicate(kind: "measure", key: measure.measure.rawValue)
      }
      if let priority = measure.priority { try checkPriority(priority) }
    case .measureTargetSet(let target):
      try checkMeasure(target.measure)
    case .measureRecorded(let value):
      try checkMeasure(value.measure)
    case .eventCorrected(let correction):
      let target = try correctable(correction.seq)
      let corrected: PlanEvent
      do {
        corrected = try PlanEvent(type: target.event.type, payload: Payload(correction.data))
      } catch {
        throw Refusal.invalidData(
          type: target.event.type.rawValue,
          reason: "the corrected data of seq \(correction.seq): \(error)"
        )
      }
      // The corrected event must make sense where the original stood, in its stream.
      try Self.checkValues(of: corrected)
      try Self.checkTiming(of: corrected, on: target.effective)
      try correctionContext(target).checkReferences(of: corrected)
      if let stream = corrected.stream, stream != target.stream {
        throw Refusal.correctionMovesStream(seq: correction.seq, from: target.stream, to: stream)
      }
      if case .actionStatusChanged(let change) = corrected, change.to == .complete,
        latest.rules.completeNeedsAuthority
      {
        try checkCompletionAuthority(change.action, authority)
      }
    case .eventRetracted(let retraction):
      _ = try correctable(retraction.seq)
    case .policyRuleSet(let rules):
      if rules.rules.isEmpty {
        throw Refusal.invalidData(type: type.rawValue, reason: "a rule set needs at least one rule")
      }
    }
    if let authority { try checkAuthority(authority) }
    try PolicyCheck.check(
      type: type,
      action: event.action,
      actor: submission.actor,
      date: date,
      in: state,
      rules: latest.rules
    )
  }

  /// A validator placed where a corrected record stood: as of its effective date.
  private func correctionContext(_ target: PlanRecord) throws -> Validator {
    Validator(
      state: try stateAsOf(target.effective),
      latest: latest,
      date: target.effective,
      today: today,
      record: record,
      size: size,
      stateAsOf: stateAsOf
    )
  }

  /// Checks that everything an event names exists (as of the validator's date).
  func checkReferences(of event: PlanEvent) throws {
    switch event {
    case .actionAdded(let added):
      try checkPriority(added.priority)
      for lead in added.leads { try checkPerson(lead) }
    case .actionStatusChanged, .actionDueRevised, .actionAmended, .actionWithdrawn,
      .actionProgressNoted:
      if let action = event.action { try checkAction(action) }
    case .actionLeadReassigned(let change):
      try checkAction(change.action)
      for lead in change.to { try checkPerson(lead) }
    case .priorityDefined(let priority):
      try checkWorkstream(priority.workstream)
    case .recommendationRecorded(let recommendation):
      for priority in recommendation.priorities { try checkPriority(priority) }
    case .roleAssigned(let assignment):
      try checkPerson(assignment.person)
    case .roleEnded(let ending):
      try checkPerson(ending.person)
    case .boardMeetingHeld(let meeting):
      if let chair = meeting.chair { try checkPerson(chair) }
      for person in meeting.attendees { try checkPerson(person) }
    case .boardDecisionRecorded(let decision):
      guard latest.meetings[MeetingKey(board: decision.board, date: decision.meeting)] != nil else {
        throw Refusal.meetingNotHeld(board: decision.board, date: decision.meeting)
      }
      for action in decision.actions { try checkAction(action) }
    case .monitoringVisitRecorded(let visit):
      for inspector in visit.inspectors { try checkPerson(inspector) }
    case .monitoringFindingRecorded(let finding):
      guard latest.visits[finding.visit] != nil else {
        throw Refusal.visitNotRecorded(finding.visit)
      }
      for priority in finding.priorities { try checkPriority(priority) }
      for action in finding.actions { try checkAction(action) }
    case .measureDefined(let measure):
      if let priority = measure.priority { try checkPriority(priority) }
    case .measureTargetSet(let target):
      try checkMeasure(target.measure)
    case .measureRecorded(let value):
      try checkMeasure(value.measure)
    case .planCreated, .workstreamDefined, .personRegistered, .inspectionRecorded, .factRecorded,
      .eventCorrected, .eventRetracted, .policyRuleSet:
      break
    }
  }

  /// The date of the first `plan.created`, whatever was recorded later.
  var firstPlanDate: CalendarDate? {
    latest.plan.map { _ in latestFirstPlan }
  }

  private var latestFirstPlan: CalendarDate {
    latest.firstPlanDate ?? latest.plan?.stamp.effective ?? date
  }

  /// The stream an event belongs to.
  func expectedStream(_ submission: Submission) throws -> String? {
    switch submission.event {
    case .eventCorrected(let correction):
      return try record(correction.seq)?.stream
    case .eventRetracted(let retraction):
      return try record(retraction.seq)?.stream
    default:
      return submission.event.stream
    }
  }

  private func checkActor(_ actor: PersonID) throws {
    guard latest.people[actor] != nil else {
      throw Refusal.unregisteredActor(
        actor,
        nearest: NearestSpelling.nearest(actor.rawValue, among: latest.people.keys.map(\.rawValue))
          .map(PersonID.init(rawValue:))
      )
    }
  }

  private func checkPerson(_ person: PersonID) throws {
    guard latest.people[person] != nil else {
      throw Refusal.unknownPerson(
        person,
        nearest: NearestSpelling.nearest(person.rawValue, among: latest.people.keys.map(\.rawValue))
          .map(PersonID.init(rawValue:))
      )
    }
  }

  private func checkPriority(_ priority: PriorityNumber) throws {
    guard state.priorities[priority] != nil else {
      throw Refusal.unknownPriority(
        priority,
        nearest: NearestSpelling.nearest(
          priority.rawValue,
          among: state.priorities.keys.map(\.rawValue)
        ).map(PriorityNumber.init(rawValue:))
      )
    }
  }

  private func checkWorkstream(_ name: String) throws {
    guard state.workstreams[name] != nil else {
      throw Refusal.unknownWorkstream(
        name,
        nearest: NearestSpelling.nearest(name, among: Array(state.workstreams.keys))
      )
    }
  }

  private func checkMeasure(_ measure: MeasureID) throws {
    guard state.measures[measure] != nil else {
      if let later = latest.measures[measure] {
        throw Refusal.notYetDefined(
          kind: "measure",
          key: measure.rawValue,
          date: date,
          defined: later.definition.stamp.effective
        )
      }
      throw Refusal.unknownMeasure(
        measure,
        nearest: NearestSpelling.nearest(
          measure.rawValue,
          among: latest.measures.keys.map(\.rawValue)
        )
        .map(MeasureID.init(rawValue:))
      )
    }
  }

  private func checkAction(_ action: ActionID) throws {
    guard state.actions[action] != nil else {
      if let added = latest.actions[action] {
        throw Refusal.beforeAction(
          action: action,
          date: date,
          added: added.definition.stamp.effective
        )
      }
      throw Refusal.unknownAction(
        action,
        nearest: NearestSpelling.nearest(
          action.rawValue,
          among: latest.actions.keys.map(\.rawValue)
        )
        .map(ActionID.init(rawValue:))
      )
    }
  }

  /// The action as of the date, refusing one that does not exist then or was withdrawn.
  private func liveAction(_ action: ActionID) throws -> ActionState {
    try checkAction(action)
    guard let state = state.actions[action] else {
      throw Refusal.unknownAction(action, nearest: [])
    }
    if state.withdrawn.value { throw Refusal.actionWithdrawn(action) }
    return state
  }

  private func correctable(_ seq: Int) throws -> PlanRecord {
    guard seq >= 1, seq <= size, let target = try record(seq) else {
      throw Refusal.noSuchSeq(seq, size: size)
    }
    guard target.event.type.isCorrectable else {
      throw Refusal.notCorrectable(seq: seq, type: target.event.type.rawValue)
    }
    if let by = latest.retractedBy[seq] { throw Refusal.alreadyRetracted(seq: seq, by: by) }
    return target
  }
}
