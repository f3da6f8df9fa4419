public import LedgerStore
public import PlanLedger

/// The ledger's plan records as a report reads them: the plan on any dates, the records of a
/// period as a pass goes by, and the records a report cites, all bound to the one tree head
/// read at the start.
///
/// A chronicle never holds the log. It keeps the tree head and the corrections and
/// retractions (read once, when it is made) and reads the rest in streaming passes when
/// asked: the plan on several dates in one lean pass (``views(asOf:)``, see
/// `Replay.states(asOf:supersessions:seqs:whole:visiting:)`), and records by seq
/// (``record(seq:)``, ``records(seqs:)``). It offers no list of a period's records: a long
/// period's would hold them all.
///
/// ``Narrative`` and ``BoardReport`` read the plan at the ends of their period and visit
/// the records of the period in the same pass, decoded whole, keeping by action what they
/// tell of those records (first Overdue ratings, the decisions named as authority), and
/// putting each due-date revision and change of lead, which they count
/// in valid-time order, in an `ExternalSort` that spills to the ledger's scratch directory
/// (`LedgerConfiguration.scratchDirectory`) beyond its run budget. Their memory is then
/// proportional to the plan and to what they print, plus the sorts' budget, not to the
/// length of the log or of the period; with no scratch directory, the sorts hold a few
/// dozen bytes per revision or change of lead in memory.
///
/// Every read is of the seqs of ``head``, so the head a report prints is exactly what it
/// read, even if someone appends meanwhile. Corrections are applied and retracted records
/// left out, as `planledger state` does.
public struct PlanChronicle: Sendable {
  /// The tree head read at the start: every read stops at its size.
  public let head: TreeHead
  /// The corrections and retractions in the ledger, up to ``head``.
  public let supersessions: Supersessions
  /// The plan book read.
  public let book: PlanBook

  /// The time the chronicle is as known at, if any: it then reads only what had been
  /// recorded by then (see ``init(book:knownAt:)``).
  public let knownAt: LedgerTimestamp?

  /// Reads the tree head and the corrections and retractions of the ledger behind a plan
  /// book: one pass that decodes only `event.*` lines.
  ///
  /// With `knownAt`, the chronicle is the ledger as it stood at that time: the events
  /// recorded by then, which are a prefix of the log (`recorded` never goes backwards), so
  /// ``head`` is the tree head of that prefix, which `planledger head --size N` gives again,
  /// and every read stops at it. Corrections and retractions recorded later are not known.
  ///
  /// - Parameters:
  ///   - book: The plan book.
  ///   - knownAt: The time to read the ledger as known at; `nil` for everything recorded.
  /// - Throws: An I/O error or `RecordError`.
  public init(book: PlanBook, knownAt: LedgerTimestamp? = nil) throws {
    self.book = book
    self.knownAt = knownAt
    let head =
      try knownAt.map { try book.ledger.head(size: try book.ledger.size(recordedBy: $0)) }
      ?? book.ledger.head
    self.head = head
    supersessions =
      head.size > 0
      ? try Replay(ledger: book.ledger).supersessions(in: TimeSlice(), seqs: 1...head.size)
      : Supersessions()
  }

  /// The plan as it stood on a date, in the light of everything read: one lean pass.
  ///
  /// - Parameter date: The as-of date.
  /// - Returns: The view, bound to ``head``.
  /// - Throws: An I/O error or `RecordError`.
  public func view(asOf date: CalendarDate) throws -> PlanView {
    try views(asOf: [date])[0]
  }

  /// The plan on several dates, in one lean pass over the log.
  ///
  /// - Parameter dates: The as-of dates, in any order.
  /// - Returns: One view per date, in the order given, each bound to ``head``.
  /// - Throws: An I/O error or `RecordError`.
  public func views(asOf dates: [CalendarDate]) throws -> [PlanView] {
    try read(asOf: dates)
  }

  /// The record at a seq, whole: its event (as corrected) and its envelope (`authority`,
  /// `source`) as written, read through the ledger's index.
  ///
  /// - Parameter seq: The seq.
  /// - Returns: The record, or `nil` when the seq is beyond ``head`` or retracted.
  /// - Throws: An I/O error or `RecordError`.
  public func record(seq: Int) throws -> PlanRecord? {
    try records(seqs: [seq])[seq]
  }

  /// The records at some seqs, whole, in one streaming pass over the stretches of the log
  /// that hold them.
  ///
  /// - Parameter seqs: The seqs, in any order.
  /// - Returns: The records by seq; seqs beyond ``head`` and retracted ones are left out.
  /// - Throws: An I/O error or `RecordError`.
  public func records(seqs: some Sequence<Int>) throws -> [Int: PlanRecord] {
    var records: [Int: PlanRecord] = [:]
    try forEachRecord(seqs: seqs) { records[$0.seq] = $0 }
    return records
  }

  /// Calls `body` with the record at each of some seqs, whole, in seq order, keeping none
  /// (see `PlanBook.forEachRecord(at:_:)`).
  ///
  /// - Parameters:
  ///   - seqs: The seqs, in any order; those beyond ``head`` and retracted ones are skipped.
  ///   - body: Receives each record, as corrected.
  /// - Throws: An I/O error, `RecordError`, or what `body` throws.
  func forEachRecord(seqs: some Sequence<Int>, _ body: (PlanRecord) throws -> Void) throws {
    let wanted = seqs.filter {
      $0 >= 1 && $0 <= head.size && supersessions.retracted[$0] == nil
    }
    try book.forEachRecord(at: wanted) { record in
      guard let correction = supersessions.corrected[record.seq] else { return try body(record) }
      try body(try Replay.corrected(record, data: correction.data))
    }
  }

  /// One lean pass over the log: the plan on each date, while `visit` sees every record
  /// folded (those on or before the last date), decoded whole where `whole` says so.
  ///
  /// - Parameters:
  ///   - dates: The as-of dates, in any order.
  ///   - whole: Whether to decode a record of this effective date whole.
  ///   - visit: Sees each record folded, in seq order.
  /// - Returns: One view per date, in the order given.
  /// - Throws: An I/O error, `RecordError`, or what `visit` throws.
  func read(
    asOf dates: [CalendarDate],
    whole: (CalendarDate) -> Bool = { _ in false },
    visiting visit: (PlanRecord) throws -> Void = { _ in }
  ) throws -> [PlanView] {
    let states =
      head.size > 0
      ? try Replay(ledger: book.ledger).states(
        asOf: dates,
        supersessions: supersessions,
        seqs: 1...head.size,
        whole: whole,
        visiting: visit
      )
      : dates.map { _ in PlanState() }
    return zip(dates, states).map { date, state in
      PlanView(state: state, slice: TimeSlice(asOf: date, knownAt: knownAt), date: date, head: head)
    }
  }

  /// The board meetings held by a date, and the effective date of the earliest record on or
  /// before it: one pass that locates each line's members but decodes only meetings.
  ///
  /// The meetings are those of the plan as of `date` (the fold of the `board.meeting_held`
  /// records, as corrected, up to it). The earliest record overall is the same one
  /// whenever any record took effect by `date`; when none did, the history starts after
  /// `date`, which is all a period that starts there needs to know.
  ///
  /// - Parameter date: The as-of date.
  /// - Returns: The meetings, as in `PlanState.meetings`, and the earliest effective date
  ///   (`nil` when nothing took effect by `date`).
  /// - Throws: An I/O error, `EventLineError` or `RecordError`.
  func survey(
    through date: CalendarDate
  ) throws -> (meetings: [MeetingKey: Versioned<BoardMeetingHeld>], firstDate: CalendarDate?) {
    guard head.size > 0 else { return ([:], nil) }
    var meetings = PlanState()
    var first: CalendarDate?
    let decoder = RecordDecoder()
    try book.ledger.forEachLine(seqs: 1...head.size) { line in
      let fields = try EventLineFields(line.bytes)
      guard let effective = fields.effective, effective <= date,
        supersessions.retracted[line.seq] == nil
      else { return true }
      if first.map({ effective < $0 }) ?? true { first = effective }
      guard fields.stringValue(at: fields.typeRange, equals: "board.meeting_held") else {
        return true
      }
      var record = try decoder.record(line)
      if let correction = supersessions.corrected[line.seq] {
        record = try Replay.corrected(record, data: correction.data)
      }
      meetings.apply(record)
      return true
    }
    return (meetings.meetings, first)
  }
}
