import LedgerStore

/// What may stand as an event's `authority`, and the completion rule that needs one.
extension Validator {
  /// Checks the completion rule: the authority is a board decision that concerns the
  /// action, as it stands now (corrected, and not retracted).
  func checkCompletionAuthority(_ action: ActionID, _ authority: Int?) throws {
    guard let authority else { throw Refusal.completionNeedsAuthority(action: action) }
    guard latest.decisions[authority]?.decision.actions.contains(action) == true else {
      throw Refusal.authorityNotADecision(action: action, seq: authority)
    }
  }

  /// The seq a submission's authority names, refusing one that is not `{"seq": N}` with N
  /// a whole number of at least 1 (the object is what is written, so it is what counts).
  static func authoritySeq(of submission: Submission) throws(Refusal) -> Int? {
    guard let object = submission.authorityObject else {
      guard let seq = submission.authority else { return nil }
      guard seq >= 1 else { throw .malformed(.authoritySeqNotASeq) }
      return seq
    }
    guard let value = object["seq"] else { throw .malformed(.authorityWithoutSeq) }
    guard case .integer(let seq) = value, seq >= 1 else {
      throw .malformed(.authoritySeqNotASeq)
    }
    if let other = object.first(where: { $0.key != "seq" }) {
      throw .malformed(.authorityMember(other.key))
    }
    return seq
  }

  /// Checks that an authority names what may authorise: an earlier board decision (in the
  /// ledger, or earlier in the same batch) that has not been retracted.
  ///
  /// Only a board decision authorises: the board is where the plan's governance decides
  /// (accept completion, agree a revised deadline, reassign, add or retire actions), and
  /// the history, the audit and the narrative read an authority as that decision.
  func checkAuthority(_ seq: Int) throws {
    guard seq <= size else { throw Refusal.authorityNotInLedger(seq: seq, size: size) }
    if let by = latest.retractedBy[seq] { throw Refusal.authorityRetracted(seq: seq, by: by) }
    guard latest.decisions[seq] != nil else {
      throw Refusal.notAnAuthority(seq: seq, type: try record(seq)?.event.type.rawValue)
    }
  }
}
