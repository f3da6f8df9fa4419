import LedgerStore

/// The stable `type` strings of plan events, format version 1.
///
/// These are format, not code: never rename one, only add.
public enum PlanEventType: String, Hashable, Sendable, CaseIterable {
  case planCreated = "plan.created"
  case workstreamDefined = "plan.workstream_defined"
  case priorityDefined = "plan.priority_defined"
  case recommendationRecorded = "recommendation.recorded"
  case actionAdded = "action.added"
  case actionStatusChanged = "action.status_changed"
  case actionDueRevised = "action.due_revised"
  case actionLeadReassigned = "action.lead_reassigned"
  case actionAmended = "action.amended"
  case actionWithdrawn = "action.withdrawn"
  case personRegistered = "person.registered"
  case roleAssigned = "role.assigned"
  case roleEnded = "role.ended"
  case boardMeetingHeld = "board.meeting_held"
  case boardDecisionRecorded = "board.decision_recorded"
  case monitoringVisitRecorded = "monitoring.visit_recorded"
  case monitoringFindingRecorded = "monitoring.finding_recorded"
  case inspectionRecorded = "inspection.recorded"
  case measureDefined = "measure.defined"
  case measureTargetSet = "measure.target_set"
  case measureRecorded = "measure.recorded"
  case factRecorded = "fact.recorded"
  case eventCorrected = "event.corrected"
  case eventRetracted = "event.retracted"
  case policyRuleSet = "policy.rule_set"
  case actionProgressNoted = "action.progress_noted"

  /// Whether the event belongs to the plan's content, and so cannot take effect before
  /// the plan exists.
  public var isPlanContent: Bool {
    switch self {
    case .workstreamDefined, .priorityDefined, .actionAdded, .actionStatusChanged,
      .actionDueRevised, .actionLeadReassigned, .actionAmended, .actionWithdrawn,
      .measureDefined, .measureTargetSet, .actionProgressNoted:
      return true
    case .planCreated, .recommendationRecorded, .personRegistered, .roleAssigned, .roleEnded,
      .boardMeetingHeld, .boardDecisionRecorded, .monitoringVisitRecorded,
      .monitoringFindingRecorded, .inspectionRecorded, .measureRecorded, .factRecorded,
      .eventCorrected, .eventRetracted, .policyRuleSet:
      return false
    }
  }

  /// Whether a later `event.corrected` or `event.retracted` may supersede it.
  public var isCorrectable: Bool {
    switch self {
    case .eventCorrected, .eventRetracted, .policyRuleSet:
      return false
    default:
      return true
    }
  }
}

extension PlanEventType {
  private static let utf8Names: [(bytes: [UInt8], type: PlanEventType)] = allCases.map {
    (Array($0.rawValue.utf8), $0)
  }

  /// The type named by raw UTF-8 bytes (as stored, unescaped), without making a string.
  ///
  /// - Parameter bytes: The type's bytes.
  init?(utf8 bytes: UnsafeRawBufferPointer) {
    guard let target = bytes.baseAddress else { return nil }
    for entry in Self.utf8Names where entry.bytes.count == bytes.count {
      if entry.bytes.withUnsafeBytes({
        $0.baseAddress.map { memcmp($0, target, bytes.count) == 0 } == true
      }) {
        self = entry.type
        return
      }
    }
    return nil
  }
}

/// Builds a `data` object member by member, leaving out what is absent or empty.
struct DataBuilder {
  private(set) var members: [String: JSONValue] = [:]

  subscript(key: String) -> String? {
    get { members[key]?.stringValue }
    set { if let newValue { members[key] = .string(newValue) } }
  }

  mutating func set(_ key: String, _ value: JSONValue?) {
    if let value { members[key] = value }
  }

  mutating func set(_ key: String, list: [String], keepEmpty: Bool = false) {
    if keepEmpty || !list.isEmpty { members[key] = .array(list.map { .string($0) }) }
  }

  var object: JSONObject { JSONObject(members) }
}

#if canImport(Glibc)
import Glibc
#endif
