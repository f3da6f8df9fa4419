import LedgerStore
import PlanLedger

/// What a narrative needs of the records that took effect in its period, gathered as a pass
/// goes by, in memory that does not grow with the length of the period.
///
/// The plan at both ends comes from the fold; beyond it, the narrative tells every due-date
/// revision and reassignment of the period (counted, and listed up to a limit), the first
/// Overdue rating of each action, and which decisions the period's changes name as their
/// authority. The ratings and the authorities are kept by action, so they follow the size
/// of the plan. The revisions and reassignments are as many as the period has (three busy
/// years of a synthetic plan hold over half a million), and the narrative counts them in
/// valid-time order while the pass reads the log in seq order; so each goes into an
/// `ExternalSort` keyed by its packed stamp (``Stamp/packed``), with only what counting
/// takes (action, milestone and new date; action and new leads) in a few dozen bytes, and
/// the sort spills to the ledger's scratch directory once it outgrows its run budget
/// (`LedgerConfiguration.sortRunBytes`). A ledger opened with no scratch directory keeps
/// those entries in memory instead, a few dozen bytes a change. The few the narrative
/// lists are read again whole by seq.
///
/// Gather with ``Gathering``, whose ``Gathering/finish()`` sorts and gives the changes.
struct PeriodChanges {
  /// A due-date revision, as much of it as counting it takes.
  struct Revision {
    /// Where it stands in valid time.
    let stamp: Stamp
    /// The action revised.
    let action: ActionID
    /// The milestone revised, numbered from 1.
    let milestone: Int
    /// The new due date.
    let to: DueDate
  }

  /// A change of lead, as much of it as counting it takes.
  struct Reassignment {
    /// Where it stands in valid time.
    let stamp: Stamp
    /// The action whose lead changed.
    let action: ActionID
    /// The new leads.
    let to: [PersonID]
  }

  /// The period.
  let period: NarrativePeriod
  /// For each action rated Overdue in the period, the stamp of its first such rating.
  let overdueRatings: [ActionID: Stamp]
  /// The seqs each action's changes in the period name as their authority.
  let authorities: [ActionID: Set<Int>]
  /// The due-date revisions, in valid-time order (see ``Revision/init(stamp:entry:)``).
  private let revisions: ExternalSort.Sorted
  /// The reassignments, in valid-time order (see ``Reassignment/init(stamp:entry:)``).
  private let reassignments: ExternalSort.Sorted

  /// Calls `body` with each due-date revision of the period, in valid-time order.
  ///
  /// - Parameter body: Receives each revision.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when the scratch
  ///   file cannot be read, or what `body` throws.
  func forEachRevision(_ body: (Revision) throws -> Void) throws {
    try revisions.forEachEntry { key, entry in
      try body(Revision(stamp: Stamp(packed: key), entry: entry))
    }
  }

  /// Calls `body` with each change of lead of the period, in valid-time order.
  ///
  /// - Parameter body: Receives each change.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when the scratch
  ///   file cannot be read, or what `body` throws.
  func forEachReassignment(_ body: (Reassignment) throws -> Void) throws {
    try reassignments.forEachEntry { key, entry in
      try body(Reassignment(stamp: Stamp(packed: key), entry: entry))
    }
  }

  /// Gathers a period's changes as a pass goes by; ``finish()`` sorts them.
  struct Gathering {
    /// The period.
    let period: NarrativePeriod
    /// For each action rated Overdue so far in the period, the stamp of its first rating.
    private var overdueRatings: [ActionID: Stamp] = [:]
    /// The seqs each action's changes so far in the period name as their authority.
    private var authorities: [ActionID: Set<Int>] = [:]
    /// The due-date revisions, in the order the pass meets them (seq order).
    private var revisions: ExternalSort
    /// The reassignments, in the order the pass meets them.
    private var reassignments: ExternalSort
    /// The entry being written, its bytes reused from one change to the next.
    private var entry = EntryWriter()

    /// Starts gathering for a period.
    ///
    /// - Parameters:
    ///   - period: The period.
    ///   - ledger: The ledger read, whose configuration says where the sorts may spill
    ///     (`LedgerConfiguration.scratchDirectory`) and how much they keep in memory.
    init(_ period: NarrativePeriod, ledger: Ledger) {
      self.period = period
      revisions = ledger.externalSort()
      reassignments = ledger.externalSort()
    }

    /// Takes what the narrative needs from one record (whole when in the period).
    ///
    /// - Parameter record: A record the pass folded.
    /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when a sort
    ///   cannot spill.
    mutating func note(_ record: PlanRecord) throws {
      guard period.contains(record.effective) else { return }
      if let action = record.event.action, let authority = record.authoritySeq {
        authorities[action, default: []].insert(authority)
      }
      let stamp = Stamp(effective: record.effective, seq: record.seq)
      switch record.event {
      case .actionStatusChanged(let change) where change.to == .overdue:
        if overdueRatings[change.action].map({ stamp < $0 }) ?? true {
          overdueRatings[change.action] = stamp
        }
      case .actionDueRevised(let revision):
        entry.start()
        entry.append(revision.action.rawValue)
        entry.append(revision.milestone)
        entry.append(revision.to.year)
        entry.append(revision.to.month)
        entry.append(revision.to.day ?? 0)
        try entry.withBytes { try revisions.add(stamp.packed, payload: $0) }
      case .actionLeadReassigned(let change):
        entry.start()
        entry.append(change.action.rawValue)
        entry.append(change.to.count)
        for person in change.to { entry.append(person.rawValue) }
        try entry.withBytes { try reassignments.add(stamp.packed, payload: $0) }
      default:
        break
      }
    }

    /// Ends the gathering: the changes, with the revisions and reassignments in valid-time
    /// order.
    ///
    /// - Returns: The period's changes.
    /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when a sort
    ///   cannot write or read its runs.
    consuming func finish() throws -> PeriodChanges {
      PeriodChanges(
        period: period,
        overdueRatings: overdueRatings,
        authorities: authorities,
        revisions: try revisions.sorted(),
        reassignments: try reassignments.sorted()
      )
    }
  }
}

extension PeriodChanges.Revision {
  /// Reads a revision from its sort entry: action, milestone, then the new date's year,
  /// month and day (0 for a whole month), as ``PeriodChanges/Gathering/note(_:)`` wrote them.
  ///
  /// - Parameters:
  ///   - stamp: The entry's key, unpacked.
  ///   - entry: The entry's payload.
  fileprivate init(stamp: Stamp, entry: UnsafeRawBufferPointer) {
    var entry = EntryReader(entry)
    self.stamp = stamp
    action = ActionID(rawValue: entry.text())
    milestone = entry.integer()
    let (year, month, day) = (entry.integer(), entry.integer(), entry.integer())
    guard let due = DueDate(year: year, month: month, day: day == 0 ? nil : day) else {
      preconditionFailure("a revision's entry holds a date that is not a due date")
    }
    to = due
  }
}

extension PeriodChanges.Reassignment {
  /// Reads a change of lead from its sort entry: action, the number of leads, then each
  /// lead, as ``PeriodChanges/Gathering/note(_:)`` wrote them.
  ///
  /// - Parameters:
  ///   - stamp: The entry's key, unpacked.
  ///   - entry: The entry's payload.
  fileprivate init(stamp: Stamp, entry: UnsafeRawBufferPointer) {
    var entry = EntryReader(entry)
    self.stamp = stamp
    action = ActionID(rawValue: entry.text())
    let count = entry.integer()
    var leads: [PersonID] = []
    leads.reserveCapacity(count)
    for _ in 0..<count { leads.append(PersonID(rawValue: entry.text())) }
    to = leads
  }
}

/// Writes a sort entry's payload: integers in eight bytes, little endian, and texts as their
/// UTF-8 length (an integer) then their bytes.
///
/// A fixed layout rather than JSON, because a long period has hundreds of thousands of
/// entries, each written once and read once: building and parsing JSON for each made a
/// three-year narrative of three million events about a tenth slower.
private struct EntryWriter {
  private var bytes: [UInt8] = []

  /// Empties the entry, keeping its capacity.
  mutating func start() {
    bytes.removeAll(keepingCapacity: true)
  }

  /// Appends an integer.
  ///
  /// - Parameter value: The integer.
  mutating func append(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Appends a text.
  ///
  /// - Parameter text: The text.
  mutating func append(_ text: String) {
    append(text.utf8.count)
    bytes.append(contentsOf: text.utf8)
  }

  /// Lends the entry's bytes.
  ///
  /// - Parameter body: Receives the bytes, valid only during the call.
  /// - Throws: What `body` throws.
  func withBytes(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    try bytes.withUnsafeBytes(body)
  }
}

/// Reads a sort entry's payload written by an ``EntryWriter``, in the order it was written.
///
/// Entries never leave the process (the scratch file has no name) and the sort hands over
/// only whole entries (a failed read throws), so an entry that does not read back is a bug
/// here, and stops the program.
private struct EntryReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  /// Starts reading an entry.
  ///
  /// - Parameter bytes: The payload, valid while the reader is used.
  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Reads an integer.
  ///
  /// - Returns: The integer.
  mutating func integer() -> Int {
    precondition(offset + 8 <= bytes.count, "a sort entry ends early")
    let value = bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)
    offset += 8
    return Int(Int64(littleEndian: value))
  }

  /// Reads a text.
  ///
  /// - Returns: The text.
  mutating func text() -> String {
    let count = integer()
    precondition(count >= 0 && offset + count <= bytes.count, "a sort entry ends early")
    let text = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]),
      as: UTF8.self
    )
    offset += count
    return text
  }
}
