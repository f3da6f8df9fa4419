#if canImport(Glibc)
import Glibc
#endif

/// The ledger's derived index: per event its leaf hash and position, plus client ids.
///
/// Everything here can be rebuilt from the log and is never the source of truth: on
/// open it is checked against the checkpoint (size, root, frontier) and rebuilt when it
/// does not match. Files, in `index/` beside the log:
///
/// - `leaves`: the 32-byte leaf hash of each event, in `seq` order (32 MB per million
///   events), read in blocks for roots and proofs;
/// - `offsets`: per event, 8 bytes little-endian: the segment's ordinal in the high 24
///   bits and the byte offset of the line in the low 40;
/// - `ids`: 16 bytes per event that has a client `id`: the first 8 bytes of SHA-256 of
///   the id, then its seq, both little-endian;
/// - `state`: the JSON `{"changed":[…],"ids":BYTES,"peaks":[…],"root":…,"segments":[…],
///   "size":N}` the files above describe (`ids` is the length of the ids file, so a lost or
///   cut ids file is seen; `changed` is each segment's change time, its ctime in
///   nanoseconds as a decimal string, when the log was last read in full), padded with
///   spaces to a multiple of 4,096 bytes.
///
/// The change times are a tripwire for edits made behind the ledger's back. Every append
/// writes its lines, then the checkpoint, so a segment changed only by appends has a ctime
/// no later than the checkpoint's; one that is later was changed by something else (an
/// editor, a restore, a copy) unless it is the time recorded when the log was last read in
/// full. The next open then reads the whole log again to rebuild the index, which finds any
/// changed line (its leaf hash, and so the Merkle root, no longer matches the checkpoint)
/// and refuses appends. A ctime cannot be set back by any user-level call. Appends never ask
/// for a file's times (asking makes the next write update them at fine grain, which costs an
/// append about 5 %): only an open does. A change made within the same clock tick as the
/// ledger's own last write, or followed by a change to the checkpoint file, can go unseen
/// here; `verify`, which trusts nothing of the index, still finds it.
struct LedgerIndex {
  let directory: String
  private(set) var size: Int
  private(set) var frontier: MerkleFrontier
  /// The segment file names, in log order, that the offsets refer to.
  private(set) var segments: [String]
  /// Each segment's change time (ctime, nanoseconds) as PlanLedger last left it, in the
  /// order of ``segments``; 0 where unknown.
  private(set) var changed: [Int64] = []

  private let leaves: FileDescriptor
  private let offsets: FileDescriptor
  private let ids: FileDescriptor
  private let stateFile: FileDescriptor
  private var pendingLeaves: [UInt8] = []
  private var pendingOffsets: [UInt8] = []
  private var pendingIDs: [UInt8] = []

  static let offsetBits = 40

  init(directory: String) throws {
    self.directory = directory
    try FileSystem.makeDirectory(directory)
    leaves = try FileDescriptor.open(directory + "/leaves", O_RDWR | O_CREAT)
    offsets = try FileDescriptor.open(directory + "/offsets", O_RDWR | O_CREAT)
    ids = try FileDescriptor.open(directory + "/ids", O_RDWR | O_CREAT)
    stateFile = try FileDescriptor.open(directory + "/state", O_RDWR | O_CREAT)
    size = 0
    frontier = MerkleFrontier()
    segments = []
    stateLength = try stateFile.size()
    if let loaded = Self.decodeState(try stateFile.read(count: stateLength, at: 0)) {
      (size, frontier, segments, idsSize, changed) = loaded
    }
    idsEnd = idsSize
  }

  func close() {
    leaves.close()
    offsets.close()
    ids.close()
    stateFile.close()
  }

  /// Whether the index describes exactly the committed log of `checkpoint`.
  func matches(_ checkpoint: Checkpoint) throws -> Bool {
    let leavesSize = try leaves.size()
    let offsetsSize = try offsets.size()
    let idsFileSize = try ids.size()
    return size == checkpoint.size && frontier.size == checkpoint.size
      && frontier.root == checkpoint.root
      && (segments.last.map { $0 == checkpoint.segment } ?? (checkpoint.size == 0))
      && leavesSize == size * 32 && offsetsSize == size * 8 && idsFileSize == idsSize
  }

  /// Re-reads `state`, for when another instance (or process) has appended since this one
  /// read it: ``matches(_:)`` then says whether the files on disk describe the log.
  mutating func reload() throws {
    pendingLeaves.removeAll()
    pendingOffsets.removeAll()
    pendingIDs.removeAll()
    stateLength = try stateFile.size()
    if let loaded = Self.decodeState(try stateFile.read(count: stateLength, at: 0)) {
      (size, frontier, segments, idsSize, changed) = loaded
    }
    idsEnd = idsSize
  }

  /// Records a segment's change time as the full read of the log found it (see the type's
  /// notes); ``saveState(root:)`` writes it.
  mutating func noteChange(of segment: String, _ time: Int64) {
    guard let position = segments.lastIndex(of: segment) else { return }
    if changed.count < segments.count {
      changed += repeatElement(0, count: segments.count - changed.count)
    }
    changed[position] = time
  }

  /// Whether nothing but the ledger's own appends has changed the segments since the log
  /// was last read in full: each segment's change time is no later than the checkpoint's,
  /// or is the one that read found.
  func changesAreAppends(_ times: [Int64], checkpoint: Int64) -> Bool {
    times.enumerated().allSatisfy { position, time in
      time <= checkpoint || (position < changed.count && changed[position] == time)
    }
  }

  /// Forgets everything, ready for a rebuild.
  mutating func reset() throws {
    try leaves.truncate(to: 0)
    try offsets.truncate(to: 0)
    try ids.truncate(to: 0)
    idsSize = 0
    idsEnd = 0
    pendingLeaves.removeAll()
    pendingOffsets.removeAll()
    pendingIDs.removeAll()
    size = 0
    frontier = MerkleFrontier()
    segments = []
    changed = []
  }

  /// Adds one event's entries to the write buffers; ``flush()`` writes them.
  mutating func add(
    leafHash: SHA256Digest,
    segment: String,
    offset: Int,
    id: String?
  ) throws {
    if segments.last != segment { segments.append(segment) }
    let position = UInt64(segments.count - 1) << UInt64(Self.offsetBits) | UInt64(offset)
    leafHash.withUnsafeBytes { pendingLeaves.append(contentsOf: $0) }
    withUnsafeBytes(of: position.littleEndian) { pendingOffsets.append(contentsOf: $0) }
    size += 1
    frontier.append(leafHash)
    if let id {
      withUnsafeBytes(of: Self.idKey(id).littleEndian) { pendingIDs.append(contentsOf: $0) }
      withUnsafeBytes(of: UInt64(size).littleEndian) { pendingIDs.append(contentsOf: $0) }
    }
    if pendingLeaves.count >= 1 << 20 { try flush() }
  }

  /// Writes the buffered entries to the index files.
  mutating func flush() throws {
    let flushedSize = size - pendingOffsets.count / 8
    try leaves.write(pendingLeaves, at: flushedSize * 32)
    try offsets.write(pendingOffsets, at: flushedSize * 8)
    if !pendingIDs.isEmpty {
      try ids.write(pendingIDs, at: idsEnd)
      idsEnd += pendingIDs.count
    }
    pendingLeaves.removeAll(keepingCapacity: true)
    pendingOffsets.removeAll(keepingCapacity: true)
    pendingIDs.removeAll(keepingCapacity: true)
  }

  /// Writes the ids file from byte `offset` to its end out to the device (see
  /// ``FileDescriptor/writeOut(offset:length:)``), so that the next flush makes it durable.
  func writeOutIDs(from offset: Int) throws {
    try ids.writeOut(offset: offset, length: 0)
  }

  /// What ``restore(_:)`` needs to go back to this point.
  struct Mark {
    let size: Int
    let frontier: MerkleFrontier
    let segments: [String]
    let idsSize: Int
    let changed: [Int64]
  }

  /// This point, for ``restore(_:)``.
  var mark: Mark {
    Mark(
      size: size,
      frontier: frontier,
      segments: segments,
      idsSize: idsSize,
      changed: changed
    )
  }

  /// Goes back to an earlier state of this index after an append failed before its commit.
  mutating func restore(_ earlier: Mark) throws {
    pendingLeaves.removeAll()
    pendingOffsets.removeAll()
    pendingIDs.removeAll()
    size = earlier.size
    frontier = earlier.frontier
    segments = earlier.segments
    changed = earlier.changed
    try leaves.truncate(to: size * 32)
    try offsets.truncate(to: size * 8)
    try ids.truncate(to: earlier.idsSize)
    idsEnd = earlier.idsSize
  }

  /// The size of the ids file that `state` describes, for ``matches(_:)`` and
  /// ``restore(_:)``.
  private(set) var idsSize = 0
  /// Where the next ids are written: ``idsSize`` and what ``flush()`` wrote since.
  private var idsEnd = 0
  /// The length of the `state` file as this instance last read or wrote it.
  private var stateLength = 0
  /// `state` is padded with spaces to a multiple of this, so that most appends rewrite
  /// it in place without changing its length.
  private static let stateBlock = 4096

  /// Writes `state`, describing the entries added so far (call ``flush()`` first).
  ///
  /// - Parameter root: The frontier's root, when the caller has computed it already.
  /// - Throws: An I/O error.
  mutating func saveState(root: SHA256Digest? = nil) throws {
    idsSize = idsEnd
    // {"changed":[…],"ids":…,"peaks":[…],"root":…,"segments":[…],"size":…}, written member by member in
    // canonical order, since this runs on every append.
    typealias Piece = CanonicalPieces
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.stateBlock)
    Piece.key("changed", first: true, into: &bytes)
    Piece.array(changed, into: &bytes) { time, out in
      out.append(UInt8(ascii: "\""))
      Piece.decimal(Int(time), into: &out)
      out.append(UInt8(ascii: "\""))
    }
    Piece.key("ids", into: &bytes)
    Piece.decimal(idsSize, into: &bytes)
    Piece.key("peaks", into: &bytes)
    Piece.array(frontier.peaks, into: &bytes, element: Piece.hex)
    Piece.key("root", into: &bytes)
    Piece.hex(root ?? frontier.root, into: &bytes)
    Piece.key("segments", into: &bytes)
    Piece.array(segments, into: &bytes, element: Piece.string)
    Piece.key("size", into: &bytes)
    Piece.decimal(size, into: &bytes)
    bytes.append(UInt8(ascii: "}"))
    // Written in place: a torn write fails to decode on the next open, and the index is
    // rebuilt from the log.
    let padded = (bytes.count / Self.stateBlock + 1) * Self.stateBlock
    bytes += repeatElement(UInt8(ascii: " "), count: padded - bytes.count)
    try stateFile.write(bytes, at: 0)
    if stateLength != padded {
      try stateFile.truncate(to: padded)
      stateLength = padded
    }
  }

  /// The seqs recorded for a client id; usually none or one (a different id can share
  /// the 8-byte key, so the caller confirms against the log).
  func candidateSeqs(forID id: String) throws -> [Int] {
    let key = Self.idKey(id)
    var found: [Int] = []
    try forEachIDRecord { recordKey, seq in
      if recordKey == key { found.append(seq) }
    }
    return found
  }

  /// Every record of the ids file, sorted by key.
  ///
  /// For many lookups while the file does not change (one append, or one check under the
  /// writer lock), each a binary search instead of a pass over the file. It gives the
  /// seqs ``candidateSeqs(forID:)`` gives for the file as it was read.
  struct IDTable: Sendable {
    /// The records, ascending by key, then seq (the file's order: ids are written in seq
    /// order).
    private let records: [(key: UInt64, seq: Int)]

    /// The seqs recorded under the id's key, ascending.
    func candidateSeqs(forID id: String) -> [Int] {
      let key = LedgerIndex.idKey(id)
      var low = 0
      var high = records.count
      while low < high {
        let middle = (low + high) / 2
        if records[middle].key < key { low = middle + 1 } else { high = middle }
      }
      var found: [Int] = []
      while low < records.count, records[low].key == key {
        found.append(records[low].seq)
        low += 1
      }
      return found
    }

    fileprivate init(sorted records: [(key: UInt64, seq: Int)]) {
      self.records = records
    }
  }

  /// Reads the ids file once into an ``IDTable``.
  func idTable() throws -> IDTable {
    var records: [(key: UInt64, seq: Int)] = []
    try forEachIDRecord { records.append(($0, $1)) }
    records.sort { ($0.key, $0.seq) < ($1.key, $1.seq) }
    return IDTable(sorted: records)
  }

  /// Calls `body` with each record of the ids file: the id's key and its seq.
  private func forEachIDRecord(_ body: (UInt64, Int) -> Void) throws {
    let total = try ids.size()
    var buffer = [UInt64](repeating: 0, count: 8192)
    var offset = 0
    while offset < total {
      let read = try buffer.withUnsafeMutableBytes { raw in
        try ids.read(into: raw, at: offset)
      }
      guard read > 0 else { break }
      let records = read / 16
      for record in 0..<records {
        let key = UInt64(littleEndian: buffer[record * 2])
        body(key, Int(UInt64(littleEndian: buffer[record * 2 + 1])))
      }
      offset += records * 16
      if records == 0 { break }
    }
  }

  /// Where the line of `seq` starts.
  func position(ofSeq seq: Int) throws -> (segment: String, offset: Int) {
    var raw: UInt64 = 0
    let read = try withUnsafeMutableBytes(of: &raw) { buffer in
      try offsets.read(into: buffer, at: (seq - 1) * 8)
    }
    let value = UInt64(littleEndian: raw)
    let ordinal = Int(value >> UInt64(Self.offsetBits))
    guard read == 8, ordinal < segments.count else {
      throw LedgerStoreError.io(file: directory + "/offsets", step: "read", errno: EIO)
    }
    return (segments[ordinal], Int(value & ((1 << UInt64(Self.offsetBits)) - 1)))
  }

  /// A reader of the leaf hashes, for roots and proofs.
  var leafHashes: IndexedLeafHashes {
    IndexedLeafHashes(file: leaves, count: size)
  }

  fileprivate static func idKey(_ id: String) -> UInt64 {
    SHA256.hash(Array(id.utf8)).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
  }

  private static func decodeState(
    _ bytes: [UInt8]
  ) -> (Int, MerkleFrontier, [String], Int, [Int64])? {
    guard let value = try? JSONValue(parsing: bytes),
      let size = value["size"]?.integerValue,
      let idsSize = value["ids"]?.integerValue,
      let peakValues = value["peaks"]?.arrayValue,
      let segmentValues = value["segments"]?.arrayValue
    else { return nil }
    let peaks = peakValues.compactMap { $0.stringValue.flatMap(SHA256Digest.init(hex:)) }
    let segments = segmentValues.compactMap(\.stringValue)
    guard peaks.count == peakValues.count, segments.count == segmentValues.count,
      let frontier = MerkleFrontier(size: size, peaks: peaks)
    else { return nil }
    // Unknown change times (an index written before they were kept) are zeros: the next
    // open then reads the log again.
    let changed = (value["changed"]?.arrayValue ?? []).map {
      $0.stringValue.flatMap { Int64($0) } ?? 0
    }
    return (size, frontier, segments, idsSize, changed)
  }
}

/// The leaf hashes of the index's `leaves` file, read in 64 KiB blocks.
struct IndexedLeafHashes: LeafHashSource {
  let file: FileDescriptor
  let count: Int

  func forEachLeafHash(in range: Range<Int>, _ body: (SHA256Digest) throws -> Void) throws {
    let blockLeaves = 2048
    var buffer = [UInt8](repeating: 0, count: blockLeaves * 32)
    var next = range.lowerBound
    while next < range.upperBound {
      let wanted = min(blockLeaves, range.upperBound - next)
      let read = try buffer.withUnsafeMutableBytes { raw in
        try file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<(wanted * 32)]),
          at: next * 32
        )
      }
      guard read == wanted * 32 else {
        throw LedgerStoreError.io(file: file.path, step: "read", errno: EIO)
      }
      for leaf in 0..<wanted {
        try body(SHA256Digest(bytes: buffer[(leaf * 32)..<(leaf * 32 + 32)]))
      }
      next += wanted
    }
  }
}
