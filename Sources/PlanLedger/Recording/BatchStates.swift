import LedgerStore

/// The plan as of the dates a batch's checks ask for: the ledger, then the batch so far.
///
/// A batch is checked one submission at a time against the plan as it stood on each one's
/// date, so a batch of n events over d dates asks for up to d states. Folding each from
/// the log would cost d full replays. Instead a few states are kept, by date, and a state
/// for a new date starts from the latest kept one before it and adds only the records
/// that took effect in between: the ledger's (found through its stamps in valid-time
/// order, read once when first needed) and the batch's (kept by day). The fold does not
/// depend on order (``Versioned``), so the result is the fold of the same records. A new
/// record is applied at once to every kept state on or after its date.
///
/// The batch's records are not kept: they are read again from the batch when a state
/// needs them. Memory: a few bytes a batch record, eight bytes a ledger event for the
/// stamps, and at most ``capacity`` states.
struct BatchStates {
  /// A kept state.
  private struct Entry {
    let date: CalendarDate
    var state: PlanState
    var used: Int
  }

  /// How many states are kept; the least recently used goes first.
  static let capacity = 8

  private let replay: Replay
  /// The ledger's size when the check began: the batch's records follow it.
  let ledgerSize: Int
  /// How many records the batch has so far.
  private(set) var pendingCount = 0
  /// The batch's record at a position among those so far, read again.
  let pendingRecord: (Int) throws -> PlanRecord
  /// The effective day numbers of the batch's records, ascending and distinct.
  private var pendingDays: [Int] = []
  /// For each day number, the positions of the batch's records that take effect then.
  private var pendingByDay: [Int: [Int32]] = [:]
  /// The packed stamps of the ledger's records, ascending; read when first needed.
  private var ledgerStamps: [UInt64]?
  /// The kept states, ascending by date.
  private var entries: [Entry] = []
  private var clock = 0

  /// Starts with no states kept.
  ///
  /// - Parameters:
  ///   - replay: The replay over the ledger.
  ///   - ledgerSize: The ledger's size.
  ///   - pendingRecord: Reads the batch's record at a position again.
  init(
    replay: Replay,
    ledgerSize: Int,
    pendingRecord: @escaping (Int) throws -> PlanRecord
  ) {
    self.replay = replay
    self.ledgerSize = ledgerSize
    self.pendingRecord = pendingRecord
  }

  /// Starts the check: the plan of everything, and the plans on the batch's first dates
  /// kept, from one pass over the ledger.
  ///
  /// - Parameters:
  ///   - dates: Dates the batch will ask for; the earliest ``capacity`` are kept.
  ///   - supersessions: The ledger's corrections and retractions.
  /// - Returns: The plan of everything.
  /// - Throws: An I/O error or ``RecordError``.
  mutating func start(
    dates: [CalendarDate],
    supersessions: Supersessions
  ) throws -> PlanState {
    let first = Array(Set(dates).sorted().prefix(Self.capacity))
    let (latest, states) = try replay.latestAndStates(asOf: first, supersessions: supersessions)
    entries = zip(first, states).map { Entry(date: $0, state: $1, used: 0) }
    return latest
  }

  /// The plan as of a date, or of everything for `nil`, by full replay of the ledger and
  /// the batch so far.
  ///
  /// - Parameters:
  ///   - date: The as-of date, or `nil`.
  ///   - supersessions: The corrections and retractions known, the batch's own included.
  /// - Returns: The folded state.
  /// - Throws: An I/O error or ``RecordError``.
  func fold(_ date: CalendarDate?, supersessions: Supersessions) throws -> PlanState {
    var state = try replay.state(TimeSlice(asOf: date), seqs: nil, supersessions: supersessions)
    let last = date?.dayNumber ?? .max
    for day in pendingDays where day <= last {
      try applyPending(day: day, to: &state, supersessions: supersessions)
    }
    return state
  }

  /// The plan as of a date: a kept state, one advanced from the latest kept state before
  /// it, or a full replay when none is kept before it.
  ///
  /// - Parameters:
  ///   - date: The as-of date.
  ///   - supersessions: The corrections and retractions known, the batch's own included.
  /// - Returns: The state.
  /// - Throws: An I/O error or ``RecordError``.
  mutating func state(
    asOf date: CalendarDate,
    supersessions: Supersessions
  ) throws -> PlanState {
    clock += 1
    let position = entries.partitioningIndex { $0.date >= date }
    if position < entries.count, entries[position].date == date {
      entries[position].used = clock
      return entries[position].state
    }
    var state: PlanState
    if position > 0 {
      state = entries[position - 1].state
      try advance(&state, from: entries[position - 1].date, to: date, supersessions: supersessions)
    } else {
      state = try fold(date, supersessions: supersessions)
    }
    entries.insert(Entry(date: date, state: state, used: clock), at: position)
    if entries.count > Self.capacity,
      let oldest = entries.indices.min(by: { entries[$0].used < entries[$1].used })
    {
      entries.remove(at: oldest)
    }
    return state
  }

  /// Adds a checked record of the batch: kept states on or after its date take it at
  /// once; later states find it by its day.
  ///
  /// - Parameter record: The record, neither retracted nor corrected yet.
  mutating func add(_ record: PlanRecord) {
    for index in entries.indices where entries[index].date >= record.effective {
      entries[index].state.apply(record)
    }
    let day = record.effective.dayNumber
    if pendingByDay[day] == nil {
      pendingDays.insert(day, at: pendingDays.partitioningIndex { $0 >= day })
    }
    pendingByDay[day, default: []].append(Int32(pendingCount))
    pendingCount += 1
  }

  /// Forgets the kept states: a correction or retraction changes what earlier records say.
  mutating func forgetStates() {
    entries.removeAll()
  }

  /// Adds to a state as of `from` the records that took effect after it, up to `to`.
  private mutating func advance(
    _ state: inout PlanState,
    from: CalendarDate,
    to: CalendarDate,
    supersessions: Supersessions
  ) throws {
    if ledgerSize > 0 {
      let stamps = try ledgerStampsRead()
      let low = Stamp(effective: from.adding(days: 1), seq: 0).packed
      let high = Stamp(effective: to.adding(days: 1), seq: 0).packed
      let lower = stamps.partitioningIndex { $0 >= low }
      let upper = stamps.partitioningIndex { $0 >= high }
      if lower < upper {
        let seqs = stamps[lower..<upper].map(Stamp.seq(packed:)).sorted()
        try replay.forEachRecord(seqs: seqs, supersessions: supersessions) { state.apply($0) }
      }
    }
    let first = pendingDays.partitioningIndex { $0 > from.dayNumber }
    for day in pendingDays[first...] {
      guard day <= to.dayNumber else { break }
      try applyPending(day: day, to: &state, supersessions: supersessions)
    }
  }

  /// Applies the batch's records of one day, as corrected, retracted ones left out.
  private func applyPending(
    day: Int,
    to state: inout PlanState,
    supersessions: Supersessions
  ) throws {
    for position in pendingByDay[day] ?? [] {
      let record = try pendingRecord(Int(position))
      guard supersessions.retracted[record.seq] == nil else { continue }
      if let correction = supersessions.corrected[record.seq] {
        state.apply(try Replay.corrected(record, data: correction.data))
      } else {
        state.apply(record)
      }
    }
  }

  /// The ledger's stamps, read in one pass the first time.
  private mutating func ledgerStampsRead() throws -> [UInt64] {
    if let ledgerStamps { return ledgerStamps }
    var stamps: [UInt64] = []
    stamps.reserveCapacity(ledgerSize)
    try replay.ledger.forEachLine(seqs: 1...ledgerSize) { line in
      if let effective = try EventLineFields(line.bytes).effective {
        stamps.append(Stamp(effective: effective, seq: line.seq).packed)
      }
      return true
    }
    stamps.sort()
    ledgerStamps = stamps
    return stamps
  }
}
