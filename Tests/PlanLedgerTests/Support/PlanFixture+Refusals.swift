import LedgerStore
import PlanLedger
import Testing

extension PlanFixture {
  /// Records `submissions` as one batch and expects the refusal, with its exact message,
  /// and the ledger's files (every `*.jsonl` and the checkpoint) unchanged to the byte.
  func expectRefusal(
    _ submissions: [Submission],
    _ refusal: Refusal,
    _ description: String,
    ordinal: Int = 0,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let before = try ledgerFileBytes(path)
    #expect(before.keys.sorted() == ["0001.jsonl", "checkpoint"], sourceLocation: sourceLocation)
    try ledger.refresh()
    let size = ledger.size
    let error = #expect(throws: SubmissionRefusal.self, sourceLocation: sourceLocation) {
      try book.record(submissions)
    }
    #expect(error?.refusal == refusal, sourceLocation: sourceLocation)
    #expect(error?.refusal.description == description, sourceLocation: sourceLocation)
    #expect(error?.ordinal == ordinal, sourceLocation: sourceLocation)
    #expect(error?.count == submissions.count, sourceLocation: sourceLocation)
    #expect(
      try ledgerFileBytes(path) == before,
      "a refused submission changed the ledger's files",
      sourceLocation: sourceLocation
    )
    try ledger.refresh()
    #expect(ledger.size == size, sourceLocation: sourceLocation)
  }

  /// Records one event and expects the refusal, as ``expectRefusal(_:_:_:ordinal:sourceLocation:)``.
  func expectRefusal(
    _ event: PlanEvent,
    by actor: String = "PS",
    effective: String? = nil,
    authority: Int? = nil,
    _ refusal: Refusal,
    _ description: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let submission = Submission(
      event,
      actor: PersonID(actor),
      effective: effective.map { day($0) },
      authority: authority
    )
    try expectRefusal([submission], refusal, description, sourceLocation: sourceLocation)
  }
}
