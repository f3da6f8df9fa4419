#if canImport(Glibc)
import Glibc
#endif

/// Writes one append under the lock: lines, index, checkpoint, then makes it durable.
///
/// Lines are written in blocks as they are made, after the committed end, so a batch of
/// any size needs constant memory; they become part of the log only when the new
/// checkpoint is durable. If anything fails first, the bytes written after the committed
/// end and the index entries are taken back.
struct Appender {
  let ledger: Ledger
  let configuration: LedgerConfiguration

  private static let writeBlock = 4 << 20

  func append(
    next: () throws -> EventDraft?,
    expectation: AppendExpectation?,
    state: inout Ledger.State
  ) throws -> AppendReceipt {
    // The index is taken out of the state while the append runs, so that adding to it
    // copies nothing, and put back however the append ends.
    guard let checkpointFile = state.checkpointFile, var index = state.index.take() else {
      throw LedgerStoreError.notALedger(path: ledger.path)
    }
    defer { state.index = index }
    let committed = state.checkpoint
    if let expected = expectation?.size, expected != committed.size {
      throw LedgerStoreError.sizeExpectationFailed(expected: expected, actual: committed.size)
    }
    if let versions = expectation?.streamVersions, !versions.isEmpty {
      try checkStreamVersions(versions, segments: index.segments, committed: committed)
    }

    let now = configuration.clock.now()
    let recorded = committed.recorded.map { max($0, now) } ?? now
    let earlier = index.mark
    var segment = committed.segment
    var segmentEnd = committed.end
    var file: FileDescriptor
    if let cached = state.segmentFile, cached.isFile(named: segment, in: ledger.path) {
      file = cached
    } else {
      state.segmentFile?.close()
      state.segmentFile = nil
      file = try FileDescriptor.open(ledger.path + "/" + segment, O_WRONLY)
    }
    // Every segment descriptor this append writes to: the one kept for the next append is
    // the last, and the others close when it ends (the first, too, when a new segment
    // starts).
    var opened: [FileDescriptor] = [file]
    defer {
      // Keep the segment appends go to; close any other opened here.
      for descriptor in opened where descriptor.rawValue != state.segmentFile?.rawValue {
        descriptor.close()
      }
    }
    // Grows as lines are added, up to one block and a line: most appends are one event.
    var pending: [UInt8] = []
    pending.reserveCapacity(1 << 14)
    var pendingStart = segmentEnd
    var prev = committed.last
    var seqs = AppendedSeqs()
    var batchIDs: [String: Int] = [:]
    // Ids already in the log: the first few are looked up with a pass over the ids file
    // each, the rest in a table of it read once (the file does not change under the lock).
    var idLookups = 0
    var idTable: LedgerIndex.IDTable?
    var ordinal = 0
    var checkpointWritten = false

    /// The seqs whose events may carry `id`, to confirm against the log.
    func candidates(_ id: String) throws -> [Int] {
      idLookups += 1
      if idTable == nil, idLookups > Self.idLookupsBeforeTable {
        idTable = try index.idTable()
      }
      return try idTable?.candidateSeqs(forID: id) ?? index.candidateSeqs(forID: id)
    }

    func writePending() throws {
      try file.write(pending, at: pendingStart)
      pendingStart += pending.count
      pending.removeAll(keepingCapacity: true)
    }

    do {
      while let draft = try next() {
        defer { ordinal += 1 }
        do {
          try draft.validate()
        } catch {
          throw LedgerStoreError.invalidEvent(index: ordinal, reason: error.description)
        }
        if let id = draft.id {
          if let seq = try batchIDs[id]
            ?? existingSeq(forID: id, candidates: candidates(id), index: index, state: state)
          {
            seqs.append(seq)
            continue
          }
        }
        let seq = index.size + 1
        let lineStart = pending.count
        Self.writeLine(
          draft,
          seq: seq,
          recorded: recorded,
          prev: prev,
          into: &pending
        )
        let length = pending.count - lineStart
        guard length <= JSONValue.maximumLength else {
          throw LedgerStoreError.invalidEvent(
            index: ordinal,
            reason: EventEnvelopeError.lineTooLong(length: length).description
          )
        }
        if segmentEnd > 0 && segmentEnd + length + 1 > configuration.segmentLimit {
          // The line goes at the start of a new segment.
          let line = Array(pending[lineStart...])
          pending.removeSubrange(lineStart...)
          try writePending()
          try file.sync()
          segment = Self.segmentName(after: segment)
          file = try FileDescriptor.open(ledger.path + "/" + segment, O_WRONLY | O_CREAT | O_EXCL)
          opened.append(file)
          segmentEnd = 0
          pendingStart = 0
          pending += line
        }
        let leaf = pending.withUnsafeBytes {
          SHA256.leafHash(UnsafeRawBufferPointer(rebasing: $0[(pending.count - length)...]))
        }
        try index.add(leafHash: leaf, segment: segment, offset: segmentEnd, id: draft.id)
        pending.append(UInt8(ascii: "\n"))
        segmentEnd += length + 1
        prev = leaf
        seqs.append(seq)
        if let id = draft.id { batchIDs[id] = seq }
        if pending.count >= Self.writeBlock { try writePending() }
      }
      guard index.size > committed.size else {
        return AppendReceipt(seqs: seqs, appended: 0, head: committed.head, recorded: nil)
      }
      try writePending()
      let singleFlush =
        ledger.lockedDurability(state) == .singleFlush && segment == committed.segment
      if singleFlush {
        // The lines start on their way to the device while the rest is prepared.
        try file.startWriteOut(offset: committed.end, length: 0)
      }
      let root = index.frontier.root
      let checkpoint = Checkpoint(
        generation: committed.generation + 1,
        size: index.size,
        root: root,
        last: prev,
        recorded: recorded,
        segment: segment,
        end: segmentEnd,
        boot: configuration.bootID
      )
      let slot = checkpoint.slotBytes
      func writeIndex() throws {
        try index.flush()
        try index.saveState(root: root)
        if index.idsSize > earlier.idsSize {
          // Client ids are the one part of the index an append relies on without checking
          // it against the log: written out before the log's flush, which makes them
          // durable with it.
          try index.writeOutIDs(from: earlier.idsSize)
        }
      }
      var indexWritten = true
      if singleFlush {
        // The checkpoint starts on its way to the device while the index is written, and
        // has reached it before the log's flush, which makes both durable.
        try checkpointFile.write(slot, at: checkpoint.slotOffset)
        checkpointWritten = true
        try checkpointFile.startWriteOut(offset: checkpoint.slotOffset, length: Checkpoint.slotSize)
        do {
          try writeIndex()
        } catch {
          // The checkpoint may reach the disk whatever happens now, so the append goes
          // on; the index is derived, and the next append or open finds its files wrong
          // and rebuilds them from the log.
          indexWritten = false
        }
        try checkpointFile.writeOut(offset: checkpoint.slotOffset, length: Checkpoint.slotSize)
        try file.dataSync()
      } else {
        // The index, the lines, then the checkpoint that commits them.
        try writeIndex()
        if segment != committed.segment {
          try FileSystem.syncDirectory(ledger.path)
        }
        try file.sync()
        try checkpointFile.write(slot, at: checkpoint.slotOffset)
        checkpointWritten = true
        try checkpointFile.sync()
      }
      state.segmentFile = file
      state.checkpoint = checkpoint
      if !indexWritten {
        // Without the cache, the next append checks the index files against the checkpoint.
        state.checkpointCache = nil
      } else if state.checkpointCache?.bytes.count == 2 * Checkpoint.slotSize {
        // The cache held the file as read under this lock: only the written slot changed.
        state.checkpointCache?.bytes.replaceSubrange(
          checkpoint.slotOffset..<(checkpoint.slotOffset + Checkpoint.slotSize),
          with: slot
        )
        state.checkpointCache?.checkpoint = checkpoint
      }
      return AppendReceipt(
        seqs: seqs,
        appended: index.size - committed.size,
        head: checkpoint.head,
        recorded: recorded
      )
    } catch {
      if checkpointWritten {
        // Only the sync failed, and the new checkpoint may be on the disk already: cutting
        // its lines would leave it ahead of the log. Leave them; the next open keeps them
        // with the checkpoint, or quarantines them if the checkpoint did not survive.
        throw error
      }
      // Nothing after the committed end was ever part of the log: take it back.
      try? rollBack(to: committed, index: &index, earlier: earlier)
      throw error
    }
  }

  private func rollBack(
    to committed: Checkpoint,
    index: inout LedgerIndex,
    earlier: LedgerIndex.Mark
  ) throws {
    for name in try FileSystem.names(in: ledger.path) where name.hasSuffix(".jsonl") {
      if name > committed.segment { try FileSystem.remove(ledger.path + "/" + name) }
    }
    let file = try FileDescriptor.open(ledger.path + "/" + committed.segment, O_WRONLY)
    defer { file.close() }
    // Cut only what was written: a cut changes the file's change time even when it changes
    // nothing else, and the next open would read the log again for it (see LedgerIndex).
    if try file.size() != committed.end { try file.truncate(to: committed.end) }
    try index.restore(earlier)
    try index.saveState()
  }

  /// Writes an event's line, exactly its RFC 8785 canonical form, without building a JSON
  /// value for the envelope: its members are written in their canonical order (sorted by
  /// UTF-16 code units: actor, authority, data, effective, id, prev, recorded, seq, source,
  /// stream, type, v).
  static func writeLine(
    _ draft: EventDraft,
    seq: Int,
    recorded: LedgerTimestamp,
    prev: SHA256Digest,
    into out: inout [UInt8]
  ) {
    typealias Piece = CanonicalPieces
    Piece.key("actor", first: true, into: &out)
    Piece.string(draft.actor, into: &out)
    if let authority = draft.authority {
      Piece.key("authority", into: &out)
      JSONValue.object(authority).writeCanonical(into: &out)
    }
    Piece.key("data", into: &out)
    JSONValue.object(draft.data).writeCanonical(into: &out)
    Piece.key("effective", into: &out)
    out.append(UInt8(ascii: "\""))
    (draft.effective ?? recorded.date).write(into: &out)
    out.append(UInt8(ascii: "\""))
    if let id = draft.id {
      Piece.key("id", into: &out)
      Piece.string(id, into: &out)
    }
    Piece.key("prev", into: &out)
    Piece.hex(prev, into: &out)
    Piece.key("recorded", into: &out)
    Piece.timestamp(recorded, into: &out)
    Piece.key("seq", into: &out)
    Piece.decimal(seq, into: &out)
    if let source = draft.source {
      Piece.key("source", into: &out)
      JSONValue.object(source).writeCanonical(into: &out)
    }
    Piece.key("stream", into: &out)
    Piece.string(draft.stream, into: &out)
    Piece.key("type", into: &out)
    Piece.string(draft.type, into: &out)
    Piece.closeWithVersion(into: &out)
  }

  /// How many ids an append looks up with a pass over the ids file each before it reads
  /// the file into a table.
  static let idLookupsBeforeTable = 8

  private func existingSeq(
    forID id: String,
    candidates: [Int],
    index: LedgerIndex,
    state: borrowing Ledger.State
  ) throws -> Int? {
    let reader = SegmentReader(directory: ledger.path)
    let extent = SegmentReader.Extent(segments: index.segments, end: state.checkpoint.end)
    for seq in candidates where seq <= state.checkpoint.size {
      var start: (segment: Int, offset: Int, seq: Int) = (0, 0, 1)
      if let position = try? index.position(ofSeq: seq),
        let ordinal = index.segments.firstIndex(of: position.segment),
        try reader.hasLine(ofSeq: seq, at: (ordinal, position.offset, seq), extent: extent)
      {
        start = (ordinal, position.offset, seq)
      }
      // Without a position to trust (a damaged offsets file), the log is read from the start.
      var found = false
      try reader.forEachLine(extent: extent, from: start) { line in
        guard line.seq == seq else { return line.seq < seq }
        found = (try? EventLineFields(line.bytes))?.clientID == id
        return false
      }
      if found { return seq }
    }
    return nil
  }

  private func checkStreamVersions(
    _ versions: [String: Int],
    segments: [String],
    committed: Checkpoint
  ) throws {
    var counts = versions.mapValues { _ in 0 }
    if committed.size > 0 {
      try SegmentReader(directory: ledger.path).forEachLine(
        extent: SegmentReader.Extent(segments: segments, end: committed.end)
      ) { line in
        let stream = try EventLineFields(line.bytes).stream
        if counts[stream] != nil { counts[stream, default: 0] += 1 }
        return true
      }
    }
    for (stream, expected) in versions.sorted(by: { $0.key < $1.key })
    where counts[stream] != expected {
      throw LedgerStoreError.streamExpectationFailed(
        stream: stream,
        expected: expected,
        actual: counts[stream] ?? 0
      )
    }
  }

  /// The segment after `name`: `0001.jsonl` → `0002.jsonl`.
  static func segmentName(after name: String) -> String {
    let number = Int(name.prefix { $0.isNumber }) ?? 0
    let digits = String(number + 1)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".jsonl"
  }
}
