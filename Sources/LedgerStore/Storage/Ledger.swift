import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How a ledger gets the time, what boot it runs in, and its limits.
///
/// Libraries never read the clock or the system themselves; the command line passes
/// them in, tests pass fixed ones.
public struct LedgerConfiguration: Sendable {
  /// The clock that stamps `recorded`.
  public var clock: any LedgerClock
  /// An identifier of the running system boot, to tell a crash during a commit from
  /// tampering.
  ///
  /// On Linux, `/proc/sys/kernel/random/boot_id`. `nil` when unknown: then a log shorter
  /// than its checkpoint is always an integrity failure.
  public var bootID: String?
  /// How long to wait for another process's lock before giving up.
  public var lockTimeoutMilliseconds: Int
  /// The size at which a new segment file is started.
  public var segmentLimit: Int
  /// How an append is made durable.
  public var durability: Durability
  /// A directory where readings that sort more than fits in memory (histories, audits,
  /// narratives of long periods) may spill, in nameless files that vanish when done; `nil`
  /// keeps those sorts in memory (see ``ExternalSort``).
  public var scratchDirectory: String?
  /// The memory budget of each run of those sorts (``ExternalSort/runBytes``).
  public var sortRunBytes: Int = ExternalSort.defaultRunBytes
  /// Whether to open for reading only.
  ///
  /// No lock is taken and nothing is written (no recovery that writes, no index: roots and
  /// proofs read the log into a nameless file in ``scratchDirectory``); appends are
  /// refused with ``LedgerStoreError/readOnly(path:)``. A ledger this process cannot write
  /// (a read-only copy, mount or owner) opens so whatever this says.
  public var readOnly = false

  /// How an append is made durable before it returns.
  public enum Durability: Sendable {
    /// One device flush, and nothing else on the file system flushed with it: the new
    /// checkpoint is overwritten in place in its slot and written out to the device
    /// (`sync_file_range(2)`, which waits for the device but does not flush its cache),
    /// then the log is `fdatasync`ed, whose flush makes both durable.
    ///
    /// The checkpoint may then reach the disk before the lines it records; a power cut
    /// between the two leaves a checkpoint ahead of the log, which recovery tells from
    /// tampering by the boot id and rolls back to the previous checkpoint (the append
    /// never reported success). So an append uses it only when the boot id is known, the
    /// append stays in one segment, and the ledger's file system overwrites in place
    /// (ext2, ext3, ext4: a copy-on-write file system needs metadata to make an overwrite
    /// durable, which only a sync of the checkpoint itself writes); otherwise it makes the
    /// append durable as ``syncEachFile`` does.
    case singleFlush
    /// `fsync` the log, then write and `fsync` the checkpoint: two flushes, and the
    /// checkpoint never reaches the disk before the lines.
    case syncEachFile
  }

  /// Makes a configuration.
  ///
  /// - Parameters:
  ///   - clock: The clock that stamps `recorded`.
  ///   - bootID: The running boot's identifier, if known.
  ///   - lockTimeoutMilliseconds: How long to wait for the lock.
  ///   - segmentLimit: The segment size at which a new segment starts.
  ///   - durability: How an append is made durable.
  ///   - scratchDirectory: Where large sorts may spill, or `nil` to keep them in memory.
  public init(
    clock: any LedgerClock,
    bootID: String? = nil,
    lockTimeoutMilliseconds: Int = 10_000,
    segmentLimit: Int = 64 << 20,
    durability: Durability = .singleFlush,
    scratchDirectory: String? = nil
  ) {
    self.clock = clock
    self.bootID = bootID
    self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
    self.segmentLimit = segmentLimit
    self.durability = durability
    self.scratchDirectory = scratchDirectory
  }
}

/// What the caller expects of the ledger before an append; unmet, the append is refused.
public struct AppendExpectation: Hashable, Sendable {
  /// The tree size the caller last saw.
  public var size: Int?
  /// For each stream, the number of events the caller last saw in it.
  public var streamVersions: [String: Int]

  /// Makes an expectation.
  ///
  /// - Parameters:
  ///   - size: The expected tree size, if any.
  ///   - streamVersions: The expected version of each stream named.
  public init(size: Int? = nil, streamVersions: [String: Int] = [:]) {
    self.size = size
    self.streamVersions = streamVersions
  }
}

/// What an append did.
public struct AppendReceipt: Hashable, Sendable {
  /// The seq of each event given, in order; for an `id` already in the log, the seq of the
  /// original event.
  public let seqs: AppendedSeqs
  /// The number of events written (those whose id was new or absent).
  public let appended: Int
  /// The tree head after the append.
  public let head: TreeHead
  /// The `recorded` stamped on the written events, when any were written.
  public let recorded: LedgerTimestamp?
}

/// Something the ledger did on open that a person should know about.
public enum LedgerWarning: Hashable, Sendable, CustomStringConvertible {
  /// Bytes after the committed log (a torn line, or an append that did not complete)
  /// were moved to a quarantine file.
  case quarantined(file: String, byteOffset: Int, length: Int, to: String, afterSeq: Int)
  /// The last append did not reach the disk before a restart; the checkpoint was rolled
  /// back to the one before it.
  case rolledBack(from: Int, to: Int)
  /// The derived index did not match the log and was rebuilt.
  case indexRebuilt(size: Int)
  /// The log is damaged; reads go on over the whole events it holds and appends are
  /// refused until a person resolves it.
  case damaged(LedgerStoreError)

  /// The message for the user.
  public var description: String {
    switch self {
    case .quarantined(let file, let byteOffset, let length, let to, let afterSeq):
      return
        "\(file): \(length) bytes at byte \(byteOffset) after seq \(afterSeq) were not a "
        + "committed event (a torn line or an interrupted append); moved to \(to)"
    case .rolledBack(let from, let to):
      return
        "the append of seq \(to + 1)–\(from) did not reach the disk before a restart; "
        + "the log goes on from seq \(to)"
    case .indexRebuilt(let size):
      return "the index did not match the log; rebuilt it from \(size) events"
    case .damaged(let error):
      return "\(error); reading the whole events only, appends refused"
    }
  }
}

/// An open ledger directory: append-only, hash-chained, with a durable checkpoint.
///
/// One instance per directory per process is enough; it is safe to use from several
/// threads, and several processes may append at once (each append holds an exclusive
/// lock on `ledger.lock` across processes).
public final class Ledger: Sendable {
  /// The ledger directory.
  public let path: String
  /// Warnings from opening the ledger (quarantine, rollback, index rebuild, damage).
  public let warnings: [LedgerWarning]

  let configuration: LedgerConfiguration
  private let state: Mutex<State>

  static let checkpointName = "checkpoint"
  static let lockName = "ledger.lock"
  static let indexName = "index"
  static let quarantineName = "quarantine"
  static let firstSegment = "0001.jsonl"

  struct State: ~Copyable {
    var checkpoint: Checkpoint
    var index: LedgerIndex?
    /// Set when the log is shorter than its checkpoint: what reads can still see.
    var damage: (error: LedgerStoreError, extent: SegmentReader.Extent, size: Int)?
    let lockFile: FileDescriptor?
    let checkpointFile: FileDescriptor?
    /// The open segment appends go to, kept between appends.
    var segmentFile: FileDescriptor?
    /// Whether the checkpoint file has both its slots and lies on a file system that
    /// overwrites in place: the condition for ``LedgerConfiguration/Durability/singleFlush``.
    var checkpointOverwritesInPlace = false
    /// The checkpoint file's bytes as this instance last read or wrote them, and the
    /// checkpoint they hold: an append that reads the same bytes need not parse them.
    var checkpointCache: (bytes: [UInt8], checkpoint: Checkpoint)?
    /// Whether an ``Ledger/exclusively(_:)`` body holds the cross-process lock.
    var holdsWriterLock = false
  }

  private init(
    path: String,
    configuration: LedgerConfiguration,
    state: consuming State,
    warnings: [LedgerWarning]
  ) {
    self.path = path
    self.configuration = configuration
    self.state = Mutex(state)
    self.warnings = warnings
  }

  deinit {
    state.withLock { state in
      state.index?.close()
      state.segmentFile?.close()
      state.lockFile?.close()
      state.checkpointFile?.close()
    }
  }

  // MARK: Creating and opening

  /// Creates an empty ledger in `path`, making the directory if needed.
  ///
  /// - Parameters:
  ///   - path: The ledger directory; it may exist but must not hold a ledger.
  ///   - configuration: Clock, boot and limits.
  /// - Returns: The open, empty ledger.
  /// - Throws: ``LedgerStoreError/ledgerExists(path:)``, or an I/O error.
  public static func create(
    at path: String,
    configuration: LedgerConfiguration
  ) throws
    -> Ledger
  {
    try FileSystem.makeDirectory(path)
    let names = try FileSystem.names(in: path)
    if FileSystem.exists(path + "/" + checkpointName)
      || names.contains(where: { $0.hasSuffix(".jsonl") })
    {
      throw LedgerStoreError.ledgerExists(path: path)
    }
    let segment = try FileDescriptor.open(
      path + "/" + firstSegment,
      O_WRONLY | O_CREAT | O_EXCL
    )
    try segment.sync()
    segment.close()
    let empty = Checkpoint(
      generation: 0,
      size: 0,
      root: MerkleFrontier().root,
      last: .zero,
      recorded: nil,
      segment: firstSegment,
      end: 0,
      boot: configuration.bootID
    )
    var bytes = empty.slotBytes
    bytes += [UInt8](repeating: 0, count: Checkpoint.slotSize)
    let file = try FileDescriptor.open(path + "/" + checkpointName, O_WRONLY | O_CREAT | O_EXCL)
    defer { file.close() }
    try file.write(bytes, at: 0)
    try file.sync()
    try FileSystem.syncDirectory(path)
    try FileSystem.syncDirectory(path + "/..")
    return try open(at: path, configuration: configuration)
  }

  /// Takes back a ledger just made by ``create(at:configuration:)`` that holds no event.
  ///
  /// Its files go, then its directory if nothing else is in it: for a command that makes a
  /// ledger and then refuses what it was to record, so that it leaves no ledger behind.
  ///
  /// - Parameter path: The ledger directory.
  /// - Throws: ``LedgerStoreError/ledgerExists(path:)`` when it holds an event (nothing is
  ///   removed), or an I/O error.
  public static func removeEmpty(at path: String) throws {
    guard let bytes = try FileSystem.contents(of: path + "/" + checkpointName),
      let checkpoint = Checkpoint.read(from: bytes)?.current, checkpoint.size == 0
    else { throw LedgerStoreError.ledgerExists(path: path) }
    let segments = try FileSystem.names(in: path).filter { $0.hasSuffix(".jsonl") }
    for name in segments {
      let file = try FileDescriptor.open(path + "/" + name, O_RDONLY)
      defer { file.close() }
      guard try file.size() == 0 else { throw LedgerStoreError.ledgerExists(path: path) }
    }
    let index = path + "/" + indexName
    if FileSystem.exists(index) {
      for name in try FileSystem.names(in: index) { try FileSystem.remove(index + "/" + name) }
      try FileSystem.removeDirectory(index)
    }
    for name in segments + [checkpointName, lockName] {
      try FileSystem.remove(path + "/" + name)
    }
    if try FileSystem.names(in: path).isEmpty { try FileSystem.removeDirectory(path) }
  }

  /// Opens an existing ledger, recovering from an interrupted append if there was one.
  ///
  /// Bytes after the committed log (a torn last line, or whole lines of an append whose
  /// checkpoint never became durable) are moved to `quarantine/` with a warning. A log
  /// shorter than its checkpoint is damage: reads go on over its whole events, with a
  /// warning, and appends are refused.
  ///
  /// - Parameters:
  ///   - path: The ledger directory.
  ///   - configuration: Clock, boot and limits.
  /// - Returns: The open ledger; see ``warnings``.
  /// - Throws: ``LedgerStoreError/notALedger(path:)``,
  ///   ``LedgerStoreError/checkpointUnreadable(file:)``, or an I/O or lock error.
  public static func open(at path: String, configuration: LedgerConfiguration) throws -> Ledger {
    guard FileSystem.exists(path + "/" + checkpointName) else {
      throw LedgerStoreError.notALedger(path: path)
    }
    // A ledger this process may not write (a read-only copy, mount or owner) opens for
    // reading: no lock, no recovery that writes, appends refused.
    var checkpointFile: FileDescriptor?
    if !configuration.readOnly {
      do {
        checkpointFile = try FileDescriptor.openIfPresent(path + "/" + checkpointName, O_RDWR)
      } catch LedgerStoreError.io(_, _, let code) where [EACCES, EPERM, EROFS].contains(code) {
        checkpointFile = nil
      }
    }
    let lockFile =
      configuration.readOnly
      ? nil : try? FileDescriptor.open(path + "/" + lockName, O_RDWR | O_CREAT)
    var warnings: [LedgerWarning] = []
    let writable = checkpointFile != nil && lockFile != nil
    let readOnlyCheckpoint =
      writable ? nil : try FileDescriptor.open(path + "/" + checkpointName, O_RDONLY)
    let checkpointReader = checkpointFile ?? readOnlyCheckpoint
    guard let checkpointReader else { throw LedgerStoreError.notALedger(path: path) }
    defer { readOnlyCheckpoint?.close() }

    if let lockFile {
      guard lockFile.lockExclusively(timeoutMilliseconds: configuration.lockTimeoutMilliseconds)
      else {
        throw LedgerStoreError.lockTimeout(
          file: lockFile.path,
          seconds: configuration.lockTimeoutMilliseconds / 1000
        )
      }
    }
    defer { lockFile?.unlock() }

    var state = State(
      checkpoint: try readCheckpoint(checkpointReader),
      index: nil,
      damage: nil,
      lockFile: lockFile,
      checkpointFile: checkpointFile,
      segmentFile: nil
    )
    if let checkpointFile {
      state.checkpointOverwritesInPlace =
        try checkpointFile.size() >= 2 * Checkpoint.slotSize && checkpointFile.overwritesInPlace
    }
    let recovery = Recovery(
      path: path,
      configuration: configuration,
      checkpointFile: checkpointFile
    )
    try recovery.recover(&state, writable: writable, warnings: &warnings)
    return Ledger(path: path, configuration: configuration, state: state, warnings: warnings)
  }

  /// How appends to this ledger are made durable.
  ///
  /// The configured ``LedgerConfiguration/Durability/singleFlush`` where it can serve (the
  /// boot id is known and the checkpoint file lies on a file system that overwrites in
  /// place), else ``LedgerConfiguration/Durability/syncEachFile``. An append that starts a
  /// new segment syncs each file whatever this says.
  public var durability: LedgerConfiguration.Durability {
    state.withLock { state in lockedDurability(state) }
  }

  /// Starts a sort that spills to the configured scratch directory, if any (see
  /// ``LedgerConfiguration/scratchDirectory``).
  ///
  /// - Returns: An empty sort.
  public func externalSort() -> ExternalSort {
    ExternalSort(
      scratchDirectory: configuration.scratchDirectory,
      runBytes: configuration.sortRunBytes
    )
  }

  func lockedDurability(_ state: borrowing State) -> LedgerConfiguration.Durability {
    configuration.durability == .singleFlush && configuration.bootID != nil
      && state.checkpointOverwritesInPlace ? .singleFlush : .syncEachFile
  }

  static func readCheckpoint(_ file: FileDescriptor) throws -> Checkpoint {
    try checkpoint(in: try file.read(count: 2 * Checkpoint.slotSize, at: 0), file: file)
  }

  /// The current checkpoint in the bytes of a checkpoint file.
  private static func checkpoint(in bytes: [UInt8], file: FileDescriptor) throws -> Checkpoint {
    guard let slots = Checkpoint.read(from: bytes) else {
      throw LedgerStoreError.checkpointUnreadable(file: file.path)
    }
    return slots.current
  }

  // MARK: Reading

  /// The head of the committed log (as of the last open or append by this instance, or
  /// ``refresh()``).
  public var head: TreeHead {
    state.withLock { state in
      if let damage = state.damage {
        return TreeHead(size: damage.size, root: state.checkpoint.root)
      }
      return state.checkpoint.head
    }
  }

  /// The number of committed events readable now.
  public var size: Int {
    state.withLock { state in state.damage?.size ?? state.checkpoint.size }
  }

  /// The `recorded` of the last committed event, if any.
  public var lastRecorded: LedgerTimestamp? {
    state.withLock { state in state.checkpoint.recorded }
  }

  /// The integrity failure found on open, if the log is damaged.
  public var damage: LedgerStoreError? {
    state.withLock { state in state.damage?.error }
  }

  /// Re-reads the checkpoint, to see events other processes appended since.
  ///
  /// - Throws: An I/O error, or ``LedgerStoreError/checkpointUnreadable(file:)``.
  public func refresh() throws {
    try state.withLock { (state) throws in
      guard state.damage == nil, let file = state.checkpointFile else { return }
      let checkpoint = try Self.readCheckpoint(file)
      if checkpoint != state.checkpoint {
        state.checkpoint = checkpoint
        try lockedCatchUpIndex(&state)
      }
    }
  }

  /// Calls `body` with each committed line in `seqs` (or all), in order, in constant
  /// memory.
  ///
  /// - Parameters:
  ///   - seqs: The seqs to read; `nil` for all.
  ///   - body: Receives each line; return `false` to stop early.
  /// - Throws: ``LedgerStoreError/seqOutOfRange(seq:size:)``, an I/O error, or what
  ///   `body` throws.
  public func forEachLine(
    seqs: ClosedRange<Int>? = nil,
    _ body: (EventLine) throws -> Bool
  ) throws {
    let (extent, planned, last) = try state.withLock { (state) throws in
      try readPlan(state, seqs: seqs)
    }
    guard let start = planned else { return }
    let first = seqs?.lowerBound ?? 1
    let reader = SegmentReader(directory: path)
    // A start the index gave is checked on its first line before anything is passed on.
    var unchecked = start.seq > 1
    var misplaced = false
    try reader.forEachLine(extent: extent, from: start) { line in
      if unchecked {
        unchecked = false
        if (try? EventLineFields(line.bytes))?.seq != line.seq {
          misplaced = true
          return false
        }
      }
      if line.seq < first { return true }
      if line.seq > last { return false }
      try Self.checkVersion(line)
      return try body(line)
    }
    guard misplaced else { return }
    // The index sent us to the wrong place, so it is damaged: rebuild it (a reader need not
    // be able to) and read from the start meanwhile.
    try? rebuildIndex()
    try reader.forEachLine(extent: extent) { line in
      if line.seq < first { return true }
      if line.seq > last { return false }
      try Self.checkVersion(line)
      return try body(line)
    }
  }

  /// The tail every version-1 line ends with: `v` is the last member in canonical order.
  private static let versionOneTail = Array(#""v":1}"#.utf8)

  /// Refuses a line written by a newer format version, rather than let a reader guess at it.
  ///
  /// Constant time for a version-1 line, whose last member is `"v":1`; any other tail is read
  /// in full. A line that does not parse is left to the caller, which names its problem.
  ///
  /// - Parameter line: The line about to be passed on.
  /// - Throws: ``LedgerStoreError/newerFormat(file:seq:byteOffset:version:)``.
  static func checkVersion(_ line: EventLine) throws(LedgerStoreError) {
    let tail = versionOneTail.count
    if line.bytes.count >= tail,
      UnsafeRawBufferPointer(rebasing: line.bytes[(line.bytes.count - tail)...])
        .elementsEqual(versionOneTail)
    {
      return
    }
    guard let version = (try? EventLineFields(line.bytes))?.version, version > 1 else { return }
    throw .newerFormat(
      file: line.file,
      seq: line.seq,
      byteOffset: line.byteOffset,
      version: version
    )
  }

  /// What to read: the extent, where to start (the segment, offset and seq of the first line
  /// to read, or of line 1 when the index cannot say), and the last seq.
  private func readPlan(
    _ state: borrowing State,
    seqs: ClosedRange<Int>?
  ) throws -> (
    SegmentReader.Extent, (segment: Int, offset: Int, seq: Int)?, Int
  ) {
    let size = state.damage?.size ?? state.checkpoint.size
    let extent =
      state.damage?.extent
      ?? SegmentReader.Extent(
        segments: state.index?.segments ?? [state.checkpoint.segment],
        end: state.checkpoint.end
      )
    let range = seqs ?? 1...max(size, 1)
    if size == 0 { return (extent, nil, 0) }
    guard range.lowerBound >= 1, range.lowerBound <= size else {
      throw LedgerStoreError.seqOutOfRange(seq: range.lowerBound, size: size)
    }
    var start: (segment: Int, offset: Int, seq: Int) = (0, 0, 1)
    if range.lowerBound > 1, state.damage == nil, let index = state.index,
      let position = try? index.position(ofSeq: range.lowerBound),
      let ordinal = extent.segments.firstIndex(of: position.segment)
    {
      start = (ordinal, position.offset, range.lowerBound)
    }
    return (extent, start, min(range.upperBound, size))
  }

  /// The stored line of one event, without its newline.
  ///
  /// - Parameter seq: The event's position.
  /// - Returns: The line's bytes.
  /// - Throws: ``LedgerStoreError/seqOutOfRange(seq:size:)`` or an I/O error.
  public func line(seq: Int) throws -> [UInt8] {
    var result: [UInt8]?
    try forEachLine(seqs: seq...seq) { line in
      result = Array(line.bytes)
      return false
    }
    guard let result else { throw LedgerStoreError.seqOutOfRange(seq: seq, size: size) }
    return result
  }

  /// The number of events recorded at or before `time`: the size of the log as it stood
  /// then.
  ///
  /// `recorded` never goes backwards along the log (an append stamps no earlier than the
  /// last event, and `verify` checks it), so the events recorded by a time are a prefix of
  /// the log, found by a binary search that reads about log₂ of the size lines.
  ///
  /// - Parameter time: The time.
  /// - Returns: The size, from 0 (nothing recorded by then) to the committed size.
  /// - Throws: `EventLineError.wrongType` when a line's `recorded` does not parse, or an
  ///   I/O or integrity error.
  public func size(recordedBy time: LedgerTimestamp) throws -> Int {
    // Seq `known` was recorded by `time` (or is 0); every seq after `unknown` was not.
    var known = 0
    var unknown = size
    while known < unknown {
      let middle = known + (unknown - known + 1) / 2
      let line = try line(seq: middle)
      guard let recorded = try line.withUnsafeBytes({ try EventLineFields($0).recorded }) else {
        throw EventLineError.wrongType(member: "recorded", expected: "a timestamp")
      }
      if recorded <= time { known = middle } else { unknown = middle - 1 }
    }
    return known
  }

  // MARK: Tree heads and proofs

  /// The tree head of the first `size` events, computed from the leaf hashes; with `nil`,
  /// the committed head.
  ///
  /// The committed head is the durable checkpoint's, which opening the ledger checked
  /// against the log's last line and the index's frontier: it is answered at once. A size,
  /// even the current one, computes the root over the index's leaf hashes (and checks the
  /// index against the checkpoint on the way, rebuilding it from the log if it is wrong).
  ///
  /// - Parameter size: The tree size, at most the ledger's; `nil` for the committed head.
  /// - Returns: The tree head.
  /// - Throws: ``MerkleProofError/sizeOutOfRange(size:available:)``, the integrity error of
  ///   a ledger damaged since it was opened, or one when the index does not agree with the
  ///   checkpoint.
  public func head(size: Int?) throws -> TreeHead {
    guard let size else {
      return try state.withLock { state in
        if let damage = state.damage { throw damage.error }
        return state.checkpoint.head
      }
    }
    return try withLeafHashes { leaves, _ in try MerkleTree.head(size: size, in: leaves) }
  }

  /// An inclusion proof for the event at `seq` in the tree of `size` events.
  ///
  /// - Parameters:
  ///   - seq: The event.
  ///   - size: The tree size (the current one when `nil`).
  /// - Returns: The proof with the leaf hash and root it proves against.
  /// - Throws: ``MerkleProofError`` when out of range, or an integrity or I/O error.
  public func inclusionProof(seq: Int, size: Int?) throws -> InclusionProof {
    try withLeafHashes { leaves, checkpoint in
      let treeSize = size ?? checkpoint.size
      let path = try MerkleTree.inclusionProof(index: seq - 1, size: treeSize, in: leaves)
      var leafHash = SHA256Digest.zero
      try leaves.forEachLeafHash(in: (seq - 1)..<seq) { leafHash = $0 }
      return InclusionProof(
        leafHash: leafHash,
        leafIndex: seq - 1,
        path: path,
        root: try MerkleTree.hash(of: 0..<treeSize, in: leaves),
        treeSize: treeSize
      )
    }
  }

  /// A consistency proof that the tree of `second` events extends that of `first`.
  ///
  /// - Parameters:
  ///   - first: The earlier size.
  ///   - second: The later size (the current one when `nil`).
  /// - Returns: The proof with both roots.
  /// - Throws: ``MerkleProofError`` when out of range, or an integrity or I/O error.
  public func consistencyProof(first: Int, second: Int?) throws -> ConsistencyProof {
    try withLeafHashes { leaves, checkpoint in
      let secondSize = second ?? checkpoint.size
      let path = try MerkleTree.consistencyProof(first: first, second: secondSize, in: leaves)
      return ConsistencyProof(
        first: first,
        firstRoot: try MerkleTree.hash(of: 0..<first, in: leaves),
        path: path,
        second: secondSize,
        secondRoot: try MerkleTree.hash(of: 0..<secondSize, in: leaves)
      )
    }
  }

  /// The leaf hashes of the committed log, read from the log into a nameless scratch file
  /// (32 bytes an event): what roots and proofs use where the ledger cannot be written and
  /// so has no index.
  private func withLeafHashesFromTheLog<Result>(
    _ checkpoint: Checkpoint,
    _ body: (IndexedLeafHashes, Checkpoint) throws -> Result
  ) throws -> Result {
    guard let directory = configuration.scratchDirectory else {
      throw LedgerStoreError.scratchUnavailable(directory: "(none configured)", errno: EINVAL)
    }
    let scratch = try ScratchFile(directory: directory)
    let segments = try FileSystem.names(in: path).filter {
      $0.hasSuffix(".jsonl") && $0 <= checkpoint.segment
    }
    var block: [UInt8] = []
    block.reserveCapacity(1 << 16)
    var written = 0
    var count = 0
    try SegmentReader(directory: path).forEachLine(
      extent: SegmentReader.Extent(segments: segments, end: checkpoint.end)
    ) { line in
      SHA256.leafHash(line.bytes).withUnsafeBytes { block.append(contentsOf: $0) }
      count += 1
      if block.count >= 1 << 16 {
        try scratch.descriptor.write(block, at: written)
        written += block.count
        block.removeAll(keepingCapacity: true)
      }
      return true
    }
    try scratch.descriptor.write(block, at: written)
    let leaves = IndexedLeafHashes(file: scratch.descriptor, count: count)
    let root = try MerkleTree.hash(of: 0..<count, in: leaves)
    guard count == checkpoint.size, root == checkpoint.root else {
      throw LedgerStoreError.checkpointMismatch(
        size: checkpoint.size,
        checkpointRoot: checkpoint.root.hex,
        logRoot: root.hex
      )
    }
    return try withExtendedLifetime(scratch) { try body(leaves, checkpoint) }
  }

  private func withLeafHashes<Result>(
    _ body: (IndexedLeafHashes, Checkpoint) throws -> Result
  ) throws -> Result {
    // A ledger open for reading only has no index of its own.
    let withoutIndex = try state.withLock { (state) throws -> Checkpoint? in
      if let damage = state.damage { throw damage.error }
      return state.index == nil ? state.checkpoint : nil
    }
    if let withoutIndex { return try withLeafHashesFromTheLog(withoutIndex, body) }
    return try state.withLock { (state) throws -> Result in
      if let damage = state.damage { throw damage.error }
      guard var index = state.index else { throw LedgerStoreError.notALedger(path: path) }
      var leaves = IndexedLeafHashes(file: index.leafHashes.file, count: state.checkpoint.size)
      var root = try? MerkleTree.hash(of: 0..<state.checkpoint.size, in: leaves)
      if root != state.checkpoint.root {
        // The log's last line was checked against the checkpoint on open and the index's
        // frontier against its root, so it is the derived leaves file that is wrong.
        try lockedRebuildIndex(&state)
        if let damage = state.damage { throw damage.error }
        guard let rebuilt = state.index else { throw LedgerStoreError.notALedger(path: path) }
        index = rebuilt
        leaves = IndexedLeafHashes(file: index.leafHashes.file, count: state.checkpoint.size)
        root = try MerkleTree.hash(of: 0..<state.checkpoint.size, in: leaves)
      }
      guard let root, root == state.checkpoint.root else {
        throw LedgerStoreError.checkpointMismatch(
          size: state.checkpoint.size,
          checkpointRoot: state.checkpoint.root.hex,
          logRoot: (root ?? SHA256Digest.zero).hex
        )
      }
      return try body(leaves, state.checkpoint)
    }
  }

  // MARK: Appending

  /// Appends events atomically: all of them become durable together, or none does.
  ///
  /// Holds the cross-process lock for the whole append; checks the expectation; skips
  /// events whose `id` is already in the log (returning the original seq); stamps
  /// `recorded` from the clock, never earlier than the last event's; writes the lines,
  /// the index and the new checkpoint, then makes the lines and the checkpoint durable as
  /// the configuration's ``LedgerConfiguration/Durability`` says before returning.
  ///
  /// - Parameters:
  ///   - drafts: The events to append, in order.
  ///   - expectation: What the caller expects of the ledger, if anything.
  /// - Returns: The receipt.
  /// - Throws: ``LedgerStoreError/invalidEvent(index:reason:)``, an expectation failure,
  ///   an integrity error if the log is damaged, or an I/O or lock error. Nothing is
  ///   written when it throws before the new checkpoint is; after that (a failed sync),
  ///   the append may or may not have been committed, and the next open says which. With
  ///   ``LedgerConfiguration/Durability/singleFlush`` the index is written after the
  ///   checkpoint, and a failure to write it does not fail the append: the index is
  ///   derived, and is rebuilt from the log by the next append or open.
  public func append(
    _ drafts: [EventDraft],
    expecting expectation: AppendExpectation? = nil
  ) throws -> AppendReceipt {
    var iterator = drafts.makeIterator()
    return try append(expecting: expectation) { iterator.next() }
  }

  /// Appends the events `next` produces until it returns `nil`, atomically, in constant
  /// memory: the way to append a batch of any size.
  ///
  /// - Parameters:
  ///   - expectation: What the caller expects of the ledger, if anything.
  ///   - next: Produces the next event, or `nil` after the last; an error it throws
  ///     cancels the whole append.
  /// - Returns: The receipt.
  /// - Throws: What ``append(_:expecting:)`` throws, and what `next` throws.
  public func append(
    expecting expectation: AppendExpectation? = nil,
    next: () throws -> EventDraft?
  ) throws -> AppendReceipt {
    try state.withLock { (state) throws -> AppendReceipt in
      if let damage = state.damage { throw damage.error }
      guard let lockFile = state.lockFile, let checkpointFile = state.checkpointFile else {
        throw LedgerStoreError.readOnly(path: path)
      }
      let locked = try takeWriterLock(state, lockFile)
      defer { if locked { lockFile.unlock() } }
      // Another process may have appended since we last looked: the file is read into
      // memory of the stack and compared with the bytes this instance last read or wrote;
      // only when they differ are they copied out and parsed.
      let (latest, unchanged) = try withUnsafeTemporaryAllocation(
        byteCount: 2 * Checkpoint.slotSize,
        alignment: 8
      ) { buffer -> (Checkpoint, Bool) in
        let fresh = UnsafeRawBufferPointer(
          rebasing: buffer[..<(try checkpointFile.read(into: buffer, at: 0))]
        )
        if let cache = state.checkpointCache,
          cache.bytes.withUnsafeBytes({ cached in
            guard cached.count == fresh.count, let old = cached.baseAddress,
              let new = fresh.baseAddress
            else { return false }
            return memcmp(old, new, fresh.count) == 0
          })
        {
          return (cache.checkpoint, true)
        }
        let bytes = Array(fresh)
        let checkpoint = try Self.checkpoint(in: bytes, file: checkpointFile)
        state.checkpointCache = (bytes, checkpoint)
        return (checkpoint, false)
      }
      if latest != state.checkpoint {
        state.checkpoint = latest
      }
      let segmentSize = try segmentFileSize(state.checkpoint.segment, cached: state.segmentFile)
      // With the checkpoint as this instance left it, no other append committed since and
      // the index is the one this instance holds. What an interrupted append of another
      // process left in the index files is overwritten, seen on the next open, or caught
      // where the index is used (roots are recomputed, positions and ids checked against
      // the log).
      let indexMatches =
        unchanged && state.index?.size == latest.size
        ? true : try lockedIndexMatches(state)
      if segmentSize != state.checkpoint.end || !indexMatches {
        // Recovery may write the checkpoint file.
        state.checkpointCache = nil
        var warnings: [LedgerWarning] = []
        try Recovery(path: path, configuration: configuration, checkpointFile: checkpointFile)
          .recover(&state, writable: true, warnings: &warnings)
        if let damage = state.damage { throw damage.error }
      }
      return try Appender(ledger: self, configuration: configuration)
        .append(next: next, expectation: expectation, state: &state)
    }
  }

  /// Runs `body` holding the cross-process writer lock, so that what it reads and then
  /// appends cannot be interleaved with another process's append: the way to check events
  /// against the log and append them as one step.
  ///
  /// The lock is taken and released under the instance's own lock, so appends from other
  /// threads of this process either finish before it is taken or run while it is held.
  /// Appends inside `body` do not take it again. A call while the lock is already held by
  /// this instance (nested, or from another thread) runs `body` without waiting: appends
  /// that carry an expectation stay correct either way.
  ///
  /// - Parameter body: The reads and appends to run.
  /// - Returns: What `body` returns.
  /// - Throws: ``LedgerStoreError/lockTimeout(file:seconds:)``, an integrity or I/O error,
  ///   or what `body` throws.
  public func exclusively<T>(_ body: () throws -> T) throws -> T {
    let acquired = try state.withLock { (state) throws -> Bool in
      if let damage = state.damage { throw damage.error }
      guard let lockFile = state.lockFile else {
        throw LedgerStoreError.readOnly(path: path)
      }
      if state.holdsWriterLock { return false }
      try lock(lockFile)
      state.holdsWriterLock = true
      return true
    }
    defer {
      if acquired {
        state.withLock { state in
          state.holdsWriterLock = false
          state.lockFile?.unlock()
        }
      }
    }
    return try body()
  }

  /// Takes the cross-process lock, unless an ``exclusively(_:)`` body of this instance holds
  /// it already (it is released when that body ends, not by the caller).
  ///
  /// Every lock taken while the instance is open goes through here: an unlock by a nested
  /// step would otherwise let another process in halfway through an `exclusively` body.
  ///
  /// - Returns: Whether the lock was taken here, so the caller must release it.
  private func takeWriterLock(
    _ state: borrowing State,
    _ lockFile: FileDescriptor
  ) throws(LedgerStoreError) -> Bool {
    if state.holdsWriterLock { return false }
    try lock(lockFile)
    return true
  }

  /// Takes the cross-process lock or throws after the configured wait.
  private func lock(_ lockFile: FileDescriptor) throws(LedgerStoreError) {
    guard lockFile.lockExclusively(timeoutMilliseconds: configuration.lockTimeoutMilliseconds)
    else {
      throw .lockTimeout(
        file: lockFile.path,
        seconds: configuration.lockTimeoutMilliseconds / 1000
      )
    }
  }

  /// The seq of the event appended with a client `id`, if there is one.
  ///
  /// - Parameter id: The client id.
  /// - Returns: Its seq, or `nil`.
  /// - Throws: An I/O error.
  public func seq(forID id: String) throws -> Int? {
    let (index, size) = state.withLock { state in (state.index, state.checkpoint.size) }
    if let index, damage == nil {
      return try seq(forID: id, candidates: index.candidateSeqs(forID: id), size: size)
    }
    return try seqByReading(forID: id)
  }

  /// Looks up many client ids against the log as it is now, as ``seq(forID:)`` does each.
  ///
  /// The index's ids are read once into a table, so that each lookup is a binary search
  /// and a read of the lines it points to. For a check of many events under the writer
  /// lock (``exclusively(_:)``), where the ids cannot change.
  public struct ClientIDs: Sendable {
    let ledger: Ledger
    let table: LedgerIndex.IDTable?
    let size: Int

    /// The seq of the event appended with a client `id`, if there is one.
    ///
    /// - Parameter id: The client id.
    /// - Returns: Its seq, or `nil`.
    /// - Throws: An I/O error.
    public func seq(forID id: String) throws -> Int? {
      guard let table else { return try ledger.seqByReading(forID: id) }
      return try ledger.seq(forID: id, candidates: table.candidateSeqs(forID: id), size: size)
    }
  }

  /// The client ids of the log as it is now, for many lookups.
  ///
  /// - Returns: The lookups.
  /// - Throws: An I/O error.
  public func clientIDs() throws -> ClientIDs {
    let (index, size) = state.withLock { state in (state.index, state.checkpoint.size) }
    guard let index, damage == nil else { return ClientIDs(ledger: self, table: nil, size: size) }
    return ClientIDs(ledger: self, table: try index.idTable(), size: size)
  }

  /// The first of `candidates` (up to `size`) whose line carries `id`.
  private func seq(forID id: String, candidates: [Int], size: Int) throws -> Int? {
    for seq in candidates where seq <= size {
      let bytes = try line(seq: seq)
      if bytes.withUnsafeBytes({ (try? EventLineFields($0))?.clientID == id }) {
        return seq
      }
    }
    return nil
  }

  /// The seq of the event with `id`, read from the log without the index.
  private func seqByReading(forID id: String) throws -> Int? {
    var found: Int?
    try forEachLine { line in
      if (try? EventLineFields(line.bytes))?.clientID == id { found = line.seq }
      return found == nil
    }
    return found
  }

  /// Rebuilds the derived index from the log, after a read found it wrong.
  ///
  /// - Throws: A lock or I/O error.
  private func rebuildIndex() throws {
    try state.withLock { (state) throws in
      if state.damage == nil { try lockedRebuildIndex(&state) }
    }
  }

  /// Forgets the index and rebuilds it from the log under the lock, against the checkpoint
  /// as it is now.
  private func lockedRebuildIndex(_ state: inout State) throws {
    guard var index = state.index, let lockFile = state.lockFile,
      let checkpointFile = state.checkpointFile
    else { return }
    let locked = try takeWriterLock(state, lockFile)
    defer { if locked { lockFile.unlock() } }
    state.checkpoint = try Self.readCheckpoint(checkpointFile)
    try index.reset()
    try index.saveState()
    state.index = index
    var warnings: [LedgerWarning] = []
    try Recovery(path: path, configuration: configuration, checkpointFile: checkpointFile)
      .recover(&state, writable: true, warnings: &warnings)
  }

  /// The number of events in `stream` now.
  ///
  /// - Parameter stream: The stream, such as `action/7.3`.
  /// - Returns: Its version: 0 when it has no events.
  /// - Throws: An I/O error.
  public func streamVersion(_ stream: String) throws -> Int {
    var count = 0
    try forEachLine { line in
      if try EventLineFields(line.bytes).stream == stream { count += 1 }
      return true
    }
    return count
  }

  private func segmentFileSize(_ name: String, cached: FileDescriptor?) throws -> Int {
    if let cached, cached.isFile(named: name, in: path) { return try cached.size() }
    guard let file = try FileDescriptor.openIfPresent(path + "/" + name, O_RDONLY) else {
      return -1
    }
    defer { file.close() }
    return try file.size()
  }

  private func lockedIndexMatches(_ state: borrowing State) throws -> Bool {
    guard let index = state.index else { return false }
    return try index.matches(state.checkpoint)
  }

  private func lockedCatchUpIndex(_ state: inout State) throws {
    if try lockedIndexMatches(state) { return }
    guard let lockFile = state.lockFile, let checkpointFile = state.checkpointFile,
      let locked = try? takeWriterLock(state, lockFile)
    else { return }
    defer { if locked { lockFile.unlock() } }
    // Another process may have committed an append between our read of the checkpoint and
    // the lock; recovering against the older one would quarantine its committed lines.
    state.checkpoint = try Self.readCheckpoint(checkpointFile)
    var warnings: [LedgerWarning] = []
    try Recovery(path: path, configuration: configuration, checkpointFile: state.checkpointFile)
      .recover(&state, writable: true, warnings: &warnings)
  }
}
