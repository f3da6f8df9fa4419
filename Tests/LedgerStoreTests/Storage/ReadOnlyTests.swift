import Foundation
import Testing

@testable import LedgerStore

/// A ledger opened for reading only: what an inspector does with a copy they must not
/// change, and what a ledger this user cannot write opens as.
@Suite struct ReadOnlyTests {
  static func readOnly(scratch: String) -> LedgerConfiguration {
    var configuration = LedgerFixture.configuration()
    configuration.scratchDirectory = scratch
    configuration.readOnly = true
    return configuration
  }

  /// Reads, roots and proofs give what a writable open gives, and no file changes: with
  /// the index and without one (whose proofs come from the log itself).
  @Test(arguments: [false, true])
  func readsAndProvesWithoutWritingAByte(withoutIndex: Bool) throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 21)
      let proof = try ledger.inclusionProof(seq: 13, size: 20)
      let consistency = try ledger.consistencyProof(first: 7, second: nil)
      let line = try ledger.line(seq: 5)
      if withoutIndex {
        try FileManager.default.removeItem(atPath: path + "/" + Ledger.indexName)
      }
      let before = try LedgerFixture.snapshot(of: path)
      let reader = try Ledger.open(at: path, configuration: Self.readOnly(scratch: directory.path))
      #expect(reader.warnings.isEmpty)
      #expect(reader.head == ledger.head)
      #expect(try reader.line(seq: 5) == line)
      #expect(try reader.inclusionProof(seq: 13, size: 20) == proof)
      #expect(try reader.consistencyProof(first: 7, second: nil) == consistency)
      #expect(try reader.head(size: 9) == ledger.head(size: 9))
      #expect(throws: LedgerStoreError.readOnly(path: path)) {
        try reader.append([LedgerFixture.draft(22)])
      }
      #expect(try LedgerFixture.snapshot(of: path) == before)
    }
  }

  /// Without the index, a log whose lines no longer give the checkpoint's root gives no
  /// proof.
  @Test func aChangedLogGivesNoProofWithoutItsIndex() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 8)
      let head = ledger.head
      try FileManager.default.removeItem(atPath: path + "/" + Ledger.indexName)
      var log = try LedgerFixture.bytes(path + "/0001.jsonl")
      let noteAt = try #require(log.firstRange(of: Array(#""note":"event 2""#.utf8))).upperBound - 7
      log[noteAt] = UInt8(ascii: "E")
      try LedgerFixture.write(log, to: path + "/0001.jsonl")
      let reader = try Ledger.open(at: path, configuration: Self.readOnly(scratch: directory.path))
      #expect {
        try reader.inclusionProof(seq: 3, size: nil)
      } throws: { error in
        guard case LedgerStoreError.checkpointMismatch(let size, let root, _) = error else {
          return false
        }
        return size == 8 && root == head.root.hex
      }
    }
  }
}

/// Taking back a ledger just made: only while it holds no event.
@Suite struct RemoveEmptyTests {
  @Test func anEmptyLedgerIsTakenBackAndOneWithEventsIsNot() throws {
    try withTemporaryDirectory { directory in
      let empty = directory.path + "/empty"
      _ = try Ledger.create(at: empty, configuration: LedgerFixture.configuration())
      try Ledger.removeEmpty(at: empty)
      #expect(!FileManager.default.fileExists(atPath: empty))
      let (path, _) = try LedgerFixture.makeLedger(in: directory, count: 1)
      let before = try LedgerFixture.snapshot(of: path)
      #expect(throws: LedgerStoreError.ledgerExists(path: path)) {
        try Ledger.removeEmpty(at: path)
      }
      #expect(try LedgerFixture.snapshot(of: path) == before)
    }
  }
}
