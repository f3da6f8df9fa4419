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

  func admits(_ record: PlanRecord) -> Bool {
    if let actor, record.actor != actor { return false }
    if let from, record.recorded.date < from { return false }
    if let to, record.recorded.date > to { return false }
    if !types.isEmpty && !PolicyRule(roles: ["*"], types: types).covers(record.event.type.rawValue)
    {
      return false
    }
    return true
  }
}

/// The audit trail: every record with the flags an auditor looks for.
///
/// Streams: two passes over the log build the `Timelines` (statuses, leads, dates,
/// roles, measure values, decisions), a third yields each entry in seq order, so memory
/// grows with the number of changes, not with the output.
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
    var entries: [HistoryEntry] = []
    try forEachEntry(filter) { entries.append($0) }
    return entries
  }

  /// Calls `body` with each audit entry that passes a filter, in seq order.
  ///
  /// - Parameters:
  ///   - filter: Which entries to keep.
  ///   - body: Receives each entry.
  /// - Throws: An I/O error, or what `body` throws.
  public func forEachEntry(
    _ filter: AuditFilter = AuditFilter(),
    _ body: (HistoryEntry) throws -> Void
  ) throws {
    try passes().forEachEntry(filter, body)
  }

  /// The timelines the entries need, read once, for going over the entries more than once
  /// without holding them (a table's column widths, then its lines).
  ///
  /// - Returns: The passes.
  /// - Throws: An I/O error.
  public func passes() throws -> Passes {
    var timelines = Timelines()
    let size = book.ledger.size
    guard size > 0 else { return Passes(audit: self, timelines: timelines, size: 0) }
    try book.forEachRecord(seqs: 1...size) { timelines.noteSupersession($0) }
    try book.forEachRecord(seqs: 1...size) { timelines.add($0) }
    timelines.seal()
    return Passes(audit: self, timelines: timelines, size: size)
  }

  /// An audit's timelines, read: each ``forEachEntry(_:_:)`` is one more pass over the log
  /// that yields the entries, all of them up to the size the timelines were read at.
  public struct Passes: Sendable {
    let audit: Audit
    let timelines: Timelines
    /// The ledger size read: every pass stops there.
    public let size: Int

    /// Calls `body` with each audit entry that passes a filter, in seq order: one pass.
    ///
    /// - Parameters:
    ///   - filter: Which entries to keep.
    ///   - body: Receives each entry.
    /// - Throws: An I/O error, or what `body` throws.
    public func forEachEntry(
      _ filter: AuditFilter = AuditFilter(),
      _ body: (HistoryEntry) throws -> Void
    ) throws {
      guard size > 0 else { return }
      try audit.book.forEachRecord(seqs: 1...size) { record in
        guard filter.admits(record) else { return }
        var entry = timelines.entry(record)
        entry.flags = audit.flags(for: entry, timelines: timelines)
        if filter.flaggedOnly && entry.flags.isEmpty { return }
        try body(entry)
      }
    }
  }

  func flags(for entry: HistoryEntry, timelines: Timelines) -> [AuditFlag] {
    let record = entry.record
    var flags: [AuditFlag] = []
    if record.recorded.date.days(since: record.effective) > Self.backDatedDays {
      flags.append(.backDated)
    }
    if case .actionStatusChanged(let change) = timelines.current(record).event,
      change.to == .complete
    {
      let backed = record.authoritySeq.flatMap { timelines.decisions[$0] }?.contains(change.action)
      if backed != true { flags.append(.completionWithoutDecision) }
    }
    if case .eventCorrected(let correction) = record.event,
      let type = timelines.originalTypes[correction.seq],
      case .actionStatusChanged(let change)? = try? PlanEvent(
        type: type,
        payload: Payload(correction.data)
      ),
      change.to == .complete,
      record.authoritySeq.flatMap({ timelines.decisions[$0] })?.contains(change.action) != true
    {
      // A correction that makes an action complete needs the same backing.
      flags.append(.completionWithoutDecision)
    }
    if !actorHeldRole(record, timelines: timelines) { flags.append(.actorWithoutRole) }
    if entry.retractedBy != nil { flags.append(.retracted) }
    if !entry.correctedBy.isEmpty { flags.append(.corrected) }
    switch record.event {
    case .eventRetracted: flags.append(.retraction)
    case .eventCorrected: flags.append(.correction)
    default: break
    }
    return flags
  }

  private func actorHeldRole(_ record: PlanRecord, timelines: Timelines) -> Bool {
    let stamp = Stamp(effective: record.effective, seq: record.seq)
    let held = timelines.roles(of: record.actor, before: stamp)
    if held.contains(where: { Self.recordingRoles.contains($0.key) }) { return true }
    switch record.event {
    case .actionStatusChanged, .actionDueRevised, .actionLeadReassigned, .actionAmended,
      .actionWithdrawn:
      guard let action = record.event.action, let priority = timelines.priorities[action] else {
        return false
      }
      if timelines.value(timelines.leads[action], before: stamp)?.contains(record.actor) == true {
        return true
      }
      return held.contains(Role(Role.sro, scope: "priority \(priority.rawValue)"))
    case .boardMeetingHeld, .boardDecisionRecorded:
      return held.contains { $0.key == Role.boardChair }
    case .monitoringVisitRecorded, .monitoringFindingRecorded, .inspectionRecorded:
      return held.contains { $0.key == "inspector" }
    default:
      return !held.isEmpty
    }
  }
}

/// Why an audit entry deserves a second look.
public enum AuditFlag: String, Hashable, Sendable, CaseIterable {
  /// Effective more than 30 days before it was recorded.
  case backDated = "back_dated"
  /// An action marked complete without a board decision that concerns it as authority.
  case completionWithoutDecision = "completion_without_decision"
  /// Recorded by someone who held no role that covers it on its effective date.
  case actorWithoutRole = "actor_without_role"
  /// Retracted later.
  case retracted
  /// A retraction.
  case retraction
  /// Corrected later.
  case corrected
  /// A correction.
  case correction
}
