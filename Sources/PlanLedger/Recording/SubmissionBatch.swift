/// The submissions of a batch, read by position: in order to check them, again in order
/// to append them, and now and then out of order when a later one refers to an earlier.
///
/// A batch need not be held in memory: a batch file can read each submission again from
/// its line, so that checking and appending a batch of any length takes a few bytes a
/// submission (see ``PlanBook/record(batch:expectedSize:)``).
public protocol SubmissionBatch {
  /// How many submissions the batch has.
  var count: Int { get }

  /// The submission at a position.
  ///
  /// - Parameter ordinal: The zero-based position, below ``count``.
  /// - Returns: The submission, the same each time it is asked for.
  /// - Throws: An I/O error reading it again.
  func submission(at ordinal: Int) throws -> Submission
}

extension Array: SubmissionBatch where Element == Submission {
  /// The submission at a position.
  ///
  /// - Parameter ordinal: The zero-based position.
  /// - Returns: The submission.
  public func submission(at ordinal: Int) -> Submission {
    self[ordinal]
  }
}
