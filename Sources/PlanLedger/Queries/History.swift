import LedgerStore

/// What a history is of.
public enum HistorySubject: Hashable, Sendable {
  /// One action, with the decisions and findings that concern it.
  case action(ActionID)
  /// A priority: its definition, its actions, its SRO changes.
  case priority(PriorityNumber)
  /// A person: their roles, the actions they led, and what they recorded.
  case person(PersonID)
  /// A measure: its definition, targets and values.
  case measure(MeasureID)
  /// Everything.
  case all
}

/// Builds histories and audits: every change with its before and after.
///
/// Records are taken in valid-time order (effective date, then seq) as known now;
/// corrected records are shown with their corrected values (and the correction as an
/// entry of its own), retracted records are shown but do not change later befores.
public struct History: Sendable {
  /// The plan book read.
  public let book: PlanBook

  /// Makes a history builder.
  public init(book: PlanBook) {
    self.book = book
  }

  /// The history of a subject.
  ///
  /// - Parameter subject: What to show.
  /// - Returns: The entries in valid-time order.
  /// - Throws: An I/O error or ``Refusal`` for an unknown subject.
  public func entries(of subject: HistorySubject) throws -> [HistoryEntry] {
    // First pass: which actions the subject covers (its priority's, or those a person
    // led), from the few `action.added` and `action.lead_reassigned` lines.
    var actionsOfPriority: Set<ActionID> = []
    var leadActions: Set<ActionID> = []
    let decoder = RecordDecoder()
    switch subject {
    case .priority, .person:
      try book.ledger.forEachLine { line in
        guard let type = FastScanner.typeFromTail(line.bytes),
          type.elementsEqual("action.added".utf8)
            || type.elementsEqual("action.lead_reassigned".utf8),
          let record = try? decoder.record(line)
        else { return true }
        switch (record.event, subject) {
        case (.actionAdded(let added), .priority(let priority)) where added.priority == priority:
          actionsOfPriority.insert(added.action)
        case (.actionAdded(let added), .person(let person)) where added.leads.contains(person):
          leadActions.insert(added.action)
        case (.actionLeadReassigned(let change), .person(let person))
        where change.to.contains(person):
          leadActions.insert(change.action)
        default:
          break
        }
        return true
      }
    default:
      break
    }
    // Second pass: the records about the subject, and every correction and retraction
    // (few), decoding only lines whose stream or type can match.
    var chosen: [Int: PlanRecord] = [:]
    var supersessions: [PlanRecord] = []
    let streams = Self.streams(of: subject, actions: actionsOfPriority.union(leadActions))
    try book.ledger.forEachLine { line in
      let type = FastScanner.typeFromTail(line.bytes)
      let mayMatch =
        subject == .all || type.map { Self.typeMayConcern($0) } ?? true
        || (try? EventLineFields(line.bytes)).map { fields in
          streams.contains { fields.stringValue(at: fields.streamRange, equalsText: $0) }
            || Self.actorMatches(fields, subject)
        } ?? true
      guard mayMatch, let record = try? decoder.record(line) else { return true }
      switch record.event {
      case .eventCorrected, .eventRetracted:
        supersessions.append(record)
      default:
        if matches(record, subject, actionsOfPriority: actionsOfPriority, leadActions: leadActions)
          || matchesActor(record, subject)
        {
          chosen[record.seq] = record
        }
      }
      return true
    }
    var all = chosen
    for record in supersessions {
      all[record.seq] = record
      let target: Int
      switch record.event {
      case .eventCorrected(let correction): target = correction.seq
      case .eventRetracted(let retraction): target = retraction.seq
      default: continue
      }
      if chosen[target] != nil || matchesActor(record, subject) { chosen[record.seq] = record }
    }
    return Self.build(Array(chosen.values), all: all)
  }

  /// The streams whose records may be about the subject.
  private static func streams(of subject: HistorySubject, actions: Set<ActionID>) -> [String] {
    switch subject {
    case .all: return []
    case .action(let action): return ["action/" + action.rawValue]
    case .priority(let priority):
      return ["priority/" + priority.rawValue] + actions.map { "action/" + $0.rawValue }
    case .person(let person):
      return ["person/" + person.rawValue] + actions.map { "action/" + $0.rawValue }
    case .measure(let measure): return ["measure/" + measure.rawValue]
    }
  }

  /// Types whose records concern subjects outside their own stream (decisions and
  /// findings name actions and priorities; roles name priorities; measures and
  /// recommendations name priorities), so they are always decoded.
  private static func typeMayConcern(_ type: UnsafeRawBufferPointer) -> Bool {
    for name in [
      "board.decision_recorded", "monitoring.finding_recorded", "role.assigned",
      "role.ended", "recommendation.recorded", "measure.defined", "plan.priority_defined",
      "event.corrected", "event.retracted",
    ]
    where type.elementsEqual(name.utf8) {
      return true
    }
    return false
  }

  private static func actorMatches(_ fields: EventLineFields, _ subject: HistorySubject) -> Bool {
    guard case .person(let person) = subject else { return false }
    return fields.stringValue(at: fields.actorRange, equalsText: person.rawValue)
  }

  private func matchesActor(_ record: PlanRecord, _ subject: HistorySubject) -> Bool {
    if case .person(let person) = subject { return record.actor == person }
    return false
  }

  private func matches(
    _ record: PlanRecord,
    _ subject: HistorySubject,
    actionsOfPriority: Set<ActionID>,
    leadActions: Set<ActionID>
  ) -> Bool {
    switch subject {
    case .all:
      return true
    case .action(let action):
      if record.event.action == action { return true }
      switch record.event {
      case .boardDecisionRecorded(let decision): return decision.actions.contains(action)
      case .monitoringFindingRecorded(let finding): return finding.actions.contains(action)
      default: return false
      }
    case .priority(let priority):
      if let action = record.event.action, actionsOfPriority.contains(action) { return true }
      switch record.event {
      case .priorityDefined(let defined): return defined.number == priority
      case .roleAssigned(let assigned): return assigned.role.scope == "priority \(priority)"
      case .roleEnded(let ended): return ended.role.scope == "priority \(priority)"
      case .monitoringFindingRecorded(let finding): return finding.priorities.contains(priority)
      case .recommendationRecorded(let recommendation):
        return recommendation.priorities.contains(priority)
      case .measureDefined(let measure): return measure.priority == priority
      case .boardDecisionRecorded(let decision):
        return decision.actions.contains { actionsOfPriority.contains($0) }
      default: return false
      }
    case .person(let person):
      if record.stream == "person/" + person.rawValue { return true }
      if let action = record.event.action, leadActions.contains(action) {
        switch record.event {
        case .actionAdded, .actionLeadReassigned: return true
        default: return false
        }
      }
      return false
    case .measure(let measure):
      return record.stream == "measure/" + measure.rawValue
    }
  }

  /// Turns records (already chosen) into entries with befores and afters, in
  /// valid-time order.
  static func build(_ records: [PlanRecord], all: [Int: PlanRecord]) -> [HistoryEntry] {
    var timelines = Timelines()
    let ordered = all.values.sorted { $0.seq < $1.seq }
    for record in ordered { timelines.noteSupersession(record) }
    for record in ordered { timelines.add(record) }
    timelines.seal()
    return records.sorted { $0.precedesInValidTime($1) }.map(timelines.entry)
  }
}
