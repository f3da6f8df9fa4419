#if canImport(Glibc)
import Glibc
#endif

/// Brings an opened ledger to a consistent state under the lock.
///
/// The checkpoint is the commit point. Bytes after it are an interrupted append: they are
/// moved to `quarantine/` (never silently deleted) and the log goes on from the last
/// committed event. A log shorter than its checkpoint means committed events are missing:
/// that is damage, unless the checkpoint was written in an earlier boot and the previous
/// checkpoint slot matches the log, which is what a power cut during the final sync of an
/// append leaves (the append never reported success); then the checkpoint rolls back. The
/// same holds for a log of the checkpoint's length whose last line is not the one the
/// checkpoint names: under the single flush, the log's new length can reach the disk
/// without its new bytes.
struct Recovery {
  let path: String
  let configuration: LedgerConfiguration
  let checkpointFile: FileDescriptor?

  func recover(
    _ state: inout Ledger.State,
    writable: Bool,
    warnings: inout [LedgerWarning]
  ) throws {
    state.damage = nil
    var checkpoint = state.checkpoint
    let segments = try FileSystem.names(in: path).filter { $0.hasSuffix(".jsonl") }
    guard let committed = segments.firstIndex(of: checkpoint.segment) else {
      if checkpoint.size == 0 && checkpoint.end == 0 && writable {
        let file = try FileDescriptor.open(path + "/" + checkpoint.segment, O_WRONLY | O_CREAT)
        file.close()
        return try recover(&state, writable: writable, warnings: &warnings)
      }
      return try markDamaged(
        &state,
        segments: Array(segments.prefix { $0 < checkpoint.segment }),
        warnings: &warnings
      )
    }
    // Later segments are beyond the commit point.
    for later in segments[(committed + 1)...] {
      try quarantine(
        segment: later,
        from: 0,
        afterSeq: checkpoint.size,
        removingFile: true,
        writable: writable,
        warnings: &warnings
      )
    }
    let committedSegments = Array(segments[...committed])
    let size = try fileSize(checkpoint.segment)
    if size > checkpoint.end {
      try quarantine(after: checkpoint, writable: writable, warnings: &warnings)
    } else if size < checkpoint.end {
      let wholeEnd = try lastWholeLineEnd(checkpoint.segment, size: size)
      guard writable, let previous = try rollbackTarget(checkpoint, wholeEnd: wholeEnd) else {
        if writable && wholeEnd < size {
          try quarantine(
            segment: checkpoint.segment,
            from: wholeEnd,
            afterSeq: try countLines(committedSegments, end: wholeEnd),
            writable: writable,
            warnings: &warnings
          )
        }
        return try markDamaged(&state, segments: committedSegments, warnings: &warnings)
      }
      checkpoint = try rollBack(checkpoint, to: previous, &state, &warnings)
    }
    if checkpoint.size > 0 {
      let lastLine = try readLine(endingAt: checkpoint.end, in: checkpoint.segment)
      var leaf = lastLine.bytes.withUnsafeBytes { SHA256.leafHash($0) }
      // A power cut during a single-flush append can also leave the log its full length
      // with the lines' bytes not written (read back as zeros): the same lost append, told
      // the same way. Bytes that could be text are not taken for that: a changed line is
      // damage.
      if leaf != checkpoint.last, writable,
        let previous = try rollbackTarget(checkpoint, wholeEnd: checkpoint.end),
        previous.end < checkpoint.end,
        try holdsNonText(checkpoint.segment, from: previous.end, to: checkpoint.end)
      {
        checkpoint = try rollBack(checkpoint, to: previous, &state, &warnings)
        // rollbackTarget checked the previous slot's last line.
        leaf = checkpoint.last
      }
      if leaf != checkpoint.last {
        let error = LedgerStoreError.brokenChain(
          file: checkpoint.segment,
          seq: checkpoint.size,
          byteOffset: lastLine.offset
        )
        state.damage = (
          error,
          SegmentReader.Extent(segments: committedSegments, end: checkpoint.end),
          checkpoint.size
        )
        warnings.append(.damaged(error))
        return
      }
    }
    try prepareIndex(&state, segments: committedSegments, writable: writable, warnings: &warnings)
  }

  // MARK: Index

  private func prepareIndex(
    _ state: inout Ledger.State,
    segments: [String],
    writable: Bool,
    warnings: inout [LedgerWarning]
  ) throws {
    let checkpoint = state.checkpoint
    if state.index == nil {
      guard writable else { return }
      state.index = try LedgerIndex(directory: path + "/" + Ledger.indexName)
    }
    guard var index = state.index else { return }
    // The segments' change times against the checkpoint's: a segment changed after the
    // checkpoint was last written was changed by something else, and the log is read
    // again in full (below). See LedgerIndex.
    let changes = try segments.map { name -> Int64 in
      let file = try FileDescriptor.open(path + "/" + name, O_RDONLY)
      defer { file.close() }
      return try file.sizeAndChange().changed
    }
    let checkpointChange = try checkpointFile?.sizeAndChange().changed ?? Int64.max
    if try index.matches(checkpoint) && index.segments == segments
      && index.changesAreAppends(changes, checkpoint: checkpointChange)
    {
      return
    }
    // Another instance that appended since kept the files on disk up to date.
    try index.reload()
    let described = try index.matches(checkpoint) && index.segments == segments
    if described && index.changesAreAppends(changes, checkpoint: checkpointChange) {
      state.index = index
      return
    }
    guard writable else { return }
    // Rebuilt because the files did not describe the log (warned of), or only because
    // the log was changed by something else, which the rebuild checks (silent when it
    // finds the log as the checkpoint records it: a copied or restored ledger).
    let hadIndex = index.size > 0 && !described
    try index.reset()
    // The first line whose leaf hash is not the next line's `prev`: where the log was
    // changed, when its root is not the checkpoint's.
    var previous: (leaf: SHA256Digest, file: String, offset: Int) = (.zero, "", 0)
    var firstChanged: (file: String, seq: Int, offset: Int)?
    try SegmentReader(directory: path).forEachLine(
      extent: SegmentReader.Extent(segments: segments, end: checkpoint.end)
    ) { line in
      let fields = try? EventLineFields(line.bytes)
      let id = fields?.clientID
      if firstChanged == nil, index.size > 0,
        fields.map({ !$0.rawContents($0.prevRange).elementsEqual(previous.leaf.hex.utf8) }) ?? true
      {
        firstChanged = (previous.file, index.size, previous.offset)
      }
      previous = (SHA256.leafHash(line.bytes), line.file, line.byteOffset)
      try index.add(
        leafHash: previous.leaf,
        segment: line.file,
        offset: line.byteOffset,
        id: id
      )
      return true
    }
    try index.flush()
    for (name, time) in zip(segments, changes) { index.noteChange(of: name, time) }
    try index.saveState()
    state.index = index
    if index.size != checkpoint.size || index.frontier.root != checkpoint.root {
      let error =
        firstChanged.map {
          LedgerStoreError.brokenChain(file: $0.file, seq: $0.seq, byteOffset: $0.offset)
        }
        ?? LedgerStoreError.checkpointMismatch(
          size: checkpoint.size,
          checkpointRoot: checkpoint.root.hex,
          logRoot: index.frontier.root.hex
        )
      state.damage = (
        error,
        SegmentReader.Extent(segments: segments, end: checkpoint.end),
        index.size
      )
      warnings.append(.damaged(error))
    } else if hadIndex {
      warnings.append(.indexRebuilt(size: index.size))
    }
  }

  // MARK: Damage and rollback

  /// Whether `segment[from..<to]` holds a byte no line of the log can hold: a control
  /// character other than the newline (canonical JSON escapes them all).
  private func holdsNonText(_ segment: String, from start: Int, to end: Int) throws -> Bool {
    let file = try FileDescriptor.open(path + "/" + segment, O_RDONLY)
    defer { file.close() }
    var offset = start
    while offset < end {
      let bytes = try file.read(count: min(1 << 20, end - offset), at: offset)
      if bytes.isEmpty { return false }
      if bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) { return true }
      offset += bytes.count
    }
    return false
  }

  /// Rolls the checkpoint back to the previous slot after a lost append: what reached the
  /// disk of that append, whole lines and a torn one alike, is quarantined in one piece.
  ///
  /// - Returns: The checkpoint rolled back to, written.
  private func rollBack(
    _ checkpoint: Checkpoint,
    to previous: Checkpoint,
    _ state: inout Ledger.State,
    _ warnings: inout [LedgerWarning]
  ) throws -> Checkpoint {
    // The previous checkpoint is in the same segment (see rollbackTarget); there may be
    // nothing after its end, and then nothing is quarantined.
    try quarantine(after: previous, writable: true, warnings: &warnings)
    var rolledBack = previous
    rolledBack.generation = checkpoint.generation + 1
    rolledBack.boot = configuration.bootID
    try writeCheckpoint(rolledBack)
    warnings.append(.rolledBack(from: checkpoint.size, to: previous.size))
    state.checkpoint = rolledBack
    return rolledBack
  }

  /// The previous checkpoint, when the current one was written in an earlier boot and the
  /// log ends exactly where the previous one says, with its last line intact.
  private func rollbackTarget(_ checkpoint: Checkpoint, wholeEnd: Int) throws -> Checkpoint? {
    guard let current = configuration.bootID, let written = checkpoint.boot, current != written,
      let file = checkpointFile,
      let slots = Checkpoint.read(from: try file.read(count: 2 * Checkpoint.slotSize, at: 0)),
      let previous = slots.previous,
      previous.segment == checkpoint.segment, previous.end <= wholeEnd
    else { return nil }
    if previous.size == 0 { return previous }
    let line = try readLine(endingAt: previous.end, in: previous.segment)
    return line.bytes.withUnsafeBytes { SHA256.leafHash($0) } == previous.last ? previous : nil
  }

  private func markDamaged(
    _ state: inout Ledger.State,
    segments: [String],
    warnings: inout [LedgerWarning]
  ) throws {
    var count = 0
    var end = 0
    let lastSegment = segments.last ?? state.checkpoint.segment
    if let last = segments.last {
      end = try lastWholeLineEnd(last, size: try fileSize(last))
      count = try countLines(segments, end: end)
    }
    let error = LedgerStoreError.checkpointAhead(
      file: lastSegment,
      checkpointSize: state.checkpoint.size,
      logSize: count
    )
    state.damage = (error, SegmentReader.Extent(segments: segments, end: end), count)
    warnings.append(.damaged(error))
  }

  // MARK: Files

  /// The number of lines in `segments`, the last read up to `end`.
  private func countLines(_ segments: [String], end: Int) throws -> Int {
    var count = 0
    try SegmentReader(directory: path).forEachLine(
      extent: SegmentReader.Extent(segments: segments, end: end)
    ) { _ in
      count += 1
      return true
    }
    return count
  }

  private func fileSize(_ segment: String) throws -> Int {
    guard let file = try FileDescriptor.openIfPresent(path + "/" + segment, O_RDONLY) else {
      return 0
    }
    defer { file.close() }
    return try file.size()
  }

  /// The offset just after the last newline at or before `size`.
  private func lastWholeLineEnd(_ segment: String, size: Int) throws -> Int {
    let file = try FileDescriptor.open(path + "/" + segment, O_RDONLY)
    defer { file.close() }
    var end = size
    let block = 64 * 1024
    while end > 0 {
      let start = max(0, end - block)
      let bytes = try file.read(count: end - start, at: start)
      if let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
        return start + newline + 1
      }
      end = start
    }
    return 0
  }

  /// The line that ends (with its newline) at `end`.
  private func readLine(
    endingAt end: Int,
    in segment: String
  ) throws -> (
    bytes: [UInt8], offset: Int
  ) {
    let file = try FileDescriptor.open(path + "/" + segment, O_RDONLY)
    defer { file.close() }
    var start = end - 1
    var collected: [UInt8] = []
    let block = 4096
    while start > 0 {
      let from = max(0, start - block)
      let bytes = try file.read(count: start - from, at: from)
      if let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
        collected = Array(bytes[(newline + 1)...]) + collected
        start = from + newline + 1
        return (collected, start)
      }
      collected = bytes + collected
      start = from
    }
    return (collected, 0)
  }

  /// Moves what lies after a checkpoint's end in its segment to `quarantine/`.
  private func quarantine(
    after checkpoint: Checkpoint,
    writable: Bool,
    warnings: inout [LedgerWarning]
  ) throws {
    try quarantine(
      segment: checkpoint.segment,
      from: checkpoint.end,
      afterSeq: checkpoint.size,
      writable: writable,
      warnings: &warnings
    )
  }

  /// Moves `segment[from...]` to a new file in `quarantine/`, then cuts it from the log.
  ///
  /// A segment after the committed one is removed once copied; the committed segment is
  /// only cut, even to nothing, since the log goes on in it.
  private func quarantine(
    segment: String,
    from offset: Int,
    afterSeq seq: Int,
    removingFile: Bool = false,
    writable: Bool,
    warnings: inout [LedgerWarning]
  ) throws {
    guard writable else { return }
    let source = try FileDescriptor.open(path + "/" + segment, O_RDWR)
    defer { source.close() }
    let total = try source.size()
    guard total > offset else {
      if removingFile { try FileSystem.remove(path + "/" + segment) }
      return
    }
    let directory = path + "/" + Ledger.quarantineName
    try FileSystem.makeDirectory(directory)
    var name = "\(segment)@\(offset)"
    var attempt = 1
    while FileSystem.exists(directory + "/" + name) {
      attempt += 1
      name = "\(segment)@\(offset).\(attempt)"
    }
    let target = try FileDescriptor.open(directory + "/" + name, O_WRONLY | O_CREAT | O_EXCL)
    defer { target.close() }
    var copied = 0
    while offset + copied < total {
      let chunk = try source.read(count: min(1 << 20, total - offset - copied), at: offset + copied)
      if chunk.isEmpty { break }
      try target.write(chunk, at: copied)
      copied += chunk.count
    }
    try target.sync()
    try FileSystem.syncDirectory(directory)
    if removingFile {
      try FileSystem.remove(path + "/" + segment)
    } else {
      try source.truncate(to: offset)
      try source.sync()
    }
    warnings.append(
      .quarantined(
        file: segment,
        byteOffset: offset,
        length: copied,
        to: Ledger.quarantineName + "/" + name,
        afterSeq: seq
      )
    )
  }

  func writeCheckpoint(_ checkpoint: Checkpoint) throws {
    guard let file = checkpointFile else {
      throw LedgerStoreError.io(
        file: path + "/" + Ledger.checkpointName,
        step: "write",
        errno: EROFS
      )
    }
    try file.write(checkpoint.slotBytes, at: checkpoint.slotOffset)
    try file.sync()
  }
}
