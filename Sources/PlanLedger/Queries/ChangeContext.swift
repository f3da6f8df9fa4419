import LedgerStore

/// What a history or audit entry needs besides the values just before it: the corrections
/// and retractions, the original of each record they supersede, the actions of each board
/// decision and each action's priority.
///
/// Read once, before the entries; it grows with the corrections, retractions, decisions and
/// actions a ledger holds, never with the number of changes. The values before each change
/// come from a ``ValueFold`` walked in valid-time order.
struct ChangeContext: Sendable {
  /// The seqs of the corrections of each corrected seq, in order.
  private(set) var correctedBy: [Int: [Int]] = [:]
  /// The seq of each retracted seq's retraction.
  private(set) var retractedBy: [Int: Int] = [:]
  /// The latest corrected data of each corrected seq.
  private(set) var corrections: [Int: JSONObject] = [:]
  /// The original data of each corrected or retracted seq (``noteOriginal(_:)``).
  private(set) var originals: [Int: JSONObject] = [:]
  /// The type of each corrected or retracted seq.
  private(set) var originalTypes: [Int: PlanEventType] = [:]
  /// The actions each board decision concerns, by seq, as corrected (``seal()``).
  private(set) var decisions: [Int: [ActionID]] = [:]
  /// The priority of each action, as corrected (``seal()``).
  private(set) var priorities: [ActionID: PriorityNumber] = [:]
  /// The decisions and additions noted, until ``seal()`` applies their corrections.
  private var pending: [PlanRecord] = []

  /// Whether a line of this type is one ``note(_:)`` keeps.
  static func isNoted(type: UnsafeRawBufferPointer, decisionsAndActions: Bool) -> Bool {
    type.elementsEqual("event.corrected".utf8) || type.elementsEqual("event.retracted".utf8)
      || decisionsAndActions
        && (type.elementsEqual("board.decision_recorded".utf8)
          || type.elementsEqual("action.added".utf8))
  }

  /// Notes a correction, a retraction, a board decision or an action's addition (first
  /// pass, in seq order).
  mutating func note(_ record: PlanRecord) {
    switch record.event {
    case .eventCorrected(let correction):
      correctedBy[correction.seq, default: []].append(record.seq)
      corrections[correction.seq] = correction.data
    case .eventRetracted(let retraction):
      retractedBy[retraction.seq] = min(retractedBy[retraction.seq] ?? .max, record.seq)
    case .boardDecisionRecorded, .actionAdded:
      pending.append(record)
    default:
      break
    }
  }

  /// The seqs that corrections or retractions supersede.
  var supersededSeqs: Set<Int> {
    Set(corrections.keys).union(retractedBy.keys)
  }

  /// Keeps a superseded record's original data and type.
  mutating func noteOriginal(_ record: PlanRecord) {
    originals[record.seq] = record.event.data
    originalTypes[record.seq] = record.event.type
  }

  /// Applies the corrections and retractions to the decisions and additions noted; call
  /// once after the first pass.
  mutating func seal() {
    for original in pending where retractedBy[original.seq] == nil {
      switch current(original).event {
      case .boardDecisionRecorded(let decision): decisions[original.seq] = decision.actions
      case .actionAdded(let added): priorities[added.action] = added.priority
      default: break
      }
    }
    pending = []
  }

  /// Whether a seq was retracted.
  func isRetracted(_ seq: Int) -> Bool {
    retractedBy[seq] != nil
  }

  /// The record as it stands after its corrections.
  func current(_ record: PlanRecord) -> PlanRecord {
    guard let data = corrections[record.seq],
      let corrected = try? Replay.corrected(record, data: data)
    else { return record }
    return corrected
  }

  /// The history entry of a record, given the value just before it (``ValueFold/before(_:context:)``).
  func entry(_ original: PlanRecord, before: JSONValue) -> HistoryEntry {
    let record = current(original)
    let after = Self.after(record)
    // A corrected record shows its corrected values, and what was first recorded when the
    // correction changed it.
    let asRecorded: JSONValue? = record == original ? .none : Self.after(original)
    return HistoryEntry(
      record: original,
      before: before,
      after: after,
      asRecorded: asRecorded == after ? .none : asRecorded,
      summary: Self.summary(record, before: before),
      why: Self.why(record),
      correctedBy: correctedBy[original.seq] ?? [],
      retractedBy: retractedBy[original.seq]
    )
  }

  /// The value a record (as corrected) sets, as an entry shows it.
  static func after(_ record: PlanRecord) -> JSONValue {
    switch record.event {
    case .actionStatusChanged(let change): return .string(change.to.rawValue)
    case .actionDueRevised(let revision): return .string(revision.to.description)
    case .actionLeadReassigned(let change): return .array(change.to.map { .string($0.rawValue) })
    case .actionAmended(let amendment):
      return .object(JSONObject(amendedFields(amendment)))
    case .actionWithdrawn: return .string("withdrawn")
    case .actionProgressNoted: return .object(record.event.data)
    case .roleAssigned: return .bool(true)
    case .roleEnded: return .bool(false)
    case .measureRecorded(let recorded): return .string(recorded.value.text)
    case .eventCorrected(let correction): return .object(correction.data)
    case .eventRetracted: return .null
    case .actionAdded, .boardDecisionRecorded, .monitoringFindingRecorded, .planCreated,
      .workstreamDefined, .priorityDefined, .recommendationRecorded, .personRegistered,
      .boardMeetingHeld, .monitoringVisitRecorded, .inspectionRecorded, .measureDefined,
      .measureTargetSet, .factRecorded, .policyRuleSet:
      return .object(record.event.data)
    }
  }

  /// The fields an amendment changes, with their new values.
  static func amendedFields(_ amendment: ActionAmended) -> [String: JSONValue] {
    var fields: [String: JSONValue] = [:]
    for (key, value) in amendment.data where key != "action" && key != "reason" {
      fields[key] = value
    }
    return fields
  }

  /// Why a record (as corrected) was made, in its own words (``HistoryEntry/why``).
  static func why(_ record: PlanRecord) -> String {
    switch record.event {
    case .actionStatusChanged(let change): return change.note
    case .actionProgressNoted(let note): return note.note
    case .actionDueRevised(let revision): return revision.reason
    case .actionLeadReassigned(let change): return change.reason
    case .actionAmended(let amendment): return amendment.reason
    case .actionWithdrawn(let withdrawal): return withdrawal.reason
    case .eventCorrected(let correction): return correction.reason
    case .eventRetracted(let retraction): return retraction.reason
    case .boardDecisionRecorded(let decision): return decision.text
    case .monitoringFindingRecorded(let finding): return finding.quote
    case .boardMeetingHeld(let meeting): return meeting.summary
    case .inspectionRecorded(let inspection): return inspection.summary
    case .factRecorded(let fact): return fact.text
    case .measureRecorded(let recorded): return recorded.note
    case .actionAdded, .roleAssigned, .roleEnded, .planCreated, .workstreamDefined,
      .priorityDefined, .recommendationRecorded, .personRegistered, .monitoringVisitRecorded,
      .measureDefined, .measureTargetSet, .policyRuleSet:
      return ""
    }
  }

  /// The one-line summary of a record (as corrected), given the value just before it.
  static func summary(_ record: PlanRecord, before: JSONValue) -> String {
    switch record.event {
    case .actionAdded(let added):
      let lead = added.leads.map(\.rawValue).joined(separator: "; ")
      return "action \(added.action) added" + (lead.isEmpty ? " with no lead" : ", lead \(lead)")
    case .actionStatusChanged(let change):
      return "status \(before.text ?? "") → \(change.to.rawValue)"
    case .actionDueRevised(let revision):
      return "milestone \(revision.milestone) due \(before.text ?? "none") → \(revision.to)"
    case .actionLeadReassigned(let change):
      let from = before.texts.joined(separator: "; ")
      let to = change.to.map(\.rawValue).joined(separator: "; ")
      return "lead \(from.isEmpty ? "none" : from) → \(to.isEmpty ? "none" : to)"
    case .actionAmended(let amendment):
      return "action \(amendment.action) amended: "
        + amendedFields(amendment).keys.sorted().joined(separator: ", ")
    case .actionWithdrawn(let withdrawal):
      return "action \(withdrawal.action) withdrawn"
    case .actionProgressNoted:
      return "progress noted" + (before.text.map { " (\($0))" } ?? "")
    case .roleAssigned(let assignment):
      return "\(assignment.person) became \(assignment.role)"
    case .roleEnded(let ending):
      return "\(ending.person) ceased to be \(ending.role)"
    case .measureRecorded(let recorded):
      return "\(recorded.measure) for \(recorded.period) = \(recorded.value)"
        + (before.text.map { " (was \($0))" } ?? "")
    case .eventCorrected(let correction):
      return "corrects seq \(correction.seq)"
    case .eventRetracted(let retraction):
      return "retracts seq \(retraction.seq)"
    case .boardDecisionRecorded(let decision):
      return "board decision (\(decision.kind.words))"
    case .monitoringFindingRecorded(let finding):
      return "finding of visit \(finding.visit) (\(finding.kind.rawValue))"
    case .planCreated(let plan):
      return "plan created: \(plan.title)"
    case .workstreamDefined(let workstream):
      return "workstream \(workstream.name)"
    case .priorityDefined(let priority):
      return "priority \(priority.number): \(priority.title)"
    case .recommendationRecorded(let recommendation):
      return "\(recommendation.body) recommendation \(recommendation.number)"
    case .personRegistered(let registration):
      return "\(registration.person) registered: \(registration.name)"
    case .boardMeetingHeld(let meeting):
      return "\(meeting.board) met on \(meeting.date)"
        + (meeting.chair.map { ", chaired by \($0)" } ?? "")
    case .monitoringVisitRecorded(let visit):
      return "monitoring visit \(visit.visit), \(visit.start) to \(visit.end)"
    case .inspectionRecorded(let inspection):
      return "\(inspection.body) \(inspection.kind): \(inspection.judgement)"
    case .measureDefined(let definition):
      return "measure \(definition.measure) defined"
    case .measureTargetSet(let target):
      return "target for \(target.measure): \(target.value.text)"
    case .factRecorded(let fact):
      return "fact recorded (\(fact.kind))"
    case .policyRuleSet:
      return "policy rules set"
    }
  }
}

extension JSONValue {
  /// The text of a string value.
  var text: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The texts of an array of strings.
  var texts: [String] {
    if case .array(let items) = self { return items.compactMap(\.text) }
    return []
  }
}
