import Dispatch
public import LedgerStore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Which records a view is made of: DESIGN.md's two time axes.
public struct TimeSlice: Hashable, Sendable {
  /// Valid time: fold records with `effective ≤ asOf` (all when `nil`).
  public var asOf: CalendarDate?
  /// Transaction time: only records with `recorded ≤ knownAt` exist (all when `nil`).
  public var knownAt: LedgerTimestamp?

  /// Makes a slice.
  ///
  /// - Parameters:
  ///   - asOf: The as-of date, or `nil` for no limit.
  ///   - knownAt: The as-known-at time, or `nil` for everything recorded.
  public init(asOf: CalendarDate? = nil, knownAt: LedgerTimestamp? = nil) {
    self.asOf = asOf
    self.knownAt = knownAt
  }

  /// The board view of a meeting on `date`: as of that date, as known at the end of it.
  ///
  /// - Parameter date: The board date.
  /// - Returns: The slice.
  public static func board(_ date: CalendarDate) -> TimeSlice {
    TimeSlice(asOf: date, knownAt: LedgerTimestamp(startOf: date.adding(days: 1)).minusOne)
  }

  /// Whether a record is in the slice's transaction time.
  func knows(_ recorded: LedgerTimestamp) -> Bool {
    knownAt.map { recorded <= $0 } ?? true
  }

  /// Whether an effective date is in the slice's valid time.
  func includes(_ effective: CalendarDate) -> Bool {
    asOf.map { effective <= $0 } ?? true
  }
}

extension LedgerTimestamp {
  /// One millisecond earlier.
  var minusOne: LedgerTimestamp {
    LedgerTimestamp(millisecondsSinceEpoch: millisecondsSinceEpoch - 1)
  }
}

/// The corrections and retractions known at a time: what replaces or removes which seq.
public struct Supersessions: Hashable, Sendable {
  /// For each corrected seq, the latest correction: its seq and corrected data.
  public private(set) var corrected: [Int: (seq: Int, data: JSONObject)] = [:]
  /// For each retracted seq, the retraction's seq.
  public private(set) var retracted: [Int: Int] = [:]

  /// No corrections.
  public init() {}

  mutating func note(_ record: PlanRecord) {
    switch record.event {
    case .eventCorrected(let correction):
      if (corrected[correction.seq]?.seq ?? 0) < record.seq {
        corrected[correction.seq] = (record.seq, correction.data)
      }
    case .eventRetracted(let retraction):
      retracted[retraction.seq] = min(retracted[retraction.seq] ?? .max, record.seq)
    default:
      break
    }
  }

  /// Adds what another run of seqs found: the latest correction of each seq wins, the
  /// first retraction is the one that counts.
  mutating func merge(_ other: Supersessions) {
    for (target, correction) in other.corrected
    where (corrected[target]?.seq ?? 0) < correction.seq {
      corrected[target] = correction
    }
    for (target, by) in other.retracted {
      retracted[target] = min(retracted[target] ?? .max, by)
    }
  }

  var isEmpty: Bool { corrected.isEmpty && retracted.isEmpty }

  /// Equality by the seqs involved and the corrected data.
  public static func == (lhs: Supersessions, rhs: Supersessions) -> Bool {
    lhs.retracted == rhs.retracted && lhs.corrected.count == rhs.corrected.count
      && lhs.corrected.allSatisfy { key, value in
        rhs.corrected[key].map { $0.seq == value.seq && $0.data == value.data } ?? false
      }
  }

  /// Hashes the seqs involved.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(retracted)
    hasher.combine(corrected.keys.sorted())
  }
}

/// Reads the ledger and folds it into a ``PlanState`` for a ``TimeSlice``.
///
/// Two passes, in constant memory: the first finds the corrections and retractions known
/// in the slice (it only looks at lines whose type is `event.*`); the second decodes each
/// line in the slice straight from its bytes (no general-purpose decoder), substitutes
/// corrected data, skips retracted records, and applies the rest. Transaction time only
/// grows with seq, so the second pass stops at the first record recorded after the slice.
public struct Replay: Sendable {
  /// The ledger read.
  public let ledger: Ledger

  /// Makes a replay over a ledger.
  ///
  /// - Parameter ledger: The open ledger.
  public init(ledger: Ledger) {
    self.ledger = ledger
  }

  /// The corrections and retractions known in the slice, among seqs in `seqs`.
  ///
  /// - Parameters:
  ///   - slice: The slice (only its transaction time matters).
  ///   - seqs: The seqs to read, or all.
  /// - Returns: The supersessions.
  /// - Throws: An I/O error, or ``RecordError`` for a correction that does not decode.
  public func supersessions(
    in slice: TimeSlice,
    seqs: ClosedRange<Int>? = nil
  ) throws -> Supersessions {
    guard ledger.size > 0 else { return Supersessions() }
    var result = Supersessions()
    for part in try Self.inParts(
      seqs ?? 1...ledger.size,
      { try supersessions(in: slice, part: $0) }
    ) {
      result.merge(part)
    }
    return result
  }

  /// The supersessions among one run of seqs.
  private func supersessions(
    in slice: TimeSlice,
    part seqs: ClosedRange<Int>
  ) throws -> Supersessions {
    var result = Supersessions()
    let decoder = RecordDecoder()
    let marker: [UInt8] = Array("\"type\":\"event.".utf8)
    let prefix: [UInt8] = Array("event.".utf8)
    try ledger.forEachLine(seqs: seqs) { line in
      // Canonical order puts `type` last but `v`, so the tail tells without a scan.
      if let type = FastScanner.typeFromTail(line.bytes) {
        guard type.starts(with: prefix) else { return true }
      } else if !Bytes.contains(line.bytes, marker) {
        return true
      }
      let record = try decoder.record(line)
      guard slice.knows(record.recorded) else { return false }
      result.note(record)
      return true
    }
    return result
  }

  /// Folds the records of the slice into `state`.
  ///
  /// The records are decoded lean: notes, evidence and reasons are not read, since the
  /// state keeps none of them. Readers that need the text decode records themselves.
  ///
  /// - Parameters:
  ///   - slice: Which records count.
  ///   - state: The state to fold into (empty, or a snapshot's).
  ///   - seqs: The seqs to read (all, or a snapshot's tail).
  ///   - supersessions: The corrections and retractions known in the slice.
  /// - Throws: An I/O error or ``RecordError``.
  public func fold(
    _ slice: TimeSlice,
    into state: inout PlanState,
    seqs: ClosedRange<Int>? = nil,
    supersessions: Supersessions
  ) throws {
    Self.note(supersessions, in: &state)
    try forEachRecord(slice, seqs: seqs, supersessions: supersessions) { state.apply($0) }
  }

  /// Calls `body` with each record of the slice, in seq order: as corrected, retracted ones
  /// left out, exactly the records ``fold(_:into:seqs:supersessions:)`` folds.
  ///
  /// Records are decoded lean, as the fold reads them (no `id`, `authority`, `source`, and
  /// no notes, evidence or reasons of status changes, date revisions and reassignments),
  /// unless `whole` asks for a record's effective date: then whole, as
  /// ``RecordDecoder/record(_:)`` decodes it. A report reads everything that took effect
  /// in its period whole, and the rest lean, in the same pass.
  ///
  /// - Parameters:
  ///   - slice: Which records count.
  ///   - seqs: The seqs to read, or all.
  ///   - supersessions: The corrections and retractions known in the slice.
  ///   - whole: Whether to decode a record of this effective date whole.
  ///   - body: Receives each record.
  /// - Throws: An I/O error, ``RecordError``, or what `body` throws.
  public func forEachRecord(
    _ slice: TimeSlice,
    seqs: ClosedRange<Int>? = nil,
    supersessions: Supersessions,
    whole: (CalendarDate) -> Bool = { _ in false },
    _ body: (PlanRecord) throws -> Void
  ) throws {
    let decoder = RecordDecoder()
    try ledger.forEachLine(seqs: seqs) { line in
      let fields = try EventLineFields(line.bytes)
      if let knownAt = slice.knownAt {
        // Transaction time only grows with seq: nothing after this is known either.
        guard let recorded = fields.recorded, recorded <= knownAt else { return false }
      }
      guard let effective = fields.effective, slice.includes(effective) else { return true }
      try Self.pass(fields, seq: line.seq, whole: whole(effective), decoder, supersessions, body)
      return true
    }
  }

  /// Calls `body` with the records of the given seqs, whatever their effective dates.
  ///
  /// The seqs are ascending, each at most the ledger's size. Records are passed as
  /// ``forEachRecord(_:seqs:supersessions:whole:_:)`` passes them: decoded lean, as
  /// corrected, retracted ones left out. Runs of consecutive seqs are read in one go.
  ///
  /// - Parameters:
  ///   - seqs: The seqs, ascending.
  ///   - supersessions: The corrections and retractions to apply.
  ///   - body: Receives each record.
  /// - Throws: An I/O error, ``RecordError``, or what `body` throws.
  public func forEachRecord(
    seqs: [Int],
    supersessions: Supersessions,
    _ body: (PlanRecord) throws -> Void
  ) throws {
    let decoder = RecordDecoder()
    var start = seqs.startIndex
    while start < seqs.endIndex {
      var end = start + 1
      while end < seqs.endIndex, seqs[end] == seqs[end - 1] + 1 { end += 1 }
      try ledger.forEachLine(seqs: seqs[start]...seqs[end - 1]) { line in
        let fields = try EventLineFields(line.bytes)
        guard fields.effective != nil else { return true }
        try Self.pass(fields, seq: line.seq, whole: false, decoder, supersessions, body)
        return true
      }
      start = end
    }
  }

  /// Passes one line's record to `body` unless it is retracted, with corrected data in
  /// place of its own.
  private static func pass(
    _ fields: EventLineFields,
    seq: Int,
    whole: Bool,
    _ decoder: RecordDecoder,
    _ supersessions: Supersessions,
    _ body: (PlanRecord) throws -> Void
  ) throws {
    guard supersessions.retracted[seq] == nil else { return }
    var record = try decoder.record(fields, seq: seq, envelope: whole)
    if let correction = supersessions.corrected[seq] {
      record = try corrected(record, data: correction.data)
    }
    try body(record)
  }

  /// The states on several as-of dates, in one pass over the log.
  ///
  /// Each record goes into the bucket of the first date on or after its effective date
  /// (records after the last date are not decoded); the state on a date is then the
  /// merge of its bucket and every earlier one, which is the fold of the same records,
  /// since the fold does not depend on order (``PlanState/merge(_:)``). With the
  /// supersessions of `TimeSlice()` and all seqs, the state on each date equals
  /// ``state(_:)`` for `TimeSlice(asOf: date)`. Memory is one state per date, whatever
  /// the length of the log.
  ///
  /// - Parameters:
  ///   - dates: The as-of dates, in any order (repeats allowed).
  ///   - supersessions: The corrections and retractions to apply.
  ///   - seqs: The seqs to read, or all.
  ///   - whole: Whether to decode a record of this effective date whole, for `visit`
  ///     (see ``forEachRecord(_:seqs:supersessions:whole:_:)``).
  ///   - visit: Sees each record folded, after it is folded, in seq order.
  /// - Returns: One state per date, in the order given.
  /// - Throws: An I/O error, ``RecordError``, or what `visit` throws.
  public func states(
    asOf dates: [CalendarDate],
    supersessions: Supersessions,
    seqs: ClosedRange<Int>? = nil,
    whole: (CalendarDate) -> Bool = { _ in false },
    visiting visit: (PlanRecord) throws -> Void = { _ in }
  ) throws -> [PlanState] {
    let ordered = Array(Set(dates)).sorted()
    guard let last = ordered.last else { return [] }
    var buckets = Array(repeating: PlanState(), count: ordered.count)
    if ledger.size > 0 {
      try forEachRecord(
        TimeSlice(asOf: last),
        seqs: seqs,
        supersessions: supersessions,
        whole: whole
      ) { record in
        buckets[ordered.partitioningIndex { $0 >= record.effective }].apply(record)
        try visit(record)
      }
    }
    var running = PlanState()
    if ledger.size > 0 { Self.note(supersessions, in: &running) }
    var merged: [CalendarDate: PlanState] = [:]
    for index in ordered.indices {
      running.merge(buckets[index])
      buckets[index] = PlanState()
      merged[ordered[index]] = running
    }
    return dates.map { merged[$0] ?? running }
  }

  /// The state of everything and the states on a few as-of dates, in one pass over the
  /// log folded in parallel parts.
  ///
  /// Each part puts a record into the bucket of the first date on or after its effective
  /// date, or into a last bucket when it took effect after every date; the parts' buckets
  /// are merged, then each date's state is the merge of its bucket and every earlier one,
  /// and the state of everything adds the last bucket. The fold does not depend on order
  /// (``PlanState/merge(_:)``), so each equals the fold of the same records. Memory is a
  /// few states per part and date: meant for a handful of dates.
  ///
  /// - Parameters:
  ///   - dates: The as-of dates, in any order (repeats allowed).
  ///   - supersessions: The corrections and retractions to apply.
  /// - Returns: The state of everything, and one state per date in the order given.
  /// - Throws: An I/O error or ``RecordError``.
  public func latestAndStates(
    asOf dates: [CalendarDate],
    supersessions: Supersessions
  ) throws -> (latest: PlanState, states: [PlanState]) {
    var running = PlanState()
    Self.note(supersessions, in: &running)
    guard ledger.size > 0 else {
      return (running, dates.map { _ in running })
    }
    let ordered = Array(Set(dates)).sorted()
    let parts = try Self.inParts(1...ledger.size) { part in
      var buckets = Array(repeating: PlanState(), count: ordered.count + 1)
      try forEachRecord(TimeSlice(), seqs: part, supersessions: supersessions) { record in
        buckets[ordered.partitioningIndex { $0 >= record.effective }].apply(record)
      }
      return buckets
    }
    var merged: [CalendarDate: PlanState] = [:]
    for index in 0...ordered.count {
      for part in parts { running.merge(part[index]) }
      if index < ordered.count { merged[ordered[index]] = running }
    }
    return (running, dates.map { merged[$0] ?? running })
  }

  /// Marks the retracted and corrected seqs in a state, as every folded state records them.
  private static func note(_ supersessions: Supersessions, in state: inout PlanState) {
    for (seq, by) in supersessions.retracted { state.retractedBy[seq] = by }
    for (seq, correction) in supersessions.corrected { state.correctedBy[seq] = correction.seq }
  }

  /// The state for a slice, by full replay.
  ///
  /// - Parameter slice: Which records count.
  /// - Returns: The folded state.
  /// - Throws: An I/O error or ``RecordError``.
  public func state(_ slice: TimeSlice) throws -> PlanState {
    try state(slice, seqs: nil, supersessions: try supersessions(in: slice))
  }

  /// The fold of a range of seqs, split in parts folded on separate threads and merged
  /// (the fold does not depend on order, see ``PlanState/merge(_:)``).
  ///
  /// - Parameters:
  ///   - slice: Which records count.
  ///   - seqs: The seqs to read, or all.
  ///   - supersessions: The corrections and retractions known in the slice.
  /// - Returns: The folded state.
  /// - Throws: An I/O error or ``RecordError``.
  public func state(
    _ slice: TimeSlice,
    seqs: ClosedRange<Int>?,
    supersessions: Supersessions
  ) throws -> PlanState {
    var state = PlanState()
    guard ledger.size > 0 else {
      // No records, but a batch being checked may know corrections and retractions of its
      // own, which every folded state records.
      Self.note(supersessions, in: &state)
      return state
    }
    let parts = try Self.inParts(seqs ?? 1...ledger.size) { part in
      var state = PlanState()
      try fold(slice, into: &state, seqs: part, supersessions: supersessions)
      return state
    }
    for part in parts { state.merge(part) }
    return state
  }

  /// `body` over a range of seqs split in parts run on separate threads, in order of the
  /// parts; one part when the range is short.
  private static func inParts<Result: Sendable>(
    _ range: ClosedRange<Int>,
    _ body: @Sendable (ClosedRange<Int>) throws -> Result
  ) throws -> [Result] {
    let parts = range.count >= parallelThreshold ? parallelParts : 1
    if parts == 1 { return [try body(range)] }
    let length = range.count / parts
    let ranges = (0..<parts).map { part in
      let lower = range.lowerBound + part * length
      let upper = part == parts - 1 ? range.upperBound : lower + length - 1
      return lower...upper
    }
    let results = Mutex<[Swift.Result<Result, any Error>?]>(Array(repeating: nil, count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let result = Swift.Result<Result, any Error> { try body(ranges[part]) }
      results.withLock { $0[part] = result }
    }
    return try results.withLock { $0 }.compactMap { try $0?.get() }
  }

  /// Ranges shorter than this are folded on one thread.
  static let parallelThreshold = 50_000
  /// How many parts a long replay is folded in: several per core, because a part's cost
  /// depends on how many of its records fall on or before the as-of date (a late part of a
  /// log read as of an early date is mostly skipped), and threads that finish early take
  /// the next part.
  static let parallelParts = max(1, min(4 * sysconf(Int32(_SC_NPROCESSORS_ONLN)), 16))

  /// A record with the corrected data in place of its own.
  ///
  /// - Parameters:
  ///   - record: The record as written.
  ///   - data: The corrected data from the latest `event.corrected` naming it.
  /// - Returns: The record with its envelope unchanged and the corrected event.
  /// - Throws: ``RecordError/payload(seq:_:)`` when the corrected data does not decode.
  public static func corrected(
    _ record: PlanRecord,
    data: JSONObject
  ) throws(RecordError)
    -> PlanRecord
  {
    do {
      return record.replacing(event: try PlanEvent(type: record.event.type, payload: Payload(data)))
    } catch {
      throw .payload(seq: record.seq, error)
    }
  }
}

/// Byte searches on lines.
enum Bytes {
  /// Whether `needle` occurs in `haystack`, searching with `memchr` for its first byte.
  static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, let base = haystack.baseAddress,
      haystack.count >= needle.count
    else { return false }
    return needle.withUnsafeBytes { needleBytes in
      guard let target = needleBytes.baseAddress else { return false }
      var cursor = base
      let last = base + (haystack.count - needle.count)
      while cursor <= last {
        guard let found = memchr(cursor, Int32(first), last - cursor + 1) else { return false }
        if memcmp(found, target, needle.count) == 0 { return true }
        cursor = UnsafeRawPointer(found) + 1
      }
      return false
    }
  }
}

extension RandomAccessCollection {
  /// The index of the first element for which `belongs` holds, where it holds for a
  /// suffix: a binary search.
  func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
    var low = startIndex
    var count = self.count
    while count > 0 {
      let half = count / 2
      let middle = index(low, offsetBy: half)
      if belongs(self[middle]) {
        count = half
      } else {
        low = index(after: middle)
        count -= half + 1
      }
    }
    return low
  }
}
