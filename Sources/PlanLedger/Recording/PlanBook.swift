public import LedgerStore

/// A ledger read and written as a plan: the domain's door to the engine.
///
/// Every write goes through here: each submission is checked against the plan as it stood
/// on its effective date and against the policy in force, under the ledger's writer lock
/// (no other process appends between the check and the write), and the whole batch is
/// appended in one atomic append with the ledger size it was checked against as its
/// expectation; if another thread appended meanwhile, the batch is checked again.
public final class PlanBook: Sendable {
  /// The ledger.
  public let ledger: Ledger
  /// The clock, for today's date and `recorded`.
  public let clock: any LedgerClock
  /// The snapshots that may answer views, if any.
  public let snapshots: SnapshotStore?

  /// Opens a plan over a ledger.
  ///
  /// - Parameters:
  ///   - ledger: The open ledger.
  ///   - clock: The clock for "today".
  ///   - snapshots: Snapshots that may answer views.
  public init(ledger: Ledger, clock: any LedgerClock, snapshots: SnapshotStore? = nil) {
    self.ledger = ledger
    self.clock = clock
    self.snapshots = snapshots
  }

  /// Today's date, from the clock.
  public var today: CalendarDate { clock.now().date }

  // MARK: Reading

  /// The plan in a slice, by replay.
  ///
  /// - Parameter slice: Which records count.
  /// - Returns: The view.
  /// - Throws: An I/O error or ``RecordError``.
  public func view(_ slice: TimeSlice) throws -> PlanView {
    try explainedView(slice).view
  }

  /// The plan in a slice, with how it was answered (snapshot or replay).
  ///
  /// - Parameter slice: Which records count.
  /// - Returns: The view and the snapshot use.
  /// - Throws: An I/O error or ``RecordError``.
  public func explainedView(_ slice: TimeSlice) throws -> (view: PlanView, use: SnapshotUse) {
    let (state, use) = try state(slice)
    let head = try slice.knownAt.map(knownHead(at:)) ?? ledger.head
    return (PlanView(state: state, slice: slice, date: viewDate(slice), head: head), use)
  }

  /// The tree head of everything recorded by an instant: what a reader then could have seen.
  ///
  /// `recorded` never goes backwards along the log, so this is a prefix, found by binary
  /// search over the lines (a few index-backed reads, not a scan).
  ///
  /// - Parameter instant: The known-at instant.
  /// - Returns: The head of the longest prefix recorded by then (size 0 when none was).
  /// - Throws: An I/O error, or ``RecordError`` when a line's `recorded` does not parse.
  public func knownHead(at instant: LedgerTimestamp) throws -> TreeHead {
    var known = 0
    var unknown = ledger.size + 1
    while unknown - known > 1 {
      let middle = known + (unknown - known) / 2
      let line = try ledger.line(seq: middle)
      let recorded = try line.withUnsafeBytes { bytes throws(RecordError) in
        let fields: EventLineFields
        do throws(EventLineError) {
          fields = try EventLineFields(bytes)
        } catch {
          throw .line(seq: middle, error)
        }
        guard let recorded = fields.recorded else {
          throw .line(seq: middle, .wrongType(member: "recorded", expected: "a timestamp"))
        }
        return recorded
      }
      if recorded <= instant { known = middle } else { unknown = middle }
    }
    return known == ledger.size ? ledger.head : try ledger.head(size: known)
  }

  /// The date a slice's view computes its flags on: the as-of date, else the known-at
  /// date, else today.
  public func viewDate(_ slice: TimeSlice) -> CalendarDate {
    slice.asOf ?? slice.knownAt?.date ?? today
  }

  /// Decodes the record at a seq.
  ///
  /// - Parameter seq: The seq.
  /// - Returns: The record.
  /// - Throws: `LedgerStoreError.seqOutOfRange` or ``RecordError``.
  public func record(seq: Int) throws -> PlanRecord {
    var result: PlanRecord?
    let decoder = RecordDecoder()
    try ledger.forEachLine(seqs: seq...seq) { line in
      result = try decoder.record(line)
      return false
    }
    guard let result else { throw LedgerStoreError.seqOutOfRange(seq: seq, size: ledger.size) }
    return result
  }

  /// Calls `body` with every record (or those of a seq range), in seq order.
  ///
  /// Lines that are not plan events are skipped. Several passes over the same range read the same
  /// records, whatever another writer appends meanwhile.
  ///
  /// - Parameters:
  ///   - seqs: The range, within the ledger's size; `nil` for every record.
  ///   - body: Receives each record.
  /// - Throws: An I/O error, or what `body` throws.
  public func forEachRecord(
    seqs: ClosedRange<Int>? = nil,
    _ body: (PlanRecord) throws -> Void
  ) throws {
    let decoder = RecordDecoder()
    try ledger.forEachLine(seqs: seqs) { line in
      if let record = try? decoder.record(line) { try body(record) }
      return true
    }
  }

  /// Calls `body` with the records at some seqs, in seq order, as written (no correction
  /// applied).
  ///
  /// Reads from the first wanted seq (found through the ledger's index) and goes on line by
  /// line while the next wanted seq is near; a far one is found through the index again.
  /// So a few seqs cost a few reads, and many cost at most one pass.
  ///
  /// - Parameters:
  ///   - seqs: The seqs, in any order, each within the ledger's size.
  ///   - body: Receives each record.
  /// - Throws: `LedgerStoreError.seqOutOfRange` for a seq beyond the ledger, `RecordError`
  ///   for a line that is not a plan event, an I/O error, or what `body` throws.
  public func forEachRecord(
    at seqs: some Sequence<Int>,
    _ body: (PlanRecord) throws -> Void
  )
    throws
  {
    let wanted = Set(seqs).sorted()
    guard let first = wanted.first, let last = wanted.last else { return }
    guard first >= 1 else { throw LedgerStoreError.seqOutOfRange(seq: first, size: ledger.size) }
    let decoder = RecordDecoder()
    var next = 0
    while next < wanted.count {
      let from = next
      try ledger.forEachLine(seqs: wanted[next]...last) { line in
        guard line.seq == wanted[next] else { return true }
        next += 1
        try body(try decoder.record(line))
        return next < wanted.count && wanted[next] - line.seq <= Self.nearby
      }
      // The ledger passes every line of the range asked for: no progress means it is short.
      guard next > from else {
        throw LedgerStoreError.seqOutOfRange(seq: wanted[next], size: ledger.size)
      }
    }
  }

  /// How many lines ahead a wanted seq may lie and still be read to rather than sought
  /// through the index (a seek reads a whole block, about this many lines).
  static let nearby = 2048

  // MARK: Writing

  /// Checks and records a batch of submissions atomically.
  ///
  /// - Parameters:
  ///   - submissions: The events to record, in order.
  ///   - expectedSize: The ledger size the caller expects, if any; without one, a batch
  ///     that lost a race with another writer is checked again and retried.
  /// - Returns: The engine's receipt.
  /// - Throws: ``Refusal`` (exit 3) naming the first submission that is refused, with
  ///   nothing written; or an engine error.
  public func record(
    _ submissions: [Submission],
    expectedSize: Int? = nil
  ) throws -> AppendReceipt {
    try record(batch: submissions, expectedSize: expectedSize)
  }

  /// Checks and records a batch of submissions atomically, reading each again from the
  /// batch when it is needed rather than holding them all.
  ///
  /// The batch is checked in one pass, keeping a few bytes a submission (its date, and
  /// its position by date); then each is read again and appended, in one atomic append.
  ///
  /// - Parameters:
  ///   - batch: The events to record, in order.
  ///   - expectedSize: The ledger size the caller expects, if any; without one, a batch
  ///     that lost a race with another writer is checked again and retried.
  /// - Returns: The engine's receipt.
  /// - Throws: ``Refusal`` (exit 3) naming the first submission that is refused, with
  ///   nothing written; what the batch throws reading a submission; or an engine error.
  public func record(
    batch: some SubmissionBatch,
    expectedSize: Int? = nil
  ) throws -> AppendReceipt {
    // Checked and appended under the writer lock: no other process appends in between.
    // Another thread of this process still may, which the size expectation catches.
    try ledger.exclusively {
      var attempt = 0
      while true {
        attempt += 1
        try ledger.refresh()
        let size = ledger.size
        if let expectedSize, expectedSize != size {
          throw LedgerStoreError.sizeExpectationFailed(expected: expectedSize, actual: size)
        }
        let checked = try checkBatch(batch, ledgerSize: size)
        var ordinal = 0
        do {
          return try ledger.append(expecting: AppendExpectation(size: size)) {
            guard ordinal < batch.count else { return nil }
            defer { ordinal += 1 }
            return try checked.draft(at: ordinal, of: batch)
          }
        } catch LedgerStoreError.sizeExpectationFailed where expectedSize == nil && attempt < 5 {
          continue
        }
      }
    }
  }

  /// Checks submissions against the ledger of `ledgerSize` events and turns them into
  /// drafts, without writing.
  ///
  /// - Parameters:
  ///   - submissions: The events to check.
  ///   - ledgerSize: The ledger's size.
  /// - Returns: The drafts to append.
  /// - Throws: ``Refusal`` for the first submission refused.
  public func check(_ submissions: [Submission], ledgerSize: Int) throws -> [EventDraft] {
    let checked = try checkBatch(submissions, ledgerSize: ledgerSize)
    return try submissions.indices.map { try checked.draft(at: $0, of: submissions) }
  }

  /// What a checked batch keeps to turn each submission into its draft again: the date it
  /// takes effect, whether it is already recorded, and the few streams that are not the
  /// submission's own (a correction's or retraction's is its target's).
  struct CheckedBatch {
    /// For each submission, its effective day number, or ``alreadyRecorded``.
    var days: [Int32] = []
    /// The streams that differ from the submission's own, by position.
    var streams: [Int: String] = [:]
    /// The book's today.
    let today: CalendarDate
    /// The book.
    let book: PlanBook

    /// Marks a submission whose id is already in the ledger or earlier in the batch.
    static let alreadyRecorded = Int32.min

    /// The draft of the submission at a position.
    func draft(at ordinal: Int, of batch: some SubmissionBatch) throws -> EventDraft {
      let submission = try batch.submission(at: ordinal)
      let day = days[ordinal]
      guard day != Self.alreadyRecorded else {
        // The engine returns the original seq and writes nothing.
        return book.draft(for: submission, stream: "", date: today)
      }
      return book.draft(
        for: submission,
        stream: streams[ordinal] ?? "",
        date: CalendarDate(dayNumber: Int(day))
      )
    }
  }

  /// Checks a batch against the ledger of `ledgerSize` events, in one pass.
  func checkBatch(_ batch: some SubmissionBatch, ledgerSize: Int) throws -> CheckedBatch {
    let replay = Replay(ledger: ledger)
    let today = self.today
    let now = clock.now()
    var supersessions = try replay.supersessions(in: TimeSlice())
    var checked = CheckedBatch(today: today, book: self)
    checked.days.reserveCapacity(batch.count)
    // The batch's records are read again from the batch when needed: a position among
    // them gives the submission's position, its date and its stream.
    var ordinals: [Int32] = []
    func pendingRecord(_ position: Int) throws -> PlanRecord {
      let ordinal = Int(ordinals[position])
      let submission = try batch.submission(at: ordinal)
      return record(
        of: submission,
        seq: ledgerSize + position + 1,
        recorded: now,
        effective: CalendarDate(dayNumber: Int(checked.days[ordinal])),
        stream: Self.draftStream(checked.streams[ordinal] ?? "", of: submission)
      )
    }
    var states = BatchStates(replay: replay, ledgerSize: ledgerSize, pendingRecord: pendingRecord)
    // The ids of the batch's records, by hash, to their positions in the batch.
    var batchIDs: [Int: Int32] = [:]
    // Further positions whose ids share a hash with an earlier one (almost never any).
    var sharedHashIDs: [Int: [Int32]] = [:]
    let decoder = RecordDecoder()

    func lookup(_ seq: Int) throws -> PlanRecord? {
      if seq >= 1 && seq <= ledgerSize {
        var found: PlanRecord?
        try ledger.forEachLine(seqs: seq...seq) { line in
          found = try? decoder.record(line)
          return false
        }
        return found
      }
      let position = seq - ledgerSize - 1
      return position >= 0 && position < states.pendingCount ? try pendingRecord(position) : nil
    }

    // Ids already in the log: the first few looked up alone, the rest from a table of the
    // index's ids read once (the check runs under the writer lock).
    var idLookups = 0
    var clientIDs: Ledger.ClientIDs?
    func recordedSeq(forID id: String) throws -> Int? {
      idLookups += 1
      if clientIDs == nil, idLookups > 8 { clientIDs = try ledger.clientIDs() }
      if let clientIDs { return try clientIDs.seq(forID: id) }
      return try ledger.seq(forID: id)
    }

    func inBatch(_ id: String) throws -> Bool {
      let hash = id.hashValue
      guard let first = batchIDs[hash] else { return false }
      return try batch.submission(at: Int(first)).id == id
        || sharedHashIDs[hash, default: []].contains { try batch.submission(at: Int($0)).id == id }
    }

    /// The plan as of a date: the ledger, then this batch so far, with every correction
    /// and retraction known so far — the batch's own included.
    func stateAsOf(_ date: CalendarDate) throws -> PlanState {
      try states.state(asOf: date, supersessions: supersessions)
    }

    // The dates given are known before the check; the rest (natural dates, today) are
    // found as it goes.
    var given: [CalendarDate] = [today]
    for ordinal in 0..<min(batch.count, BatchStates.capacity) {
      if let date = try batch.submission(at: ordinal).effective { given.append(date) }
    }
    var latest = try states.start(dates: given, supersessions: supersessions)
    for ordinal in 0..<batch.count {
      let submission = try batch.submission(at: ordinal)
      if let id = submission.id, try inBatch(id) || recordedSeq(forID: id) != nil {
        checked.days.append(CheckedBatch.alreadyRecorded)
        continue
      }
      let date = submission.effective ?? Self.naturalDate(of: submission.event, in: latest) ?? today
      let stream: String
      do {
        // The validator shares the states' storage: it is gone before they change, so
        // that applying the record does not copy them.
        let validator = Validator(
          state: try stateAsOf(date),
          latest: latest,
          date: date,
          today: today,
          record: lookup,
          size: ledgerSize + states.pendingCount,
          stateAsOf: stateAsOf
        )
        do {
          try validator.check(submission)
        } catch let refusal as Refusal {
          throw SubmissionRefusal(ordinal: ordinal, count: batch.count, refusal: refusal)
        }
        stream = try validator.expectedStream(submission) ?? ""
      }
      let draftStream = Self.draftStream(stream, of: submission)
      if draftStream != Self.ownStream(of: submission) { checked.streams[ordinal] = stream }
      checked.days.append(Int32(date.dayNumber))
      let record = record(
        of: submission,
        seq: ledgerSize + states.pendingCount + 1,
        recorded: now,
        effective: date,
        stream: draftStream
      )
      if let id = submission.id {
        if batchIDs[id.hashValue] == nil {
          batchIDs[id.hashValue] = Int32(ordinal)
        } else {
          sharedHashIDs[id.hashValue, default: []].append(Int32(ordinal))
        }
      }
      ordinals.append(Int32(ordinal))
      states.add(record)
      switch record.event {
      case .eventCorrected, .eventRetracted:
        // It changes what earlier records say: every state is folded again.
        supersessions.note(record)
        states.forgetStates()
        latest = try states.fold(nil, supersessions: supersessions)
      default:
        latest.apply(record)
      }
    }
    return checked
  }

  /// The record a checked submission becomes: its stream is its draft's, as the ledger
  /// will give it back.
  private func record(
    of submission: Submission,
    seq: Int,
    recorded: LedgerTimestamp,
    effective: CalendarDate,
    stream: String
  ) -> PlanRecord {
    PlanRecord(
      seq: seq,
      recorded: recorded,
      effective: effective,
      actor: submission.actor,
      stream: stream,
      id: submission.id,
      authority: authorityObject(submission),
      source: submission.source,
      event: submission.event
    )
  }

  /// The date an event takes effect when the submitter gives none: a meeting on its
  /// date, a decision at its meeting, a visit on its first day, a finding when the visit's
  /// letter was published (or the visit ended); `nil` (today) for the rest.
  static func naturalDate(of event: PlanEvent, in state: PlanState) -> CalendarDate? {
    switch event {
    case .boardMeetingHeld(let meeting): return meeting.date
    case .boardDecisionRecorded(let decision): return decision.meeting
    case .monitoringVisitRecorded(let visit): return visit.start
    case .monitoringFindingRecorded(let finding):
      guard let visit = state.visits[finding.visit]?.value else { return nil }
      return visit.letter ?? visit.end
    default: return nil
    }
  }

  private func authorityObject(_ submission: Submission) -> JSONObject? {
    if let object = submission.authorityObject { return object }
    return submission.authority.map { ["seq": .integer($0)] }
  }

  /// The stream a submission names, or its event's, or `-`: its draft's, unless the
  /// check finds another (a correction's or retraction's is its target's).
  static func ownStream(of submission: Submission) -> String {
    submission.stream ?? submission.event.stream ?? "-"
  }

  /// The stream of a submission's draft: the one the check found, or its own.
  static func draftStream(_ checked: String, of submission: Submission) -> String {
    checked.isEmpty ? ownStream(of: submission) : checked
  }

  func draft(
    for submission: Submission,
    stream: String,
    date: CalendarDate
  ) -> EventDraft {
    EventDraft(
      id: submission.id,
      type: submission.event.type.rawValue,
      stream: Self.draftStream(stream, of: submission),
      effective: date,
      actor: submission.actor.rawValue,
      authority: authorityObject(submission),
      source: submission.source,
      data: submission.event.data
    )
  }
}

/// A refusal of one submission in a batch: says which one when there are several.
public struct SubmissionRefusal: Error, Hashable, Sendable, CustomStringConvertible {
  /// The zero-based position of the refused submission.
  public let ordinal: Int
  /// How many submissions the batch had.
  public let count: Int
  /// Why it was refused.
  public let refusal: Refusal

  /// Makes a refusal of one submission of a batch.
  ///
  /// - Parameters:
  ///   - ordinal: The zero-based position.
  ///   - count: The batch's size.
  ///   - refusal: Why.
  public init(ordinal: Int, count: Int, refusal: Refusal) {
    self.ordinal = ordinal
    self.count = count
    self.refusal = refusal
  }

  /// The refusal, prefixed with its position in a batch of more than one.
  public var description: String {
    count > 1 ? "event \(ordinal + 1) of \(count): \(refusal)" : refusal.description
  }
}
