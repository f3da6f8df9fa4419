#if canImport(Glibc)
import Glibc
#endif

/// One problem `verify` found, with where it is.
public struct IntegrityProblem: Hashable, Sendable, CustomStringConvertible {
  /// The segment file, or the checkpoint file.
  public let file: String
  /// The line number in `file` (1-based), or 0 for the file as a whole.
  public let line: Int
  /// The event's seq, or 0 when the problem is not one event's.
  public let seq: Int
  /// The byte offset of the line in `file`.
  public let byteOffset: Int
  /// What is wrong, in words.
  public let message: String

  /// `file:line: error: message`, as compilers print diagnostics.
  public var description: String {
    "\(file):\(line): error: \(message)"
  }
}

/// What `verify` found.
public struct VerificationReport: Hashable, Sendable {
  /// Every problem, in log order; empty when the ledger verifies.
  public var problems: [IntegrityProblem] = []
  /// Notes that are not failures (such as an interrupted append after the commit point).
  public var notes: [String] = []
  /// The number of events read.
  public var events = 0
  /// The number of bytes read.
  public var bytes = 0
  /// The head computed from the log.
  public var computedHead = TreeHead(size: 0, root: MerkleFrontier().root)
  /// The head the checkpoint records.
  public var checkpointHead: TreeHead?

  /// Whether the ledger verified.
  public var isValid: Bool { problems.isEmpty }
}

/// Checks a ledger directory from its files alone, without trusting its index.
///
/// For every line: its length, that it is exactly its RFC 8785 canonical form, the
/// event members and their types, `v`, `seq` contiguity, `recorded` order, and that
/// `prev` names the previous line's leaf hash. Then that the Merkle root of all leaf
/// hashes, and the last leaf, equal the checkpoint's. Changes are attributed to the line
/// that was changed, using the next line's `prev` as a second witness.
public struct Verifier: Sendable {
  /// The ledger directory.
  public let path: String

  /// Makes a verifier for a ledger directory.
  ///
  /// - Parameter path: The ledger directory.
  public init(path: String) {
    self.path = path
  }

  /// Reads the whole log and checks it.
  ///
  /// - Returns: The report.
  /// - Throws: An I/O error; integrity problems are in the report, not thrown.
  public func verify() throws -> VerificationReport {
    var report = VerificationReport()
    guard FileSystem.exists(path + "/" + Ledger.checkpointName),
      let checkpointBytes = try FileSystem.contents(of: path + "/" + Ledger.checkpointName)
    else { throw LedgerStoreError.notALedger(path: path) }
    let checkpoint = Checkpoint.read(from: checkpointBytes)?.current
    if let checkpoint {
      report.checkpointHead = checkpoint.head
    } else {
      report.problems.append(
        IntegrityProblem(
          file: Ledger.checkpointName,
          line: 0,
          seq: 0,
          byteOffset: 0,
          message: "neither checkpoint slot can be read or checks"
        )
      )
    }
    var segments = try FileSystem.names(in: path).filter { $0.hasSuffix(".jsonl") }
    if let checkpoint, let committed = segments.firstIndex(of: checkpoint.segment) {
      for later in segments[(committed + 1)...] {
        report.notes.append(
          "\(later) is after the committed end; it is quarantined on the next open"
        )
      }
      segments = Array(segments[...committed])
    }
    var walker = ChainWalker()
    var lineInFile = 0
    var currentFile = ""
    let reader = SegmentReader(directory: path)
    let lastFileEnd = try segments.last.map { name -> Int in
      let file = try FileDescriptor.open(path + "/" + name, O_RDONLY)
      defer { file.close() }
      return try file.size()
    }
    let committedEnd = checkpoint.map { min($0.end, lastFileEnd ?? 0) } ?? (lastFileEnd ?? 0)
    let tail = try reader.forEachLine(
      extent: SegmentReader.Extent(segments: segments, end: committedEnd)
    ) { line in
      if line.file != currentFile {
        currentFile = line.file
        lineInFile = 0
      }
      lineInFile += 1
      report.bytes += line.bytes.count + 1
      walker.check(line, lineNumber: lineInFile, problems: &report.problems)
      return true
    }
    if let tail {
      report.problems.append(
        IntegrityProblem(
          file: tail.file,
          line: lineInFile + 1,
          seq: walker.frontier.size + 1,
          byteOffset: tail.offset,
          message: "the committed log ends inside a line (a line without its newline)"
        )
      )
    }
    walker.finish(checkpoint: checkpoint, problems: &report.problems)
    report.events = walker.frontier.size
    report.computedHead = walker.frontier.head
    if let checkpoint, let lastFileEnd, lastFileEnd > checkpoint.end,
      segments.last == checkpoint.segment
    {
      report.notes.append(
        "\(checkpoint.segment): \(lastFileEnd - checkpoint.end) bytes after seq "
          + "\(checkpoint.size) are not committed (an interrupted append); they are "
          + "quarantined on the next open"
      )
    }
    if let checkpoint, checkpoint.size > walker.frontier.size || (lastFileEnd ?? 0) < checkpoint.end
    {
      report.problems.append(
        IntegrityProblem(
          file: checkpoint.segment,
          line: lineInFile,
          seq: checkpoint.size,
          byteOffset: lastFileEnd ?? 0,
          message:
            "the checkpoint records \(checkpoint.size) events ending at byte \(checkpoint.end) "
            + "but the log holds \(walker.frontier.size): committed events are missing"
        )
      )
    } else if let checkpoint, walker.frontier.size == checkpoint.size,
      walker.frontier.root != checkpoint.root
    {
      report.problems.append(
        IntegrityProblem(
          file: Ledger.checkpointName,
          line: 0,
          seq: checkpoint.size,
          byteOffset: 0,
          message:
            "the Merkle root of the log is \(walker.frontier.root.hex) but the checkpoint "
            + "records \(checkpoint.root.hex)"
        )
      )
    }
    return report
  }
}

/// Walks the chain line by line, holding one line of look-behind to attribute changes.
struct ChainWalker {
  var frontier = MerkleFrontier()
  private var previousLeaf = SHA256Digest.zero
  private var previousRecorded: LedgerTimestamp?
  /// Where a line is.
  private typealias Position = (file: String, lineNumber: Int, seq: Int, offset: Int)
  /// A `prev` mismatch at `line`, not yet attributed (it needs the next line), and the
  /// line before it.
  private var pendingBreak: (line: Position, before: Position)?
  private var previousLine: Position?
  /// Whether the previous line was already reported as changed.
  private var previousReported = false

  mutating func check(_ line: EventLine, lineNumber: Int, problems: inout [IntegrityProblem]) {
    let seq = frontier.size + 1
    let leaf = SHA256.leafHash(line.bytes)
    var reported = false
    func report(_ message: String) {
      guard !reported else { return }
      reported = true
      problems.append(
        IntegrityProblem(
          file: line.file,
          line: lineNumber,
          seq: seq,
          byteOffset: line.byteOffset,
          message: "seq \(seq): " + message
        )
      )
    }
    var prevMatches = true
    // Measured against the previous line, which may be the changed one: reported only when
    // this line's prev vouches for that line (see below).
    var orderProblem: String?
    do {
      if line.bytes.count > JSONValue.maximumLength {
        throw EventLineError.json(.tooLong(length: line.bytes.count))
      }
      try CanonicalJSON.validate(line.bytes)
      let fields = try EventLineFields(line.bytes)
      if fields.version != 1 {
        report(
          fields.version > 1
            ? "format version \(fields.version) is newer than this planledger reads (1)"
            : "format version \(fields.version) is not 1"
        )
      }
      if fields.seq != seq { report("the line says seq \(fields.seq), but it is event \(seq)") }
      let prevText = fields.rawContents(fields.prevRange)
      prevMatches = previousLeaf.hex.utf8.elementsEqual(prevText)
      if let recorded = fields.recorded {
        if let previousRecorded, recorded < previousRecorded {
          orderProblem =
            "recorded \(recorded) is earlier than the previous event's \(previousRecorded)"
        }
        previousRecorded = recorded
      } else {
        report("recorded is not an RFC 3339 UTC timestamp")
      }
      if fields.effective == nil { report("effective is not a YYYY-MM-DD date") }
      if fields.type.isEmpty || fields.stream.isEmpty || fields.actor.isEmpty {
        report("type, stream and actor must not be empty")
      }
    } catch let error as EventLineError {
      report(error.description)
      prevMatches = true  // the line itself is reported; its prev says nothing more
    } catch {
      report("\(error)")
    }
    // A previous line changed to a later time makes this intact line look out of order; when
    // this line's prev does not name the previous line, the chain decides which was changed.
    if let orderProblem, prevMatches { report(orderProblem) }

    // Attribute a pending break from the previous line using this line's prev.
    if let pending = pendingBreak {
      if prevMatches {
        // The line with the mismatch is intact (this line names its hash), so the line
        // before it was changed.
        problems.append(Self.changedBefore(pending))
      } else {
        problems.append(Self.changed(pending.line, nextSeq: seq))
        prevMatches = true  // explained by the change just reported
      }
      pendingBreak = nil
    }
    if !prevMatches && !reported && !previousReported, let previousLine {
      pendingBreak = ((line.file, lineNumber, seq, line.byteOffset), previousLine)
    }
    previousReported = reported
    previousLine = (line.file, lineNumber, seq, line.byteOffset)
    previousLeaf = leaf
    frontier.append(leaf)
  }

  mutating func finish(checkpoint: Checkpoint?, problems: inout [IntegrityProblem]) {
    guard let pending = pendingBreak else {
      if let checkpoint, checkpoint.size == frontier.size, frontier.size > 0,
        previousLeaf != checkpoint.last, !previousReported,
        let line = previousLine
      {
        problems.append(
          IntegrityProblem(
            file: line.file,
            line: line.lineNumber,
            seq: line.seq,
            byteOffset: line.offset,
            message:
              "seq \(line.seq): the last line no longer hashes to the leaf hash the "
              + "checkpoint recorded; it was changed after it was written"
          )
        )
      }
      return
    }
    // A break at the last line: the checkpoint's record of the last leaf decides.
    let lastIntact = checkpoint.map { $0.last == previousLeaf } ?? false
    problems.append(
      lastIntact ? Self.changedBefore(pending) : Self.changed(pending.line, nextSeq: nil)
    )
  }

  private static func changedBefore(
    _ pending: (line: Position, before: Position)
  )
    -> IntegrityProblem
  {
    IntegrityProblem(
      file: pending.before.file,
      line: pending.before.lineNumber,
      seq: pending.before.seq,
      byteOffset: pending.before.offset,
      message:
        "seq \(pending.before.seq): the line no longer hashes to the prev that seq "
        + "\(pending.line.seq) recorded; it was changed after it was written"
    )
  }

  private static func changed(_ line: Position, nextSeq: Int?) -> IntegrityProblem {
    IntegrityProblem(
      file: line.file,
      line: line.lineNumber,
      seq: line.seq,
      byteOffset: line.offset,
      message: "seq \(line.seq): the line was changed after it was written (its prev does "
        + "not name seq \(line.seq - 1)"
        + (nextSeq.map { ", and seq \($0) does not name it)" } ?? ")")
    )
  }
}
