import Dispatch
import Foundation
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
    let decoder = RecordDecoder()
    for (seq, by) in supersessions.retracted { state.retractedBy[seq] = by }
    for (seq, correction) in supersessions.corrected { state.correctedBy[seq] = correction.seq }
    try ledger.forEachLine(seqs: seqs) { line in
      let fields = try EventLineFields(line.bytes)
      if let knownAt = slice.knownAt {
        // Transaction time only grows with seq: nothing after this is known either.
        guard let recorded = fields.recorded, recorded <= knownAt else { return false }
      }
      guard let effective = fields.effective, slice.includes(effective),
        supersessions.retracted[line.seq] == nil
      else { return true }
      var record = try decoder.record(fields, seq: line.seq, envelope: false)
      if let correction = supersessions.corrected[line.seq] {
        record = try Self.corrected(record, data: correction.data)
      }
      state.apply(record)
      return true
    }
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
    let range = seqs ?? 1...max(ledger.size, 1)
    let parts = range.count >= Self.parallelThreshold ? Self.parallelParts : 1
    if ledger.size == 0 || parts == 1 {
      var state = PlanState()
      if ledger.size > 0 {
        try fold(slice, into: &state, seqs: range, supersessions: supersessions)
      }
      return state
    }
    let length = range.count / parts
    let ranges = (0..<parts).map { part in
      let lower = range.lowerBound + part * length
      let upper = part == parts - 1 ? range.upperBound : lower + length - 1
      return lower...upper
    }
    let results = Mutex<[Result<PlanState, any Error>?]>(Array(repeating: nil, count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let result = Result<PlanState, any Error> {
        var state = PlanState()
        try fold(slice, into: &state, seqs: ranges[part], supersessions: supersessions)
        return state
      }
      results.withLock { $0[part] = result }
    }
    var state = PlanState()
    for result in results.withLock({ $0 }) {
      guard let result else { continue }
      state.merge(try result.get())
    }
    return state
  }

  /// Ranges shorter than this are folded on one thread.
  static let parallelThreshold = 50_000
  /// How many parts a long replay is folded in.
  static let parallelParts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

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
