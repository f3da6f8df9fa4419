import LedgerStore

/// The values histories and audits show a "before" of, folded in valid-time order: each
/// action's status, leads, milestone dates and text, each role held, each measure value.
///
/// Walked over records in valid-time order (corrected, retractions left out), it holds at
/// each step the values just before the next record: ``before(_:context:)`` is that record's
/// "before", then ``apply(_:)`` takes its change. It holds one value per key, so its size is
/// the plan's, whatever the length of the log; the walk's order comes from an
/// ``ExternalSort`` of the records' stamps.
struct ValueFold: Sendable {
  struct DueKey: Hashable, Sendable {
    let action: ActionID
    let milestone: Int
  }

  struct TextKey: Hashable, Sendable {
    let action: ActionID
    let field: String
  }

  struct ValueKey: Hashable, Sendable {
    let measure: MeasureID
    let period: DueDate
  }

  private var statuses: [ActionID: Status] = [:]
  private var leads: [ActionID: [PersonID]] = [:]
  private var dues: [DueKey: DueDate?] = [:]
  private var texts: [TextKey: JSONValue] = [:]
  private var roles: [RoleKey: Bool] = [:]
  private var values: [ValueKey: DecimalNumber] = [:]

  /// Takes a record's change as it stands after its corrections; a retracted record
  /// changes nothing.
  mutating func take(_ record: PlanRecord, context: ChangeContext) {
    guard !context.isRetracted(record.seq) else { return }
    apply(context.current(record))
  }

  /// Takes a change (the record as corrected, and not retracted).
  private mutating func apply(_ record: PlanRecord) {
    switch record.event {
    case .actionAdded(let added):
      statuses[added.action] = .notRated
      leads[added.action] = added.leads
      for (index, milestone) in added.milestones.enumerated() {
        dues[DueKey(action: added.action, milestone: index + 1)] = milestone.due
      }
      for (field, value) in [
        ("text", JSONValue.string(added.text)), ("issue", .string(added.issue)),
        ("references", .string(added.references)),
        ("partners", .array(added.partners.map { .string($0) })),
      ] {
        texts[TextKey(action: added.action, field: field)] = value
      }
    case .actionStatusChanged(let change):
      statuses[change.action] = change.to
    case .actionDueRevised(let revision):
      dues[DueKey(action: revision.action, milestone: revision.milestone)] = revision.to
    case .actionLeadReassigned(let change):
      leads[change.action] = change.to
    case .actionAmended(let amendment):
      for (key, value) in ChangeContext.amendedFields(amendment) {
        texts[TextKey(action: amendment.action, field: key)] = value
      }
    case .roleAssigned(let assignment):
      roles[RoleKey(person: assignment.person, role: assignment.role)] = true
    case .roleEnded(let ending):
      roles[RoleKey(person: ending.person, role: ending.role)] = false
    case .measureRecorded(let value):
      values[ValueKey(measure: value.measure, period: value.period)] = value.value
    default:
      break
    }
  }

  /// Whether a record changes a value the fold holds.
  static func changesValues(_ record: PlanRecord) -> Bool {
    switch record.event {
    case .actionAdded, .actionStatusChanged, .actionDueRevised, .actionLeadReassigned,
      .actionAmended, .roleAssigned, .roleEnded, .measureRecorded:
      return true
    default:
      return false
    }
  }

  /// What a record (as corrected) changes from, as its entry shows it: the value just
  /// before it, or `null` when it has none (an addition, a decision, a finding).
  func before(_ record: PlanRecord, context: ChangeContext) -> JSONValue {
    switch context.current(record).event {
    case .actionStatusChanged(let change):
      return .string((statuses[change.action] ?? .notRated).rawValue)
    case .actionProgressNoted(let note):
      // A note leaves the rating as it was: the entry shows the rating it reports under.
      return .string((statuses[note.action] ?? .notRated).rawValue)
    case .actionDueRevised(let revision):
      let due = dues[DueKey(action: revision.action, milestone: revision.milestone)] ?? nil
      return due.map { .string($0.description) } ?? .null
    case .actionLeadReassigned(let change):
      return .array((leads[change.action] ?? []).map { .string($0.rawValue) })
    case .actionAmended(let amendment):
      var before: [String: JSONValue] = [:]
      for key in ChangeContext.amendedFields(amendment).keys {
        before[key] = texts[TextKey(action: amendment.action, field: key)] ?? .null
      }
      return .object(JSONObject(before))
    case .actionWithdrawn:
      return .string("active")
    case .roleAssigned(let assignment):
      return .bool(roles[RoleKey(person: assignment.person, role: assignment.role)] ?? false)
    case .roleEnded(let ending):
      return .bool(roles[RoleKey(person: ending.person, role: ending.role)] ?? false)
    case .measureRecorded(let recorded):
      let key = ValueKey(measure: recorded.measure, period: recorded.period)
      return values[key].map { .string($0.text) } ?? .null
    case .eventCorrected(let correction):
      return context.originals[correction.seq].map { .object($0) } ?? .null
    case .eventRetracted(let retraction):
      return context.originals[retraction.seq].map { .object($0) } ?? .null
    case .actionAdded, .boardDecisionRecorded, .monitoringFindingRecorded, .planCreated,
      .workstreamDefined, .priorityDefined, .recommendationRecorded, .personRegistered,
      .boardMeetingHeld, .monitoringVisitRecorded, .inspectionRecorded, .measureDefined,
      .measureTargetSet, .factRecorded, .policyRuleSet:
      return .null
    }
  }

  /// What the keys of a sort a walk reads are.
  enum SortKeys {
    /// Packed stamps (``Stamp/packed``): the sort is in valid-time order.
    case stamps
    /// Seqs: the sort is in seq order.
    case seqs
  }

  /// Calls `body` with the record of each sorted entry, in the sort's order, with the
  /// entry's payload: the records are read a stretch of entries at a time, through the
  /// ledger's index, so the reads go mostly line after line when the order is near the
  /// log's, and a stretch's records are all that is held.
  ///
  /// - Parameters:
  ///   - order: Sorted entries whose keys name seqs.
  ///   - keys: What the keys are.
  ///   - book: The plan book to read.
  ///   - stretch: How many entries are read at a time.
  ///   - body: Receives each record, as written, and its entry's payload.
  /// - Throws: An I/O error, `RecordError`, or what `body` throws.
  static func walk(
    _ order: ExternalSort.Sorted,
    keys: SortKeys,
    book: PlanBook,
    stretch: Int = 1024,
    _ body: (PlanRecord, [UInt8]) throws -> Void
  ) throws {
    var part: [(seq: Int, payload: [UInt8])] = []
    part.reserveCapacity(stretch)
    func flush() throws {
      var records: [Int: PlanRecord] = [:]
      try book.forEachRecord(at: part.map(\.seq)) { records[$0.seq] = $0 }
      for (seq, payload) in part {
        guard let record = records[seq] else {
          throw LedgerStoreError.seqOutOfRange(seq: seq, size: book.ledger.size)
        }
        try body(record, payload)
      }
      part.removeAll(keepingCapacity: true)
    }
    try order.forEachEntry { key, payload in
      part.append((keys == .stamps ? Stamp.seq(packed: key) : Int(key), Array(payload)))
      if part.count == stretch { try flush() }
    }
    try flush()
  }

  /// The roles a person holds now.
  func roles(of person: PersonID) -> [Role] {
    roles.compactMap { key, held in key.person == person && held ? key.role : nil }
  }

  /// The leads of an action now, if it has been added.
  func leads(of action: ActionID) -> [PersonID]? {
    leads[action]
  }
}
