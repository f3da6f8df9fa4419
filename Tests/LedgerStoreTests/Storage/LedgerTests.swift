import Dispatch
import Foundation
import LedgerStore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LedgerTests {
  /// 64 hexadecimal zeros, the `prev` of the first event.
  static let zeros = String(repeating: "0", count: 64)

  // MARK: Create, open, append, read

  @Test func appendedEventsReadBackAsTheirCanonicalLines() throws {
    try withTemporaryDirectory { directory in
      let path = directory.appending(path: "ledger").path(percentEncoded: false)
      let ledger = try Ledger.create(at: path, configuration: LedgerFixture.configuration())
      #expect(ledger.size == 0)
      #expect(ledger.head == TreeHead(size: 0, root: MerkleFrontier().root))
      #expect(ledger.warnings == [])
      let receipt = try ledger.append([
        EventDraft(type: "test.created", stream: "s/1", actor: "ann", data: ["k": "v"]),
        EventDraft(
          id: "client-1",
          type: "test.changed",
          stream: "s/1",
          effective: CalendarDate(year: 2019, month: 10, day: 1),
          actor: "bob",
          authority: ["seq": 1],
          source: ["document": "minutes", "locator": "p. 3"],
          data: ["é": "ü\n", "a": [1, 2]]
        ),
      ])
      let first =
        #"{"actor":"ann","data":{"k":"v"},"effective":"2024-03-01","prev":"\#(Self.zeros)","#
        + #""recorded":"2024-03-01T10:00:00.000Z","seq":1,"stream":"s/1","type":"test.created","#
        + #""v":1}"#
      let firstHash = SHA256.leafHash(Array(first.utf8))
      let second =
        #"{"actor":"bob","authority":{"seq":1},"data":{"a":[1,2],"é":"ü\n"},"#
        + #""effective":"2019-10-01","id":"client-1","prev":"\#(firstHash.hex)","#
        + #""recorded":"2024-03-01T10:00:00.000Z","seq":2,"#
        + #""source":{"document":"minutes","locator":"p. 3"},"stream":"s/1","#
        + #""type":"test.changed","v":1}"#
      let leaves = [firstHash, SHA256.leafHash(Array(second.utf8))]
      #expect(receipt.seqs == [1, 2])
      #expect(receipt.appended == 2)
      #expect(receipt.head == TreeHead(size: 2, root: ReferenceMerkle.root(leaves[...])))
      #expect(receipt.recorded == LedgerFixture.start)
      #expect(ledger.head == receipt.head)
      #expect(ledger.lastRecorded == LedgerFixture.start)
      #expect(try LedgerFixture.allLines(ledger) == [Array(first.utf8), Array(second.utf8)])
      #expect(
        try LedgerFixture.bytes(path + "/0001.jsonl") == Array((first + "\n" + second + "\n").utf8)
      )

      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.warnings == [])
      #expect(reopened.damage == nil)
      #expect(reopened.head == receipt.head)
      #expect(try reopened.line(seq: 2) == Array(second.utf8))
      #expect(try reopened.head(size: 1) == TreeHead(size: 1, root: firstHash))
      #expect(try reopened.head(size: nil) == receipt.head)
      // The committed head (nil) is the checkpoint's; a size computes it from the leaves.
      #expect(try reopened.head(size: 2) == receipt.head)
      #expect(try Verifier(path: path).verify().isValid)
    }
  }

  @Test func createRefusesADirectoryThatHoldsALedger() throws {
    try withTemporaryDirectory { directory in
      let (path, _) = try LedgerFixture.makeLedger(in: directory, count: 1)
      #expect(throws: LedgerStoreError.ledgerExists(path: path)) {
        try Ledger.create(at: path, configuration: LedgerFixture.configuration())
      }
    }
  }

  @Test func openRefusesADirectoryWithoutACheckpoint() throws {
    try withTemporaryDirectory { directory in
      let path = directory.path(percentEncoded: false)
      #expect(throws: LedgerStoreError.notALedger(path: path)) {
        try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      }
    }
  }

  @Test func emptyLedgerReadsNothingAndRefusesSeqs() throws {
    try withTemporaryDirectory { directory in
      let (_, ledger) = try LedgerFixture.makeLedger(in: directory, count: 0)
      #expect(try LedgerFixture.allLines(ledger) == [])
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 1, size: 0)) {
        try ledger.line(seq: 1)
      }
      #expect(try ledger.streamVersion("stream/0") == 0)
      #expect(throws: MerkleProofError.indexOutOfRange(index: 0, size: 0)) {
        try ledger.inclusionProof(seq: 1, size: nil)
      }
    }
  }

  // MARK: Batches

  @Test func anInvalidDraftInTheMiddleOfABatchWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 5)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      let invalid: [(EventDraft, EventEnvelopeError)] = [
        (EventDraft(type: "Bad Type", stream: "s", actor: "a"), .badType("Bad Type")),
        (EventDraft(type: "", stream: "s", actor: "a"), .empty(member: "type")),
        (EventDraft(type: "t", stream: "", actor: "a"), .empty(member: "stream")),
        (EventDraft(type: "t", stream: "s", actor: "a\u{7}"), .controlCharacter(member: "actor")),
        (
          EventDraft(id: String(repeating: "i", count: 201), type: "t", stream: "s", actor: "a"),
          .tooLong(member: "id", limit: 200)
        ),
      ]
      for (draft, reason) in invalid {
        let batch = [LedgerFixture.draft(6), LedgerFixture.draft(7), draft, LedgerFixture.draft(8)]
        #expect(throws: LedgerStoreError.invalidEvent(index: 2, reason: reason.description)) {
          try ledger.append(batch)
        }
        #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
        #expect(ledger.size == 5)
      }
      #expect(try ledger.append([LedgerFixture.draft(6)]).seqs == [6])
      #expect(try Verifier(path: path).verify().isValid)
    }
  }

  @Test func aBatchThatFailsAfterMegabytesWereWrittenTakesThemBack() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 3)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      let blob = JSONValue.string(String(repeating: "x", count: 500_000))
      var produced = 0
      #expect(throws: LedgerStoreError.invalidEvent(index: 12, reason: "\"type\" is empty")) {
        try ledger.append {
          produced += 1
          if produced == 13 { return EventDraft(type: "", stream: "s", actor: "a") }
          return EventDraft(type: "test.big", stream: "s", actor: "a", data: ["blob": blob])
        }
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
      #expect(try Verifier(path: path).verify().isValid)
    }
  }

  @Test func anErrorFromTheProducerCancelsTheWholeBatch() throws {
    struct Stop: Error, Equatable {}
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 3)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      var produced = 0
      #expect(throws: Stop()) {
        try ledger.append {
          produced += 1
          if produced == 3 { throw Stop() }
          return LedgerFixture.draft(produced)
        }
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
    }
  }

  // MARK: Idempotent ids

  @Test func anIDAlreadyInTheLogReturnsTheOriginalSeqAndWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 5)
      let draft = EventDraft(id: "once", type: "test.once", stream: "s", actor: "a")
      let first = try ledger.append([draft])
      #expect(first.seqs == [6])
      #expect(first.appended == 1)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      var changed = draft
      changed.data = ["different": true]
      for retry in [draft, changed] {
        let again = try ledger.append([retry])
        #expect(again.seqs == [6])
        #expect(again.appended == 0)
        #expect(again.head == first.head)
        #expect(again.recorded == nil)
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)

      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(try reopened.append([draft]).seqs == [6])
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
    }
  }

  @Test func manyIDsAreLookedUpFromATableAsTheyAreOneByOne() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 3)
      func draft(_ number: Int) -> EventDraft {
        var draft = EventDraft(type: "t", stream: "s", actor: "x", data: ["n": .integer(number)])
        draft.id = "id-\(number)"
        return draft
      }
      // Ids 0…29 at seqs 4…33, with events without ids between some of them.
      for number in 0..<30 {
        _ = try ledger.append(
          number % 7 == 3 ? [draft(number), LedgerFixture.draft(number)] : [draft(number)]
        )
      }
      var seqOf: [Int] = []
      for number in 0..<30 { seqOf.append(try #require(try ledger.seq(forID: "id-\(number)"))) }
      let table = try ledger.clientIDs()
      for number in 0..<40 {
        #expect(try table.seq(forID: "id-\(number)") == ledger.seq(forID: "id-\(number)"))
      }
      #expect(try table.seq(forID: "missing") == nil)
      // A batch of 40 ids, more than an append looks up alone: 30 known (in reverse), 10 new.
      let size = ledger.size
      let receipt = try ledger.append((0..<40).reversed().map(draft))
      #expect(receipt.appended == 10)
      #expect(Array(receipt.seqs.suffix(30)) == seqOf.reversed())
      #expect(Array(receipt.seqs.prefix(10)) == Array(size + 1...size + 10))
      #expect(try ledger.append((0..<40).map(draft)).appended == 0)
      #expect(try Verifier(path: path).verify().events == size + 10)
    }
  }

  @Test func duplicateIDsInsideOneBatchAreWrittenOnce() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 2)
      _ = try ledger.append([EventDraft(id: "a", type: "t", stream: "s", actor: "x")])
      let receipt = try ledger.append([
        EventDraft(id: "b", type: "t", stream: "s", actor: "x"),
        EventDraft(id: "b", type: "t", stream: "s", actor: "x", data: ["second": true]),
        EventDraft(id: "a", type: "t", stream: "s", actor: "x"),
        EventDraft(type: "t", stream: "s", actor: "x"),
        EventDraft(id: "b", type: "t", stream: "s", actor: "x"),
      ])
      #expect(receipt.seqs == [4, 4, 3, 5, 4])
      #expect(receipt.appended == 2)
      #expect(ledger.size == 5)
      #expect(try Verifier(path: path).verify().events == 5)
    }
  }

  @Test func aBatchOfOnlyKnownIDsWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 2)
      let drafts = (1...3).map { EventDraft(id: "id-\($0)", type: "t", stream: "s", actor: "x") }
      let first = try ledger.append(drafts)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      let again = try ledger.append(drafts.reversed())
      #expect(again.seqs == [5, 4, 3])
      #expect(again.appended == 0)
      #expect(again.head == first.head)
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
    }
  }

  // MARK: Expectations

  @Test func anUnmetSizeExpectationIsRefusedAndWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 5)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      for expected in [0, 4, 6] {
        #expect(throws: LedgerStoreError.sizeExpectationFailed(expected: expected, actual: 5)) {
          try ledger.append([LedgerFixture.draft(6)], expecting: AppendExpectation(size: expected))
        }
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
      let receipt = try ledger.append(
        [LedgerFixture.draft(6)],
        expecting: AppendExpectation(size: 5)
      )
      #expect(receipt.seqs == [6])
    }
  }

  @Test func anUnmetStreamExpectationIsRefusedAndWritesNothing() throws {
    try withTemporaryDirectory { directory in
      // Drafts 1…10 put two events in each of stream/0 … stream/4.
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 10)
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      let refusals: [([String: Int], LedgerStoreError)] = [
        (["stream/1": 1], .streamExpectationFailed(stream: "stream/1", expected: 1, actual: 2)),
        (["stream/9": 1], .streamExpectationFailed(stream: "stream/9", expected: 1, actual: 0)),
        (
          ["stream/1": 2, "stream/2": 3],
          .streamExpectationFailed(stream: "stream/2", expected: 3, actual: 2)
        ),
      ]
      for (versions, error) in refusals {
        #expect(throws: error) {
          try ledger.append(
            [LedgerFixture.draft(11)],
            expecting: AppendExpectation(streamVersions: versions)
          )
        }
      }
      #expect(throws: LedgerStoreError.sizeExpectationFailed(expected: 9, actual: 10)) {
        try ledger.append(
          [LedgerFixture.draft(11)],
          expecting: AppendExpectation(size: 9, streamVersions: ["stream/1": 2])
        )
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
      #expect(try ledger.streamVersion("stream/1") == 2)
      let receipt = try ledger.append(
        [LedgerFixture.draft(11)],
        expecting: AppendExpectation(size: 10, streamVersions: ["stream/1": 2, "stream/9": 0])
      )
      #expect(receipt.seqs == [11])
      #expect(try ledger.streamVersion("stream/1") == 3)
    }
  }

  // MARK: Time

  @Test func recordedNeverGoesBackwardsWhenTheClockDoes() throws {
    try withTemporaryDirectory { directory in
      let t0 = LedgerFixture.start.millisecondsSinceEpoch
      let clock = ScriptedClock(
        [10_000, 0, -86_400_000, 5_000, 20_000].map {
          LedgerTimestamp(millisecondsSinceEpoch: t0 + $0)
        }
      )
      let path = directory.appending(path: "ledger").path(percentEncoded: false)
      let ledger = try Ledger.create(
        at: path,
        configuration: LedgerFixture.configuration(clock: clock)
      )
      var stamps: [Int?] = []
      for number in 1...5 {
        stamps.append(
          try ledger.append([LedgerFixture.draft(number)]).recorded?.millisecondsSinceEpoch
        )
      }
      #expect(stamps == [10_000, 10_000, 10_000, 10_000, 20_000].map { t0 + $0 })
      // A later instance whose clock is a day behind still does not go back.
      let behind = LedgerTimestamp(millisecondsSinceEpoch: t0 - 86_400_000)
      let reopened = try Ledger.open(
        at: path,
        configuration: LedgerFixture.configuration(clock: FixedClock(behind))
      )
      let receipt = try reopened.append([LedgerFixture.draft(6)])
      #expect(receipt.recorded?.millisecondsSinceEpoch == t0 + 20_000)
      var recorded: [String] = []
      try reopened.forEachLine { line in
        recorded.append(try EventLineFields(line.bytes).recorded?.description ?? "?")
        return true
      }
      #expect(
        recorded == [
          "2024-03-01T10:00:10.000Z", "2024-03-01T10:00:10.000Z", "2024-03-01T10:00:10.000Z",
          "2024-03-01T10:00:10.000Z", "2024-03-01T10:00:20.000Z", "2024-03-01T10:00:20.000Z",
        ]
      )
      #expect(try Verifier(path: path).verify().isValid)
    }
  }

  @Test func sizeRecordedByATimeIsThePrefixRecordedByThen() throws {
    try withTemporaryDirectory { directory in
      let t0 = LedgerFixture.start.millisecondsSinceEpoch
      func at(_ offset: Int) -> LedgerTimestamp {
        LedgerTimestamp(millisecondsSinceEpoch: t0 + offset)
      }
      // Seven appends: two at +10 s, one at +20 s, three at +30 s (one batch), one at +40 s.
      let clock = ScriptedClock([10_000, 10_000, 20_000, 30_000, 40_000].map(at))
      let path = directory.appending(path: "ledger").path(percentEncoded: false)
      let ledger = try Ledger.create(
        at: path,
        configuration: LedgerFixture.configuration(clock: clock)
      )
      #expect(try ledger.size(recordedBy: at(50_000)) == 0)
      _ = try ledger.append([LedgerFixture.draft(1)])
      _ = try ledger.append([LedgerFixture.draft(2)])
      _ = try ledger.append([LedgerFixture.draft(3)])
      _ = try ledger.append([
        LedgerFixture.draft(4), LedgerFixture.draft(5), LedgerFixture.draft(6),
      ])
      _ = try ledger.append([LedgerFixture.draft(7)])
      let expected: [(Int, Int)] = [
        (-1, 0), (9_999, 0), (10_000, 2), (19_999, 2), (20_000, 3), (29_999, 3), (30_000, 6),
        (39_999, 6), (40_000, 7), (86_400_000, 7),
      ]
      for (offset, size) in expected {
        #expect(try ledger.size(recordedBy: at(offset)) == size, "at +\(offset) ms")
      }
    }
  }

  @Test func effectiveDefaultsToTheRecordedDate() throws {
    try withTemporaryDirectory { directory in
      // Just after midnight, then a clock that has slipped back to the day before.
      let midnight = LedgerTimestamp(startOf: try #require(CalendarDate("2024-03-02")))
      let clock = ScriptedClock([
        LedgerTimestamp(millisecondsSinceEpoch: midnight.millisecondsSinceEpoch + 1_000),
        LedgerTimestamp(millisecondsSinceEpoch: midnight.millisecondsSinceEpoch - 3_600_000),
      ])
      let path = directory.appending(path: "ledger").path(percentEncoded: false)
      let ledger = try Ledger.create(
        at: path,
        configuration: LedgerFixture.configuration(clock: clock)
      )
      _ = try ledger.append([EventDraft(type: "t", stream: "s", actor: "a")])
      _ = try ledger.append([
        EventDraft(type: "t", stream: "s", actor: "a"),
        EventDraft(type: "t", stream: "s", effective: CalendarDate("2019-10-01"), actor: "a"),
      ])
      var effective: [String] = []
      try ledger.forEachLine { line in
        effective.append(try EventLineFields(line.bytes).effective?.description ?? "?")
        return true
      }
      #expect(effective == ["2024-03-02", "2024-03-02", "2019-10-01"])
    }
  }

  // MARK: Limits

  @Test func aLineOfExactlyOneMebibyteIsKeptAndOneByteMoreIsRefused() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 0)
      /// A draft whose data is a string of `length` characters.
      func draft(_ length: Int) -> EventDraft {
        EventDraft(
          type: "t",
          stream: "s",
          actor: "a",
          data: ["blob": .string(String(repeating: "y", count: length))]
        )
      }
      // The line without the blob's characters: 1 MiB minus this is the longest blob.
      let overhead = Self.expectedLine(draft(0), seq: 1, prev: .zero).count
      let longest = JSONValue.maximumLength - overhead
      let before = try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"])
      let tooLong = EventEnvelopeError.lineTooLong(length: JSONValue.maximumLength + 1)
      #expect(throws: LedgerStoreError.invalidEvent(index: 1, reason: tooLong.description)) {
        try ledger.append([draft(10), draft(longest + 1)])
      }
      #expect(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]) == before)
      let receipt = try ledger.append([draft(longest)])
      #expect(receipt.seqs == [1])
      #expect(try ledger.line(seq: 1).count == JSONValue.maximumLength)
      #expect(try ledger.line(seq: 1) == Self.expectedLine(draft(longest), seq: 1, prev: .zero))
      #expect(try Verifier(path: path).verify().isValid)
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.warnings == [])
      #expect(try reopened.line(seq: 1).count == JSONValue.maximumLength)
    }
  }

  /// The line the ledger writes for `draft` at `seq`, stamped at ``LedgerFixture/start``.
  static func expectedLine(_ draft: EventDraft, seq: Int, prev: SHA256Digest) -> [UInt8] {
    var members: [String: JSONValue] = [
      "v": 1,
      "seq": .integer(seq),
      "type": .string(draft.type),
      "stream": .string(draft.stream),
      "recorded": .string(LedgerFixture.start.description),
      "effective": .string((draft.effective ?? LedgerFixture.start.date).description),
      "actor": .string(draft.actor),
      "data": .object(draft.data),
      "prev": .string(prev.hex),
    ]
    if let id = draft.id { members["id"] = .string(id) }
    if let authority = draft.authority { members["authority"] = .object(authority) }
    if let source = draft.source { members["source"] = .object(source) }
    return JSONValue.object(JSONObject(members)).canonicalBytes
  }

  // MARK: Segments

  @Test func segmentRolloverKeepsTheLogReadableVerifiableAndProvable() throws {
    try withTemporaryDirectory { directory in
      let configuration = LedgerFixture.configuration(segmentLimit: 2_048)
      let (path, ledger) = try LedgerFixture.makeLedger(
        in: directory,
        count: 0,
        configuration: configuration
      )
      _ = try ledger.append(LedgerFixture.drafts(30))
      for number in 31...40 {
        _ = try ledger.append([LedgerFixture.draft(number)])
      }
      _ = try ledger.append(Array(LedgerFixture.drafts(80)[40...]))
      let segments = try FileManager.default.contentsOfDirectory(atPath: path)
        .filter { $0.hasSuffix(".jsonl") }.sorted()
      #expect(segments.count > 5)
      #expect(segments.first == "0001.jsonl")
      #expect(segments == (1...segments.count).map { String(format: "%04d.jsonl", $0) })
      var stored: [[UInt8]] = []
      for segment in segments {
        let lines = try LedgerFixture.lines(ofFile: path + "/" + segment)
        #expect(lines.reduce(0) { $0 + $1.count } <= 2_048, "\(segment)")
        stored += lines.map { Array($0.dropLast()) }
      }
      #expect(stored.count == 80)
      #expect(try LedgerFixture.allLines(ledger) == stored)
      try Self.expectProofsCheck(ledger, lines: stored)
      let report = try Verifier(path: path).verify()
      #expect(report.problems == [])
      #expect(report.events == 80)
      #expect(report.computedHead == ledger.head)

      // Reading from a seq in a later segment, and after the index is rebuilt.
      #expect(try ledger.line(seq: 77) == stored[76])
      try FileManager.default.removeItem(atPath: path + "/index")
      let reopened = try Ledger.open(at: path, configuration: configuration)
      #expect(try LedgerFixture.allLines(reopened) == stored)
      var range: [[UInt8]] = []
      try reopened.forEachLine(seqs: 45...52) { line in
        range.append(Array(line.bytes))
        return true
      }
      #expect(range == Array(stored[44...51]))
      try Self.expectProofsCheck(reopened, lines: stored)
      _ = try reopened.append([LedgerFixture.draft(81)])
      #expect(try Verifier(path: path).verify().events == 81)
    }
  }

  #if os(Linux)
  @Test func singleAppendsAcrossSegmentsKeepOnlyTheLastSegmentOpen() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(
        in: directory,
        count: 0,
        configuration: LedgerFixture.configuration(segmentLimit: 2_048)
      )
      for number in 1...40 {
        _ = try ledger.append([LedgerFixture.draft(number)])
      }
      let segments = try FileManager.default.contentsOfDirectory(atPath: path)
        .filter { $0.hasSuffix(".jsonl") }.sorted()
      #expect(segments.count > 3)
      // What this process holds open in the ledger's folder (other tests use other folders).
      let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        .compactMap {
          try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        .filter { $0.hasPrefix(path + "/") && $0.hasSuffix(".jsonl") }
      #expect(open == [path + "/" + (segments.last ?? "")])
    }
  }
  #endif

  /// Checks an inclusion proof of every seq and a consistency proof from every size, against
  /// leaf hashes computed here from `lines`.
  static func expectProofsCheck(_ ledger: Ledger, lines: [[UInt8]]) throws {
    let leaves = lines.map { SHA256.leafHash($0) }
    let head = ledger.head
    #expect(head == TreeHead(size: lines.count, root: ReferenceMerkle.root(leaves[...])))
    for seq in 1...lines.count {
      let proof = try ledger.inclusionProof(seq: seq, size: nil)
      #expect(proof.leafHash == leaves[seq - 1])
      #expect(proof.root == head.root)
      #expect(proof.isValid, "seq \(seq)")
      let consistency = try ledger.consistencyProof(first: seq, second: nil)
      #expect(consistency.firstRoot == ReferenceMerkle.root(leaves[0..<seq]))
      #expect(consistency.secondRoot == head.root)
      #expect(consistency.isValid, "from \(seq)")
    }
  }

  // MARK: Reading ranges

  @Test func forEachLineReadsTheSeqsAskedFor() throws {
    try withTemporaryDirectory { directory in
      let (_, ledger) = try LedgerFixture.makeLedger(in: directory, count: 50)
      let all = try LedgerFixture.allLines(ledger)
      #expect(all.count == 50)
      /// The seqs `forEachLine` gives for `seqs`, checking each line, stopping after `limit`.
      func read(_ seqs: ClosedRange<Int>, stopAfter limit: Int = .max) throws -> [Int] {
        var seen: [Int] = []
        try ledger.forEachLine(seqs: seqs) { line in
          #expect(Array(line.bytes) == all[line.seq - 1])
          let fields = try EventLineFields(line.bytes)
          #expect(fields.seq == line.seq)
          seen.append(line.seq)
          return seen.count < limit
        }
        return seen
      }
      #expect(try read(10...20) == Array(10...20))
      #expect(try read(1...1) == [1])
      #expect(try read(50...60) == [50])
      #expect(try read(3...40, stopAfter: 4) == [3, 4, 5, 6])
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 0, size: 50)) { try read(0...3) }
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 51, size: 50)) { try read(51...51) }
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 0, size: 50)) { try ledger.line(seq: 0) }
      #expect(try ledger.line(seq: 37) == all[36])
    }
  }

  @Test func aLineOfANewerFormatVersionIsRefusedByReaders() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 3)
      let lines = try LedgerFixture.allLines(ledger)
      let file = path + "/" + LedgerFixture.firstSegment
      var bytes = try LedgerFixture.bytes(file)
      // Line 2 ends `"v":1}`: make it a version-2 line of the same length.
      let versionDigit = lines[0].count + 1 + lines[1].count - 2
      #expect(bytes[versionDigit] == UInt8(ascii: "1"))
      bytes[versionDigit] = UInt8(ascii: "2")
      try LedgerFixture.write(bytes, to: file)

      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      var read: [Int] = []
      #expect(
        throws: LedgerStoreError.newerFormat(
          file: LedgerFixture.firstSegment,
          seq: 2,
          byteOffset: lines[0].count + 1,
          version: 2
        )
      ) {
        try reopened.forEachLine { line in
          read.append(line.seq)
          return true
        }
      }
      #expect(read == [1])
      #expect(
        LedgerStoreError.newerFormat(file: "0001.jsonl", seq: 2, byteOffset: 9, version: 2)
          .description
          == "0001.jsonl: seq 2 at byte 9 uses format version 2; "
          + "this planledger reads version 1, so upgrade planledger"
      )
    }
  }

  @Test func streamVersionCountsTheEventsOfAStream() throws {
    try withTemporaryDirectory { directory in
      let (_, ledger) = try LedgerFixture.makeLedger(in: directory, count: 23)
      // draft(n) is in stream/(n % 5): 1…23 has 4 in stream/0 and 5 in stream/1 … stream/3.
      #expect(try ledger.streamVersion("stream/0") == 4)
      #expect(try ledger.streamVersion("stream/1") == 5)
      #expect(try ledger.streamVersion("stream/4") == 4)
      #expect(try ledger.streamVersion("stream/") == 0)
      #expect(try ledger.streamVersion("nothing") == 0)
    }
  }

  // MARK: Index

  /// A way to damage the derived index.
  struct IndexDamage: Sendable, CustomTestStringConvertible {
    let name: String
    let damage: @Sendable (String) throws -> Void
    var testDescription: String { name }
  }

  static let indexDamages: [IndexDamage] = [
    IndexDamage(name: "index folder deleted") { path in
      try FileManager.default.removeItem(atPath: path + "/index")
    },
    IndexDamage(name: "state is not JSON") { path in
      try LedgerFixture.write(Array("{garbage".utf8), to: path + "/index/state")
    },
    IndexDamage(name: "state deleted") { path in
      try FileManager.default.removeItem(atPath: path + "/index/state")
    },
    IndexDamage(name: "leaves cut short") { path in
      let bytes = try LedgerFixture.bytes(path + "/index/leaves")
      try LedgerFixture.write(Array(bytes.dropLast(32)), to: path + "/index/leaves")
    },
    IndexDamage(name: "a byte of leaves changed") { path in
      var bytes = try LedgerFixture.bytes(path + "/index/leaves")
      bytes[32 * 17 + 5] ^= 0x01
      try LedgerFixture.write(bytes, to: path + "/index/leaves")
    },
    IndexDamage(name: "a byte of offsets changed") { path in
      var bytes = try LedgerFixture.bytes(path + "/index/offsets")
      bytes[8 * 30] ^= 0x04
      try LedgerFixture.write(bytes, to: path + "/index/offsets")
    },
    IndexDamage(name: "offsets deleted") { path in
      try FileManager.default.removeItem(atPath: path + "/index/offsets")
    },
    IndexDamage(name: "ids deleted") { path in
      try FileManager.default.removeItem(atPath: path + "/index/ids")
    },
    IndexDamage(name: "ids emptied") { path in
      try LedgerFixture.write([], to: path + "/index/ids")
    },
  ]

  @Test(arguments: indexDamages)
  func aDamagedIndexIsRebuiltOnOpenWithTheSameProofs(damage: IndexDamage) throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 40)
      _ = try ledger.append(
        (1...5).map { EventDraft(id: "id-\($0)", type: "t", stream: "s", actor: "a") }
      )
      let lines = try LedgerFixture.allLines(ledger)
      let proofs = try (1...45).map { try ledger.inclusionProof(seq: $0, size: nil) }
      let consistency = try (1...45).map { try ledger.consistencyProof(first: $0, second: nil) }
      let head = ledger.head
      try damage.damage(path)

      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.damage == nil)
      #expect(reopened.head == head)
      #expect(try (1...45).map { try reopened.inclusionProof(seq: $0, size: nil) } == proofs)
      #expect(
        try (1...45).map { try reopened.consistencyProof(first: $0, second: nil) } == consistency
      )
      #expect(try (1...45).map { try reopened.line(seq: $0) } == lines)
      var ranged: [[UInt8]] = []
      try reopened.forEachLine(seqs: 29...33) { line in
        ranged.append(Array(line.bytes))
        return true
      }
      #expect(ranged == Array(lines[28...32]))
      let again = try reopened.append([EventDraft(id: "id-3", type: "t", stream: "s", actor: "a")])
      #expect(again.seqs == [43])
      #expect(again.appended == 0)
      #expect(reopened.size == 45)
    }
  }

  @Test func anIndexThatDoesNotMatchTheLogIsReportedAsRebuilt() throws {
    try withTemporaryDirectory { directory in
      let (path, _) = try LedgerFixture.makeLedger(in: directory, count: 12)
      let bytes = try LedgerFixture.bytes(path + "/index/leaves")
      try LedgerFixture.write(Array(bytes.dropLast(32)), to: path + "/index/leaves")
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.warnings == [.indexRebuilt(size: 12)])
      #expect(
        reopened.warnings.map(\.description) == [
          "the index did not match the log; rebuilt it from 12 events"
        ]
      )
    }
  }

  // MARK: Another instance

  @Test func refreshSeesWhatAnotherInstanceAppended() throws {
    try withTemporaryDirectory { directory in
      let (path, first) = try LedgerFixture.makeLedger(in: directory, count: 3)
      let second = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      _ = try second.append([LedgerFixture.draft(4), LedgerFixture.draft(5)])
      #expect(first.size == 3)
      try first.refresh()
      #expect(first.size == 5)
      #expect(first.head == second.head)
      #expect(try first.line(seq: 5) == second.line(seq: 5))
      #expect(try first.inclusionProof(seq: 5, size: nil).isValid)
      // An append through the first instance carries on from the second's events.
      #expect(try first.append([LedgerFixture.draft(6)]).seqs == [6])
      #expect(try second.append([LedgerFixture.draft(7)]).seqs == [7])
      #expect(try Verifier(path: path).verify().events == 7)
    }
  }

  @Test func refreshDoesNotQuarantineAnAppendCommittedWhileItWaitedForTheLock() throws {
    try withTemporaryDirectory { directory in
      // The twin shows the bytes another process writes for events 4 and 5, one append each.
      let (twinPath, twin) = try LedgerFixture.makeLedger(in: directory, name: "twin", count: 3)
      _ = try twin.append([LedgerFixture.draft(4)])
      _ = try twin.append([LedgerFixture.draft(5)])
      let twinLog = try LedgerFixture.bytes(twinPath + "/0001.jsonl")
      let twinCheckpoint = try LedgerFixture.bytes(twinPath + "/checkpoint")

      let (path, reader) = try LedgerFixture.makeLedger(in: directory, count: 3)
      let writer = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      _ = try writer.append([LedgerFixture.draft(4)])

      // Hold the lock as another process committing event 5 would.
      let lock = open(path + "/ledger.lock", O_RDWR)
      #expect(lock >= 0)
      defer { close(lock) }
      #expect(flock(lock, LOCK_EX) == 0)
      let outcome = Mutex<(any Error)?>(nil)
      let started = DispatchSemaphore(value: 0)
      let done = DispatchSemaphore(value: 0)
      DispatchQueue.global().async {
        started.signal()
        do {
          try reader.refresh()  // reads the checkpoint of 4, then waits for the lock
        } catch {
          outcome.withLock { $0 = error }
        }
        done.signal()
      }
      // Give the refresh time to read the checkpoint and start waiting (if it is slower, it
      // reads the new checkpoint and the test passes without the race).
      started.wait()
      Thread.sleep(forTimeInterval: 0.5)
      try LedgerFixture.write(twinLog, to: path + "/0001.jsonl")
      try LedgerFixture.write(twinCheckpoint, to: path + "/checkpoint")
      #expect(flock(lock, LOCK_UN) == 0)
      done.wait()
      #expect(outcome.withLock { $0 } == nil)

      #expect(LedgerFixture.quarantined(in: path) == [])
      #expect(try LedgerFixture.bytes(path + "/0001.jsonl") == twinLog)
      let reopened = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      #expect(reopened.damage == nil)
      #expect(reopened.size == 5)
      #expect(try Verifier(path: path).verify().problems == [])
    }
  }
}
