public import LedgerStore
public import PlanLedger

/// The ledger's plan records read once, in valid-time order, with corrections applied and
/// retractions left out, bound to the tree head they were read at.
///
/// Reports need the plan on several dates (the two ends of a period, each month end for a
/// chart) and the records between them with everything they say: notes, reasons,
/// `authority`, `source`. Folding a prefix of the valid-time order gives the same state as
/// `Replay` gives for that as-of date, because the fold does not depend on order;
/// reading the ledger once keeps a report to one pass over the log, and binding the read
/// to one `TreeHead` means the head a report prints is exactly what it read, even if
/// someone appends meanwhile.
public struct PlanChronicle: Sendable {
  /// The tree head the records were read at.
  public let head: TreeHead
  /// Every record in force (corrected, not retracted), whole, by effective date then seq.
  public let records: [PlanRecord]
  /// The corrections and retractions in the ledger.
  public let supersessions: Supersessions
  /// The plan book read.
  public let book: PlanBook
  /// For each seq, its index in ``records`` (-1 for a retracted record).
  private let positions: [Int]

  /// Reads the whole ledger behind a plan book.
  ///
  /// - Parameter book: The plan book.
  /// - Throws: An I/O error or `RecordError`.
  public init(book: PlanBook) throws {
    self.book = book
    let head = book.ledger.head
    self.head = head
    guard head.size > 0 else {
      records = []
      supersessions = Supersessions()
      positions = []
      return
    }
    let seqs = 1...head.size
    let supersessions = try Replay(ledger: book.ledger).supersessions(in: TimeSlice(), seqs: seqs)
    let decoder = RecordDecoder()
    var collected: [PlanRecord] = []
    collected.reserveCapacity(head.size)
    try book.ledger.forEachLine(seqs: seqs) { line in
      guard supersessions.retracted[line.seq] == nil else { return true }
      var record = try decoder.record(line)
      if let correction = supersessions.corrected[line.seq] {
        record = try Replay.corrected(record, data: correction.data)
      }
      collected.append(record)
      return true
    }
    records = collected.sorted { $0.precedesInValidTime($1) }
    var positions = [Int](repeating: -1, count: head.size + 1)
    for (index, record) in records.enumerated() where record.seq <= head.size {
      positions[record.seq] = index
    }
    self.positions = positions
    self.supersessions = supersessions
  }

  /// The effective date of the earliest record, if any.
  public var firstDate: CalendarDate? { records.first?.effective }

  /// The plan as it stood on a date, in the light of everything read.
  ///
  /// - Parameter date: The as-of date.
  /// - Returns: The view, bound to ``head``.
  public func view(asOf date: CalendarDate) -> PlanView {
    views(asOf: [date])[0]
  }

  /// The plan on several dates, folding the records once.
  ///
  /// - Parameter dates: The as-of dates, in any order.
  /// - Returns: One view per date, in the order given.
  public func views(asOf dates: [CalendarDate]) -> [PlanView] {
    let order = dates.indices.sorted { dates[$0] < dates[$1] }
    var results = [PlanView?](repeating: nil, count: dates.count)
    var state = PlanState()
    var next = 0
    for index in order {
      let date = dates[index]
      while next < records.count && records[next].effective <= date {
        state.apply(records[next])
        next += 1
      }
      results[index] = PlanView(
        state: state,
        slice: TimeSlice(asOf: date),
        date: date,
        head: head
      )
    }
    return results.compactMap { $0 }
  }

  /// The records that took effect after `start`, up to and including `end`.
  ///
  /// - Parameters:
  ///   - start: The day before the first day of the period.
  ///   - end: The last day of the period.
  /// - Returns: The records, in valid-time order.
  public func records(after start: CalendarDate, through end: CalendarDate) -> [PlanRecord] {
    records.filter { $0.effective > start && $0.effective <= end }
  }

  /// The record at a seq, whole: its event (as corrected) and its envelope (`authority`,
  /// `source`) as written.
  ///
  /// - Parameter seq: The seq.
  /// - Returns: The record, or `nil` when the seq is out of range or retracted.
  public func record(seq: Int) -> PlanRecord? {
    guard seq >= 1 && seq < positions.count, positions[seq] >= 0 else { return nil }
    return records[positions[seq]]
  }
}
