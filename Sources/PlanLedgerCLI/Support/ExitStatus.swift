import LedgerStore
import PlanLedger
import PlanReports

/// The process exit status, as `DESIGN.md` defines them.
enum ExitStatus: Int32, Sendable {
  case success = 0
  case integrityFailure = 1
  case usage = 2
  case refused = 3
  case ioFailure = 4

  /// The status for an error: decided here and nowhere else.
  init(for error: any Error) {
    switch error {
    case is UsageError, is BatchFile.LineError:
      // A batch line that is not an event is a malformed value, as a bad --data is.
      self = .usage
    case let error as LedgerStoreError:
      switch error {
      case .brokenChain, .malformedLine, .newerFormat, .checkpointAhead, .checkpointMismatch,
        .checkpointUnreadable:
        self = .integrityFailure
      case .sizeExpectationFailed, .streamExpectationFailed, .invalidEvent, .ledgerExists,
        .seqOutOfRange:
        self = .refused
      case .notALedger, .readOnly, .io, .lockTimeout, .scratchUnavailable:
        self = .ioFailure
      }
    case is MerkleProofError:
      self = .refused
    case let refusal as Refusal:
      self = Self.status(of: refusal)
    case let refusal as SubmissionRefusal:
      self = Self.status(of: refusal.refusal)
    case is EventEnvelopeError, is RecordError:
      self = .refused
    case is ImportError:
      self = .refused
    case is IntegrityFailure:
      self = .integrityFailure
    case is BatchFile.ChangedLine:
      // The file changed under the append: the world, not the command, went wrong.
      self = .ioFailure
    default:
      self = .ioFailure
    }
  }

  /// A refusal's status: a value refused on its face, whatever the ledger holds, is a
  /// malformed value (usage); the rest is the ledger saying no.
  private static func status(of refusal: Refusal) -> ExitStatus {
    if case .malformed = refusal { return .usage }
    return .refused
  }
}

/// A failure of the command itself that is an integrity failure, such as a proof that
/// does not check.
struct IntegrityFailure: Error, CustomStringConvertible {
  let description: String
}
