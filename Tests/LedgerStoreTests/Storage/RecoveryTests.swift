import Foundation
import LedgerStore
import Testing

@Suite struct RecoveryTests {
  /// A committed ledger of `count` events, the bytes of the events that follow it, and the
  /// committed end of its log.
  struct Base {
    /// The ledger directory (closed).
    let path: String
    /// The committed lines, without newlines.
    let lines: [[UInt8]]
    /// The lines an append of the following events writes, each with its newline.
    let following: [[UInt8]]
    /// The committed end of `0001.jsonl`.
    let end: Int
  }

  /// Builds `count` events in `directory/base` (one batch), and works out the lines an
  /// append of `followingCount` more events would write, by appending them to a twin.
  static func makeBase(
    in directory: URL,
    count: Int,
    followingCount: Int = 1
  ) throws -> Base {
    let (path, ledger) = try LedgerFixture.makeLedger(in: directory, name: "base", count: count)
    let lines = try LedgerFixture.allLines(ledger)
    let (twinPath, twin) = try LedgerFixture.makeLedger(in: directory, name: "twin", count: count)
    _ = try twin.append(Array(LedgerFixture.drafts(count + followingCount)[count...]))
    let twinLines = try LedgerFixture.lines(ofFile: twinPath + "/0001.jsonl")
    #expect(twinLines[0..<count].map { Array($0.dropLast()) } == lines)
    let end = try LedgerFixture.bytes(path + "/0001.jsonl").count
    return Base(path: path, lines: lines, following: Array(twinLines[count...]), end: end)
  }

  // MARK: Interrupted appends

  @Test func everyPrefixOfATornLastLineIsQuarantinedAndNothingWholeIsLost() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 199)
      let line = base.following[0]
      for k in 1...line.count {
        let trial = directory.appending(path: "trial-\(k)").path(percentEncoded: false)
        try LedgerFixture.copyDirectory(base.path, to: trial)
        let fragment = Array(line[0..<k])
        try LedgerFixture.appendBytes(fragment, to: trial + "/0001.jsonl")

        let ledger = try Ledger.open(at: trial, configuration: LedgerFixture.configuration())
        let name = "0001.jsonl@\(base.end)"
        #expect(
          ledger.warnings == [
            .quarantined(
              file: "0001.jsonl",
              byteOffset: base.end,
              length: k,
              to: "quarantine/" + name,
              afterSeq: 199
            )
          ],
          "k = \(k)"
        )
        #expect(ledger.damage == nil)
        #expect(ledger.size == 199)
        #expect(try LedgerFixture.allLines(ledger) == base.lines, "k = \(k)")
        #expect(LedgerFixture.quarantined(in: trial) == [name])
        #expect(try LedgerFixture.bytes(trial + "/quarantine/" + name) == fragment)
        #expect(try LedgerFixture.bytes(trial + "/0001.jsonl").count == base.end)

        let receipt = try ledger.append([LedgerFixture.draft(200)])
        #expect(receipt.seqs == [200])
        #expect(try ledger.line(seq: 200) == Array(line.dropLast()))
        let report = try Verifier(path: trial).verify()
        #expect(report.problems == [], "k = \(k)")
        #expect(report.events == 200)
        try FileManager.default.removeItem(atPath: trial)
      }
    }
  }

  @Test func aTornFirstLineLeavesAnEmptyLedger() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 0)
      try LedgerFixture.appendBytes(
        Array(base.following[0].prefix(40)),
        to: base.path + "/0001.jsonl"
      )
      let ledger = try Ledger.open(at: base.path, configuration: LedgerFixture.configuration())
      #expect(
        ledger.warnings == [
          .quarantined(
            file: "0001.jsonl",
            byteOffset: 0,
            length: 40,
            to: "quarantine/0001.jsonl@0",
            afterSeq: 0
          )
        ]
      )
      #expect(ledger.size == 0)
      #expect(try ledger.append([LedgerFixture.draft(1)]).seqs == [1])
      #expect(try Verifier(path: base.path).verify().problems == [])
    }
  }

  @Test func wholeLinesWrittenBeforeTheCheckpointAreQuarantinedTogether() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 199, followingCount: 3)
      // The crash came after the batch's lines were written and before its checkpoint.
      let batch = base.following.flatMap { $0 }
      try LedgerFixture.appendBytes(batch, to: base.path + "/0001.jsonl")
      let before = try Verifier(path: base.path).verify()
      #expect(before.problems == [])
      #expect(before.events == 199)
      #expect(before.notes.count == 1)

      let ledger = try Ledger.open(at: base.path, configuration: LedgerFixture.configuration())
      #expect(
        ledger.warnings == [
          .quarantined(
            file: "0001.jsonl",
            byteOffset: base.end,
            length: batch.count,
            to: "quarantine/0001.jsonl@\(base.end)",
            afterSeq: 199
          )
        ]
      )
      #expect(ledger.size == 199)
      #expect(try LedgerFixture.allLines(ledger) == base.lines)
      #expect(try LedgerFixture.bytes(base.path + "/quarantine/0001.jsonl@\(base.end)") == batch)
      // The batch is appended again as a whole and gets the same lines.
      let receipt = try ledger.append(Array(LedgerFixture.drafts(202)[199...]))
      #expect(receipt.seqs == [200, 201, 202])
      #expect(try LedgerFixture.bytes(base.path + "/0001.jsonl").suffix(batch.count) == batch[...])
      #expect(try Verifier(path: base.path).verify().problems == [])
    }
  }

  @Test func aQuarantineNeverOverwritesAnEarlierOne() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 10)
      let fragment = Array(base.following[0].prefix(12))
      for attempt in 1...3 {
        try LedgerFixture.appendBytes(fragment, to: base.path + "/0001.jsonl")
        let ledger = try Ledger.open(at: base.path, configuration: LedgerFixture.configuration())
        let suffix = attempt == 1 ? "" : ".\(attempt)"
        #expect(
          ledger.warnings == [
            .quarantined(
              file: "0001.jsonl",
              byteOffset: base.end,
              length: 12,
              to: "quarantine/0001.jsonl@\(base.end)\(suffix)",
              afterSeq: 10
            )
          ]
        )
      }
      #expect(
        LedgerFixture.quarantined(in: base.path) == [
          "0001.jsonl@\(base.end)", "0001.jsonl@\(base.end).2", "0001.jsonl@\(base.end).3",
        ]
      )
    }
  }

  @Test func aSegmentBeyondTheCheckpointIsQuarantinedWhole() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 20, followingCount: 2)
      // The crash came during a rollover: the new segment holds a line and a half.
      let written = base.following[0] + base.following[1].prefix(9)
      try LedgerFixture.write(written, to: base.path + "/0002.jsonl")
      let ledger = try Ledger.open(at: base.path, configuration: LedgerFixture.configuration())
      #expect(
        ledger.warnings == [
          .quarantined(
            file: "0002.jsonl",
            byteOffset: 0,
            length: written.count,
            to: "quarantine/0002.jsonl@0",
            afterSeq: 20
          )
        ]
      )
      #expect(!FileManager.default.fileExists(atPath: base.path + "/0002.jsonl"))
      #expect(try LedgerFixture.bytes(base.path + "/quarantine/0002.jsonl@0") == written)
      #expect(ledger.size == 20)
      #expect(try ledger.append([LedgerFixture.draft(21)]).seqs == [21])
      #expect(try Verifier(path: base.path).verify().problems == [])
    }
  }

  // MARK: Committed lines missing

  @Test func everyCutOfTheCommittedLastLineIsDamageThatRefusesAppends() throws {
    try withTemporaryDirectory { directory in
      let base = try Self.makeBase(in: directory, count: 199)
      do {
        let ledger = try Ledger.open(at: base.path, configuration: LedgerFixture.configuration())
        _ = try ledger.append([LedgerFixture.draft(200)])
      }
      let line = base.following[0]
      let expectedDamage = LedgerStoreError.checkpointAhead(
        file: "0001.jsonl",
        checkpointSize: 200,
        logSize: 199
      )
      for cut in 0..<line.count {
        let trial = directory.appending(path: "trial-\(cut)").path(percentEncoded: false)
        try LedgerFixture.copyDirectory(base.path, to: trial)
        let log = try LedgerFixture.bytes(trial + "/0001.jsonl")
        try LedgerFixture.write(Array(log.prefix(base.end + cut)), to: trial + "/0001.jsonl")

        let ledger = try Ledger.open(at: trial, configuration: LedgerFixture.configuration())
        var expectedWarnings: [LedgerWarning] = []
        if cut > 0 {
          expectedWarnings.append(
            .quarantined(
              file: "0001.jsonl",
              byteOffset: base.end,
              length: cut,
              to: "quarantine/0001.jsonl@\(base.end)",
              afterSeq: 199
            )
          )
          #expect(
            try LedgerFixture.bytes(trial + "/quarantine/0001.jsonl@\(base.end)")
              == Array(line.prefix(cut))
          )
        }
        expectedWarnings.append(.damaged(expectedDamage))
        #expect(ledger.warnings == expectedWarnings, "cut \(cut)")
        #expect(ledger.damage == expectedDamage)
        #expect(ledger.size == 199)
        #expect(try LedgerFixture.allLines(ledger) == base.lines, "cut \(cut)")
        #expect(throws: expectedDamage) { try ledger.append([LedgerFixture.draft(300)]) }
        #expect(throws: expectedDamage) { try ledger.inclusionProof(seq: 1, size: nil) }
        let report = try Verifier(path: trial).verify()
        #expect(!report.problems.isEmpty, "cut \(cut)")
        #expect(report.problems.first?.seq == 200, "cut \(cut)")
        try FileManager.default.removeItem(atPath: trial)
      }
    }
  }

  @Test func aDamagedLedgerStillReadsTheSeqsAskedFor() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 12)
      let lines = try LedgerFixture.allLines(ledger)
      let log = try LedgerFixture.bytes(path + "/0001.jsonl")
      try LedgerFixture.write(Array(log.dropLast(lines[11].count + 1)), to: path + "/0001.jsonl")
      let damaged = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(damaged.damage != nil)
      var seqs: [Int] = []
      try damaged.forEachLine(seqs: 5...7) { line in
        #expect(Array(line.bytes) == lines[line.seq - 1])
        seqs.append(line.seq)
        return true
      }
      #expect(seqs == [5, 6, 7])
      #expect(try damaged.line(seq: 9) == lines[8])
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 12, size: 11)) {
        try damaged.line(seq: 12)
      }
    }
  }

  // MARK: Rollback after a restart

  /// A ledger of 5 then 8 events written in boot "boot-A", whose log has lost the second
  /// append, as a power cut during the final sync leaves it: cut after `kept` bytes of it,
  /// or (`zeroed`) of full length with zeros where the append's lines were.
  static func makePowerCutLedger(
    in directory: URL,
    kept: Int,
    zeroed: Bool = false
  ) throws -> (
    path: String, headAt5: TreeHead, end5: Int, lost: [UInt8]
  ) {
    let configuration = LedgerFixture.configuration(bootID: "boot-A")
    let (path, ledger) = try LedgerFixture.makeLedger(
      in: directory,
      count: 5,
      configuration: configuration
    )
    let headAt5 = ledger.head
    let end5 = try LedgerFixture.bytes(path + "/0001.jsonl").count
    _ = try ledger.append(Array(LedgerFixture.drafts(8)[5...]))
    var log = try LedgerFixture.bytes(path + "/0001.jsonl")
    if zeroed {
      log.replaceSubrange(end5..., with: repeatElement(0, count: log.count - end5))
      try LedgerFixture.write(log, to: path + "/0001.jsonl")
      return (path, headAt5, end5, Array(log[end5...]))
    }
    try LedgerFixture.write(Array(log.prefix(end5 + kept)), to: path + "/0001.jsonl")
    return (path, headAt5, end5, Array(log[end5..<(end5 + kept)]))
  }

  @Test func aCheckpointFromAnEarlierBootRollsBackToThePreviousSlot() throws {
    try withTemporaryDirectory { directory in
      let (path, headAt5, _, _) = try Self.makePowerCutLedger(in: directory, kept: 0)
      let ledger = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: "boot-B")
      )
      // The index, which covered the lost append, follows the checkpoint back.
      #expect(ledger.warnings == [.rolledBack(from: 8, to: 5), .indexRebuilt(size: 5)])
      #expect(
        ledger.warnings.first?.description
          == "the append of seq 6–8 did not reach the disk before a restart; "
          + "the log goes on from seq 5"
      )
      #expect(ledger.damage == nil)
      #expect(ledger.head == headAt5)
      #expect(try ledger.append([LedgerFixture.draft(6)]).seqs == [6])
      #expect(try Verifier(path: path).verify().problems == [])
      let reopened = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: "boot-B")
      )
      #expect(reopened.warnings == [])
    }
  }

  /// Kept: a log cut 300 bytes into the lost append; zeroed: a log of full length with
  /// zeros where the lost append's lines were (its length reached the disk, its bytes not).
  @Test(arguments: [false, true])
  func aRollbackQuarantinesWhatSurvivedOfTheLostAppend(zeroed: Bool) throws {
    try withTemporaryDirectory { directory in
      let (path, headAt5, end5, lost) = try Self.makePowerCutLedger(
        in: directory,
        kept: 300,
        zeroed: zeroed
      )
      let ledger = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: "boot-B")
      )
      #expect(
        ledger.warnings == [
          .quarantined(
            file: "0001.jsonl",
            byteOffset: end5,
            length: lost.count,
            to: "quarantine/0001.jsonl@\(end5)",
            afterSeq: 5
          ),
          .rolledBack(from: 8, to: 5),
          .indexRebuilt(size: 5),
        ]
      )
      #expect(try LedgerFixture.bytes(path + "/quarantine/0001.jsonl@\(end5)") == lost)
      #expect(ledger.head == headAt5)
      #expect(try ledger.append([LedgerFixture.draft(6)]).seqs == [6])
      #expect(try Verifier(path: path).verify().problems == [])
    }
  }

  @Test(arguments: ["boot-A", nil] as [String?])
  func aShortLogInTheSameBootOrAnUnknownOneIsDamageNotARollback(bootID: String?) throws {
    try withTemporaryDirectory { directory in
      let (path, _, _, _) = try Self.makePowerCutLedger(in: directory, kept: 0)
      let ledger = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: bootID)
      )
      let damage = LedgerStoreError.checkpointAhead(
        file: "0001.jsonl",
        checkpointSize: 8,
        logSize: 5
      )
      #expect(ledger.warnings == [.damaged(damage)])
      #expect(ledger.damage == damage)
      #expect(throws: damage) { try ledger.append([LedgerFixture.draft(6)]) }
    }
  }

  @Test(arguments: ["boot-A", "boot-B", nil] as [String?])
  func aChangedLastLineIsDamageNotARollbackInAnyBoot(
    bootID: String?
  ) throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(
        in: directory,
        count: 8,
        configuration: LedgerFixture.configuration(bootID: "boot-A")
      )
      let head = ledger.head
      var log = try LedgerFixture.bytes(path + "/0001.jsonl")
      log[log.count - 5] ^= 0x01
      try LedgerFixture.write(log, to: path + "/0001.jsonl")
      let reopened = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: bootID)
      )
      let lastStart = try #require(log.dropLast().lastIndex(of: 0x0A)) + 1
      let damage = LedgerStoreError.brokenChain(
        file: "0001.jsonl",
        seq: 8,
        byteOffset: lastStart
      )
      #expect(reopened.warnings == [.damaged(damage)])
      #expect(reopened.damage == damage)
      #expect(reopened.head == head)
      #expect(try LedgerFixture.bytes(path + "/0001.jsonl") == log)
    }
  }

  @Test func aRollbackNeedsThePreviousSlotsLastLineIntact() throws {
    try withTemporaryDirectory { directory in
      let (path, _, end5, _) = try Self.makePowerCutLedger(in: directory, kept: 0)
      var log = try LedgerFixture.bytes(path + "/0001.jsonl")
      log[end5 - 10] ^= 0x01
      try LedgerFixture.write(log, to: path + "/0001.jsonl")
      let ledger = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(bootID: "boot-B")
      )
      #expect(
        ledger.damage
          == .checkpointAhead(file: "0001.jsonl", checkpointSize: 8, logSize: 5)
      )
    }
  }

  // MARK: Checkpoint slots

  @Test func aCorruptedPreviousSlotChangesNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 4)
      _ = try ledger.append([LedgerFixture.draft(5)])
      let head = ledger.head
      // Generation 2 is in slot 0; slot 1 holds generation 1.
      var checkpoint = try LedgerFixture.bytes(path + "/checkpoint")
      checkpoint[1024 + 30] ^= 0x01
      try LedgerFixture.write(checkpoint, to: path + "/checkpoint")
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.warnings == [])
      #expect(reopened.head == head)
      #expect(try reopened.append([LedgerFixture.draft(6)]).seqs == [6])
    }
  }

  @Test func aCorruptedCurrentSlotFallsBackToThePreviousCommit() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 4)
      let headAt4 = ledger.head
      let end4 = try LedgerFixture.bytes(path + "/0001.jsonl").count
      _ = try ledger.append([LedgerFixture.draft(5)])
      let log = try LedgerFixture.bytes(path + "/0001.jsonl")
      var checkpoint = try LedgerFixture.bytes(path + "/checkpoint")
      checkpoint[30] ^= 0x01
      try LedgerFixture.write(checkpoint, to: path + "/checkpoint")
      // What a torn write of the current slot leaves: the append never committed.
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(
        reopened.warnings == [
          .quarantined(
            file: "0001.jsonl",
            byteOffset: end4,
            length: log.count - end4,
            to: "quarantine/0001.jsonl@\(end4)",
            afterSeq: 4
          ),
          .indexRebuilt(size: 4),
        ]
      )
      #expect(reopened.head == headAt4)
    }
  }

  @Test func bothSlotsCorruptedMakeTheLedgerUnreadable() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 4)
      _ = try ledger.append([LedgerFixture.draft(5)])
      var checkpoint = try LedgerFixture.bytes(path + "/checkpoint")
      checkpoint[30] ^= 0x01
      checkpoint[1024 + 30] ^= 0x01
      try LedgerFixture.write(checkpoint, to: path + "/checkpoint")
      #expect(throws: LedgerStoreError.checkpointUnreadable(file: path + "/checkpoint")) {
        try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      }
    }
  }
  /// A line changed behind the ledger's back, whatever its segment, is found on the next
  /// open.
  ///
  /// The segment's change time is not the one the last append left, so the index is
  /// rebuilt from the log, and the rebuild names the line whose hash the next `prev` no
  /// longer matches. Appends are then refused; the log is left as it is.
  @Test(arguments: [64 << 20, 900])
  func aMiddleLineChangedBehindTheLedgersBackRefusesAppends(segmentLimit: Int) throws {
    try withTemporaryDirectory { directory in
      let configuration = LedgerFixture.configuration(segmentLimit: segmentLimit)
      let (path, ledger) = try LedgerFixture.makeLedger(
        in: directory,
        count: 8,
        configuration: configuration
      )
      let head = ledger.head
      let segment = "0001.jsonl"
      var log = try LedgerFixture.bytes(path + "/" + segment)
      let lineStarts = [0] + log.indices.filter { log[$0] == 0x0A }.dropLast().map { $0 + 1 }
      // Seq 2: same length, still canonical JSON, so only the hash chain can tell.
      let line = lineStarts[1]
      let noteAt =
        try #require(
          log[line...].firstRange(of: Array(#""note":"event 2""#.utf8))
        ).upperBound - 7
      log[noteAt] = UInt8(ascii: "E")
      // An edit within the clock tick of the last append's checkpoint write leaves the two
      // files the same change time, which the tripwire takes for an append (see
      // LedgerIndex): a person's edit comes later than that.
      Thread.sleep(forTimeInterval: 0.025)
      try LedgerFixture.write(log, to: path + "/" + segment)
      let reopened = try Ledger.open(at: path, configuration: configuration)
      let damage = LedgerStoreError.brokenChain(file: segment, seq: 2, byteOffset: line)
      #expect(reopened.warnings == [.damaged(damage)])
      #expect(throws: damage) { try reopened.append([LedgerFixture.draft(9)]) }
      #expect(reopened.head == head)
      #expect(try LedgerFixture.bytes(path + "/" + segment) == log)
    }
  }

  /// A ledger copied file by file (new change times, the same bytes) opens without a
  /// warning.
  ///
  /// The rebuild the new times call for finds the log as the checkpoint records
  /// it. Appends go on, and the next open reads nothing again.
  @Test func aCopiedLedgerOpensQuietlyAndAppends() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 8)
      let head = ledger.head
      for name in ["0001.jsonl", "checkpoint"] {
        let bytes = try LedgerFixture.bytes(path + "/" + name)
        try FileManager.default.removeItem(atPath: path + "/" + name)
        try LedgerFixture.write(bytes, to: path + "/" + name)
      }
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.warnings.isEmpty)
      #expect(reopened.head == head)
      let receipt = try reopened.append([LedgerFixture.draft(9)])
      #expect(receipt.seqs == [9])
      let again = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(again.warnings.isEmpty)
      #expect(again.size == 9)
    }
  }
}
