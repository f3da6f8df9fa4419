public import LedgerStore

/// Which records an audit covers.
public struct AuditFilter: Hashable, Sendable {
  /// Only records by this person.
  public var actor: PersonID?
  /// Only records made (recorded) on or after this date.
  public var from: CalendarDate?
  /// Only records made (recorded) on or before this date.
  public var to: CalendarDate?
  /// Only records of these types (a family such as `action.*` allowed).
  public var types: [String]
  /// Only entries with at least one flag.
  public var flaggedOnly: Bool

  /// Makes a filter.
  public init(
    actor: PersonID? = nil,
    from: CalendarDate? = nil,
    to: CalendarDate? = nil,
    types: [String] = [],
    flaggedOnly: Bool = false
  ) {
    self.actor = actor
    self.from = from
    self.to = to
    self.types = types
    self.flaggedOnly = flaggedOnly
  }

  func admits(_ entry: HistoryEntry) -> Bool {
    let record = entry.record
    if let actor, record.actor != actor { return false }
    if let from, record.recorded.date < from { return false }
    if let to, record.recorded.date > to { return false }
    if !types.isEmpty && !PolicyRule(roles: ["*"], types: types).covers(record.event.type.rawValue) {
      return false
    }
    return !flaggedOnly || !entry.flags.isEmpty
  }
}

/// The audit trail: every record with the flags an auditor looks for.
public struct Audit: Sendable {
  /// The plan book read.
  public let book: PlanBook

  /// Days between effective and recorded beyond which an entry is back-dated.
  public static let backDatedDays = 30

  /// Roles that may record anything for the programme.
  public static let recordingRoles: Set<String> = [
    Role.programmeOffice, Role.boardSecretary, "transcriber",
  ]

  /// Makes an audit over a plan book.
  public init(book: PlanBook) {
    self.book = book
  }

  /// The audit entries that pass a filter, in seq (recording) order.
  ///
  /// - Parameter filter: Which entries to keep.
  /// - Returns: The entries with their flags.
  /// - Throws: An I/O error.
  public func entries(_ filter: AuditFilter = AuditFilter()) throws -> [HistoryEntry] {
    var all: [Int: PlanRecord] = [:]
    try book.forEachRecord { all[$0.seq] = $0 }
    let entries = History.build(Array(all.values), all: all)
    // Roles and leads as they stood at each record, walking in valid-time order.
    var state = PlanState()
    var flagsBySeq: [Int: [AuditFlag]] = [:]
    for entry in entries {
      let record = entry.record
      flagsBySeq[record.seq] = flags(for: entry, in: state, all: all)
      if entry.retractedBy == nil, record.event.type.isCorrectable || record.event.type == .policyRuleSet {
        state.apply(record)
      }
    }
    return entries.map { entry in
      var flagged = entry
      flagged.flags = flagsBySeq[entry.record.seq] ?? []
      return flagged
    }
    .filter(filter.admits)
    .sorted { $0.record.seq < $1.record.seq }
  }

  private func flags(
    for entry: HistoryEntry,
    in state: PlanState,
    all: [Int: PlanRecord]
  ) -> [AuditFlag] {
    let record = entry.record
    var flags: [AuditFlag] = []
    if record.recorded.date.days(since: record.effective) > Self.backDatedDays {
      flags.append(.backDated)
    }
    if case .actionStatusChanged(let change) = record.event, change.to == .complete {
      let decision = record.authoritySeq.flatMap { all[$0] }
      var backed = false
      if let decision, case .boardDecisionRecorded(let recorded) = decision.event {
        backed = recorded.actions.contains(change.action)
      }
      if !backed { flags.append(.completionWithoutDecision) }
    }
    if !actorHeldRole(record, in: state) { flags.append(.actorWithoutRole) }
    if entry.retractedBy != nil { flags.append(.retracted) }
    if !entry.correctedBy.isEmpty { flags.append(.corrected) }
    switch record.event {
    case .eventRetracted: flags.append(.retraction)
    case .eventCorrected: flags.append(.correction)
    default: break
    }
    return flags
  }

  private func actorHeldRole(_ record: PlanRecord, in state: PlanState) -> Bool {
    let held = Set(
      state.roles.filter { $0.key.person == record.actor && $0.value.value }.map(\.key.role)
    )
    if held.contains(where: { Self.recordingRoles.contains($0.key) }) { return true }
    switch record.event {
    case .actionStatusChanged, .actionDueRevised, .actionLeadReassigned, .actionAmended,
      .actionWithdrawn:
      guard let action = record.event.action, let current = state.actions[action] else {
        return false
      }
      if current.leads.value.contains(record.actor) { return true }
      return held.contains(Role(Role.sro, scope: "priority \(current.priority.rawValue)"))
    case .boardMeetingHeld, .boardDecisionRecorded:
      return held.contains { $0.key == Role.boardChair }
    case .monitoringVisitRecorded, .monitoringFindingRecorded, .inspectionRecorded:
      return held.contains { $0.key == "inspector" }
    default:
      return !held.isEmpty
    }
  }
}
