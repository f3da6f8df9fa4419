import Foundation
import LedgerStore
import PlanLedger
import Testing

/// The shipped Croydon ledger, `EventLog/` in the repository, read only through copies.
enum CroydonLedger {
  /// The repository's `EventLog/`, if it holds a ledger.
  static let shipped: URL? = {
    let directory = URL(filePath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appending(path: "EventLog")
    let checkpoint = directory.appending(path: "checkpoint").path(percentEncoded: false)
    return FileManager.default.fileExists(atPath: checkpoint) ? directory : nil
  }()

  /// Runs `body` with a plan book over a copy of the shipped ledger's log and checkpoint.
  static func withCopy(_ body: (PlanBook) throws -> Void) throws {
    let source = try #require(shipped)
    try withTemporaryDirectory { directory in
      let copy = directory.appending(path: "EventLog")
      try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
      for name in try FileManager.default.contentsOfDirectory(
        atPath: source.path(percentEncoded: false)
      )
      where name.hasSuffix(".jsonl") || name == "checkpoint" {
        try FileManager.default.copyItem(
          at: source.appending(path: name),
          to: copy.appending(path: name)
        )
      }
      let clock = TestClock("2026-12-31")
      let ledger = try Ledger.open(
        at: copy.path(percentEncoded: false),
        configuration: LedgerConfiguration(clock: clock)
      )
      #expect(ledger.damage == nil)
      try body(PlanBook(ledger: ledger, clock: clock))
    }
  }
}
