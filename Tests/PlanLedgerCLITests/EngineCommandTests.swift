import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

@Suite struct EngineCommandTests {
  /// 64 zeros: the `prev` of the first event.
  static let zeros = String(repeating: "0", count: 64)

  /// The root of the empty tree.
  static let emptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  /// Creates a ledger in `directory/ledger` with `count` events through the command line.
  ///
  /// Ann registers herself (seq 1), then records facts with the texts "note 2", "note 3", …
  ///
  /// - Parameters:
  ///   - directory: Where to make it.
  ///   - count: How many events (at least 1).
  /// - Returns: The ledger path.
  static func makeLedger(in directory: String, count: Int) -> String {
    let ledger = directory + "/ledger"
    #expect(planledger("init", "--ledger", ledger).status == .success)
    let register = planledger(
      "append",
      "--ledger",
      ledger,
      "--actor",
      "ann",
      "--type",
      "person.registered",
      "--stream",
      "person/ann",
      "--data",
      #"{"person":"ann","name":"Ann"}"#
    )
    #expect(register.status == .success, "\(register.errors)")
    for number in stride(from: 2, through: count, by: 1) {
      let run = planledger(
        "append",
        "--ledger",
        ledger,
        "--actor",
        "ann",
        "--type",
        "fact.recorded",
        "--stream",
        "facts",
        "--data",
        #"{"kind":"note","text":"note \#(number)"}"#
      )
      #expect(run.status == .success, "\(run.errors)")
    }
    return ledger
  }

  /// A batch line recording a fact: `{"type":"fact.recorded","stream":"facts",…}`.
  ///
  /// - Parameters:
  ///   - text: The fact's text.
  ///   - actor: Who records it.
  ///   - extra: More members, written as JSON after the others (such as `,"id":"b-3"`).
  /// - Returns: The line, without its newline.
  static func factLine(_ text: String, actor: String = "ann", extra: String = "") -> String {
    #"{"type":"fact.recorded","stream":"facts","actor":"\#(actor)","#
      + #""data":{"kind":"note","text":"\#(text)"}\#(extra)}"#
  }

  /// The leaf hashes of the exported lines.
  static func leaves(_ ledger: String) -> [SHA256Digest] {
    let export = planledger("export", "--ledger", ledger).output
    return export.split(separator: "\n").map { SHA256.leafHash(Array($0.utf8)) }
  }

  /// The root of the first `size` exported lines.
  static func root(_ ledger: String, size: Int? = nil) throws -> SHA256Digest {
    let leaves = leaves(ledger)
    return try MerkleTree.hash(of: 0..<(size ?? leaves.count), in: leaves)
  }

  // MARK: Happy paths

  @Test func initCreatesAnEmptyLedger() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/ledger"
      #expect(
        planledger("init", "--ledger", ledger)
          == ToolRun(output: "created an empty ledger in \(ledger) (root \(Self.emptyRoot))\n")
      )
      #expect(FileManager.default.fileExists(atPath: ledger + "/checkpoint"))
      let log = try fileBytes(ledger + "/0001.jsonl")
      #expect(log == [])
      #expect(
        planledger("head", "--ledger", ledger)
          == ToolRun(output: "size 0\nroot \(Self.emptyRoot)\n")
      )
      #expect(planledger("export", "--ledger", ledger) == ToolRun())
    }
  }

  @Test func appendPrintsTheSeqAndTheNewHead() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/ledger"
      _ = planledger("init", "--ledger", ledger)
      // The very first event of a ledger may register its own actor.
      let run = planledger(
        "append",
        "--ledger=\(ledger)",
        "--actor",
        "ann",
        "--type",
        "person.registered",
        "--stream",
        "person/ann",
        "--effective",
        "2019-10-01",
        "--data",
        #"{"person":"ann","name":"Ünïcödé \"q\"","title":"Programme officer"}"#,
        "--source",
        #"{"document":"minutes"}"#,
        "--id",
        "req-1"
      )
      let line =
        #"{"actor":"ann","data":{"name":"Ünïcödé \"q\"","person":"ann","title":"Programme "#
        + #"officer"},"effective":"2019-10-01","id":"req-1","prev":"\#(Self.zeros)","#
        + #""recorded":"2024-03-01T10:00:00.000Z","seq":1,"source":{"document":"minutes"},"#
        + #""stream":"person/ann","type":"person.registered","v":1}"#
      let root = SHA256.leafHash(Array(line.utf8))
      #expect(run == ToolRun(output: "appended seq 1; head size 1, root \(root)\n"))
      #expect(planledger("export", "--ledger", ledger) == ToolRun(output: line + "\n"))
      // The id is already recorded: nothing is checked or written, the original seq returns.
      #expect(
        planledger(
          "append",
          "--ledger",
          ledger,
          "--actor",
          "bob",
          "--type",
          "fact.recorded",
          "--stream",
          "facts",
          "--data",
          #"{"kind":"note","text":"another"}"#,
          "--id",
          "req-1"
        ) == ToolRun(output: "already recorded as seq 1; head size 1, root \(root)\n")
      )
      #expect(planledger("export", "--ledger", ledger) == ToolRun(output: line + "\n"))
    }
  }

  /// The lines of a batch that builds a small plan: ann registers herself, creates the
  /// plan, workstream Practice, priority 1 and action 1.1 (led by ann, due April 2018), then
  /// records the board meeting of 14 February 2018 and its decision about action 1.1 (seq 7).
  static let planBatch = [
    #"{"type":"person.registered","stream":"person/ann","actor":"ann","effective":"2017-11-01","#
      + #""data":{"person":"ann","name":"Ann"}}"#,
    #"{"type":"plan.created","stream":"plan","actor":"ann","effective":"2017-11-01","#
      + #""data":{"title":"Improvement Plan","organisation":"Croydon"}}"#,
    #"{"type":"plan.workstream_defined","stream":"workstream/Practice","actor":"ann","#
      + #""effective":"2017-11-01","data":{"name":"Practice"}}"#,
    #"{"type":"plan.priority_defined","stream":"priority/1","actor":"ann","#
      + #""effective":"2017-11-01","data":{"number":"1","title":"Practice","workstream":"Practice"}}"#,
    #"{"type":"action.added","stream":"action/1.1","actor":"ann","effective":"2017-11-01","#
      + #""data":{"action":"1.1","priority":"1","text":"Agree a practice model","leads":["ann"],"#
      + #""milestones":[{"label":"Apr 18","kind":"deadline","due":"2018-04"}]}}"#,
    #"{"type":"board.meeting_held","stream":"board/improvement-board","actor":"ann","#
      + #""effective":"2018-02-14","data":{"board":"Improvement Board","date":"2018-02-14"}}"#,
    #"{"type":"board.decision_recorded","stream":"board/improvement-board","actor":"ann","#
      + #""effective":"2018-02-14","data":{"board":"Improvement Board","meeting":"2018-02-14","#
      + #""kind":"accept_completion","text":"Accepted","actions":["1.1"]}}"#,
  ]

  /// Creates a ledger in `directory/ledger` holding ``planBatch``, appended as one batch.
  ///
  /// - Parameter directory: Where to make it.
  /// - Returns: The ledger path.
  /// - Throws: A write error.
  static func makePlanLedger(in directory: String) throws -> String {
    let ledger = directory + "/ledger"
    #expect(planledger("init", "--ledger", ledger).status == .success)
    let batch = directory + "/plan.jsonl"
    try writeFile(planBatch.joined(separator: "\n") + "\n", to: batch)
    let run = planledger("append", "--ledger", ledger, "--batch", batch)
    #expect(run.status == .success, "\(run.errors)")
    return ledger
  }

  @Test func appendRecordsAStatusChangeOnTheAuthorityOfADecision() throws {
    try withTemporaryDirectory { directory in
      let ledger = try Self.makePlanLedger(in: directory)
      let before = Self.leaves(ledger)
      #expect(before.count == 7)
      let run = planledger(
        "append",
        "--ledger",
        ledger,
        "--actor",
        "ann",
        "--type",
        "action.status_changed",
        "--stream",
        "action/1.1",
        "--effective",
        "2018-02-20",
        "--data",
        #"{"action":"1.1","to":"complete","note":"Ünïcödé \"q\" \\ done"}"#,
        "--authority",
        #"{"seq":7}"#,
        "--source",
        #"{"document":"minutes","locator":"item 4"}"#
      )
      let line =
        #"{"actor":"ann","authority":{"seq":7},"data":{"action":"1.1","#
        + #""note":"Ünïcödé \"q\" \\ done","to":"complete"},"effective":"2018-02-20","#
        + #""prev":"\#(before[6])","recorded":"2024-03-01T10:00:00.000Z","seq":8,"#
        + #""source":{"document":"minutes","locator":"item 4"},"stream":"action/1.1","#
        + #""type":"action.status_changed","v":1}"#
      let root = try MerkleTree.hash(of: 0..<8, in: before + [SHA256.leafHash(Array(line.utf8))])
      #expect(run == ToolRun(output: "appended seq 8; head size 8, root \(root)\n"))
      #expect(
        planledger("export", "--ledger", ledger, "--from", "8") == ToolRun(output: line + "\n")
      )
    }
  }

  @Test func appendBatchAppendsEveryLineAtomically() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 1)
      let batch = directory + "/batch.jsonl"
      try writeFile(
        Self.factLine("two") + "\n"
          + "\n"
          + Self.factLine("three", extra: #","id":"b-3""#) + "\r\n"
          + Self.factLine("four", extra: #","effective":"2018-03-02""#),
        to: batch
      )
      let run = planledger("append", "--ledger", ledger, "--batch", batch, "--expect-size", "1")
      #expect(
        run
          == ToolRun(
            output: "appended 3 of 3 events (seq 2–4); head size 4, root \(try Self.root(ledger))\n"
          )
      )
      let again = planledger("append", "--ledger", ledger, "--batch", batch)
      #expect(again.status == .success)
      // The id "b-3" is already seq 3: the receipt says so beside the new seqs.
      #expect(
        again.output.hasPrefix(
          "appended 2 of 3 events (seq 5–6); 1 already recorded (seq 3); head size 6, root "
        )
      )
      let identified = directory + "/identified.jsonl"
      try writeFile(
        Self.factLine("five", extra: #","id":"c-1""#) + "\n"
          + Self.factLine("six", extra: #","id":"c-2""#) + "\n",
        to: identified
      )
      #expect(
        planledger("append", "--ledger", ledger, "--batch", identified).output.hasPrefix(
          "appended 2 of 2 events (seq 7–8); head size 8"
        )
      )
      #expect(
        planledger("append", "--ledger", ledger, "--batch", identified).output.hasPrefix(
          "appended 0 of 2 events; 2 already recorded (seq 7–8); head size 8"
        )
      )
      let export = planledger("export", "--ledger", ledger, "--from", "4", "--to", "4").output
      #expect(export.contains(#""effective":"2018-03-02""#))
    }
  }

  @Test func aBatchWithOneRefusedEventWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 2)
      let before = try ledgerFiles(ledger)
      let batch = directory + "/batch.jsonl"
      try writeFile(
        [Self.factLine("one"), Self.factLine("two"), Self.factLine("three", actor: "bob")]
          .joined(separator: "\n") + "\n",
        to: batch
      )
      #expect(
        planledger("append", "--ledger", ledger, "--batch", batch)
          == ToolRun(
            errors: #"error: event 3 of 3: actor "bob" is not registered; register them first "#
              + "with 'planledger register'\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == before)
    }
  }

  @Test func aBatchMayRegisterSomeoneWhoThenRecords() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 1)
      let batch = directory + "/batch.jsonl"
      try writeFile(
        #"{"type":"person.registered","stream":"person/bob","actor":"ann","#
          + #""data":{"person":"bob","name":"Bob"}}"# + "\n" + Self.factLine("hi", actor: "bob")
          + "\n",
        to: batch
      )
      let run = planledger("append", "--ledger", ledger, "--batch", batch)
      #expect(
        run
          == ToolRun(
            output: "appended 2 of 2 events (seq 2–3); head size 3, root \(try Self.root(ledger))\n"
          )
      )
    }
  }

  @Test func exportPrintsTheStoredLinesByteForByte() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 5)
      let stored = String(decoding: try fileBytes(ledger + "/0001.jsonl"), as: UTF8.self)
      #expect(planledger("export", "--ledger", ledger) == ToolRun(output: stored))
      let lines = stored.split(separator: "\n").map { String($0) + "\n" }
      #expect(
        planledger("export", "--ledger", ledger, "--from", "2", "--to", "3")
          == ToolRun(output: lines[1] + lines[2])
      )
      #expect(planledger("export", "--ledger", ledger, "--from", "5") == ToolRun(output: lines[4]))
      #expect(
        planledger("export", "--ledger", ledger, "--to", "99") == ToolRun(output: stored)
      )
    }
  }

  @Test func verifyPrintsTheEventCountAndTheHead() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 3)
      let bytes = try fileBytes(ledger + "/0001.jsonl").count
      #expect(
        planledger("verify", "--ledger", ledger)
          == ToolRun(
            output: "verified 3 events (\(bytes) bytes): size 3, root \(try Self.root(ledger))\n"
          )
      )
    }
  }

  @Test func verifyReportsAChangedLineAndExitsOne() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 3)
      let root = try Self.root(ledger)
      var log = try fileBytes(ledger + "/0001.jsonl")
      let second = try #require(log.firstIndex(of: UInt8(ascii: "\n"))) + 1
      let digit = try #require(log[second...].firstIndex(of: UInt8(ascii: "2")))
      log[digit] = UInt8(ascii: "7")  // "n":2 becomes "n":7: still canonical
      try writeFile(log, to: ledger + "/0001.jsonl")
      let run = planledger("verify", "--ledger", ledger)
      #expect(run.status == .integrityFailure)
      #expect(run.output == "")
      let logRoot = try MerkleTree.hash(of: 0..<3, in: Self.leaves(ledger))
      #expect(
        run.errors
          == "\(ledger)/0001.jsonl:2: error: seq 2: the line no longer hashes to the prev that "
          + "seq 3 recorded; it was changed after it was written\n"
          + "\(ledger)/checkpoint:0: error: the Merkle root of the log is \(logRoot) but the "
          + "checkpoint records \(root)\n"
          + "error: verification failed: 2 problems in 3 events; restore the damaged file from "
          + "a copy you trust\n"
      )
    }
  }

  @Test func headPrintsTextOrJSONAtAnySize() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 4)
      let root = try Self.root(ledger)
      let root2 = try Self.root(ledger, size: 2)
      #expect(planledger("head", "--ledger", ledger) == ToolRun(output: "size 4\nroot \(root)\n"))
      #expect(
        planledger("head", "--ledger", ledger, "--format", "json")
          == ToolRun(output: #"{"root":"\#(root)","size":4}"# + "\n")
      )
      #expect(
        planledger("head", "--ledger", ledger, "--size", "2", "--format=json")
          == ToolRun(output: #"{"root":"\#(root2)","size":2}"# + "\n")
      )
      #expect(
        planledger("head", "--ledger", ledger, "--size", "0")
          == ToolRun(output: "size 0\nroot \(Self.emptyRoot)\n")
      )
    }
  }

  @Test func proveAndCheckProofAgree() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 5)
      let leaves = Self.leaves(ledger)
      let root = try Self.root(ledger)
      let inclusion = planledger("prove", "--ledger", ledger, "--seq", "3")
      let path = try MerkleTree.inclusionProof(index: 2, size: 5, in: leaves)
      #expect(
        inclusion
          == ToolRun(
            output: #"{"leaf_hash":"\#(leaves[2])","leaf_index":2,"path":["#
              + path.map { "\"\($0)\"" }.joined(separator: ",")
              + #"],"root":"\#(root)","tree_size":5}"# + "\n"
          )
      )
      let inclusionFile = directory + "/inclusion.json"
      try writeFile(inclusion.output, to: inclusionFile)
      #expect(
        planledger("check-proof", inclusionFile)
          == ToolRun(output: "ok: seq 3 is in the tree of size 5, root \(root)\n")
      )
      let lineFile = directory + "/line.jsonl"
      let export = planledger("export", "--ledger", ledger, "--from", "3", "--to", "3")
      try writeFile(export.output, to: lineFile)
      #expect(
        planledger("check-proof", inclusionFile, "--line", lineFile, "--root", root.hex).status
          == .success
      )

      let consistency = planledger("prove", "--ledger", ledger, "--consistency", "2", "--size", "5")
      let consistencyPath = try MerkleTree.consistencyProof(first: 2, second: 5, in: leaves)
      let root2 = try Self.root(ledger, size: 2)
      #expect(
        consistency
          == ToolRun(
            output: #"{"first":2,"first_root":"\#(root2)","path":["#
              + consistencyPath.map { "\"\($0)\"" }.joined(separator: ",")
              + #"],"second":5,"second_root":"\#(root)"}"# + "\n"
          )
      )
      let consistencyFile = directory + "/consistency.json"
      try writeFile(consistency.output, to: consistencyFile)
      #expect(
        planledger("check-proof", consistencyFile)
          == ToolRun(
            output: "ok: the tree of size 5 (root \(root)) extends the tree of size 2 "
              + "(root \(root2))\n"
          )
      )
    }
  }

  /// The byte offsets of the digits of `member`'s integer value in a proof's JSON.
  static func digits(of member: String, in proof: [UInt8]) -> [Int] {
    let key = Array("\"\(member)\":".utf8)
    guard
      let start = (0...(proof.count - key.count)).first(where: {
        proof[$0..<($0 + key.count)].elementsEqual(key)
      })
    else { return [] }
    let first = start + key.count
    return Array(first..<(proof[first...].firstIndex { !(0x30...0x39).contains($0) } ?? first))
  }

  @Test func checkProofFailsAfterAnyOneByteChangeToTheProofButASizeOfTheSameShape() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 6)
      let lineFile = directory + "/line.jsonl"
      try writeFile(
        planledger("export", "--ledger", ledger, "--from", "4", "--to", "4").output,
        to: lineFile
      )
      // The inclusion proof is checked with its event's line; --line goes with no other.
      let proofs = [
        (
          planledger("prove", "--ledger", ledger, "--seq", "4").output, ["tree_size"],
          ["--line", lineFile]
        ),
        (
          planledger("prove", "--ledger", ledger, "--consistency", "3").output,
          ["first", "second"],
          []
        ),
      ]
      let proofFile = directory + "/proof.json"
      for (proof, sizeMembers, line) in proofs {
        let bytes = Array(proof.utf8)
        try writeFile(bytes, to: proofFile)
        #expect(planledger(["check-proof", proofFile] + line).status == .success)
        let sizeDigits = Set(sizeMembers.flatMap { Self.digits(of: $0, in: bytes) })
        #expect(!sizeDigits.isEmpty)
        var stillChecking: [Int] = []
        for offset in bytes.indices {
          var changed = bytes
          changed[offset] ^= 0x01
          try writeFile(changed, to: proofFile)
          let run = planledger(["check-proof", proofFile] + line)
          if run.status == .success {
            stillChecking.append(offset)
            continue
          }
          // A proof that no longer parses is an integrity failure too (exit 1, not 2): the
          // file is the evidence being checked, not a command-line value.
          #expect(run.status == .integrityFailure, "byte \(offset)")
          #expect(run.output == "")
          #expect(run.errors.hasPrefix("error: "), "byte \(offset)")
          #expect(run.errors.split(separator: "\n").count == 1, "byte \(offset)")
        }
        // RFC 9162 checks a path against a tree head the verifier already trusts: a size
        // changed to one whose tree gives the leaf (or the old tree) the same path shape
        // checks against the unchanged root. Only such changes may pass.
        #expect(Set(stillChecking).isSubset(of: sizeDigits), "\(stillChecking)")
      }
      // A changed line fails its inclusion proof.
      try writeFile(Array(proofs[0].0.utf8), to: proofFile)
      var line = try fileBytes(lineFile)
      line[10] ^= 0x01
      try writeFile(line, to: lineFile)
      #expect(planledger("check-proof", proofFile, "--line", lineFile).status == .integrityFailure)
      // And a trusted root that is not the proof's.
      #expect(
        planledger("check-proof", proofFile, "--root", Self.emptyRoot)
          == ToolRun(
            errors: "error: the proof's root \(try Self.root(ledger)) is not the trusted "
              + "\(Self.emptyRoot)\n",
            status: .integrityFailure
          )
      )
    }
  }

  @Test func aProofWithASizeOfTheSameShapeChecksAgainstTheSameRoot() throws {
    try withTemporaryDirectory { directory in
      // Leaf 3 (seq 4) has a path of the same shape in the trees of 5 to 8 leaves: left at the
      // top, then right twice; in the tree of 9 its path is one longer.
      let ledger = Self.makeLedger(in: directory, count: 6)
      let proof = planledger("prove", "--ledger", ledger, "--seq", "4").output
      let proofFile = directory + "/proof.json"
      try writeFile(proof.replacing(#""tree_size":6"#, with: #""tree_size":7"#), to: proofFile)
      let root = try Self.root(ledger)
      #expect(
        planledger("check-proof", proofFile, "--root", root.hex)
          == ToolRun(output: "ok: seq 4 is in the tree of size 7, root \(root)\n")
      )
      try writeFile(proof.replacing(#""tree_size":6"#, with: #""tree_size":9"#), to: proofFile)
      #expect(planledger("check-proof", proofFile).status == .integrityFailure)
    }
  }

  /// A proof whose numbers cannot describe a tree, or a file that is no proof, says so and
  /// how to get one; --line with a consistency proof is a usage error.
  @Test func checkProofNamesWhatIsWrongWithAProof() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 6)
      let inclusion = planledger("prove", "--ledger", ledger, "--seq", "4").output
      let consistency = planledger("prove", "--ledger", ledger, "--consistency", "2").output
      let file = directory + "/proof.json"
      try writeFile(inclusion.replacing(#""leaf_index":3"#, with: #""leaf_index":-1"#), to: file)
      #expect(
        planledger("check-proof", file)
          == ToolRun(
            errors: "error: the proof's leaf_index -1 is not a leaf of a tree of size 6 "
              + "(leaf_index is seq - 1, from 0 to tree_size - 1); it does not check\n",
            status: .integrityFailure
          )
      )
      try writeFile(consistency.replacing(#""first":2"#, with: #""first":7"#), to: file)
      #expect(
        planledger("check-proof", file)
          == ToolRun(
            errors: "error: the proof's sizes 7 and 6 are not an earlier tree and a later one "
              + "(1 ≤ first ≤ second); it does not check\n",
            status: .integrityFailure
          )
      )
      try writeFile(consistency, to: file)
      let line = directory + "/line.jsonl"
      try writeFile(
        planledger("export", "--ledger", ledger, "--from", "2", "--to", "2").output,
        to: line
      )
      let misused = planledger("check-proof", file, "--line", line)
      #expect(misused.status == .usage)
      #expect(
        misused.errors.hasPrefix(
          "error: --line \"\(line)\" is not for a consistency proof (--line goes with an "
            + "inclusion proof; leave it out)\n"
        )
      )
      try writeFile(#"{"size":6}"#, to: file)
      #expect(
        planledger("check-proof", file)
          == ToolRun(
            errors: "error: \(file) is neither an inclusion nor a consistency proof; give the "
              + "JSON that 'planledger prove --seq N --format json' or 'planledger prove "
              + "--consistency N --format json' prints\n",
            status: .integrityFailure
          )
      )
    }
  }

  @Test func versionPrintsOnlyTheVersion() {
    #expect(planledger("--version") == ToolRun(output: "1.0.0\n"))
  }

  // MARK: Refusals

  /// A command that must fail: its arguments after the ledger, its status, and the first
  /// line it prints on standard error.
  struct Refusal: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: PlanLedgerCLI.ExitStatus
    let firstLine: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  /// `LEDGER` and `DIR` in arguments and messages stand for the ledger and its parent.
  static let refusals: [Refusal] = [
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "ann", "--type", "t", "--stream", ""],
      status: .usage,
      firstLine: #"error: --stream "" is not a name (it is empty)"#
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", " ", "--type", "t", "--stream", "s"],
      status: .usage,
      firstLine: #"error: --actor " " is not a name (it is empty)"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "t", "--stream", "s", "--id",
        "",
      ],
      status: .usage,
      firstLine: #"error: --id "" is not a name (it is empty)"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "t", "--stream", "s",
        "--data", String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
      ],
      status: .usage,
      firstLine: "error: --data \"" + String(repeating: "[", count: 60) + "…\" (130 characters) "
        + "is not valid JSON (arrays and objects nest deeper than 64 levels at byte 64)"
    ),
    Refusal(
      arguments: ["audit", "--ledger", "LEDGER", "--actor", "zz"],
      status: .refused,
      firstLine: #"error: unknown person "zz"; register them first with 'planledger register'"#
    ),
    Refusal(
      arguments: ["apend", "--ledger", "LEDGER"],
      status: .usage,
      firstLine: #"error: unknown subcommand "apend" (did you mean amend or append?)"#
    ),
    Refusal(
      arguments: ["--ledger", "LEDGER"],
      status: .usage,
      firstLine: #"error: unknown option "--ledger""#
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actr", "ann"],
      status: .usage,
      firstLine: #"error: unknown option "--actr" (did you mean --actor?)"#
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--type", "t", "--stream", "s"],
      status: .usage,
      firstLine: "error: missing --actor"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "ann", "--stream", "s"],
      status: .usage,
      firstLine: "error: missing --type"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "ann", "--type", "t"],
      status: .usage,
      firstLine: "error: missing --stream"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor"],
      status: .usage,
      firstLine: "error: --actor needs a value (to give one that starts with a dash, write "
        + "--actor=<id>)"
    ),
    // An option's name after an option that takes a value is not its value: the value is
    // missing, with the same words as at the end of the line.
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "--type", "t", "--stream", "s"],
      status: .usage,
      firstLine: "error: --actor needs a value (to give one that starts with a dash, write "
        + "--actor=<id>)"
    ),
    Refusal(
      arguments: ["append", "--type", "t", "--stream", "s", "--actor", "--ledger=LEDGER"],
      status: .usage,
      firstLine: "error: --actor needs a value (to give one that starts with a dash, write "
        + "--actor=<id>)"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "ann", "--stream", "-h"],
      status: .usage,
      firstLine: "error: --stream needs a value (to give one that starts with a dash, write "
        + "--stream=<stream>)"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "ann", "--stream", "--help"],
      status: .usage,
      firstLine: "error: --stream needs a value (to give one that starts with a dash, write "
        + "--stream=<stream>)"
    ),
    Refusal(
      arguments: ["audit", "--ledger", "LEDGER", "--actor", "--flagged"],
      status: .usage,
      firstLine: "error: --actor needs a value (to give one that starts with a dash, write "
        + "--actor=<id>)"
    ),
    Refusal(
      arguments: ["state", "--ledger", "LEDGER", "--as-of", "--format", "json"],
      status: .usage,
      firstLine: "error: --as-of needs a value (to give one that starts with a dash, write "
        + "--as-of=<date>)"
    ),
    Refusal(
      arguments: ["head", "--ledger", "--format", "json"],
      status: .usage,
      firstLine: "error: --ledger needs a value (to give one that starts with a dash, write "
        + "--ledger=<dir>)"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--actor", "a", "--actor", "b"],
      status: .usage,
      firstLine: "error: --actor is given more than once"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--effective", "2024-02-30",
      ],
      status: .usage,
      firstLine: #"error: --effective "2024-02-30" is not a date YYYY-MM-DD"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--effective", "1.3.2024",
      ],
      status: .usage,
      firstLine: #"error: --effective "1.3.2024" is not a date YYYY-MM-DD"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--data", #"{"a":"#,
      ],
      status: .usage,
      firstLine: #"error: --data "{"a":" is not valid JSON (input ends at byte 5 before the "#
        + "JSON value is complete)"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--data", "[1,2]",
      ],
      status: .usage,
      firstLine: #"error: --data "[1,2]" is not a JSON object"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--data", #"{"caseload":14.2}"#,
      ],
      status: .usage,
      firstLine: #"error: --data "{"caseload":14.2}" is not valid JSON (number at byte 12 "#
        + #"has a fraction; the log allows integers only (write quantities such as "14.2" "#
        + "as strings))"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--source", #"{"a":1,"a":2}"#,
      ],
      status: .usage,
      firstLine: #"error: --source "{"a":1,"a":2}" is not valid JSON (member "a" appears "#
        + "twice in one object (again at byte 7); give each member of an object a different "
        + "name)"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "t", "--stream", "s",
        "--expect-size", "two",
      ],
      status: .usage,
      firstLine: #"error: --expect-size "two" is not a whole number of at least 0"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note","text":"x"}"#, "--expect-size", "2",
      ],
      status: .refused,
      firstLine: "error: the ledger holds 3 events, not the 2 expected; read the ledger again "
        + "and retry"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "a", "--type", "Bad", "--stream", "s",
      ],
      status: .refused,
      firstLine: #"error: event 1 of the append is not valid: type "Bad" is not lower-case "#
        + #"dotted words such as "action.status_changed""#
    ),
    // The raw door goes through the domain: a plan event type, valid data, a registered
    // actor, the right stream, and the plan's rules.
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "test.event", "--stream", "s",
      ],
      status: .refused,
      firstLine: #"error: "test.event" is not a plan event type; see the event types in "#
        + "'planledger help append'"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "bob", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note","text":"x"}"#,
      ],
      status: .refused,
      firstLine: #"error: actor "bob" is not registered; register them first with "#
        + "'planledger register'"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "anne", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note","text":"x"}"#,
      ],
      status: .refused,
      firstLine: #"error: actor "anne" is not registered (did you mean ann?)"#
    ),
    Refusal(
      // Only the very first event of a ledger may register its own actor.
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "carl", "--type", "person.registered",
        "--stream", "person/carl", "--data", #"{"person":"carl","name":"Carl"}"#,
      ],
      status: .refused,
      firstLine: #"error: actor "carl" is not registered; register them first with "#
        + "'planledger register'"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "person.registered",
        "--stream", "person/ann", "--data", #"{"person":"ann","name":"Ann"}"#,
      ],
      status: .refused,
      firstLine: #"error: person "ann" already exists"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note"}"#,
      ],
      status: .refused,
      firstLine: #"error: fact.recorded: data has no "text""#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note","text":7}"#,
      ],
      status: .refused,
      firstLine: #"error: fact.recorded: data "text" must be a string"#
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "action.status_changed",
        "--stream", "action/1.1", "--data", #"{"action":"1.1","to":"amber"}"#,
      ],
      status: .refused,
      firstLine: #"error: action.status_changed: data "to" is "amber", not one of not_rated, "#
        + "on_track, at_risk, overdue, complete"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "action.status_changed",
        "--stream", "action/1.1", "--data", #"{"action":"1.1","to":"on_track"}"#,
      ],
      status: .refused,
      firstLine: "error: no plan has been created; create it first with 'planledger create-plan'"
    ),
    Refusal(
      arguments: [
        "append", "--ledger", "LEDGER", "--actor", "ann", "--type", "fact.recorded", "--stream",
        "facts", "--data", #"{"kind":"note","text":"x"}"#, "--effective", "2024-03-02",
      ],
      status: .refused,
      firstLine: "error: effective date 2024-03-02 is after today (2024-03-01); record it when "
        + "it happens"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/refused-batch.jsonl"],
      status: .refused,
      firstLine: #"error: event 2 of 2: "test.event" is not a plan event type; see the event "#
        + "types in 'planledger help append'"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/batch.jsonl", "--actor", "a"],
      status: .usage,
      firstLine: "error: --batch and --actor cannot be used together"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/bad-line.jsonl"],
      status: .usage,
      firstLine: "error: DIR/bad-line.jsonl:2: input ends at byte 15 before the JSON value is "
        + "complete"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/array-line.jsonl"],
      status: .usage,
      firstLine: "error: DIR/array-line.jsonl:1: the line is not a JSON object"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/seq-line.jsonl"],
      status: .usage,
      firstLine: #"error: DIR/seq-line.jsonl:3: "seq" is set by the ledger; leave it out"#
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/unknown-member.jsonl"],
      status: .usage,
      firstLine: #"error: DIR/unknown-member.jsonl:1: unknown member "note"; an event has id, "#
        + "type, stream, effective, actor, authority, source and data"
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/invalid-event.jsonl"],
      status: .refused,
      firstLine: #"error: event 2 of the append is not valid: "actor" is empty"#
    ),
    Refusal(
      arguments: ["append", "--ledger", "LEDGER", "--batch", "DIR/missing.jsonl"],
      status: .ioFailure,
      firstLine: #"error: cannot read "DIR/missing.jsonl": no such file or directory"#
    ),
    Refusal(
      arguments: ["export", "--ledger", "LEDGER", "--from", "3", "--to", "2"],
      status: .usage,
      firstLine: #"error: --to "2" is not at least --from"#
    ),
    Refusal(
      arguments: ["export", "--ledger", "LEDGER", "--from", "0"],
      status: .usage,
      firstLine: #"error: --from "0" is not a whole number of at least 1"#
    ),
    Refusal(
      arguments: ["export", "--ledger", "LEDGER", "--from", "4"],
      status: .refused,
      firstLine: "error: seq 4 is not in the ledger; choose a seq from 1 to 3"
    ),
    Refusal(
      arguments: ["head", "--ledger", "LEDGER", "--format", "xml"],
      status: .usage,
      firstLine: #"error: --format "xml" is not one of text, json"#
    ),
    Refusal(
      arguments: ["head", "--ledger", "LEDGER", "--size", "4"],
      status: .refused,
      firstLine: "error: tree size 4 is out of range; the ledger holds 3 events"
    ),
    Refusal(
      arguments: ["head", "--ledger", "LEDGER", "extra"],
      status: .usage,
      firstLine: #"error: unexpected argument "extra""#
    ),
    Refusal(
      arguments: ["head", "--ledger", "LEDGER", "--help=yes"],
      status: .usage,
      firstLine: "error: --help takes no value"
    ),
    Refusal(
      arguments: ["head", "--ledger", "DIR/nowhere"],
      status: .ioFailure,
      firstLine: #"error: "DIR/nowhere" is not a ledger (no checkpoint); create one with "#
        + "'planledger init' or choose another with --ledger"
    ),
    Refusal(
      arguments: ["init", "--ledger", "LEDGER"],
      status: .refused,
      firstLine: #"error: "LEDGER" already holds a ledger; choose another directory with "#
        + "--ledger"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "4"],
      status: .refused,
      firstLine: "error: seq 4 is not in the tree of size 3; choose a seq from 1 to 3"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "0"],
      status: .usage,
      firstLine: #"error: --seq "0" is not a whole number of at least 1"#
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "2", "--size", "1"],
      status: .refused,
      firstLine: "error: seq 2 is not in the tree of size 1; choose a seq from 1 to 1"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "1", "--size", "9"],
      status: .refused,
      firstLine: "error: tree size 9 is out of range; the ledger holds 3 events"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "1", "--consistency", "1"],
      status: .usage,
      firstLine: "error: --seq and --consistency cannot be used together"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER"],
      status: .usage,
      firstLine: "error: missing --seq or --consistency"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--consistency", "4"],
      status: .refused,
      firstLine: "error: earlier tree size 4 is out of range; choose a size from 1 to 3"
    ),
    Refusal(
      arguments: ["prove", "--ledger", "LEDGER", "--seq", "1", "--format", "text"],
      status: .usage,
      firstLine: #"error: --format "text" is not one of json"#
    ),
    Refusal(
      arguments: ["check-proof"],
      status: .usage,
      firstLine: "error: missing <file>"
    ),
    Refusal(
      arguments: ["check-proof", "DIR/missing.json"],
      status: .ioFailure,
      firstLine: #"error: cannot read "DIR/missing.json": no such file or directory"#
    ),
    Refusal(
      arguments: ["check-proof", "DIR/batch.jsonl", "--root", "abc"],
      status: .usage,
      firstLine: #"error: --root "abc" is not 64 hexadecimal digits"#
    ),
    Refusal(
      arguments: ["check-proof", "DIR/batch.jsonl"],
      status: .integrityFailure,
      firstLine: "error: DIR/batch.jsonl is neither an inclusion nor a consistency proof; give "
        + "the JSON that 'planledger prove --seq N --format json' or 'planledger prove "
        + "--consistency N --format json' prints"
    ),
    Refusal(
      arguments: ["check-proof", "DIR/bad-line.jsonl"],
      status: .integrityFailure,
      firstLine: "error: DIR/bad-line.jsonl is not a proof: unexpected characters after the "
        + "JSON value at byte 49; the input must hold exactly one value"
    ),
  ]

  @Test(arguments: refusals)
  func aRefusedCommandPrintsOneErrorAndLeavesTheLedgerAsItWas(refusal: Refusal) throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 3)
      try writeFile(
        #"{"type":"test.event","stream":"s","actor":"ann"}"# + "\n",
        to: directory + "/batch.jsonl"
      )
      try writeFile(
        #"{"type":"test.event","stream":"s","actor":"ann"}"# + "\n" + #"{"type":"test.e"#
          + "\n",
        to: directory + "/bad-line.jsonl"
      )
      try writeFile("[1]\n", to: directory + "/array-line.jsonl")
      try writeFile(
        String(repeating: #"{"type":"t","stream":"s","actor":"a"}"# + "\n", count: 2)
          + #"{"type":"t","stream":"s","actor":"a","seq":9}"# + "\n",
        to: directory + "/seq-line.jsonl"
      )
      try writeFile(
        #"{"type":"t","stream":"s","actor":"a","note":"x"}"# + "\n",
        to: directory + "/unknown-member.jsonl"
      )
      try writeFile(
        Self.factLine("x") + "\n" + #"{"type":"fact.recorded","stream":"facts","actor":""}"#
          + "\n",
        to: directory + "/invalid-event.jsonl"
      )
      try writeFile(
        Self.factLine("x") + "\n" + #"{"type":"test.event","stream":"s","actor":"ann"}"# + "\n",
        to: directory + "/refused-batch.jsonl"
      )
      /// `text` with `LEDGER` and `DIR` replaced by the paths of this run.
      func substitute(_ text: String) -> String {
        text.replacing("LEDGER", with: ledger).replacing("DIR", with: directory)
      }
      let before = try ledgerFiles(ledger)
      let run = planledger(refusal.arguments.map(substitute))
      #expect(run.status == refusal.status)
      #expect(run.output == "")
      let lines = run.errors.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first.map(String.init) == substitute(refusal.firstLine))
      #expect(lines.filter { $0.hasPrefix("error:") }.count == 1)
      if refusal.status == .usage {
        #expect(lines.last == "")
        #expect(lines.dropLast().last?.hasPrefix("Run 'planledger ") == true)
      }
      #expect(try ledgerFiles(ledger) == before)
    }
  }

  @Test func everyExitStatusIsTheDocumentedNumber() {
    #expect(PlanLedgerCLI.ExitStatus.success.rawValue == 0)
    #expect(PlanLedgerCLI.ExitStatus.integrityFailure.rawValue == 1)
    #expect(PlanLedgerCLI.ExitStatus.usage.rawValue == 2)
    #expect(PlanLedgerCLI.ExitStatus.refused.rawValue == 3)
    #expect(PlanLedgerCLI.ExitStatus.ioFailure.rawValue == 4)
  }

  @Test func aDamagedLedgerRefusesAppendsWithExitOneAfterSayingWhatRecoveryDid() throws {
    try withTemporaryDirectory { directory in
      let ledger = Self.makeLedger(in: directory, count: 3)
      let log = try fileBytes(ledger + "/0001.jsonl")
      try writeFile(Array(log.dropLast(10)), to: ledger + "/0001.jsonl")
      let run = planledger(
        "append",
        "--ledger",
        ledger,
        "--actor",
        "ann",
        "--type",
        "fact.recorded",
        "--stream",
        "facts",
        "--data",
        #"{"kind":"note","text":"x"}"#
      )
      #expect(run.status == .integrityFailure)
      let lines = run.errors.split(separator: "\n").map(String.init)
      let third = try #require(log.dropLast().lastIndex(of: UInt8(ascii: "\n"))) + 1
      let damage =
        "the checkpoint records 3 events but 0001.jsonl ends after 2: committed events are "
        + "missing; restore the log from a copy you trust"
      #expect(
        lines.dropLast() == [
          "warning: 0001.jsonl: \(log.count - 10 - third) bytes at byte \(third) after seq 2 "
            + "were not a committed event (a torn line or an interrupted append); moved to "
            + "quarantine/0001.jsonl@\(third)"
        ]
      )
      #expect(lines.last == "error: " + damage)
    }
  }
}
