/// A value of a submission that is malformed on its face, whatever the ledger holds: a
/// usage error (exit status 2), where the other refusals are the ledger saying no (3).
///
/// It is found before anything is looked up, so the same value is refused the same way on
/// an empty ledger and a full one, and through every door (recording commands, raw
/// `append`, batch files, imports). `description` is one line naming the problem and the
/// fix; it holds identifiers, dates and member names only, never recorded free text.
public enum MalformedValue: Hashable, Sendable, CustomStringConvertible {
  /// An `authority` object with no `seq`.
  case authorityWithoutSeq
  /// An `authority` whose `seq` is not a whole number of at least 1.
  case authoritySeqNotASeq
  /// An `authority` object with a member other than `seq`.
  case authorityMember(String)

  /// What an authority names, in messages.
  static let theDecision = "the seq of the board decision that authorised it"

  /// The message for the user.
  public var description: String {
    switch self {
    case .authorityWithoutSeq:
      return "the authority has no \"seq\"; give {\"seq\": N}, N \(Self.theDecision)"
    case .authoritySeqNotASeq:
      return
        "the authority's \"seq\" is not a whole number of at least 1; give \(Self.theDecision)"
    case .authorityMember(let name):
      return "the authority has a member \"\(name)\"; it holds only \"seq\", \(Self.theDecision)"
    }
  }
}
