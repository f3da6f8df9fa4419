public import LedgerStore
public import PlanLedger

/// Submissions built from table rows, each remembering the row it came from, so a
/// refusal names the file, row and column.
public struct ImportBatch: Sendable {
  /// Where a submission came from.
  public struct Origin: Hashable, Sendable {
    /// The file.
    public let file: String
    /// The data row (1-based).
    public let row: Int
    /// The line the row starts on.
    public let line: Int
    /// The column holding each kind of value the validator may refuse.
    public let columns: [Field: String]
  }

  /// The kinds of value a refusal can be about.
  public enum Field: Hashable, Sendable {
    case key, person, priority, action, measure, meeting, visit, workstream
    case recommendations, date, role, data
  }

  /// The submissions, in order.
  public private(set) var submissions: [Submission] = []
  /// Their origins, in the same order.
  public private(set) var origins: [Origin] = []

  /// An empty batch.
  public init() {}

  mutating func append(_ submission: Submission, _ origin: Origin) {
    submissions.append(submission)
    origins.append(origin)
  }

  mutating func removeLastReturning() -> (Submission, Origin) {
    (submissions.removeLast(), origins.removeLast())
  }

  mutating func insert(_ submission: Submission, _ origin: Origin, at index: Int) {
    submissions.insert(submission, at: index)
    origins.insert(origin, at: index)
  }

  /// The refusal of one submission, told in terms of its row and column.
  ///
  /// - Parameter refusal: The plan book's refusal.
  /// - Returns: The import error.
  public func error(for refusal: SubmissionRefusal) -> ImportError {
    guard refusal.ordinal < origins.count else {
      return ImportError(
        file: "",
        row: nil,
        column: nil,
        line: nil,
        reason: refusal.refusal.description
      )
    }
    let origin = origins[refusal.ordinal]
    return ImportError(
      file: origin.file,
      row: origin.row,
      column: origin.columns[Self.field(of: refusal.refusal)] ?? origin.columns[.data],
      line: origin.line,
      reason: refusal.refusal.description
    )
  }

  static func field(of refusal: Refusal) -> Field {
    switch refusal {
    case .unknownAction, .beforeAction, .actionWithdrawn, .unchanged, .unchangedLead,
      .unchangedDue, .noSuchMilestone, .milestoneNotDated, .completionNeedsAuthority,
      .authorityNotADecision:
      return .action
    case .unknownPerson, .unregisteredActor: return .person
    case .unknownPriority: return .priority
    case .unknownMeasure: return .measure
    case .unknownMeeting, .meetingNotHeld: return .meeting
    case .unknownVisit, .visitNotRecorded: return .visit
    case .unknownWorkstream: return .workstream
    case .unknownRecommendation: return .recommendations
    case .duplicate, .notYetDefined: return .key
    case .roleAlreadyHeld: return .role
    case .correctionMovesStream: return .data
    case .afterToday, .beforePlan, .decisionBeforeMeeting, .meetingNotYetHeld, .visitNotYetStarted,
      .valueTooFarAhead, .noPlan:
      return .date
    case .roleNotHeld: return .role
    case .notAStatus, .notADecisionKind, .notAFindingKind, .noSuchSeq, .notCorrectable,
      .alreadyRetracted, .policy, .wrongStream, .invalidData, .notAPlanEvent, .notADecimal,
      .authorityNotInLedger, .authorityRetracted, .notAnAuthority:
      return .data
    case .malformed(let value):
      return field(of: value)
    }
  }

  static func field(of value: MalformedValue) -> Field {
    switch value {
    case .identifier: return .key
    case .noNewLead: return .person
    case .datesOutOfOrder: return .date
    case .blank, .repeated, .authorityWithoutSeq, .authoritySeqNotASeq, .authorityMember,
      .noSuchEventType:
      return .data
    }
  }
}

/// Runs an import batch through the plan book: the same checks every other path gets.
public enum ImportRunner: Sendable {
  /// Checks a batch and, unless it is a dry run, records it atomically.
  ///
  /// - Parameters:
  ///   - batch: The submissions.
  ///   - book: The plan book.
  ///   - dryRun: Check only.
  /// - Returns: The receipt (nil for a dry run) and the drafts that were or would be written.
  /// - Throws: ``ImportError`` naming the row and column of the first refusal; engine errors.
  public static func run(
    _ batch: ImportBatch,
    into book: PlanBook,
    dryRun: Bool
  ) throws -> (receipt: AppendReceipt?, drafts: [EventDraft]) {
    do {
      if dryRun {
        try book.ledger.refresh()
        return (nil, try book.check(batch.submissions, ledgerSize: book.ledger.size))
      }
      let receipt = try book.record(batch.submissions)
      return (receipt, [])
    } catch let refusal as SubmissionRefusal {
      throw batch.error(for: refusal)
    }
  }
}
