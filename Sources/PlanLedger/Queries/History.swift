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
  /// That is the corrections and retractions (with the originals they supersede) and the
  /// stamps of the records about the subject, sorted into valid-time order by an
  /// `ExternalSort` that spills to the ledger's scratch directory when they outgrow its
  /// budget. Each ``Passes/forEachEntry(_:)`` then reads the records again in that order, a
  /// stretch at a time, folding the values they change (`ValueFold`) to give each entry
  /// its "before". So a history of any length (a programme officer who recorded ten
  /// million events) holds the plan's values and a few megabytes, not its records.
  ///
  /// A record the subject did not make or concern still moves the values its entries
  /// change from: for a person, the records of every stream they recorded in are folded
  /// (another officer's status change between two of theirs is the second one's
  /// "before"), without entries of their own.
  ///
  /// - Parameter subject: What to show.
  /// - Returns: The passes, bound to the ledger's size now.
  /// - Throws: An I/O error, or `LedgerStoreError.scratchUnavailable`.
  public func passes(of subject: HistorySubject) throws -> Passes {
    let size = book.ledger.size
    var context = ChangeContext()
    var order = book.ledger.externalSort()
    guard size > 0 else { return Passes(book: book, context: context, order: try order.sorted()) }
    let seqs = 1...size
    // First pass: the corrections and retractions (few), which actions the subject covers
    // (its priority's, or those a person led), from the few `action.added` and
    // `action.lead_reassigned` lines, and the streams a person recorded in.
    var actionsOfPriority: Set<ActionID> = []
    var leadActions: Set<ActionID> = []
    var recordedIn: Set<String> = []
    let decoder = RecordDecoder()
    try book.ledger.forEachLine(seqs: seqs) { line in
      if case .person = subject, let fields = try? EventLineFields(line.bytes),
        Self.actorMatches(fields, subject)
      {
        recordedIn.insert(fields.stream)
      }
      guard let type = FastScanner.typeFromTail(line.bytes),
        type.elementsEqual("action.added".utf8)
          || type.elementsEqual("action.lead_reassigned".utf8)
          || ChangeContext.isNoted(type: type, decisionsAndActions: false),
        let record = try? decoder.record(line)
      else { return true }
      switch (record.event, subject) {
      case (.eventCorrected, _), (.eventRetracted, _):
        context.note(record)
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
    let superseded = context.supersededSeqs
    try book.forEachRecord(at: superseded) { context.noteOriginal($0) }
    // Second pass: the stamps of the records about the subject (decoding only lines whose
    // stream, type or actor can match) into the sort, each marked as chosen or as folded
    // only.
    var chosenSuperseded: Set<Int> = []
    let streams = Self.streams(of: subject, actions: actionsOfPriority.union(leadActions))
    try book.ledger.forEachLine(seqs: seqs) { line in
      let type = FastScanner.typeFromTail(line.bytes)
      let mayMatch =
        subject == .all || type.map { Self.typeMayConcern($0) } ?? true
        || (try? EventLineFields(line.bytes)).map { fields in
          streams.contains { fields.stringValue(at: fields.streamRange, equalsText: $0) }
            || Self.actorMatches(fields, subject)
            || (!recordedIn.isEmpty && recordedIn.contains(fields.stream))
        } ?? true
      guard mayMatch, let record = try? decoder.record(line) else { return true }
      let isChosen: Bool
      switch record.event {
      case .eventCorrected(let correction):
        isChosen = chosenSuperseded.contains(correction.seq) || matchesActor(record, subject)
      case .eventRetracted(let retraction):
        isChosen = chosenSuperseded.contains(retraction.seq) || matchesActor(record, subject)
      default:
        isChosen =
          matches(record, subject, actionsOfPriority: actionsOfPriority, leadActions: leadActions)
          || matchesActor(record, subject)
      }
      if isChosen && superseded.contains(record.seq) { chosenSuperseded.insert(record.seq) }
      let isFolded = recordedIn.contains(record.stream) && ValueFold.changesValues(record)
      if isChosen || isFolded {
        try order.add(
          Stamp(effective: record.effective, seq: record.seq).packed,
          payload: isChosen ? Passes.chosen : Passes.foldedOnly
        )
      }
      return true
    }
    return Passes(book: book, context: context, order: try order.sorted())
  }

  /// A subject's history, read: each ``forEachEntry(_:)`` is one more pass that reads the
  /// subject's records again in valid-time order, a stretch at a time, and yields their
  /// entries.
  public struct Passes: Sendable {
    let book: PlanBook
    let context: ChangeContext
    /// The stamps of the records to read (``Stamp/packed``), in valid-time order, each
    /// with one byte: whether it is the subject's (``chosen``) or only folded.
    let order: ExternalSort.Sorted

    static let chosen: [UInt8] = [1]
    static let foldedOnly: [UInt8] = [0]

    /// How many records are read again at a time: enough that the reads of a stretch go
    /// mostly line after line, few enough that a stretch's records take little memory.
    static let stretch = 1024

    /// Calls `body` with each entry of the history, in valid-time order.
    ///
    /// - Parameter body: Receives each entry.
    /// - Throws: An I/O error, or what `body` throws.
    public func forEachEntry(_ body: (HistoryEntry) throws -> Void) throws {
      var fold = ValueFold()
      try ValueFold.walk(order, keys: .stamps, book: book, stretch: Self.stretch) {
        record,
        payload in
        if payload.first == 1 {
          try body(context.entry(record, before: fold.before(record, context: context)))
        }
        fold.take(record, context: context)
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
