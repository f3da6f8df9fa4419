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
/// Streams: see ``passes()``. Memory is the plan's values and the sorts' budgets, whatever
/// the length of the log or of the output.
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

  /// What the entries need, read once, for going over the entries more than once without
  /// holding them (a table's column widths, then its lines).
  ///
  /// Four passes, none holding the log: the corrections, retractions, decisions and
  /// additions (few); the stamps of every record, sorted into valid-time order by an
  /// `ExternalSort`; the records in that order, folding the values they change
  /// (`ValueFold`) to give each its "before" and whether its actor held a role that
  /// covers it, which a second sort puts back into seq order; and, at each
  /// ``Passes/forEachEntry(_:_:)``, the log in seq order beside that sort. Both sorts spill
  /// to the ledger's scratch directory when they outgrow their budget, so an audit of any
  /// length holds the plan's values and a few megabytes.
  ///
  /// - Returns: The passes.
  /// - Throws: An I/O error, or `LedgerStoreError.scratchUnavailable`.
  public func passes() throws -> Passes {
    var context = ChangeContext()
    let size = book.ledger.size
    var byStamp = book.ledger.externalSort()
    var bySeq = book.ledger.externalSort()
    guard size > 0 else {
      return Passes(audit: self, context: context, found: try bySeq.sorted(), size: 0)
    }
    let decoder = RecordDecoder()
    try book.ledger.forEachLine(seqs: 1...size) { line in
      let fields = try EventLineFields(line.bytes)
      guard let effective = fields.effective else {
        throw RecordError.line(seq: line.seq, .missingMember("effective"))
      }
      try byStamp.add(Stamp(effective: effective, seq: line.seq).packed)
      if let type = FastScanner.typeFromTail(line.bytes),
        !ChangeContext.isNoted(type: type, decisionsAndActions: true)
      {
        return true
      }
      context.note(try decoder.record(line))
      return true
    }
    context.seal()
    try book.forEachRecord(at: context.supersededSeqs) { context.noteOriginal($0) }
    var fold = ValueFold()
    var found: [UInt8] = []
    try ValueFold.walk(try byStamp.sorted(), keys: .stamps, book: book) { record, _ in
      found.removeAll(keepingCapacity: true)
      found.append(actorHeldRole(record, fold: fold, context: context) ? 1 : 0)
      fold.before(record, context: context).writeCanonical(into: &found)
      try bySeq.add(UInt64(record.seq), payload: found)
      fold.take(record, context: context)
    }
    return Passes(audit: self, context: context, found: try bySeq.sorted(), size: size)
  }

  /// An audit's passes, read: each ``forEachEntry(_:_:)`` is one more pass over the log
  /// that yields the entries, all of them up to the size they were read at.
  public struct Passes: Sendable {
    let audit: Audit
    let context: ChangeContext
    /// For each seq, in seq order: one byte, whether its actor held a covering role, then
    /// the canonical JSON of the value before it.
    let found: ExternalSort.Sorted
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
      try ValueFold.walk(found, keys: .seqs, book: audit.book) { record, found in
        guard filter.admits(record) else { return }
        let before = try found.dropFirst().withUnsafeBytes { try JSONValue(parsing: $0) }
        var entry = context.entry(record, before: before)
        entry.flags = audit.flags(for: entry, heldRole: found.first == 1, context: context)
        if filter.flaggedOnly && entry.flags.isEmpty { return }
        try body(entry)
      }
    }
  }

  func flags(for entry: HistoryEntry, heldRole: Bool, context: ChangeContext) -> [AuditFlag] {
    let record = entry.record
    var flags: [AuditFlag] = []
    if record.recorded.date.days(since: record.effective) > Self.backDatedDays {
      flags.append(.backDated)
    }
    if case .actionStatusChanged(let change) = context.current(record).event,
      change.to == .complete
    {
      let backed = record.authoritySeq.flatMap { context.decisions[$0] }?.contains(change.action)
      if backed != true { flags.append(.completionWithoutDecision) }
    }
    if case .eventCorrected(let correction) = record.event,
      let type = context.originalTypes[correction.seq],
      case .actionStatusChanged(let change)? = try? PlanEvent(
        type: type,
        payload: Payload(correction.data)
      ),
      change.to == .complete,
      record.authoritySeq.flatMap({ context.decisions[$0] })?.contains(change.action) != true
    {
      // A correction that makes an action complete needs the same backing.
      flags.append(.completionWithoutDecision)
    }
    if !heldRole { flags.append(.actorWithoutRole) }
    if entry.retractedBy != nil { flags.append(.retracted) }
    if !entry.correctedBy.isEmpty { flags.append(.corrected) }
    switch record.event {
    case .eventRetracted: flags.append(.retraction)
    case .eventCorrected: flags.append(.correction)
    default: break
    }
    return flags
  }

  /// Whether a record's actor held, just before it in valid time (`fold`'s values), a role
  /// that covers it.
  private func actorHeldRole(
    _ record: PlanRecord,
    fold: ValueFold,
    context: ChangeContext
  )
    -> Bool
  {
    let held = fold.roles(of: record.actor)
    if held.contains(where: { Self.recordingRoles.contains($0.key) }) { return true }
    switch record.event {
    case .actionStatusChanged, .actionDueRevised, .actionLeadReassigned, .actionAmended,
      .actionWithdrawn, .actionProgressNoted:
      guard let action = record.event.action, let priority = context.priorities[action] else {
        return false
      }
      if fold.leads(of: action)?.contains(record.actor) == true { return true }
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
