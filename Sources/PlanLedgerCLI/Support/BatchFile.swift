import LedgerStore
import PlanLedger

/// A JSON Lines batch file, read line by line and then again by position.
///
/// Every line is read and checked as an event once, when the file is opened; the plan book
/// then reads each line again by position as it checks and appends the batch
/// (``SubmissionBatch``), so that a batch of any length takes about 24 bytes a line
/// here. Standard input, which cannot be read twice, is kept in a nameless scratch file as
/// it is read.
///
/// Each line's SHA-256 is kept (its first eight bytes): a line read again must be the line
/// checked, or the append stops and nothing is written.
final class BatchFile: SubmissionBatch {
  /// A line of a batch file that is not an event.
  struct LineError: Error, CustomStringConvertible {
    let file: String
    let line: Int
    let reason: String
    var description: String { "\(file):\(line): \(reason)" }
  }

  /// A line that is no longer the line checked: the file changed during the append.
  struct ChangedLine: Error, CustomStringConvertible {
    let file: String
    let line: Int
    var description: String {
      "\(file):\(line) changed while the batch was being appended, and nothing was written; "
        + "append the batch again once the file is complete"
    }
  }

  let path: String
  let count: Int
  /// Where the lines are read again: the file, or standard input's copy.
  private let storage: Storage
  /// Each event line's offset (in the file, or in the copy), length, number and digest.
  private let offsets: [Int]
  private let lengths: [Int32]
  private let numbers: [Int32]
  private let digests: [UInt64]

  /// Where a batch's lines are read again.
  private enum Storage {
    /// The batch file, open.
    case file(RandomAccessFile)
    /// Standard input's event lines, one after another.
    case scratch(ScratchFile)
  }

  /// Reads the file once, checking that each non-blank line is an event.
  ///
  /// - Parameters:
  ///   - path: The file, or `-` for standard input.
  ///   - scratchDirectory: Where standard input is kept.
  /// - Throws: ``LineError`` for the first line that is not an event (its JSON or its
  ///   members); ``SubmissionRefusal`` or ``LedgerStoreError/invalidEvent(index:reason:)``
  ///   for the first event that is not a plan event; or an I/O error.
  init(path: String, scratchDirectory: String) throws {
    self.path = path
    let scratch = path == "-" ? try ScratchFile(directory: scratchDirectory) : nil
    var kept: [UInt8] = []
    var keptOffset = 0
    func keep() throws {
      try kept.withUnsafeBytes { try scratch?.write($0, at: keptOffset) }
      keptOffset += kept.count
      kept.removeAll(keepingCapacity: true)
    }
    var offsets: [Int] = []
    var lengths: [Int32] = []
    var numbers: [Int32] = []
    var digests: [UInt64] = []
    // A problem with an event (not with its line) is told with the batch's length, which
    // is known at the end: the first is kept until then.
    var problem: (ordinal: Int, error: any Error)?
    try LineFileReader.forEachLine(path: path) { bytes, number, offset in
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
      let draft = try Self.draft(bytes, path: path, number: number)
      if problem == nil {
        do {
          _ = try Self.submission(draft)
        } catch {
          problem = (offsets.count, error)
        }
      }
      if scratch != nil {
        offsets.append(keptOffset + kept.count)
        kept.append(contentsOf: bytes)
        if kept.count >= 1 << 18 { try keep() }
      } else {
        offsets.append(offset)
      }
      lengths.append(Int32(bytes.count))
      numbers.append(Int32(number))
      digests.append(Self.digest(bytes))
    }
    try keep()
    count = offsets.count
    if let problem { throw Self.told(problem.error, ordinal: problem.ordinal, count: count) }
    if let scratch {
      storage = .scratch(scratch)
    } else {
      storage = .file(try RandomAccessFile(path: path))
    }
    self.offsets = offsets
    self.lengths = lengths
    self.numbers = numbers
    self.digests = digests
  }

  /// The event of a line, read again.
  ///
  /// - Parameter ordinal: The event's zero-based position among the file's events.
  /// - Returns: The submission.
  /// - Throws: ``ChangedLine`` when the line is no longer the line checked; an I/O error.
  func submission(at ordinal: Int) throws -> Submission {
    var line = [UInt8](repeating: 0, count: Int(lengths[ordinal]))
    let read = try line.withUnsafeMutableBytes { try self.read(into: $0, at: offsets[ordinal]) }
    line.removeSubrange(read...)
    let number = Int(numbers[ordinal])
    guard line.withUnsafeBytes(Self.digest) == digests[ordinal] else {
      throw ChangedLine(file: path, line: number)
    }
    let draft = try line.withUnsafeBytes { try Self.draft($0, path: path, number: number) }
    do {
      return try Self.submission(draft)
    } catch {
      throw Self.told(error, ordinal: ordinal, count: count)
    }
  }

  /// Reads from the file or the copy, until `buffer` is full or the end.
  private func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
    switch storage {
    case .scratch(let scratch): try scratch.read(into: buffer, at: offset)
    case .file(let file): try file.read(into: buffer, at: offset)
    }
  }

  /// A single event as a submission, with the problems a batch's events have.
  ///
  /// - Parameters:
  ///   - draft: The event.
  ///   - ordinal: Its position in its batch.
  ///   - count: The batch's length.
  /// - Returns: The submission.
  /// - Throws: ``SubmissionRefusal`` or ``LedgerStoreError/invalidEvent(index:reason:)``.
  static func submission(_ draft: EventDraft, ordinal: Int, count: Int) throws -> Submission {
    do {
      return try submission(draft)
    } catch {
      throw told(error, ordinal: ordinal, count: count)
    }
  }

  private static func submission(_ draft: EventDraft) throws -> Submission {
    try draft.validate()
    return try Submission(draft: draft)
  }

  /// A problem with an event, as a batch tells it.
  private static func told(_ error: any Error, ordinal: Int, count: Int) -> any Error {
    if let refusal = error as? Refusal {
      return SubmissionRefusal(ordinal: ordinal, count: count, refusal: refusal)
    }
    return LedgerStoreError.invalidEvent(index: ordinal, reason: "\(error)")
  }

  private static func draft(
    _ bytes: UnsafeRawBufferPointer,
    path: String,
    number: Int
  ) throws -> EventDraft {
    do {
      guard case .object(let object) = try JSONValue(parsing: bytes) else {
        throw LineError(file: path, line: number, reason: "the line is not a JSON object")
      }
      return try EventDraft(json: object)
    } catch let error as LineError {
      throw error
    } catch {
      throw LineError(file: path, line: number, reason: "\(error)")
    }
  }

  private static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    SHA256.hash(bytes).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
  }
}
