import Foundation
import LedgerStore
import Testing

@Suite struct VerifierTests {
  /// A 200-event ledger built in batches of 1 to 19 events, with a clock that moves on a
  /// second per append, so `recorded` varies as in a real log.
  struct Built {
    let path: String
    let log: [UInt8]
    /// Where each line starts in the log, and one past the end.
    let lineStarts: [Int]

    /// The seq of the line that holds byte `offset`.
    func seq(containing offset: Int) -> Int {
      var low = 0
      var high = lineStarts.count - 1
      while high - low > 1 {
        let middle = (low + high) / 2
        if lineStarts[middle] <= offset { low = middle } else { high = middle }
      }
      return low + 1
    }
  }

  /// Builds the ledger in `directory/ledger`; the same bytes every time.
  static func build(in directory: URL) throws -> Built {
    let clock = SteppingClock(start: LedgerFixture.start)
    let (path, ledger) = try LedgerFixture.makeLedger(
      in: directory,
      count: 0,
      configuration: LedgerFixture.configuration(clock: clock)
    )
    var next = 1
    var batch = 1
    while next <= 200 {
      let last = min(200, next + batch - 1)
      _ = try ledger.append((next...last).map(LedgerFixture.draft))
      next = last + 1
      batch = batch % 19 + 1
    }
    let log = try LedgerFixture.bytes(path + "/0001.jsonl")
    var starts = [0]
    for (offset, byte) in log.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    #expect(starts.count == 201)
    return Built(path: path, log: log, lineStarts: starts)
  }

  @Test func anIntactLedgerVerifies() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      let report = try Verifier(path: built.path).verify()
      #expect(report.problems == [])
      #expect(report.notes == [])
      #expect(report.events == 200)
      #expect(report.bytes == built.log.count)
      let ledger = try Ledger.open(at: built.path, configuration: LedgerFixture.configuration())
      #expect(report.computedHead == ledger.head)
      #expect(report.checkpointHead == ledger.head)
    }
  }

  // MARK: One changed byte

  /// How a byte is changed.
  enum Change: String, Sendable, CaseIterable {
    /// The lowest bit flipped.
    case flipLowestBit
    /// Replaced by a newline (no change for a newline).
    case newline

    /// The changed byte.
    func apply(_ byte: UInt8) -> UInt8 {
      switch self {
      case .flipLowestBit: byte ^ 0x01
      case .newline: UInt8(ascii: "\n")
      }
    }
  }

  /// Whether to change every byte of the log, not a sample (set `PLANLEDGER_EXHAUSTIVE=1`;
  /// best with `swift test -c release`, about 113 000 verifications).
  static let exhaustive = ProcessInfo.processInfo.environment["PLANLEDGER_EXHAUSTIVE"] == "1"

  /// The number of parts the offsets are split into, so the parts verify in parallel.
  static let parts = 8

  /// The byte offsets part `part` of the run changes: every byte of seq 1, 100 and 200, and
  /// every 211th byte elsewhere (every 409th for newlines), or with ``exhaustive`` every byte.
  ///
  /// A verification takes about 20 ms in a debug build, so the sample keeps the run near
  /// 20 s on two cores; the exhaustive run (about 113 000 verifications) passed in release.
  static func offsets(part: Int, built: Built, change: Change) -> [Int] {
    let fullLines: Set<Int> = [1, 100, 200]
    let stride = change == .flipLowestBit ? 211 : 409
    return (0..<built.log.count).filter { offset in
      guard offset % parts == part else { return false }
      if exhaustive { return true }
      return fullLines.contains(built.seq(containing: offset)) || offset % stride == 0
    }
  }

  @Test(arguments: Change.allCases, 0..<parts)
  func aChangedByteIsReportedAtTheLineThatHoldsIt(change: Change, part: Int) throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      let logPath = built.path + "/0001.jsonl"
      var unattributed: [String] = []
      var checked = 0
      for offset in Self.offsets(part: part, built: built, change: change) {
        let changed = change.apply(built.log[offset])
        if changed == built.log[offset] { continue }
        var log = built.log
        log[offset] = changed
        try LedgerFixture.write(log, to: logPath)
        let report = try Verifier(path: built.path).verify()
        checked += 1
        let seq = built.seq(containing: offset)
        if report.problems.first?.seq != seq {
          unattributed.append(
            "byte \(offset) (seq \(seq), +\(offset - built.lineStarts[seq - 1])): "
              + (report.problems.first.map { "first problem names seq \($0.seq): \($0.message)" }
                ?? "no problem reported")
          )
        } else {
          #expect(report.problems.first?.file == "0001.jsonl")
          #expect(report.problems.first?.line == seq)
          #expect(report.problems.first?.byteOffset == built.lineStarts[seq - 1])
        }
      }
      try LedgerFixture.write(built.log, to: logPath)
      #expect(checked > 0)
      #expect(unattributed == [], "\(unattributed.count) of \(checked) changes misattributed")
    }
  }

  // MARK: Lines moved or missing

  @Test func swappedLinesAreReportedAtTheFirstOfThem() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      for (first, second) in [(1, 2), (57, 58), (120, 160), (199, 200), (1, 200)] {
        var lines = try LedgerFixture.lines(ofFile: built.path + "/0001.jsonl")
        lines.swapAt(first - 1, second - 1)
        try LedgerFixture.write(lines.flatMap { $0 }, to: built.path + "/0001.jsonl")
        let report = try Verifier(path: built.path).verify()
        #expect(report.problems.first?.seq == first, "\(first) ↔ \(second)")
        #expect(report.problems.contains { $0.seq == second }, "\(first) ↔ \(second)")
        #expect(
          report.problems.first?.message
            == "seq \(first): the line says seq \(second), but it is event \(first)"
        )
        try LedgerFixture.write(built.log, to: built.path + "/0001.jsonl")
      }
    }
  }

  @Test(arguments: [1, 2, 100, 199, 200])
  func aDeletedLineIsReportedWhereItWas(seq: Int) throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      var lines = try LedgerFixture.lines(ofFile: built.path + "/0001.jsonl")
      lines.remove(at: seq - 1)
      try LedgerFixture.write(lines.flatMap { $0 }, to: built.path + "/0001.jsonl")
      let report = try Verifier(path: built.path).verify()
      #expect(report.events == 199)
      #expect(report.problems.first?.seq == seq)
      #expect(report.problems.first?.byteOffset == built.lineStarts[seq - 1])
      // The checkpoint still counts 200 events: the end of the log is reported too.
      #expect(
        report.problems.last?.message
          == "the checkpoint records 200 events ending at byte \(built.log.count) but the log "
          + "holds 199: committed events are missing"
      )
    }
  }

  @Test func aLineAddedAfterTheCommittedEndIsANoteNotAProblem() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      let lines = try LedgerFixture.lines(ofFile: built.path + "/0001.jsonl")
      try LedgerFixture.appendBytes(lines[199], to: built.path + "/0001.jsonl")
      let report = try Verifier(path: built.path).verify()
      #expect(report.problems == [])
      #expect(
        report.notes == [
          "0001.jsonl: \(lines[199].count) bytes after seq 200 are not committed (an interrupted "
            + "append); they are quarantined on the next open"
        ]
      )
    }
  }

  // MARK: Checkpoint

  @Test func aCorruptedPreviousSlotIsIgnored() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      // 21 appends after the create: generation 21 is in slot 1, generation 20 in slot 0.
      var checkpoint = try LedgerFixture.bytes(built.path + "/checkpoint")
      checkpoint[40] ^= 0x01
      try LedgerFixture.write(checkpoint, to: built.path + "/checkpoint")
      let report = try Verifier(path: built.path).verify()
      #expect(report.problems == [])
      #expect(report.notes == [])
      #expect(report.checkpointHead == report.computedHead)
    }
  }

  @Test func aCorruptedCurrentSlotLeavesThePreviousCommitAndTheRestUncommitted() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      let ledger = try Ledger.open(at: built.path, configuration: LedgerFixture.configuration())
      var checkpoint = try LedgerFixture.bytes(built.path + "/checkpoint")
      checkpoint[1024 + 40] ^= 0x01
      try LedgerFixture.write(checkpoint, to: built.path + "/checkpoint")
      let report = try Verifier(path: built.path).verify()
      // What a torn write of the current slot leaves: the last append never committed, so
      // this is not an integrity failure, only a note.
      #expect(report.problems == [])
      #expect(report.events < 200)
      #expect(report.notes.count == 1)
      #expect(report.checkpointHead == report.computedHead)
      #expect(report.checkpointHead != ledger.head)
    }
  }

  @Test func bothSlotsCorruptedIsAProblemOfTheCheckpointFile() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      var checkpoint = try LedgerFixture.bytes(built.path + "/checkpoint")
      checkpoint[40] ^= 0x01
      checkpoint[1024 + 40] ^= 0x01
      try LedgerFixture.write(checkpoint, to: built.path + "/checkpoint")
      let report = try Verifier(path: built.path).verify()
      #expect(
        report.problems.map(\.description) == [
          "checkpoint:0: error: neither checkpoint slot can be read or checks"
        ]
      )
      #expect(report.problems.first?.seq == 0)
      #expect(report.problems.first?.byteOffset == 0)
      #expect(report.events == 200)
      #expect(report.checkpointHead == nil)
    }
  }

  @Test func aMissingCheckpointIsNotALedger() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      try FileManager.default.removeItem(atPath: built.path + "/checkpoint")
      #expect(throws: LedgerStoreError.notALedger(path: built.path)) {
        try Verifier(path: built.path).verify()
      }
    }
  }

  @Test func aChangedLastLineIsCaughtByTheCheckpointAlone() throws {
    try withTemporaryDirectory { directory in
      let built = try Self.build(in: directory)
      var log = built.log
      // A digit of the last event's "n" member: still canonical, still a valid event.
      let start = built.lineStarts[199]
      let line = Array(log[start...])
      let needle = Array(#""n":200"#.utf8)
      let found = try #require(
        (0...(line.count - needle.count)).first { Array(line[$0..<($0 + needle.count)]) == needle }
      )
      log[start + found + 4] = UInt8(ascii: "3")
      try LedgerFixture.write(log, to: built.path + "/0001.jsonl")
      let report = try Verifier(path: built.path).verify()
      #expect(
        report.problems.first?.description
          == "0001.jsonl:200: error: seq 200: the last line no longer hashes to the leaf hash "
          + "the checkpoint recorded; it was changed after it was written"
      )
      #expect(report.problems.first?.seq == 200)
      #expect(report.problems.first?.byteOffset == start)
    }
  }
}
