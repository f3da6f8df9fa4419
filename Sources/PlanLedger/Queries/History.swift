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
  /// - Throws: An I/O error.
  public func entries(of subject: HistorySubject) throws -> [HistoryEntry] {
    var entries: [HistoryEntry] = []
    try passes(of: subject).forEachEntry { entries.append($0) }
    return entries
  }

  /// What a subject's history needs, read without holding its records.
  ///
  /// That is the timelines of the records about it (the values before and after each
  /// change) and the stamps of those records, in valid-time order. Each ``Passes/forEachEntry(_:)`` then reads the
  /// records again, a stretch at a time, so a history of any length (a programme officer
  /// who recorded a million events) holds a few bytes per entry, not its records.
  ///
  /// - Parameter subject: What to show.
  /// - Returns: The passes, bound to the ledger's size now.
  /// - Throws: An I/O error.
  public func passes(of subject: HistorySubject) throws -> Passes {
    let size = book.ledger.size
    guard size > 0 else { return Passes(book: book, timelines: Timelines(), stamps: []) }
    let seqs = 1...size
    // First pass: the corrections and retractions (few), and which actions the subject
    // covers (its priority's, or those a person led), from the few `action.added` and
    // `action.lead_reassigned` lines.
    var actionsOfPriority: Set<ActionID> = []
    var leadActions: Set<ActionID> = []
    var supersessions: Set<Int> = []
    var timelines = Timelines()
    let decoder = RecordDecoder()
    try book.ledger.forEachLine(seqs: seqs) { line in
      guard let type = FastScanner.typeFromTail(line.bytes),
        type.elementsEqual("action.added".utf8)
          || type.elementsEqual("action.lead_reassigned".utf8)
          || type.elementsEqual("event.corrected".utf8)
          || type.elementsEqual("event.retracted".utf8),
        let record = try? decoder.record(line)
      else { return true }
      switch (record.event, subject) {
      case (.eventCorrected, _), (.eventRetracted, _):
        timelines.noteSupersession(record)
        supersessions.insert(record.seq)
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
    // Second pass: the records about the subject, and every correction and retraction,
    // into the timelines, decoding only lines whose stream or type can match; of the
    // chosen records only the stamps are kept.
    var chosen: [UInt64] = []  // packed stamps, in seq order until sorted after the pass
    let streams = Self.streams(of: subject, actions: actionsOfPriority.union(leadActions))
    try book.ledger.forEachLine(seqs: seqs) { line in
      let type = FastScanner.typeFromTail(line.bytes)
      let mayMatch =
        subject == .all || type.map { Self.typeMayConcern($0) } ?? true
        || (try? EventLineFields(line.bytes)).map { fields in
          streams.contains { fields.stringValue(at: fields.streamRange, equalsText: $0) }
            || Self.actorMatches(fields, subject)
        } ?? true
      guard mayMatch, let record = try? decoder.record(line) else { return true }
      let isChosen: Bool
      switch record.event {
      case .eventCorrected(let correction):
        isChosen = Self.contains(chosen, correction.seq) || matchesActor(record, subject)
      case .eventRetracted(let retraction):
        isChosen = Self.contains(chosen, retraction.seq) || matchesActor(record, subject)
      default:
        isChosen =
          matches(record, subject, actionsOfPriority: actionsOfPriority, leadActions: leadActions)
          || matchesActor(record, subject)
      }
      if isChosen || supersessions.contains(record.seq) { timelines.add(record) }
      if isChosen { chosen.append(Stamp(effective: record.effective, seq: record.seq).packed) }
      return true
    }
    timelines.seal()
    chosen.sort()
    return Passes(book: book, timelines: timelines, stamps: chosen)
  }

  /// Whether packed stamps in seq order hold a seq.
  private static func contains(_ stamps: [UInt64], _ seq: Int) -> Bool {
    var low = 0
    var high = stamps.count
    while low < high {
      let middle = (low + high) / 2
      if Stamp.seq(packed: stamps[middle]) < seq { low = middle + 1 } else { high = middle }
    }
    return low < stamps.count && Stamp.seq(packed: stamps[low]) == seq
  }

  /// A subject's history, read: each ``forEachEntry(_:)`` is one more pass that reads the
  /// subject's records again, a stretch at a time, and yields their entries.
  public struct Passes: Sendable {
    let book: PlanBook
    let timelines: Timelines
    /// The stamps of the subject's records, in valid-time order, packed (``Stamp/packed``).
    let stamps: [UInt64]

    /// How many records are read again at a time: enough that the reads of a stretch go
    /// mostly line after line, few enough that a stretch's records take little memory.
    static let stretch = 1024

    /// Calls `body` with each entry of the history, in valid-time order.
    ///
    /// - Parameter body: Receives each entry.
    /// - Throws: An I/O error, or what `body` throws.
    public func forEachEntry(_ body: (HistoryEntry) throws -> Void) throws {
      var start = 0
      while start < stamps.count {
        let part = stamps[start..<min(start + Self.stretch, stamps.count)]
        var records: [Int: PlanRecord] = [:]
        try book.forEachRecord(at: part.map(Stamp.seq(packed:))) { records[$0.seq] = $0 }
        for stamp in part {
          let seq = Stamp.seq(packed: stamp)
          guard let record = records[seq] else {
            throw LedgerStoreError.seqOutOfRange(seq: seq, size: book.ledger.size)
          }
          try body(timelines.entry(record))
        }
        start += part.count
      }
    }
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
}
