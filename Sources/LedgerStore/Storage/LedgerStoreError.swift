/// Why the ledger could not do what was asked: an integrity failure, a refusal, or I/O.
///
/// `description` is the message a person reads after `error: `: one line, what failed,
/// where, and the fix when there is one. The command line maps each case to its exit
/// status in one place.
public enum LedgerStoreError: Error, Hashable, Sendable, CustomStringConvertible {
  // MARK: Integrity (the log is not what it claims to be)

  /// A line's content no longer hashes to what the next event's `prev` recorded, or
  /// its own `prev` does not name the previous event's leaf hash.
  case brokenChain(file: String, seq: Int, byteOffset: Int)
  /// A line is not valid canonical JSON or not a well-formed event.
  case malformedLine(file: String, seq: Int, byteOffset: Int, reason: String)
  /// A line was written by a newer format version than this program reads.
  case newerFormat(file: String, seq: Int, byteOffset: Int, version: Int)
  /// The log does not end where the checkpoint says: committed events are missing.
  case checkpointAhead(file: String, checkpointSize: Int, logSize: Int)
  /// The log's Merkle root or last event does not match the durable checkpoint.
  case checkpointMismatch(size: Int, checkpointRoot: String, logRoot: String)
  /// Neither checkpoint slot could be read or checked.
  case checkpointUnreadable(file: String)

  // MARK: Refusals (valid request, the ledger says no)

  /// The caller's expected tree size does not match the ledger.
  case sizeExpectationFailed(expected: Int, actual: Int)
  /// The caller's expected stream version does not match the ledger.
  case streamExpectationFailed(stream: String, expected: Int, actual: Int)
  /// An event to append is not well formed.
  case invalidEvent(index: Int, reason: String)
  /// The directory already holds a ledger.
  case ledgerExists(path: String)
  /// The seq asked for is not in the ledger.
  case seqOutOfRange(seq: Int, size: Int)

  // MARK: I/O and locking

  /// The directory is not a ledger.
  case notALedger(path: String)
  /// The ledger was opened for reading only: this user cannot write it.
  case readOnly(path: String)
  /// A system call failed.
  case io(file: String, step: String, errno: Int32)
  /// Another process held the ledger's lock for longer than the timeout.
  case lockTimeout(file: String, seconds: Int)
  /// A pass that sorts more than fits in memory could not use its scratch directory.
  case scratchUnavailable(directory: String, errno: Int32)

  /// The message for the user.
  public var description: String {
    switch self {
    case .brokenChain(let file, let seq, let byteOffset):
      return
        "\(file): seq \(seq) at byte \(byteOffset) was changed after it was written "
        + "(the hash chain breaks there); restore the file from a copy you trust"
    case .malformedLine(let file, let seq, let byteOffset, let reason):
      return "\(file): seq \(seq) at byte \(byteOffset) is not a valid event: \(reason)"
    case .newerFormat(let file, let seq, let byteOffset, let version):
      return
        "\(file): seq \(seq) at byte \(byteOffset) uses format version \(version); "
        + "this planledger reads version 1, so upgrade planledger"
    case .checkpointAhead(let file, let checkpointSize, let logSize):
      return
        "the checkpoint records \(checkpointSize) events but \(file) ends after \(logSize): "
        + "committed events are missing; restore the log from a copy you trust"
    case .checkpointMismatch(let size, let checkpointRoot, let logRoot):
      return
        "the log's root for size \(size) is \(logRoot) but the checkpoint records "
        + "\(checkpointRoot); the log was changed after it was written: run "
        + "'planledger verify' to find the line, and restore the file from a copy you trust"
    case .checkpointUnreadable(let file):
      return "\(file) cannot be read or does not check; restore it from a copy you trust"
    case .sizeExpectationFailed(let expected, let actual):
      return
        "the ledger holds \(actual) events, not the \(expected) expected; "
        + "read the ledger again and retry"
    case .streamExpectationFailed(let stream, let expected, let actual):
      return
        "stream \"\(stream)\" is at version \(actual), not the \(expected) expected; "
        + "read it again and retry"
    case .invalidEvent(let index, let reason):
      return "event \(index + 1) of the append is not valid: \(reason)"
    case .ledgerExists(let path):
      return "\"\(path)\" already holds a ledger; choose another directory with --ledger"
    case .seqOutOfRange(let seq, let size):
      return size == 0
        ? "seq \(seq) is not in the ledger, which is empty"
        : "seq \(seq) is not in the ledger; choose a seq from 1 to \(size)"
    case .notALedger(let path):
      return
        "\"\(path)\" is not a ledger (no checkpoint); create one with 'planledger init' "
        + "or choose another with --ledger"
    case .readOnly(let path):
      return
        "\"\(path)\" is open for reading only (this user cannot write it); record into a "
        + "ledger you can write, or ask whoever keeps this one"
    case .io(let file, let step, let errno):
      return "cannot \(step) \"\(file)\": \(Self.systemMessage(errno))"
    case .lockTimeout(let file, let seconds):
      return
        "another process has held \"\(file)\" for over \(seconds) s; "
        + "wait for it to finish and retry"
    case .scratchUnavailable(let directory, let errno):
      return
        "cannot use \"\(directory)\" for scratch files: \(Self.systemMessage(errno)); "
        + "set TMPDIR to a writable directory with free space"
    }
  }

  /// Whether the error means the ledger failed an integrity check.
  public var isIntegrityFailure: Bool {
    switch self {
    case .brokenChain, .malformedLine, .newerFormat, .checkpointAhead, .checkpointMismatch,
      .checkpointUnreadable:
      return true
    case .sizeExpectationFailed, .streamExpectationFailed, .invalidEvent, .ledgerExists,
      .seqOutOfRange, .notALedger, .readOnly, .io, .lockTimeout, .scratchUnavailable:
      return false
    }
  }

  private static func systemMessage(_ errno: Int32) -> String {
    switch errno {
    case 2: return "no such file or directory"
    case 13: return "permission denied"
    case 17: return "file exists"
    case 20: return "not a directory"
    case 21: return "is a directory"
    case 28: return "no space left on device"
    case 30: return "read-only file system"
    case 122: return "disk quota exceeded"
    default: return "system error \(errno)"
    }
  }
}
