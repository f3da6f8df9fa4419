public import LedgerStore

/// How a view was answered: from which snapshot, with how many events replayed, and
/// which snapshots were passed over and why.
public struct SnapshotUse: Hashable, Sendable, CustomStringConvertible {
  /// The snapshot file used, if any.
  public var snapshot: String?
  /// Events read and folded on top of it (or in all, by full replay).
  public var replayed: Int
  /// Snapshots ignored, with why (hash, binding, superseded): each a warning.
  public var ignored: [String]

  /// `--explain`'s line.
  public var description: String {
    if let snapshot {
      return
        "answered from snapshot \(snapshot), replaying \(Counted.phrase(replayed, "later event"))"
    }
    return "answered by full replay of \(Counted.phrase(replayed, "event")) (no snapshot fits)"
  }
}

extension PlanBook {
  /// The state for a slice, from the best fitting snapshot when there is one.
  ///
  /// A snapshot fits when it is for the same as-of date, of this ledger, its last event is
  /// the ledger's event at that seq, every event it folded was recorded by the slice's
  /// known-at time, and no later correction or retraction in the slice supersedes an event
  /// it folded. The events after it are folded on top (the fold does not depend on order,
  /// so back-dated events apply). Otherwise the answer comes from full replay.
  ///
  /// - Parameter slice: Which records count.
  /// - Returns: The state and how it was answered.
  /// - Throws: An I/O error or ``RecordError``.
  public func state(_ slice: TimeSlice) throws -> (PlanState, SnapshotUse) {
    let replay = Replay(ledger: ledger)
    let size = ledger.size
    var ignored: [String] = []
    if let store = snapshots, let asOf = slice.asOf, size > 0 {
      let key = Snapshot.ledgerKey(try leafHash(seq: 1))
      let candidates = store.entries()
        .filter { $0.ledger == key && $0.asOf == asOf }
        .sorted { $0.size > $1.size }
      for entry in candidates {
        do {
          let snapshot = try store.load(entry)
          try check(snapshot, ledgerSize: size)
          if let knownAt = slice.knownAt, snapshot.recorded > knownAt { continue }
          var state = snapshot.state
          if snapshot.size < size {
            let tail = (snapshot.size + 1)...size
            let supersessions = try replay.supersessions(in: slice, seqs: tail)
            for seq in Array(supersessions.corrected.keys) + Array(supersessions.retracted.keys)
            where seq <= snapshot.size {
              let target = try record(seq: seq)
              if target.effective <= asOf {
                let by = supersessions.corrected[seq]?.seq ?? supersessions.retracted[seq] ?? 0
                throw SnapshotProblem.superseded(by: by, seq: seq)
              }
            }
            try replay.fold(slice, into: &state, seqs: tail, supersessions: supersessions)
          }
          return (
            state,
            SnapshotUse(
              snapshot: entry.name,
              replayed: size - snapshot.size,
              ignored: ignored
            )
          )
        } catch let problem as SnapshotProblem {
          ignored.append("snapshot \(entry.name) ignored: \(problem)")
        }
      }
    }
    let state = try replay.state(slice)
    return (state, SnapshotUse(snapshot: nil, replayed: size, ignored: ignored))
  }

  /// Checks a snapshot is bound to this ledger's prefix.
  func check(_ snapshot: Snapshot, ledgerSize: Int) throws {
    guard snapshot.size <= ledgerSize else {
      throw SnapshotProblem.beyondLedger(size: snapshot.size, ledgerSize: ledgerSize)
    }
    guard try leafHash(seq: snapshot.size) == snapshot.last,
      try leafHash(seq: 1) == snapshot.first
    else { throw SnapshotProblem.bindingMismatch(seq: snapshot.size) }
  }

  /// The leaf hash of the stored line at a seq, from the log itself.
  func leafHash(seq: Int) throws -> SHA256Digest {
    try ledger.line(seq: seq).withUnsafeBytes { SHA256.leafHash($0) }
  }

  /// Builds snapshots of the plan as of each date, from the whole ledger, in one pass.
  ///
  /// - Parameter dates: The as-of dates.
  /// - Returns: One snapshot per date.
  /// - Throws: An I/O error or ``RecordError``.
  public func buildSnapshots(asOf dates: [CalendarDate]) throws -> [Snapshot] {
    let size = ledger.size
    guard size > 0, !dates.isEmpty else { return [] }
    let ordered = Array(Set(dates)).sorted()
    let replay = Replay(ledger: ledger)
    let supersessions = try replay.supersessions(in: TimeSlice())
    var states = Array(repeating: PlanState(), count: ordered.count)
    for index in states.indices {
      for (seq, by) in supersessions.retracted { states[index].retractedBy[seq] = by }
      for (seq, correction) in supersessions.corrected {
        states[index].correctedBy[seq] = correction.seq
      }
    }
    let decoder = RecordDecoder()
    var lastRecorded = LedgerTimestamp(millisecondsSinceEpoch: 0)
    try ledger.forEachLine(seqs: 1...size) { line in
      let fields = try EventLineFields(line.bytes)
      lastRecorded = fields.recorded ?? lastRecorded
      guard let effective = fields.effective, supersessions.retracted[line.seq] == nil else {
        return true
      }
      guard let firstIndex = ordered.firstIndex(where: { $0 >= effective }) else { return true }
      var record = try decoder.record(fields, seq: line.seq, envelope: false)
      if let correction = supersessions.corrected[line.seq] {
        record = try Replay.corrected(record, data: correction.data)
      }
      for index in firstIndex..<ordered.count { states[index].apply(record) }
      return true
    }
    let root = try ledger.head(size: size).root
    let first = try leafHash(seq: 1)
    let last = try leafHash(seq: size)
    return zip(ordered, states).map { date, state in
      Snapshot(
        asOf: date,
        size: size,
        root: root,
        first: first,
        last: last,
        recorded: lastRecorded,
        state: state
      )
    }
  }

  /// What to do with each snapshot file of the ledger: keep it, or why it can no longer
  /// serve (for `snapshot --prune` and `verify`).
  ///
  /// - Returns: Each entry with the problem that stops it serving, or `nil` if it serves.
  public func auditSnapshots() throws -> [(entry: SnapshotStore.Entry, problem: SnapshotProblem?)] {
    guard let store = snapshots, ledger.size > 0 else { return [] }
    let key = Snapshot.ledgerKey(try leafHash(seq: 1))
    let size = ledger.size
    let supersessions = try Replay(ledger: ledger).supersessions(in: TimeSlice())
    var newest: [CalendarDate: Int] = [:]
    let mine = store.entries().filter { $0.ledger == key }
    for entry in mine { newest[entry.asOf] = max(newest[entry.asOf] ?? 0, entry.size) }
    return try mine.map { entry in
      do {
        let snapshot = try store.load(entry)
        try check(snapshot, ledgerSize: size)
        for (seq, correction) in supersessions.corrected
        where seq <= snapshot.size && correction.seq > snapshot.size {
          if try record(seq: seq).effective <= snapshot.asOf {
            throw SnapshotProblem.superseded(by: correction.seq, seq: seq)
          }
        }
        for (seq, by) in supersessions.retracted where seq <= snapshot.size && by > snapshot.size {
          if try record(seq: seq).effective <= snapshot.asOf {
            throw SnapshotProblem.superseded(by: by, seq: seq)
          }
        }
        return (entry, nil)
      } catch let problem as SnapshotProblem {
        return (entry, problem)
      }
    }
  }
}
