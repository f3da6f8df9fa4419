public import LedgerStore

/// Every kind of plan event, one case per `type`.
///
/// Folds switch over it with no `default:`, so a new kind fails to compile until every
/// projection handles it.
public enum PlanEvent: Hashable, Sendable {
  case planCreated(PlanCreated)
  case workstreamDefined(WorkstreamDefined)
  case priorityDefined(PriorityDefined)
  case recommendationRecorded(RecommendationRecorded)
  case actionAdded(ActionAdded)
  case actionStatusChanged(ActionStatusChanged)
  case actionDueRevised(ActionDueRevised)
  case actionLeadReassigned(ActionLeadReassigned)
  case actionAmended(ActionAmended)
  case actionWithdrawn(ActionWithdrawn)
  case personRegistered(PersonRegistered)
  case roleAssigned(RoleAssigned)
  case roleEnded(RoleEnded)
  case boardMeetingHeld(BoardMeetingHeld)
  case boardDecisionRecorded(BoardDecisionRecorded)
  case monitoringVisitRecorded(MonitoringVisitRecorded)
  case monitoringFindingRecorded(MonitoringFindingRecorded)
  case inspectionRecorded(InspectionRecorded)
  case measureDefined(MeasureDefined)
  case measureTargetSet(MeasureTargetSet)
  case measureRecorded(MeasureRecorded)
  case factRecorded(FactRecorded)
  case eventCorrected(EventCorrected)
  case eventRetracted(EventRetracted)
  case policyRuleSet(PolicyRuleSet)
  case actionProgressNoted(ActionProgressNoted)

  /// Decodes an event's `data` for its type.
  ///
  /// - Parameters:
  ///   - type: The event's type.
  ///   - payload: Its `data`.
  /// - Throws: ``PayloadError`` naming the member that is missing or wrong.
  public init(type: PlanEventType, payload: Payload) throws(PayloadError) {
    switch type {
    case .planCreated: self = .planCreated(try PlanCreated(payload))
    case .workstreamDefined: self = .workstreamDefined(try WorkstreamDefined(payload))
    case .priorityDefined: self = .priorityDefined(try PriorityDefined(payload))
    case .recommendationRecorded:
      self = .recommendationRecorded(try RecommendationRecorded(payload))
    case .actionAdded: self = .actionAdded(try ActionAdded(payload))
    case .actionStatusChanged: self = .actionStatusChanged(try ActionStatusChanged(payload))
    case .actionDueRevised: self = .actionDueRevised(try ActionDueRevised(payload))
    case .actionLeadReassigned: self = .actionLeadReassigned(try ActionLeadReassigned(payload))
    case .actionAmended: self = .actionAmended(try ActionAmended(payload))
    case .actionWithdrawn: self = .actionWithdrawn(try ActionWithdrawn(payload))
    case .personRegistered: self = .personRegistered(try PersonRegistered(payload))
    case .roleAssigned: self = .roleAssigned(try RoleAssigned(payload))
    case .roleEnded: self = .roleEnded(try RoleEnded(payload))
    case .boardMeetingHeld: self = .boardMeetingHeld(try BoardMeetingHeld(payload))
    case .boardDecisionRecorded:
      self = .boardDecisionRecorded(try BoardDecisionRecorded(payload))
    case .monitoringVisitRecorded:
      self = .monitoringVisitRecorded(try MonitoringVisitRecorded(payload))
    case .monitoringFindingRecorded:
      self = .monitoringFindingRecorded(try MonitoringFindingRecorded(payload))
    case .inspectionRecorded: self = .inspectionRecorded(try InspectionRecorded(payload))
    case .measureDefined: self = .measureDefined(try MeasureDefined(payload))
    case .measureTargetSet: self = .measureTargetSet(try MeasureTargetSet(payload))
    case .measureRecorded: self = .measureRecorded(try MeasureRecorded(payload))
    case .factRecorded: self = .factRecorded(try FactRecorded(payload))
    case .eventCorrected: self = .eventCorrected(try EventCorrected(payload))
    case .eventRetracted: self = .eventRetracted(try EventRetracted(payload))
    case .policyRuleSet: self = .policyRuleSet(try PolicyRuleSet(payload))
    case .actionProgressNoted: self = .actionProgressNoted(try ActionProgressNoted(payload))
    }
  }

  /// The event's type.
  public var type: PlanEventType {
    switch self {
    case .planCreated: .planCreated
    case .workstreamDefined: .workstreamDefined
    case .priorityDefined: .priorityDefined
    case .recommendationRecorded: .recommendationRecorded
    case .actionAdded: .actionAdded
    case .actionStatusChanged: .actionStatusChanged
    case .actionDueRevised: .actionDueRevised
    case .actionLeadReassigned: .actionLeadReassigned
    case .actionAmended: .actionAmended
    case .actionWithdrawn: .actionWithdrawn
    case .personRegistered: .personRegistered
    case .roleAssigned: .roleAssigned
    case .roleEnded: .roleEnded
    case .boardMeetingHeld: .boardMeetingHeld
    case .boardDecisionRecorded: .boardDecisionRecorded
    case .monitoringVisitRecorded: .monitoringVisitRecorded
    case .monitoringFindingRecorded: .monitoringFindingRecorded
    case .inspectionRecorded: .inspectionRecorded
    case .measureDefined: .measureDefined
    case .measureTargetSet: .measureTargetSet
    case .measureRecorded: .measureRecorded
    case .factRecorded: .factRecorded
    case .eventCorrected: .eventCorrected
    case .eventRetracted: .eventRetracted
    case .policyRuleSet: .policyRuleSet
    case .actionProgressNoted: .actionProgressNoted
    }
  }

  /// The event's `data`.
  public var data: JSONObject {
    switch self {
    case .planCreated(let event): event.data
    case .workstreamDefined(let event): event.data
    case .priorityDefined(let event): event.data
    case .recommendationRecorded(let event): event.data
    case .actionAdded(let event): event.data
    case .actionStatusChanged(let event): event.data
    case .actionDueRevised(let event): event.data
    case .actionLeadReassigned(let event): event.data
    case .actionAmended(let event): event.data
    case .actionWithdrawn(let event): event.data
    case .personRegistered(let event): event.data
    case .roleAssigned(let event): event.data
    case .roleEnded(let event): event.data
    case .boardMeetingHeld(let event): event.data
    case .boardDecisionRecorded(let event): event.data
    case .monitoringVisitRecorded(let event): event.data
    case .monitoringFindingRecorded(let event): event.data
    case .inspectionRecorded(let event): event.data
    case .measureDefined(let event): event.data
    case .measureTargetSet(let event): event.data
    case .measureRecorded(let event): event.data
    case .factRecorded(let event): event.data
    case .eventCorrected(let event): event.payloadData
    case .eventRetracted(let event): event.data
    case .policyRuleSet(let event): event.data
    case .actionProgressNoted(let event): event.data
    }
  }

  /// The stream the event belongs to; for corrections and retractions, `nil` (they take
  /// the stream of the event they supersede).
  public var stream: String? {
    switch self {
    case .planCreated(let event): event.stream
    case .workstreamDefined(let event): event.stream
    case .priorityDefined(let event): event.stream
    case .recommendationRecorded(let event): event.stream
    case .actionAdded(let event): event.stream
    case .actionStatusChanged(let event): event.stream
    case .actionDueRevised(let event): event.stream
    case .actionLeadReassigned(let event): event.stream
    case .actionAmended(let event): event.stream
    case .actionWithdrawn(let event): event.stream
    case .personRegistered(let event): event.stream
    case .roleAssigned(let event): event.stream
    case .roleEnded(let event): event.stream
    case .boardMeetingHeld(let event): event.stream
    case .boardDecisionRecorded(let event): event.stream
    case .monitoringVisitRecorded(let event): event.stream
    case .monitoringFindingRecorded(let event): event.stream
    case .inspectionRecorded(let event): event.stream
    case .measureDefined(let event): event.stream
    case .measureTargetSet(let event): event.stream
    case .measureRecorded(let event): event.stream
    case .factRecorded(let event): event.stream
    case .eventCorrected, .eventRetracted: nil
    case .policyRuleSet(let event): event.stream
    case .actionProgressNoted(let event): event.stream
    }
  }

  /// The action the event is about, if it is an action event.
  public var action: ActionID? {
    switch self {
    case .actionAdded(let event): event.action
    case .actionStatusChanged(let event): event.action
    case .actionDueRevised(let event): event.action
    case .actionLeadReassigned(let event): event.action
    case .actionAmended(let event): event.action
    case .actionWithdrawn(let event): event.action
    case .actionProgressNoted(let event): event.action
    case .planCreated, .workstreamDefined, .priorityDefined, .recommendationRecorded,
      .personRegistered, .roleAssigned, .roleEnded, .boardMeetingHeld, .boardDecisionRecorded,
      .monitoringVisitRecorded, .monitoringFindingRecorded, .inspectionRecorded,
      .measureDefined, .measureTargetSet, .measureRecorded, .factRecorded, .eventCorrected,
      .eventRetracted, .policyRuleSet:
      nil
    }
  }
}
