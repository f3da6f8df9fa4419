import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// `Tests/IndependentVerifier/verify_ledger.py`, a checker written from RFC 8785, RFC 9162 and
/// the log format alone, must accept what `planledger` writes and proves, agree on the head,
/// and reject what a one-byte change spoils.
@Suite struct IndependentVerifierTests {
  /// The Python checker.
  static let script = URL(filePath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "IndependentVerifier/verify_ledger.py")

  /// A `python3` that runs, if there is one.
  static let python: URL? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
    .map { URL(filePath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

  /// What the checker printed and its exit status.
  struct Outcome: Equatable {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs the checker with `arguments`.
  static func check(_ arguments: String...) throws -> Outcome {
    let python = try #require(Self.python)
    let process = Process()
    process.executableURL = python
    process.arguments = [script.path] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read the pipes before waiting (the checker writes little to standard error, so
    // reading one after the other cannot block it).
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self)
    )
  }

  /// Appends plan events with content that exercises canonical form: non-ASCII text,
  /// escapes, control characters, names whose UTF-16 order differs from their code point
  /// order, nested objects, extreme integers; singly and as a batch written non-canonically.
  ///
  /// The domain fixes each type's `data` (and an `authority` is only ever `{"seq": N}`, a
  /// board decision), so the free-form content rides in the `text` of `fact.recorded`
  /// events and in the `source` object, which keeps any JSON object. The ledger holds 21
  /// events: "ann-ß" registers herself (seq 1), records three facts, then a batch registers
  /// "bob", who records 16 facts.
  static func makeVariedLedger(in directory: String) throws -> String {
    let ledger = directory + "/ledger"
    #expect(planledger("init", "--ledger", ledger).status == .success)
    let singles: [(type: String, stream: String, data: String, source: String)] = [
      (
        "person.registered", "person/ann-ß",
        #"{"person":"ann-ß","name":"Größe – “quoted” \"q\" \\ /"}"#,
        #"{"n":-9007199254740991,"document":"Board minutes – März","locator":"§ 4"}"#
      ),
      (
        "fact.recorded", "facts",
        #"{"kind":"note","text":"\uE000 private use, 😀 emoji sorts first in UTF-16"}"#,
        #"{"\uE000":"private use","😀":"emoji sorts first in UTF-16","a":[]}"#
      ),
      (
        "fact.recorded", "facts",
        #"{"kind":"figure","text":"ctl \u0001\u001f\t\n\r\b\f del \u007f ls \u2028 esc \u00e9"}"#,
        #"{"ctl":"\u0001\u001f\t\n\r\b\f","del":"\u007f","ls":"\u2028","esc":"\u00e9"}"#
      ),
      (
        "fact.recorded", "facts",
        #"{"text":"nested source","kind":"note"}"#,
        #"{"nested":{"deep":[1,[2,[3,{"x":null}]]],"flag":true,"off":false},"#
          + #""big":9007199254740991}"#
      ),
    ]
    for (number, single) in singles.enumerated() {
      let run = planledger(
        "append",
        "--ledger",
        ledger,
        "--actor",
        "ann-ß",
        "--type",
        single.type,
        "--stream",
        single.stream,
        "--data",
        single.data,
        "--source",
        single.source,
        "--id",
        "single-\(number)"
      )
      #expect(run.status == .success, "\(run.errors)")
    }
    let batch = directory + "/batch.jsonl"
    var lines = [
      #"{ "type" : "person.registered", "stream":"person/bob", "actor":"ann-ß", "#
        + #""data": {"person":"bob", "name":"B\u00f6b \ud83d\ude00"}}"#
    ]
    for number in 2...17 {
      lines.append(
        #"{ "stream" : "facts", "type":"fact.recorded", "actor":"bob", "#
          + #""data": {"text":"\u00e9\ud83d\ude00 \#(number)", "kind":"note"}, "#
          + #""source": {"z":\#(number), "a":"\u00e9", "m":{"b":[true, null]}}, "#
          + #""effective":"2019-0\#(number % 9 + 1)-15"}"#
      )
    }
    try writeFile(lines.joined(separator: "\n") + "\n", to: batch)
    let run = planledger("append", "--ledger", ledger, "--batch", batch)
    #expect(run.status == .success, "\(run.errors)")
    return ledger
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func thePythonCheckerAcceptsTheExportAndAgreesOnTheHead() throws {
    try withTemporaryDirectory { directory in
      let ledger = try Self.makeVariedLedger(in: directory)
      let exportFile = directory + "/export.jsonl"
      let export = planledger("export", "--ledger", ledger)
      #expect(export.status == .success)
      try writeFile(export.output, to: exportFile)
      let head = planledger("head", "--ledger", ledger, "--format", "json")
      #expect(head.status == .success)
      #expect(
        try Self.check("export", exportFile) == Outcome(status: 0, output: head.output, errors: "")
      )
    }
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func thePythonCheckerAcceptsEveryInclusionAndConsistencyProof() throws {
    try withTemporaryDirectory { directory in
      let ledger = try Self.makeVariedLedger(in: directory)
      let size = 21
      for seq in 1...size {
        let proofFile = directory + "/inclusion-\(seq).json"
        let lineFile = directory + "/line-\(seq).jsonl"
        try writeFile(
          planledger("prove", "--ledger", ledger, "--seq", "\(seq)").output,
          to: proofFile
        )
        try writeFile(
          planledger("export", "--ledger", ledger, "--from", "\(seq)", "--to", "\(seq)").output,
          to: lineFile
        )
        let outcome = try Self.check("inclusion", proofFile, lineFile)
        #expect(outcome.status == 0, "seq \(seq): \(outcome.errors)")
      }
      let pairs = [
        (1, 21), (2, 21), (3, 21), (4, 21), (7, 21), (8, 21), (16, 21), (20, 21),
        (21, 21), (1, 2), (3, 5), (5, 8), (6, 13), (9, 16),
      ]
      for (first, second) in pairs {
        let proofFile = directory + "/consistency-\(first)-\(second).json"
        let proof = planledger(
          "prove",
          "--ledger",
          ledger,
          "--consistency",
          "\(first)",
          "--size",
          "\(second)"
        )
        try writeFile(proof.output, to: proofFile)
        let outcome = try Self.check("consistency", proofFile)
        #expect(outcome.status == 0, "\(first) → \(second): \(outcome.errors)")
      }
    }
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func thePythonCheckerRejectsAOneByteChange() throws {
    try withTemporaryDirectory { directory in
      let ledger = try Self.makeVariedLedger(in: directory)
      let export = Array(planledger("export", "--ledger", ledger).output.utf8)
      let lineStarts =
        [0] + export.indices.filter { export[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
      let changedFile = directory + "/changed"
      /// Writes `bytes` with byte `offset` changed to `byte` (or flipped in its lowest bit).
      func change(_ bytes: [UInt8], at offset: Int, to byte: UInt8? = nil) throws {
        var changed = bytes
        changed[offset] = byte ?? changed[offset] ^ 0x01
        try writeFile(changed, to: changedFile)
      }
      // The export: a byte inside lines 1, 3 and 12 (each named by the next line's prev), a
      // seq digit, a member name, a newline turned into a space, and whitespace added.
      for offset in [
        lineStarts[0] + 20, lineStarts[2] + 45, lineStarts[11] + 60, lineStarts[5] - 1,
      ] {
        try change(export, at: offset)
        #expect(try Self.check("export", changedFile).status == 1, "export byte \(offset)")
      }
      try change(export, at: lineStarts[4] - 1, to: UInt8(ascii: " "))
      #expect(try Self.check("export", changedFile).status == 1)
      try change(export, at: lineStarts[6] + 2, to: UInt8(ascii: "b"))  // "actor" → "bctor"
      #expect(try Self.check("export", changedFile).status == 1)
      // The last line has no later prev to name it: the changed export still chains, but its
      // head is not the ledger's.
      let head = planledger("head", "--ledger", ledger, "--format", "json").output
      try change(export, at: lineStarts[20] + 11)  // "bob" → "bnb"
      let lastChanged = try Self.check("export", changedFile)
      #expect(lastChanged.status == 0)
      #expect(lastChanged.output != head)

      // An inclusion proof, its line, and a consistency proof.
      let proof = Array(planledger("prove", "--ledger", ledger, "--seq", "6").output.utf8)
      let line = Array(
        planledger("export", "--ledger", ledger, "--from", "6", "--to", "6").output.utf8
      )
      let lineFile = directory + "/line.jsonl"
      let proofFile = directory + "/proof.json"
      try writeFile(line, to: lineFile)
      try writeFile(proof, to: proofFile)
      #expect(try Self.check("inclusion", proofFile, lineFile).status == 0)
      for offset in Self.offsets(in: proof, after: ["leaf_hash", "leaf_index", "path", "root"])
        + [0, proof.count - 1]
      {
        try change(proof, at: offset)
        #expect(
          try Self.check("inclusion", changedFile, lineFile).status == 1,
          "proof byte \(offset)"
        )
      }
      for offset in [0, 17, line.count / 2, line.count - 2] {
        try change(line, at: offset)
        #expect(
          try Self.check("inclusion", proofFile, changedFile).status == 1,
          "line byte \(offset)"
        )
      }
      let consistency = Array(
        planledger("prove", "--ledger", ledger, "--consistency", "6", "--size", "19").output.utf8
      )
      try writeFile(consistency, to: proofFile)
      #expect(try Self.check("consistency", proofFile).status == 0)
      for offset in Self.offsets(
        in: consistency,
        after: ["first", "first_root", "path", "second_root"]
      )
        + [0, consistency.count - 1]
      {
        try change(consistency, at: offset)
        #expect(
          try Self.check("consistency", changedFile).status == 1,
          "consistency byte \(offset)"
        )
      }
    }
  }

  /// For each member, an offset inside its value: a hex digit of a hash (of the first hash
  /// of a path), or the first digit of a number.
  static func offsets(in proof: [UInt8], after members: [String]) -> [Int] {
    members.compactMap { member in
      let key = Array("\"\(member)\":".utf8)
      guard
        let start = (0...(proof.count - key.count)).first(where: {
          proof[$0..<($0 + key.count)].elementsEqual(key)
        })
      else { return nil }
      let value = start + key.count
      return (0x30...0x39).contains(proof[value]) ? value : value + 3
    }
  }
}
